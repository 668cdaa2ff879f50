using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FlowGen.Bench.Runner;

/// <summary>A benchmark that cannot give valid numbers: an app answers wrongly, fails to start, or wrk saw errors.</summary>
internal sealed class BenchmarkFailure(string message) : Exception(message);

/// <summary>
/// The benchmark: starts every app, checks each answers every scenario with the expected bytes, warms them up, then
/// loads them in rounds (every app once per scenario per round, in an order that rotates) and writes the report.
/// </summary>
internal sealed class Benchmark(RunnerOptions options)
{
    private static readonly BenchRequest HelloRequest = new("GET", "/", null, null);
    private const string HelloBody = "Hello World!";

    private readonly Load _load = new(options);
    private readonly string _logs = Path.Combine(options.Results, "logs");

    public void Run()
    {
        Directory.CreateDirectory(_logs);
        foreach (var old in Directory.GetFiles(_logs)) File.Delete(old);
        var all = BenchScenarios.Load(Path.Combine(options.Repo, "bench", "scenarios.json"));
        var scenarios = all.Where(s => options.Only.Count == 0 || options.Only.Contains(s.Name)).ToList();
        if (scenarios.Count == 0) throw new BenchmarkFailure("no scenario selected");
        var report = new Report(options, scenarios) { LoadBefore = Machine.LoadAverage() };
        var started = Stopwatch.StartNew();
        Console.WriteLine($"FlowGen HTTP benchmark: {scenarios.Count} scenarios, {options.Rounds} rounds of {options.Duration} s after {options.Warmup} s of warm-up, wrk -c{options.Connections}");

        var nodeRedUser = PrepareNodeRed(all);
        using var upstream = Start(Specs.UpstreamApp(options), options.WrkCpu);
        var contenders = Specs.Contenders(options, upstream.Url, nodeRedUser, scenarios[0].Request);
        var hello = Specs.Hello(options);
        report.Apps.AddRange(contenders);
        report.Hello = hello;

        Console.WriteLine("== starting the apps for the load");
        var running = contenders.Select(spec => Start(spec, options.ServerCpu)).ToList();
        using var helloApp = Start(hello, options.ServerCpu);

        Console.WriteLine("== checking every answer before loading");
        CheckAnswers(scenarios, running, helloApp, upstream);

        MeasureStarts(report, contenders.Append(hello).ToList());
        WarmUp(scenarios, running, helloApp);
        MeasureRounds(report, scenarios, running, helloApp, upstream);
        foreach (var app in running) app.Dispose();
        helloApp.Dispose();
        MeasureIsolatedMemory(report, scenarios, contenders, hello);

        report.LoadAfter = Machine.LoadAverage();
        report.Elapsed = started.Elapsed;
        report.Write();
        Console.WriteLine($"== report written to {options.Out} ({started.Elapsed.TotalMinutes:0.0} min)");
    }

    /// <summary>Fresh starts of every app in turn, each timed to its first answer.</summary>
    private void MeasureStarts(Report report, IReadOnlyList<AppSpec> apps)
    {
        Console.WriteLine("== start to first answer");
        foreach (var spec in apps) report.Starts[spec.Key] = new List<double>();
        for (var i = 0; i < options.Starts; i++)
        {
            foreach (var spec in apps)
            {
                var clock = Stopwatch.StartNew();
                using var app = RunningApp.Launch(spec, _logs, options.ServerCpu);
                var ms = Wait(app, clock).TotalMilliseconds;
                report.Starts[spec.Key].Add(ms);
                Console.WriteLine($"   {spec.Label,-24} {ms,8:0.0} ms");
            }
        }
    }

    /// <summary>Every app on every scenario before anything counts: JIT tiering settles, pools fill, connections open.</summary>
    private void WarmUp(IReadOnlyList<BenchScenario> scenarios, IReadOnlyList<RunningApp> running, RunningApp hello)
    {
        Console.WriteLine("== warm-up");
        foreach (var scenario in scenarios)
        {
            foreach (var app in running) _load.Run(app, scenario.Request, options.Warmup, scenario.Name);
        }
        _load.Run(hello, HelloRequest, options.Warmup, "hello");
    }

    /// <summary>
    /// The measured rounds: in each, the hello world, the upstream alone, then every app on every scenario, so every
    /// comparison gets one pair per round.
    /// </summary>
    private void MeasureRounds(Report report, IReadOnlyList<BenchScenario> scenarios, IReadOnlyList<RunningApp> running, RunningApp hello, RunningApp upstream)
    {
        for (var round = 0; round < options.Rounds; round++)
        {
            Console.WriteLine($"== round {round + 1} of {options.Rounds} (load average {Machine.LoadAverage()})");
            Measure(report, hello, HelloRequest, "hello", round);
            if (scenarios.FirstOrDefault(s => s.UpstreamPath is not null) is { } proxy)
            {
                Measure(report, upstream, new BenchRequest("GET", proxy.UpstreamPath!, null, null), "upstream", round);
            }
            for (var s = 0; s < scenarios.Count; s++)
            {
                // The order rotates with the round and the scenario, so no app always runs first or after the same one.
                for (var k = 0; k < running.Count; k++)
                {
                    Measure(report, running[(k + round + s) % running.Count], scenarios[s].Request, scenarios[s].Name, round);
                }
            }
        }
    }

    /// <summary>
    /// In the rounds each process serves every scenario, so its memory is that of all of them together; the AOT
    /// memory target compares one scenario's load with the hello world's, each in a fresh process.
    /// </summary>
    private void MeasureIsolatedMemory(Report report, IReadOnlyList<BenchScenario> scenarios, IReadOnlyList<AppSpec> contenders, AppSpec hello)
    {
        Console.WriteLine("== memory under load: one scenario per fresh process (Native AOT)");
        MeasureMemory(report, hello, HelloRequest, "hello");
        foreach (var scenario in scenarios)
        {
            foreach (var spec in contenders.Where(c => c.Mode.Contains("AOT", StringComparison.Ordinal)))
            {
                MeasureMemory(report, spec, scenario.Request, scenario.Name);
            }
        }
    }

