using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using FlowGen.Bench.HandWritten;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace FlowGen.Bench.Delegates;

/// <summary>
/// What every benchmark case shares: the scenarios of bench/scenarios.json and the upstream of the http request
/// scenario, the published bare Kestrel (another process, so its allocations are not counted).
/// </summary>
internal static class Setup
{
    private static Process? _upstream;

    public static string Repo { get; } = FindRepo();

    public static string UpstreamBinary => Path.Combine(Repo, "bench", ".cache", "publish", "bare-aot", "FlowGen.Bench.Bare");

    /// <summary>The scenarios; the http request one only when the upstream is published.</summary>
    public static IReadOnlyList<BenchScenario> Scenarios { get; } = BenchScenarios.Load(Path.Combine(Repo, "bench", "scenarios.json"))
        .Where(s => s.UpstreamPath is null || File.Exists(UpstreamBinary))
        .ToList();

    public static string UpstreamUrl { get; private set; } = "http://127.0.0.1:1";

    /// <summary>The app an endpoint is mapped on (not started: only its services and endpoints are used).</summary>
    public static WebApplication App()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddHandWritten(new Uri(UpstreamUrl));
        return builder.Build();
    }

    /// <summary>Starts the upstream on a free port; the flows read its address from UPSTREAM, as in the load test.</summary>
    public static void StartUpstream()
    {
        if (!File.Exists(UpstreamBinary))
        {
            Console.WriteLine($"{UpstreamBinary} is not published (bench/run.sh does it): the http request scenario is left out.");
            return;
        }
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        UpstreamUrl = "http://127.0.0.1:" + port;
        Environment.SetEnvironmentVariable("UPSTREAM", UpstreamUrl);
        _upstream = Process.Start(new ProcessStartInfo(UpstreamBinary) { ArgumentList = { "upstream", UpstreamUrl } })
            ?? throw new InvalidOperationException("could not start the upstream");
        for (var i = 0; i < 5000; i++)
        {
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(2);
            }
        }
        throw new InvalidOperationException("the upstream did not start");
    }

    public static void StopUpstream()
    {
        if (_upstream is null || _upstream.HasExited) return;
        _upstream.Kill();
        _upstream.WaitForExit();
    }

    private static string FindRepo()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "bench", "scenarios.json"))) return directory.FullName;
        }
        throw new InvalidOperationException("bench/scenarios.json not found above " + AppContext.BaseDirectory);
    }
}
