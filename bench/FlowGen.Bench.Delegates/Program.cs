using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using FlowGen.Bench.Delegates;

// Allocations per request of the request delegates (bench/run.sh runs it):
//   dotnet run -c Release --project bench/FlowGen.Bench.Delegates -- [--quick] [--results DIR]
// Writes DIR/allocations.md (the table for docs/benchmarks.md) and DIR/allocations.tsv (for the targets).
//   ... -- --types <scenario> [--requests N]: which types one request allocates, FlowGen and hand-written (no BenchmarkDotNet).
var quick = args.Contains("--quick");
var at = Array.IndexOf(args, "--results");
var results = Path.GetFullPath(at >= 0 && at + 1 < args.Length ? args[at + 1] : Path.Combine(Setup.Repo, "bench", ".cache", "results"));
Directory.CreateDirectory(results);

Setup.StartUpstream();
try
{
    var types = Array.IndexOf(args, "--types");
    if (types >= 0)
    {
        var count = Array.IndexOf(args, "--requests");
        await AllocationTypes.RunAsync(args[types + 1], count >= 0 ? int.Parse(args[count + 1], CultureInfo.InvariantCulture) : 200_000);
        return 0;
    }

    // In process: the upstream's address and the published apps are this process's; allocations are per operation either way.
    var job = (quick ? Job.Default.WithWarmupCount(2).WithIterationCount(3) : Job.Default.WithWarmupCount(6).WithIterationCount(15))
        .WithToolchain(InProcessEmitToolchain.Instance);
    var config = ManualConfig.CreateEmpty()
        .AddJob(job)
        .AddDiagnoser(MemoryDiagnoser.Default)
        .AddLogger(ConsoleLogger.Default)
        .AddColumnProvider(DefaultColumnProviders.Instance)
        .AddExporter(MarkdownExporter.GitHub)
        .WithArtifactsPath(Path.Combine(results, "BenchmarkDotNet"));
    var summary = BenchmarkRunner.Run<RequestDelegates>(config);

    var rows = summary.Reports
        .Select(r => (
            Scenario: (string)r.BenchmarkCase.Parameters["Scenario"],
            Case: r.BenchmarkCase.Descriptor.WorkloadMethod.Name,
            Bytes: r.GcStats.GetBytesAllocatedPerOperation(r.BenchmarkCase) ?? -1,
            Nanoseconds: r.ResultStatistics?.Median ?? double.NaN))
        .ToList();
    var tsv = new StringBuilder("scenario\tflowgen_bytes\thandwritten_bytes\tflowgen_ns\thandwritten_ns\tcontext_bytes\n");
    var md = new StringBuilder()
        .AppendLine("BenchmarkDotNet 0.14 with the memory diagnoser (bench/FlowGen.Bench.Delegates), in process: each scenario's request through the")
        .AppendLine("endpoint's RequestDelegate with an in-memory HttpContext (feature objects reused as Kestrel reuses them). Bytes per request")
        .AppendLine("exclude the in-memory context itself (the \"context only\" case, subtracted); time is the median per request.")
        .AppendLine()
        .AppendLine("| scenario | FlowGen B/req | hand-written B/req | FlowGen / hand-written | FlowGen µs/req | hand-written µs/req | context only B |")
        .AppendLine("|---|---:|---:|---:|---:|---:|---:|");
    foreach (var scenario in rows.Select(r => r.Scenario).Distinct())
    {
        var flowGen = rows.Single(r => r.Scenario == scenario && r.Case == nameof(RequestDelegates.FlowGen));
        var handWritten = rows.Single(r => r.Scenario == scenario && r.Case == nameof(RequestDelegates.HandWritten));
        var context = rows.Single(r => r.Scenario == scenario && r.Case == nameof(RequestDelegates.ContextOnly));
        var flowGenBytes = flowGen.Bytes - context.Bytes;
        var handWrittenBytes = handWritten.Bytes - context.Bytes;
        tsv.Append(CultureInfo.InvariantCulture, $"{scenario}\t{flowGenBytes}\t{handWrittenBytes}\t{flowGen.Nanoseconds:0}\t{handWritten.Nanoseconds:0}\t{context.Bytes}\n");
        md.AppendLine(CultureInfo.InvariantCulture, $"| {scenario} | {flowGenBytes} | {handWrittenBytes} | {(double)flowGenBytes / handWrittenBytes:0.00}× | {flowGen.Nanoseconds / 1000:0.00} | {handWritten.Nanoseconds / 1000:0.00} | {context.Bytes} |");
    }
    File.WriteAllText(Path.Combine(results, "allocations.tsv"), tsv.ToString());
    File.WriteAllText(Path.Combine(results, "allocations.md"), md.ToString());
    Console.WriteLine(md);
    return summary.HasCriticalValidationErrors || summary.Reports.Any(r => !r.Success) ? 1 : 0;
}
finally
{
    Setup.StopUpstream();
}
