using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading;
using FlowGen.AnalyzerTiming;
using FlowGen.Compiler;
using FlowGen.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

// Times the analyzer and the generator over generated flow files. Usage:
//   dotnet run --project bench/FlowGen.AnalyzerTiming -c Release [-- --files 1000] [--iterations 7] [--warmup 3] [--seed 1]
// A report: exits 0 whatever it measures.

var fileCount = IntOption(args, "--files", 1000);
var iterations = IntOption(args, "--iterations", 7);
var warmups = Math.Max(1, IntOption(args, "--warmup", 3));
var seed = IntOption(args, "--seed", 1);
const string projectDirectory = "/bench";

Console.WriteLine("FlowGen analyzer and generator timing");
Console.WriteLine($"machine: {Environment.ProcessorCount} logical processors (nproc), {Machine.MemoryGiB()} memory, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}");
Console.WriteLine($"load average at start: {Machine.LoadAverage()} (other processes on the machine slow every number down)");
Console.WriteLine($"build: {(IsOptimized() ? "Release" : "Debug (numbers are slower than a Release build)")}, Roslyn {typeof(CSharpCompilation).Assembly.GetName().Version}");

// The flow files, in memory.
var factory = new FlowFactory(seed);
var files = Enumerable.Range(0, fileCount)
    .Select(i => new MemoryText($"{projectDirectory}/flows/api-{i.ToString("0000", CultureInfo.InvariantCulture)}.flow.json", factory.Make(i)))
    .ToImmutableArray<AdditionalText>();
var texts = files.Select(f => f.GetText()!).ToArray();
var sizes = texts.Select(t => t.Length).ToArray();
Console.WriteLine($"files: {fileCount} flow files, {factory.NodeCount} nodes ({(double)factory.NodeCount / fileCount:0.0} per file), {sizes.Sum() / 1024} KiB of JSON");

// The files must be correct flows, or the timing would measure error paths.
var findings = 0;
for (var i = 0; i < files.Length; i++)
{
    findings += FlowFileCompiler.Compile(files[i].Path, texts[i], projectDirectory).Diagnostics.Count;
    findings += FlowFileCompiler.Check(files[i].Path, texts[i], projectDirectory).Count;
}
Console.WriteLine($"diagnostics on the generated files (generator + rules): {findings}");
Console.WriteLine($"iterations: {warmups} warm-up + {iterations} timed per measurement, median reported");
Console.WriteLine();

var options = new ProjectOptions(projectDirectory);
var compilation = CSharpCompilation.Create("Bench",
    new[] { CSharpSyntaxTree.ParseText("public static class Program { public static void Main() { } }", path: "Program.cs") },
    new[] { MetadataReference.CreateFromFile(typeof(object).Assembly.Location) },
    new CSharpCompilationOptions(OutputKind.ConsoleApplication));

