using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace FlowGen.Bench.Runner;

/// <summary>
/// The measurements and the markdown made of them. Into docs/benchmarks.md it writes only between the
/// <c>bench:results</c> markers, so the text around the numbers stays as written.
/// </summary>
internal sealed class Report(RunnerOptions options, IReadOnlyList<BenchScenario> scenarios)
{
    public const string Begin = "<!-- bench:results:begin -->";
    public const string End = "<!-- bench:results:end -->";

    private readonly Dictionary<(string App, string Scenario), SortedDictionary<int, LoadResult>> _results = new();

    public List<AppSpec> Apps { get; } = new();

    public AppSpec? Hello { get; set; }

    public Dictionary<string, List<double>> Starts { get; } = new();

    public string LoadBefore { get; set; } = "";

    public string LoadAfter { get; set; } = "";

    public TimeSpan Elapsed { get; set; }

    private readonly Dictionary<(string App, string Scenario), long> _isolatedRss = new();

    /// <summary>Peak RSS of a fresh process that served only this scenario.</summary>
    public void AddMemory(string app, string scenario, long peakRssKb) => _isolatedRss[(app, scenario)] = peakRssKb;

    public void Add(string app, string scenario, int round, LoadResult result)
    {
        if (!_results.TryGetValue((app, scenario), out var rounds)) _results[(app, scenario)] = rounds = new();
        rounds[round] = result;
    }

    public void Write()
    {
        var text = Render();
        Directory.CreateDirectory(Path.GetDirectoryName(options.Out)!);
        var existing = File.Exists(options.Out) ? File.ReadAllText(options.Out) : "";
        var begin = existing.IndexOf(Begin, StringComparison.Ordinal);
        var end = existing.IndexOf(End, StringComparison.Ordinal);
        File.WriteAllText(options.Out, begin >= 0 && end > begin
            ? existing[..begin] + text + existing[(end + End.Length)..]
            : text + "\n");
    }

    private string Render()
    {
        var md = new StringBuilder();
        md.AppendLine(Begin);
        var date = DateTime.UtcNow.ToString("d MMMM yyyy, HH:mm 'UTC'", CultureInfo.InvariantCulture);
        md.AppendLine(options.Quick
            ? $"## Results of a quick run, {date} (short runs for development: not for comparison)"
            : $"## Results, {date}");
        md.AppendLine();
        md.AppendLine($"- Machine: {Machine.Description()}.");
        md.AppendLine($"- Software: .NET {Environment.Version} for the JIT apps, .NET 9 Native AOT for the AOT apps, {Find(Specs.NodeRed)?.Label} on Node.js {Machine.Command("node", "--version").TrimStart('v')}, {Machine.Command("wrk", "--version").Split(" Copyright")[0]}.");
        md.AppendLine($"- Command: `{options.Command}`, {Elapsed.TotalMinutes:0} minutes. {options.Rounds} rounds; in each, every app runs every scenario for {options.Duration} s, in an order that rotates; before them {options.Warmup} s of warm-up per app and scenario.");
        md.AppendLine($"- Load: `taskset -c {options.WrkCpu} wrk -t1 -c{options.Connections} --latency` on 127.0.0.1 (one load thread on CPU {options.WrkCpu}, {options.Connections} connections); "
            + (options.ServerCpu is null ? "the servers are not pinned; the upstream of the http request scenario runs on the load generator's CPU." : $"the server under load is pinned to CPU {options.ServerCpu}; the upstream to CPU {options.WrkCpu}."));
        md.AppendLine($"- Load average (1, 5, 15 min) before: {LoadBefore}, after: {LoadAfter}. Other work on the machine lowers every number; the ratios come from runs made side by side.");
        md.AppendLine();

        RenderTargets(md);
        RenderScenarios(md);
        RenderRatios(md);
        RenderStarts(md);
        RenderIsolatedMemory(md);
        RenderAllocations(md);
        RenderBuildCost(md);
        md.AppendLine(End);
        return md.ToString();
    }

