using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text.RegularExpressions;
using System.Threading;

namespace FlowGen.Bench.Runner;

/// <summary>One wrk run against one app, with what the server used meanwhile.</summary>
internal sealed record LoadResult(
    double RequestsPerSecond,
    long Requests,
    double P50Ms,
    double P99Ms,
    long PeakRssKb,
    double CpuMicrosPerRequest);

/// <summary>Runs wrk (one thread, pinned to a core) and reads the server's memory and CPU time from /proc meanwhile.</summary>
internal sealed partial class Load
{
    private readonly RunnerOptions _options;
    private readonly string _scripts;

    public Load(RunnerOptions options)
    {
        _options = options;
        _scripts = Path.Combine(options.Results, "wrk");
        Directory.CreateDirectory(_scripts);
    }

    /// <summary>The wrk command line: one thread pinned to the load generator's CPU.</summary>
    private string CommandLine(int seconds, string url, string? script) =>
        $"taskset -c {_options.WrkCpu} wrk -t1 -c{_options.Connections} -d{seconds}s --latency --timeout 10s{(script is null ? "" : " -s " + script)} {url}";

    public LoadResult Run(RunningApp app, BenchRequest request, int seconds, string name)
    {
        var script = Script(request, name);
        var url = app.Url + request.Path;
        var command = CommandLine(seconds, RunningApp.Quote(url), script is null ? null : RunningApp.Quote(script));
        var cpuBefore = CpuTicks(app.Process.Id);
        using var sampler = new RssSampler(app.Process.Id);
        var start = new ProcessStartInfo("/bin/sh") { ArgumentList = { "-c", command }, RedirectStandardOutput = true, RedirectStandardError = true };
        using var wrk = Process.Start(start) ?? throw new InvalidOperationException("could not start wrk");
        var stderr = wrk.StandardError.ReadToEndAsync();
        var output = wrk.StandardOutput.ReadToEnd();
        wrk.WaitForExit();
        var peak = sampler.Stop();
        var cpu = CpuTicks(app.Process.Id) - cpuBefore;
        if (wrk.ExitCode != 0) throw new InvalidOperationException($"wrk failed ({wrk.ExitCode}): {output}{stderr.Result}");
        if (app.Process.HasExited) throw new InvalidOperationException($"{app.Spec.Label} exited during the load (see its log)");

        var requests = long.Parse(Match(RequestsLine(), output, name).Groups[1].Value, CultureInfo.InvariantCulture);
        var errors = SocketErrors().Match(output);
        var non2xx = Non2xx().Match(output);
        if (errors.Success || non2xx.Success)
        {
            throw new InvalidOperationException($"wrk saw errors against {app.Spec.Label} ({name}), the run is not valid:\n{output}");
        }
        return new LoadResult(
            double.Parse(Match(RequestsPerSecond(), output, name).Groups[1].Value, CultureInfo.InvariantCulture),
            requests,
            Latency(output, "50%", name),
            Latency(output, "99%", name),
            peak,
            cpu * 1_000_000.0 / _options.ClockTicksPerSecond / Math.Max(1, requests));
    }

    /// <summary>A Lua script for requests wrk cannot express on its command line (a method, a body, a header).</summary>
    private string? Script(BenchRequest request, string name)
    {
        if (request.Method == "GET" && request.Body is null && request.ContentType is null) return null;
        var path = Path.Combine(_scripts, name + ".lua");
        using var writer = new StreamWriter(path);
        writer.WriteLine($"wrk.method = \"{request.Method}\"");
        if (request.Body is not null) writer.WriteLine($"wrk.body = [==[{request.Body}]==]");
        if (request.ContentType is not null) writer.WriteLine($"wrk.headers[\"Content-Type\"] = \"{request.ContentType}\"");
        return path;
    }

    private static double Latency(string output, string percentile, string name)
    {
        var match = new Regex(@"^\s+" + Regex.Escape(percentile) + @"\s+([\d.]+)(us|ms|s)\s*$", RegexOptions.Multiline).Match(output);
        if (!match.Success) throw new InvalidOperationException($"no {percentile} latency in wrk's output for {name}:\n{output}");
        var value = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return match.Groups[2].Value switch { "us" => value / 1000, "ms" => value, _ => value * 1000 };
    }

    private static Match Match(Regex regex, string output, string name)
    {
        var match = regex.Match(output);
        return match.Success ? match : throw new InvalidOperationException($"unexpected wrk output for {name}:\n{output}");
    }

    /// <summary>User plus system CPU time of a process, in clock ticks (/proc/pid/stat fields 14 and 15).</summary>
    public static long CpuTicks(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
    }

    /// <summary>Resident memory of a process now, in KiB (VmRSS).</summary>
    public static long RssKb(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            }
        }
        return 0;
    }

    [GeneratedRegex(@"^Requests/sec:\s+([\d.]+)", RegexOptions.Multiline)]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"^\s*(\d+) requests in", RegexOptions.Multiline)]
    private static partial Regex RequestsLine();

    [GeneratedRegex(@"Socket errors:.*", RegexOptions.Multiline)]
    private static partial Regex SocketErrors();

    [GeneratedRegex(@"Non-2xx or 3xx responses: (\d+)", RegexOptions.Multiline)]
    private static partial Regex Non2xx();

    /// <summary>Samples a process's resident memory every 100 ms and keeps the highest value.</summary>
    private sealed class RssSampler : IDisposable
    {
        private readonly int _pid;
        private readonly Thread _thread;
        private volatile bool _stop;
        private long _peak;

        public RssSampler(int pid)
        {
            _pid = pid;
            _peak = RssKb(pid);
            _thread = new Thread(Sample) { IsBackground = true, Name = "rss sampler" };
            _thread.Start();
        }

        private void Sample()
        {
            while (!_stop)
            {
                Thread.Sleep(100);
                try
                {
                    _peak = Math.Max(_peak, RssKb(_pid));
                }
                catch (IOException)
                {
                    return;
                }
            }
        }

        public long Stop()
        {
            _stop = true;
            _thread.Join();
            return Math.Max(_peak, RssKb(_pid));
        }

        public void Dispose()
        {
            _stop = true;
        }
    }
}