    private void Measure(Report report, RunningApp app, BenchRequest request, string scenario, int round)
    {
        var result = _load.Run(app, request, options.Duration, scenario);
        report.Add(app.Spec.Key, scenario, round, result);
        Console.WriteLine($"   {scenario,-8} {app.Spec.Label,-24} {result.RequestsPerSecond,10:0} req/s  p50 {result.P50Ms,6:0.00} ms  p99 {result.P99Ms,6:0.00} ms  {result.CpuMicrosPerRequest,6:0.0} us CPU/req  {result.PeakRssKb / 1024.0,6:0.0} MB");
    }

    private void MeasureMemory(Report report, AppSpec spec, BenchRequest request, string scenario)
    {
        using var app = Start(spec, options.ServerCpu);
        _load.Run(app, request, options.Warmup, scenario);
        var result = _load.Run(app, request, options.Duration, scenario);
        report.AddMemory(spec.Key, scenario, result.PeakRssKb);
        Console.WriteLine($"   {scenario,-8} {spec.Label,-24} {result.PeakRssKb / 1024.0,6:0.0} MB  ({result.RequestsPerSecond:0} req/s)");
    }

    private RunningApp Start(AppSpec spec, string? cpus)
    {
        var clock = Stopwatch.StartNew();
        var app = RunningApp.Launch(spec, _logs, cpus);
        Wait(app, clock);
        return app;
    }

    private TimeSpan Wait(RunningApp app, Stopwatch clock)
    {
        try
        {
            return app.WaitForFirstAnswer(clock, TimeSpan.FromSeconds(60));
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            app.Dispose();
            var log = Path.Combine(_logs, app.Spec.Key + ".log");
            throw new BenchmarkFailure(e.Message + (File.Exists(log) ? "\n" + File.ReadAllText(log) : ""));
        }
    }

    /// <summary>One real request per app and scenario, as wrk sends it: any difference stops the benchmark.</summary>
    private static void CheckAnswers(IReadOnlyList<BenchScenario> scenarios, IReadOnlyList<RunningApp> apps, RunningApp hello, RunningApp upstream)
    {
        var failures = new StringBuilder();
        foreach (var scenario in scenarios)
        {
            foreach (var app in apps)
            {
                var sentAt = DateTime.UtcNow;
                var answer = RawHttp.Send(app.Port, scenario.Request, TimeSpan.FromSeconds(10));
                var problems = Verify.Differences(scenario, answer, sentAt, wantsRequestId: app.Spec.IsDotNet);
                if (problems.Count == 0)
                {
                    Console.WriteLine($"   {scenario.Name,-8} {app.Spec.Label,-24} same answer");
                    continue;
                }
                failures.Append($"{app.Spec.Label} answers {scenario.Request.Method} {scenario.Request.Path} ({scenario.Name}) differently:\n");
                foreach (var problem in problems) failures.Append("  - ").Append(problem).Append('\n');
                failures.Append("  the answer was:\n    ").Append(answer.Describe().Replace("\n", "\n    ", StringComparison.Ordinal)).Append('\n');
            }
        }
        var helloAnswer = RawHttp.Send(hello.Port, HelloRequest, TimeSpan.FromSeconds(10));
        if (helloAnswer.Status != 200 || Encoding.UTF8.GetString(helloAnswer.Body) != HelloBody)
        {
            failures.Append($"the hello world answers {helloAnswer.Describe()}\n");
        }
        foreach (var scenario in scenarios.Where(s => s.UpstreamPath is not null))
        {
            var answer = RawHttp.Send(upstream.Port, new BenchRequest("GET", scenario.UpstreamPath!, null, null), TimeSpan.FromSeconds(10));
            if (answer.Status != 200) failures.Append($"the upstream answers {scenario.UpstreamPath} with {answer.Describe()}\n");
        }
        if (failures.Length > 0) throw new BenchmarkFailure("the apps do not give the same answers, so their speeds cannot be compared:\n" + failures);
    }

    /// <summary>
    /// Node-RED's user directory: one flow file holding every scenario's flow file (as one Node-RED instance holds
    /// several tabs), and settings as the conformance recordings use (no editor, default http root).
    /// </summary>
    private string PrepareNodeRed(IReadOnlyList<BenchScenario> scenarios)
    {
        var user = Path.Combine(options.Results, "node-red-user");
        if (Directory.Exists(user)) Directory.Delete(user, recursive: true);
        Directory.CreateDirectory(user);
        var flows = new JsonArray();
        foreach (var file in scenarios.Select(s => s.Flow).Distinct())
        {
            foreach (var node in JsonNode.Parse(File.ReadAllText(Path.Combine(options.Repo, file)))!.AsArray())
            {
                flows.Add(node!.DeepClone());
            }
        }
        File.WriteAllText(Path.Combine(user, "flows.json"), flows.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        File.WriteAllText(Path.Combine(user, "settings.js"), """
            // Written by FlowGen.Bench.Runner: the settings the conformance kit records Node-RED with, quiet logs.
            module.exports = {
                uiHost: "127.0.0.1",
                uiPort: parseInt(process.env.PORT, 10),
                httpAdminRoot: false,
                flowFile: "flows.json",
                credentialSecret: false,
                lang: "en-US",
                logging: { console: { level: "warn", metrics: false, audit: false } },
            };
            """);
        return user;
    }
}