    private void RenderTargets(StringBuilder md)
    {
        md.AppendLine("### Targets");
        md.AppendLine();
        md.AppendLine("Each cell: the median of the per-round ratios, and whether the target is met.");
        md.AppendLine();
        md.AppendLine("| target | " + string.Join(" | ", scenarios.Select(s => s.Name)) + " |");
        md.AppendLine("|---|" + string.Concat(scenarios.Select(_ => "---:|")));
        void Row(string title, string app, string other, double target)
        {
            var cells = scenarios.Select(s => Ratio(app, other, s.Name) is { } r ? $"{r.Median:0.00}× {(r.Median >= target ? "met" : "**missed**")}" : "n/a");
            md.AppendLine($"| {title} | {string.Join(" | ", cells)} |");
        }
        Row("FlowGen JIT ≥ 0.95× limit JIT", Specs.FlowGenJit, Specs.LimitJit, 0.95);
        Row("FlowGen AOT ≥ 0.95× limit AOT", Specs.FlowGenAot, Specs.LimitAot, 0.95);
        Row("FlowGen JIT ≥ 0.97× hand-written JIT", Specs.FlowGenJit, Specs.HandWrittenJit, 0.97);
        Row("FlowGen AOT ≥ 0.97× hand-written AOT", Specs.FlowGenAot, Specs.HandWrittenAot, 0.97);
        Row("FlowGen JIT ≥ 6× Node-RED", Specs.FlowGenJit, Specs.NodeRed, 6);
        Row("FlowGen AOT ≥ 6× Node-RED", Specs.FlowGenAot, Specs.NodeRed, 6);
        var allocations = Allocations();
        if (allocations.Count > 0)
        {
            var cells = scenarios.Select(s => allocations.TryGetValue(s.Name, out var a)
                ? $"{a.FlowGen:0} B vs {a.HandWritten:0} B {(a.FlowGen <= a.HandWritten ? "met" : "**missed**")}"
                : "n/a");
            md.AppendLine($"| allocations per request: FlowGen ≤ hand-written | {string.Join(" | ", cells)} |");
        }
        md.AppendLine();

        if (Hello is not null && Starts.TryGetValue(Specs.FlowGenAot, out var flowStarts) && Starts.TryGetValue(Specs.HelloAot, out var helloStarts))
        {
            var start = Median(flowStarts) / Median(helloStarts);
            md.AppendLine($"- FlowGen AOT start to first answer ≤ 1.2× the AOT hello world: {Median(flowStarts):0.0} ms vs {Median(helloStarts):0.0} ms = {start:0.00}× {(start <= 1.2 ? "met" : "**missed**")}.");
        }
        if (_isolatedRss.TryGetValue((Specs.HelloAot, "hello"), out var helloRss))
        {
            var cells = scenarios.Select(s => _isolatedRss.TryGetValue((Specs.FlowGenAot, s.Name), out var rss)
                ? $"{s.Name} {rss / 1024.0:0.0} MB = {(double)rss / helloRss:0.00}× {((double)rss / helloRss <= 1.5 ? "met" : "**missed**")}"
                : $"{s.Name} n/a");
            md.AppendLine($"- FlowGen AOT RSS under load ≤ 1.5× the AOT hello world under load ({helloRss / 1024.0:0.0} MB), each in a fresh process serving one scenario: {string.Join("; ", cells)}.");
        }
        md.AppendLine();
    }

    private void RenderScenarios(StringBuilder md)
    {
        md.AppendLine("### Throughput, latency, CPU and memory under load");
        md.AppendLine();
        md.AppendLine("req/s: median of the rounds (lowest–highest); p50 and p99 latency: medians of the rounds; CPU: the server's user + system time per request (median); RSS: the highest resident memory sampled during the scenario's runs.");
        md.AppendLine();
        foreach (var scenario in scenarios)
        {
            var request = scenario.Request;
            md.AppendLine($"#### {scenario.Name}: {scenario.Title}");
            md.AppendLine();
            md.AppendLine($"`{request.Method} {request.Path}`{(request.Body is null ? "" : $" with a {request.Body.Length}-byte {request.ContentType} body")}, flow `{scenario.Flow}`, answer {scenario.Expect.Status} with {scenario.Expect.Body.Length} bytes.");
            md.AppendLine();
            md.AppendLine("| app | req/s | lowest–highest | p50 ms | p99 ms | CPU µs/req | RSS MB |");
            md.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
            foreach (var app in Apps)
            {
                if (Results(app.Key, scenario.Name) is not { Count: > 0 } runs) continue;
                md.AppendLine($"| {app.Label} | {Median(runs.Select(r => r.RequestsPerSecond)):0} | {runs.Min(r => r.RequestsPerSecond):0}–{runs.Max(r => r.RequestsPerSecond):0} | {Median(runs.Select(r => r.P50Ms)):0.00} | {Median(runs.Select(r => r.P99Ms)):0.00} | {Median(runs.Select(r => r.CpuMicrosPerRequest)):0.0} | {runs.Max(r => r.PeakRssKb) / 1024.0:0.0} |");
            }
            md.AppendLine();
        }
        foreach (var (key, label) in new[] { ("hello", "hello world AOT (`GET /`, the baseline of the AOT targets)"), ("upstream", "the upstream alone (`GET " + scenarios.FirstOrDefault(s => s.UpstreamPath is not null)?.UpstreamPath + "`, loaded directly: it must be far faster than any app calling it)") })
        {
            var app = key == "hello" ? Specs.HelloAot : Specs.Upstream;
            if (Results(app, key) is not { Count: > 0 } runs) continue;
            md.AppendLine($"{label}: {Median(runs.Select(r => r.RequestsPerSecond)):0} req/s ({runs.Min(r => r.RequestsPerSecond):0}–{runs.Max(r => r.RequestsPerSecond):0}), p50 {Median(runs.Select(r => r.P50Ms)):0.00} ms, p99 {Median(runs.Select(r => r.P99Ms)):0.00} ms, {Median(runs.Select(r => r.CpuMicrosPerRequest)):0.0} µs CPU/req, RSS {runs.Max(r => r.PeakRssKb) / 1024.0:0.0} MB.");
            md.AppendLine();
        }
    }

