using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace FlowGen.Bench.Runner;

/// <summary>The command line of the runner (bench/run.sh passes it on).</summary>
internal sealed class RunnerOptions
{
    public required string Repo { get; init; }

    public bool Quick { get; init; }

    /// <summary>Seconds of each measured wrk run.</summary>
    public int Duration { get; init; }

    /// <summary>Seconds of load each app gets on each scenario before anything is measured.</summary>
    public int Warmup { get; init; }

    /// <summary>Measured rounds; every app runs every scenario once per round, so each round gives one pair.</summary>
    public int Rounds { get; init; }

    public int Connections { get; init; }

    /// <summary>Fresh starts per app for the start-to-first-answer time.</summary>
    public int Starts { get; init; }

    public IReadOnlyList<string> Only { get; init; } = Array.Empty<string>();

    public required string Out { get; init; }

    /// <summary>The CPU wrk (and the upstream) are pinned to.</summary>
    public string WrkCpu { get; init; } = "0";

    /// <summary>When set, the server under load is pinned to this CPU (default: not pinned).</summary>
    public string? ServerCpu { get; init; }

    /// <summary>How bench/run.sh was called, for the report.</summary>
    public string Command { get; init; } = "bench/run.sh";

    public string Cache => Path.Combine(Repo, "bench", ".cache");

    public string Publish => Path.Combine(Cache, "publish");

    public string Results => Path.Combine(Cache, "results");

    public string NodeRed => Path.Combine(Cache, "node-red");

    public long ClockTicksPerSecond { get; init; } = 100;

    public static RunnerOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var flags = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (arg is "--quick") flags.Add(arg);
            else if (arg.StartsWith("--", StringComparison.Ordinal) && i + 1 < args.Length) values[arg] = args[++i];
            else throw new ArgumentException("unknown argument " + arg);
        }
        var quick = flags.Contains("--quick");
        int Int(string name, int full, int fast) => values.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : quick ? fast : full;
        var repo = Path.GetFullPath(values.GetValueOrDefault("--repo") ?? throw new ArgumentException("--repo is required"));
        return new RunnerOptions
        {
            Repo = repo,
            Quick = quick,
            Duration = Int("--duration", 10, 3),
            Warmup = Int("--warmup", 5, 2),
            Rounds = Int("--rounds", 5, 2),
            Connections = Int("--connections", 32, 32),
            Starts = Int("--starts", 10, 3),
            Only = values.TryGetValue("--only", out var only) ? only.Split(',', StringSplitOptions.RemoveEmptyEntries) : Array.Empty<string>(),
            Out = Path.GetFullPath(values.GetValueOrDefault("--out")
                ?? (quick ? Path.Combine(repo, "bench", ".cache", "results", "benchmarks-quick.md") : Path.Combine(repo, "docs", "benchmarks.md"))),
            WrkCpu = values.GetValueOrDefault("--wrk-cpu") ?? "0",
            ServerCpu = values.GetValueOrDefault("--server-cpu"),
            Command = values.GetValueOrDefault("--command") ?? "bench/run.sh" + (quick ? " --quick" : ""),
            ClockTicksPerSecond = values.TryGetValue("--clk-tck", out var tck) ? long.Parse(tck, CultureInfo.InvariantCulture) : 100,
        };
    }
}
