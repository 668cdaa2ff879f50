using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;

namespace FlowGen.Bench.Runner;

internal enum AppKind
{
    FlowGen,
    HandWritten,
    Limit,
    NodeRed,
    Hello,
    Upstream,
}

/// <summary>One server the benchmark starts: how to run it, where it answers first, what its size is.</summary>
internal sealed record AppSpec(
    string Key,
    string Label,
    AppKind Kind,
    string Mode,
    string FileName,
    string[] Arguments,
    string WorkingDirectory,
    IReadOnlyDictionary<string, string> Environment,
    BenchRequest Probe,
    long SizeBytes,
    string SizeNote)
{
    public bool IsDotNet => Kind != AppKind.NodeRed;
}

/// <summary>A started server: its process (the server itself, not a wrapper, so /proc reads are its own) and port.</summary>
internal sealed class RunningApp : IDisposable
{
    private static readonly List<RunningApp> Started = new();

    private RunningApp(AppSpec spec, int port, Process process)
    {
        Spec = spec;
        Port = port;
        Process = process;
    }

    public AppSpec Spec { get; }

    public int Port { get; }

    public Process Process { get; }

    public string Url => "http://127.0.0.1:" + Port;

    /// <summary>
    /// Starts the app on a free port with its output in a log file. /bin/sh execs the server (through taskset when
    /// pinned), so the process started is the server.
    /// </summary>
    public static RunningApp Launch(AppSpec spec, string logDirectory, string? cpus)
    {
        var port = FreePort();
        var command = string.Join(' ', new[] { spec.FileName }.Concat(spec.Arguments).Select(a => Quote(a.Replace("{port}", port.ToString(), StringComparison.Ordinal))));
        if (cpus is not null) command = "taskset -c " + cpus + " " + command;
        var log = Path.Combine(logDirectory, spec.Key + ".log");
        var start = new ProcessStartInfo("/bin/sh")
        {
            ArgumentList = { "-c", "exec " + command + " >>" + Quote(log) + " 2>&1" },
            WorkingDirectory = spec.WorkingDirectory,
            UseShellExecute = false,
        };
        foreach (var (name, value) in spec.Environment) start.Environment[name] = value.Replace("{port}", port.ToString(), StringComparison.Ordinal);
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + spec.Label);
        var app = new RunningApp(spec, port, process);
        lock (Started) Started.Add(app);
        return app;
    }

    /// <summary>Waits for the first 200 answer to the app's probe request; the time since the process started.</summary>
    public TimeSpan WaitForFirstAnswer(Stopwatch sinceStart, TimeSpan limit)
    {
        while (sinceStart.Elapsed < limit)
        {
            if (Process.HasExited) throw new InvalidOperationException($"{Spec.Label} exited with {Process.ExitCode} while starting (see its log)");
            try
            {
                var answer = RawHttp.Send(Port, Spec.Probe, TimeSpan.FromSeconds(30));
                if (answer.Status == 200) return sinceStart.Elapsed;
            }
            catch (SocketException)
            {
                // Not listening yet.
            }
            catch (IOException)
            {
                // Listening, but closed the connection while starting.
            }
            Thread.Sleep(1);
        }
        throw new TimeoutException($"{Spec.Label} did not answer {Spec.Probe.Path} within {limit.TotalSeconds} s");
    }

    private bool _disposed;

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        try
        {
            if (!Process.HasExited)
            {
                Process.Kill();
                Process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        Process.Dispose();
        lock (Started) Started.Remove(this);
    }

    /// <summary>Stops every app still running (on failure or Ctrl-C): each by its own process id.</summary>
    public static void StopAll()
    {
        RunningApp[] all;
        lock (Started) all = Started.ToArray();
        foreach (var app in all) app.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static string Quote(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