    private void RenderRatios(StringBuilder md)
    {
        md.AppendLine("### Ratios of requests per second");
        md.AppendLine();
        md.AppendLine("Each ratio is taken within a round (the two runs were made minutes apart at most), then the median over the rounds (lowest–highest).");
        md.AppendLine();
        var pairs = new[]
        {
            ("FlowGen JIT / hand-written JIT", Specs.FlowGenJit, Specs.HandWrittenJit),
            ("FlowGen AOT / hand-written AOT", Specs.FlowGenAot, Specs.HandWrittenAot),
            ("FlowGen JIT / limit JIT", Specs.FlowGenJit, Specs.LimitJit),
            ("FlowGen AOT / limit AOT", Specs.FlowGenAot, Specs.LimitAot),
            ("FlowGen JIT / Node-RED", Specs.FlowGenJit, Specs.NodeRed),
            ("FlowGen AOT / Node-RED", Specs.FlowGenAot, Specs.NodeRed),
            ("hand-written JIT / limit JIT", Specs.HandWrittenJit, Specs.LimitJit),
            ("limit JIT / Node-RED", Specs.LimitJit, Specs.NodeRed),
        };
        md.AppendLine("| ratio | " + string.Join(" | ", scenarios.Select(s => s.Name)) + " |");
        md.AppendLine("|---|" + string.Concat(scenarios.Select(_ => "---:|")));
        foreach (var (title, app, other) in pairs)
        {
            var cells = scenarios.Select(s => Ratio(app, other, s.Name) is { } r ? $"{r.Median:0.00} ({r.Min:0.00}–{r.Max:0.00})" : "n/a");
            md.AppendLine($"| {title} | {string.Join(" | ", cells)} |");
        }
        md.AppendLine();
        md.AppendLine("The same comparisons in server CPU time per request (the other app's µs per request divided by the first one's, per round, median): what the throughput ratio would be if each server had the machine to itself. Less disturbed by other work on the machine and by the load generator's share than requests per second.");
        md.AppendLine();
        md.AppendLine("| CPU ratio | " + string.Join(" | ", scenarios.Select(s => s.Name)) + " |");
        md.AppendLine("|---|" + string.Concat(scenarios.Select(_ => "---:|")));
        foreach (var (title, app, other) in pairs)
        {
            var cells = scenarios.Select(s => CpuRatio(app, other, s.Name) is { } r ? $"{r.Median:0.00} ({r.Min:0.00}–{r.Max:0.00})" : "n/a");
            md.AppendLine($"| {title} | {string.Join(" | ", cells)} |");
        }
        md.AppendLine();
    }

    private void RenderIsolatedMemory(StringBuilder md)
    {
        if (!_isolatedRss.TryGetValue((Specs.HelloAot, "hello"), out var helloRss)) return;
        var aot = Apps.Where(a => a.Mode.Contains("AOT", StringComparison.Ordinal)).ToList();
        md.AppendLine("### Memory under load, one scenario per fresh process (Native AOT)");
        md.AppendLine();
        md.AppendLine($"Each app started afresh for each scenario, {options.Warmup} s of warm-up then {options.Duration} s measured; the highest RSS sampled. The hello world, loaded the same way on `GET /`: {helloRss / 1024.0:0.0} MB.");
        md.AppendLine();
        md.AppendLine("| scenario | " + string.Join(" | ", aot.Select(a => a.Label + " MB")) + " | FlowGen AOT / hello world |");
        md.AppendLine("|---|" + string.Concat(aot.Select(_ => "---:|")) + "---:|");
        foreach (var scenario in scenarios)
        {
            var cells = aot.Select(a => _isolatedRss.TryGetValue((a.Key, scenario.Name), out var rss) ? (rss / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) : "n/a");
            var ratio = _isolatedRss.TryGetValue((Specs.FlowGenAot, scenario.Name), out var flow) ? ((double)flow / helloRss).ToString("0.00", CultureInfo.InvariantCulture) + "×" : "n/a";
            md.AppendLine($"| {scenario.Name} | {string.Join(" | ", cells)} | {ratio} |");
        }
        md.AppendLine();
    }