// (a) The analyzer: FlowGen.Analyzers' DiagnosticAnalyzers when the assembly has them, else the core's Check.
var analyzers = AnalyzerTypes();
var results = new List<(string Name, double Median, double Min, double Max)>();
if (analyzers.Length > 0)
{
    var name = string.Join(", ", analyzers.Select(a => a.GetType().FullName));
    var reported = 0;
    var median = Time(warmups, iterations, () =>
    {
        var withAnalyzers = compilation.WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(files, options), onAnalyzerException: null, concurrentAnalysis: true, logAnalyzerExecutionTime: false));
        reported = withAnalyzers.GetAnalyzerDiagnosticsAsync(CancellationToken.None).GetAwaiter().GetResult().Length;
    });
    results.Add(($"(a) analyzer {name} via CompilationWithAnalyzers (concurrent), diagnostics: {reported}", median.Median, median.Min, median.Max));

    // The timing is only worth something if the analyzer really looked at the files: one more, broken, must be reported.
    var broken = new MemoryText($"{projectDirectory}/flows/broken.flow.json",
        "[{\"id\": \"t\", \"type\": \"tab\"}, {\"id\": \"in\", \"type\": \"http in\", \"z\": \"t\", \"url\": \"/broken\", \"method\": \"get\", \"x\": 1, \"y\": 1, \"wires\": [[]]}]");
    var check = compilation.WithAnalyzers(analyzers, new AnalyzerOptions(files.Add(broken), options))
        .GetAnalyzerDiagnosticsAsync(CancellationToken.None).GetAwaiter().GetResult();
    Console.WriteLine($"sanity: the analyzer over the files plus one broken file reports {string.Join(", ", check.Select(d => d.Id + " " + d.Location.GetLineSpan().Path))}");
}
else
{
    Console.WriteLine("(a) FlowGen.Analyzers has no DiagnosticAnalyzer yet on this branch: timing FlowFileCompiler.Check over every file instead.");
}
var direct = Time(warmups, iterations, () =>
{
    for (var i = 0; i < files.Length; i++) FlowFileCompiler.Check(files[i].Path, files[i].GetText()!, projectDirectory);
});
results.Add(($"(a{(analyzers.Length > 0 ? "'" : "")}) FlowFileCompiler.Check, every file in turn on one thread (the analyzer's work without Roslyn)", direct.Median, direct.Min, direct.Max));

// (b) The generator: a full run of a new driver, then a run after one file is edited.
var editedIndex = fileCount / 2;
var edited = new MemoryText(files[editedIndex].Path, texts[editedIndex].ToString().Replace("\"X-Bench\": \"1\"", "\"X-Bench\": \"2\"", StringComparison.Ordinal));
GeneratorDriver? warm = null;
var full = Time(warmups, iterations, () => warm = CreateDriver(files, options).RunGenerators(compilation));
var generated = warm!.GetRunResult().Results.Single().GeneratedSources.Length;
results.Add(($"(b) generator, full run (new CSharpGeneratorDriver), {generated} sources", full.Median, full.Min, full.Max));
var incremental = TimeEach(warmups, iterations, () =>
{
    var driver = CreateDriver(files, options).RunGenerators(compilation).ReplaceAdditionalText(files[editedIndex], edited);
    return () => driver.RunGenerators(compilation);
});
results.Add(($"(b) generator, run after editing 1 file (incremental)", incremental.Median, incremental.Min, incremental.Max));

Console.WriteLine($"{"measurement",-112} {"median ms",10} {"ms/file",8} {"min",8} {"max",8}");
foreach (var (name, median, min, max) in results)
{
    Console.WriteLine($"{name,-112} {median,10:0.0} {median / fileCount,8:0.000} {min,8:0.0} {max,8:0.0}");
}
Console.WriteLine();
var analyzerMedian = results[0].Median;
Console.WriteLine($"target: analyzer under 1000 ms for 1,000 files: {(analyzerMedian * 1000.0 / fileCount < 1000 ? "met" : "NOT met")} ({analyzerMedian:0} ms for {fileCount} files{(analyzers.Length == 0 ? ", measured through FlowFileCompiler.Check" : "")})");
return 0;

static GeneratorDriver CreateDriver(ImmutableArray<AdditionalText> files, AnalyzerConfigOptionsProvider options) =>
    CSharpGeneratorDriver.Create(new[] { new FlowGenerator().AsSourceGenerator() }, files, optionsProvider: options);

static ImmutableArray<DiagnosticAnalyzer> AnalyzerTypes()
{
    Assembly assembly;
    try
    {
        assembly = Assembly.Load(new AssemblyName("FlowGen.Analyzers"));
    }
    catch (FileNotFoundException)
    {
        return ImmutableArray<DiagnosticAnalyzer>.Empty;
    }
    return assembly.GetTypes()
        .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttributes<DiagnosticAnalyzerAttribute>().Any())
        .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
        .ToImmutableArray();
}

static (double Median, double Min, double Max) Time(int warmups, int iterations, Action action) => TimeEach(warmups, iterations, () => action);

// prepare runs untimed and returns the action to time.
static (double Median, double Min, double Max) TimeEach(int warmups, int iterations, Func<Action> prepare)
{
    var samples = new List<double>();
    for (var i = 0; i < warmups + iterations; i++)
    {
        var action = prepare();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var watch = Stopwatch.StartNew();
        action();
        watch.Stop();
        if (i >= warmups) samples.Add(watch.Elapsed.TotalMilliseconds);
    }
    samples.Sort();
    var middle = samples.Count / 2;
    var median = samples.Count % 2 == 1 ? samples[middle] : (samples[middle - 1] + samples[middle]) / 2;
    return (median, samples[0], samples[^1]);
}

static int IntOption(string[] args, string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;
}

static bool IsOptimized() =>
    typeof(FlowFactory).Assembly.GetCustomAttribute<DebuggableAttribute>() is not { IsJITOptimizerDisabled: true };

internal sealed class MemoryText(string path, string text) : AdditionalText
{
    private readonly SourceText _text = SourceText.From(text);

    public override string Path { get; } = path;

    public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
}

/// <summary>The MSBuild property the generator and analyzers read the project directory from.</summary>
internal sealed class ProjectOptions(string projectDirectory) : AnalyzerConfigOptionsProvider
{
    public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(new Dictionary<string, string> { ["build_property.MSBuildProjectDirectory"] = projectDirectory });

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.Empty;

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Options.Empty;

    private sealed class Options(Dictionary<string, string> values) : AnalyzerConfigOptions
    {
        public static readonly Options Empty = new(new Dictionary<string, string>());

        public override bool TryGetValue(string key, out string value) => values.TryGetValue(key, out value!);
    }
}

internal static class Machine
{
    /// <summary>The 1, 5 and 15 minute load averages of /proc/loadavg, where there is one.</summary>
    public static string LoadAverage()
    {
        try
        {
            return File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
        }
        catch (IOException)
        {
            return "n/a";
        }
    }

    /// <summary>MemTotal of /proc/meminfo, or what the GC sees elsewhere.</summary>
    public static string MemoryGiB()
    {
        try
        {
            var line = File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
            if (line is not null && long.TryParse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var kib))
            {
                return $"{kib / 1024.0 / 1024.0:0.0} GiB";
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        return $"{GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1024.0 / 1024.0 / 1024.0:0.0} GiB";
    }
}