    private void RenderStarts(StringBuilder md)
    {
        md.AppendLine("### Start to first answer, memory and size");
        md.AppendLine();
        var probe = Apps.FirstOrDefault()?.Probe;
        md.AppendLine($"Start: from starting the process to the first 200 answer to `{probe?.Method} {probe?.Path}` (`GET /` for the hello world), polled every millisecond; median (lowest) of {options.Starts} fresh starts, the apps started in turn. RSS under load: the highest during the rounds, where one process serves every scenario.");
        md.AppendLine();
        md.AppendLine("| app | runtime | start ms | RSS under load MB | size MB | size counts |");
        md.AppendLine("|---|---|---:|---:|---:|---|");
        foreach (var app in Hello is null ? Apps : Apps.Append(Hello))
        {
            var starts = Starts.GetValueOrDefault(app.Key);
            var start = starts is { Count: > 0 } ? $"{Median(starts):0} ({starts.Min():0})" : "n/a";
            var rss = PeakRss(app.Key);
            md.AppendLine($"| {app.Label} | {app.Mode} | {start} | {(rss > 0 ? (rss / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) : "n/a")} | {app.SizeBytes / 1024.0 / 1024.0:0.0} | {app.SizeNote} |");
        }
        md.AppendLine();
    }

    private void RenderAllocations(StringBuilder md)
    {
        md.AppendLine("### Allocations per request");
        md.AppendLine();
        var file = Path.Combine(options.Results, "allocations.md");
        if (!File.Exists(file))
        {
            md.AppendLine("Not measured in this run (bench/FlowGen.Bench.Delegates writes bench/.cache/results/allocations.md).");
            md.AppendLine();
            return;
        }
        md.Append(File.ReadAllText(file).TrimEnd()).AppendLine().AppendLine();
    }

    private void RenderBuildCost(StringBuilder md)
    {
        md.AppendLine("### Build cost: analyzer and generator time over 1,000 flow files");
        md.AppendLine();
        var file = Path.Combine(options.Results, "build-cost.txt");
        if (!File.Exists(file))
        {
            md.AppendLine("Not measured in this run (bench/FlowGen.AnalyzerTiming writes it; bench/run.sh runs it).");
            md.AppendLine();
            return;
        }
        md.AppendLine("`dotnet run --project bench/FlowGen.AnalyzerTiming -c Release` (see docs/measurements.md), in the same run:");
        md.AppendLine();
        md.AppendLine("```text");
        md.AppendLine(File.ReadAllText(file).TrimEnd());
        md.AppendLine("```");
        md.AppendLine();
    }

    /// <summary>Bytes per request from bench/.cache/results/allocations.tsv: scenario, FlowGen bytes, hand-written bytes.</summary>
    private Dictionary<string, (double FlowGen, double HandWritten)> Allocations()
    {
        var result = new Dictionary<string, (double, double)>(StringComparer.Ordinal);
        var file = Path.Combine(options.Results, "allocations.tsv");
        if (!File.Exists(file)) return result;
        foreach (var line in File.ReadLines(file).Skip(1))
        {
            var cells = line.Split('\t');
            if (cells.Length < 3) continue;
            result[cells[0]] = (double.Parse(cells[1], CultureInfo.InvariantCulture), double.Parse(cells[2], CultureInfo.InvariantCulture));
        }
        return result;
    }

    private AppSpec? Find(string key) => Apps.FirstOrDefault(a => a.Key == key);

    private List<LoadResult>? Results(string app, string scenario) =>
        _results.TryGetValue((app, scenario), out var rounds) ? rounds.Values.ToList() : null;

    private long PeakRss(string app) =>
        _results.Where(r => r.Key.App == app).SelectMany(r => r.Value.Values).Select(r => r.PeakRssKb).DefaultIfEmpty(0).Max();

    /// <summary>app / other in requests per second, per round, then the median (lowest, highest) over the rounds.</summary>
    private (double Median, double Min, double Max)? Ratio(string app, string other, string scenario) =>
        RoundRatio(app, other, scenario, (a, b) => a.RequestsPerSecond / b.RequestsPerSecond);

    /// <summary>other / app in server CPU time per request: the throughput ratio if the server were alone on the machine.</summary>
    private (double Median, double Min, double Max)? CpuRatio(string app, string other, string scenario) =>
        RoundRatio(app, other, scenario, (a, b) => b.CpuMicrosPerRequest / a.CpuMicrosPerRequest);

    private (double Median, double Min, double Max)? RoundRatio(string app, string other, string scenario, Func<LoadResult, LoadResult, double> ratio)
    {
        if (!_results.TryGetValue((app, scenario), out var a) || !_results.TryGetValue((other, scenario), out var b)) return null;
        var ratios = a.Keys.Intersect(b.Keys).Select(round => ratio(a[round], b[round])).ToList();
        return ratios.Count == 0 ? null : (Median(ratios), ratios.Min(), ratios.Max());
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
