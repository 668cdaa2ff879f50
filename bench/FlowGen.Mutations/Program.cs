using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using FlowGen.Compiler.Diagnostics;
using FlowGen.Mutations;
using Microsoft.CodeAnalysis;

// Mutation measurement of the diagnostics catalogue (issue 3, point 6). Usage:
//   dotnet run --project bench/FlowGen.Mutations -c Release [-- --verbose] [--kit DIR] [--class NAME]
// A report: exits 0 whatever it finds.

var verbose = args.Contains("--verbose") || args.Contains("-v");
var kitArg = Option(args, "--kit");
var classFilter = Option(args, "--class");

var root = Paths.RepositoryRoot();
var kit = kitArg ?? Paths.ConformanceKit(root);
var catalogue = ProjectRunner.Catalogue();
var sets = new List<FlowSet>();
if (kit is not null && Directory.Exists(Path.Combine(kit, "public")))
{
    foreach (var dir in Directory.GetDirectories(Path.Combine(kit, "public")).OrderBy(d => d, StringComparer.Ordinal))
    {
        var file = Path.Combine(dir, "flow.json");
        if (!File.Exists(file)) continue;
        var name = Path.GetFileName(dir);
        sets.Add(new FlowSet(name, "conformance", new List<SourceFlow> { Load($"{ProjectRunner.ProjectDirectory}/flows/{name}.flow.json", file) }));
    }
}
var sampleFlows = Directory.GetFiles(Path.Combine(root, "sample-app", "flows"), "*.flow.json").OrderBy(f => f, StringComparer.Ordinal).ToList();
sets.Add(new FlowSet("sample-app", "sample", sampleFlows.Select(f => Load($"{ProjectRunner.ProjectDirectory}/flows/{Path.GetFileName(f)}", f)).ToList()));

Console.WriteLine("FlowGen mutation measurement");
Console.WriteLine($"repository: {root}");
Console.WriteLine($"conformance kit: {kit ?? "(not found: set FLOWGEN_CONFORMANCE_KIT)"}");
Console.WriteLine($"catalogue: {string.Join(" ", catalogue.Keys.OrderBy(k => k, StringComparer.Ordinal))}");
Console.WriteLine();

// 1. The unmutated flows, as they are on disk and as this tool writes them back (the mutants' base).
Console.WriteLine("== Unmutated flows");
var targets = new List<FlowSet>();
var notYet = new List<(FlowSet Set, List<string> Types)>();
var baselineDiagnostics = 0;
var baselines = new Dictionary<FlowSet, HashSet<(string, string)>>();
foreach (var set in sets)
{
    var diagnostics = ProjectRunner.Run(set.Original);
    var unsupported = diagnostics.Where(d => d.Descriptor.Id == "FLOW202").ToList();
    if (unsupported.Count > 0)
    {
        var types = unsupported.Select(d => d.Arguments.Count > 1 ? d.Arguments[1] : "?").Distinct().OrderBy(t => t, StringComparer.Ordinal).ToList();
        notYet.Add((set, types));
        continue;
    }
    var rewritten = ProjectRunner.Run(set.Files.Select(f => new ProjectFile(f.Path, f.Flow is null ? f.Text : PositionedJson.Write(f.Flow.Nodes).Text)));
    var roundTrip = rewritten.Count == diagnostics.Count ? "" : $"  (as rewritten by this tool: {rewritten.Count} diagnostics: the mutants' base differs!)";
    Console.WriteLine($"{set.Name,-28} {set.Files.Count} file(s)  diagnostics: {diagnostics.Count}{roundTrip}");
    foreach (var d in diagnostics) Console.WriteLine("    " + ProjectRunner.Describe(d));
    baselineDiagnostics += diagnostics.Count;
    baselines[set] = diagnostics.Select(d => (d.Descriptor.Id, d.Message)).ToHashSet();
    if (diagnostics.Any(d => d.IsError) || set.Files.Any(f => f.Flow is null))
    {
        Console.WriteLine("    (not a mutation target: the unmutated flow already fails)");
        continue;
    }
    targets.Add(set);
}
Console.WriteLine();
Console.WriteLine("Not compilable yet (nodes FlowGen does not compile; not mutation targets):");
foreach (var (set, types) in notYet) Console.WriteLine($"    {set.Name,-28} {string.Join(", ", types)}");
Console.WriteLine($"diagnostics on the {sets.Count - notYet.Count} compilable unmutated flow sets: {baselineDiagnostics} (target 0)");
Console.WriteLine();

// 2. The mutants.
var rows = new List<Row>();
var failures = new List<string>();
foreach (var mutationClass in Mutators.All)
{
    if (classFilter is not null && !mutationClass.Name.Contains(classFilter, StringComparison.OrdinalIgnoreCase)) continue;
    var row = new Row(mutationClass.Name, mutationClass.Expects);
    rows.Add(row);
    foreach (var set in targets)
    {
        foreach (var file in set.Files)
        {
            foreach (var mutant in mutationClass.Generate(set, file))
            {
                var (outcome, detail) = Measure(set, mutant, catalogue, baselines[set]);
                row.Add(outcome);
                if (outcome is not Outcome.Correct) failures.Add($"[{mutationClass.Name}] {outcome}: {set.Name} {mutant.Description}\n{detail}");
            }
        }
    }
}

Console.WriteLine("== Mutants (rejected correctly = every expected ID at the expected line and column)");
var header = $"{"class",-30} {"expects",-11} {"mutants",7} {"correct",8} {"wrong id/place",14} {"not rejected",12} {"no rule yet",11} {"+other errors",13}";
Console.WriteLine(header);
Console.WriteLine(new string('-', header.Length));
foreach (var row in rows)
{
    Console.WriteLine($"{row.Name,-30} {row.Expects,-11} {row.Total,7} {row.Correct,8} {row.Wrong,14} {row.NotRejected,12} {row.NoRule,11} {row.Extra,13}");
}
Console.WriteLine(new string('-', header.Length));
var total = rows.Sum(r => r.Total);
var correct = rows.Sum(r => r.Correct);
var noRule = rows.Sum(r => r.NoRule);
Console.WriteLine($"{"all",-30} {"",-11} {total,7} {correct,8} {rows.Sum(r => r.Wrong),14} {rows.Sum(r => r.NotRejected),12} {noRule,11} {rows.Sum(r => r.Extra),13}");
Console.WriteLine();
Console.WriteLine("Warning classes (FLOW210, FLOW214) count as rejected when the warning is reported at the place: by design they do not fail the build.");
Console.WriteLine("'+other errors' counts correctly rejected mutants that also got error diagnostics nobody expected.");

if (failures.Count > 0)
{
    Console.WriteLine();
    Console.WriteLine("== Mutants to look at: not rejected correctly, or rejected correctly with other errors too" + (verbose ? "" : " (first 3 per class; --verbose for all)"));
    var shown = new Dictionary<string, int>();
    foreach (var failure in failures)
    {
        var key = failure.Substring(0, failure.IndexOf(']', StringComparison.Ordinal));
        shown[key] = shown.GetValueOrDefault(key) + 1;
        if (verbose || (shown[key] <= 3 && !failure.Contains("] NoRuleYet", StringComparison.Ordinal))) Console.WriteLine(failure);
    }
}

Console.WriteLine();
if (noRule > 0) Console.WriteLine($"without the {noRule} mutants of rules not in the catalogue yet: {correct} of {total - noRule} ({Percent(correct, total - noRule)})");
Console.WriteLine($"mutants: {correct} rejected correctly of {total} ({Percent(correct, total)})");
return 0;

static string Percent(int part, int whole) => whole == 0 ? "n/a" : (100.0 * part / whole).ToString("0.0", CultureInfo.InvariantCulture) + "%";

static string? Option(string[] args, string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

static SourceFlow Load(string projectPath, string diskPath)
{
    var text = File.ReadAllText(diskPath);
    Flow? flow = null;
    try
    {
        if (JsonNode.Parse(text) is JsonArray array) flow = new Flow(array);
    }
    catch (JsonException)
    {
    }
    return new SourceFlow(projectPath, text, flow);
}

static (Outcome, string) Measure(FlowSet set, Mutant mutant, Dictionary<string, DiagnosticDescriptor> catalogue, HashSet<(string, string)> baseline)
{
    var written = mutant.Files.ToDictionary(f => f.Key, f => PositionedJson.Write(f.Value.Nodes));
    var files = set.Files.Select(f => written.TryGetValue(f.Path, out var w) ? new ProjectFile(f.Path, w.Text) : new ProjectFile(f.Path, f.Text))
        .Concat(written.Where(w => set.Files.All(f => f.Path != w.Key)).Select(w => new ProjectFile(w.Key, w.Value.Text)))
        .ToList();
    var diagnostics = ProjectRunner.Run(files);

    var expected = mutant.Expected.Select(e => (Expectation: e, Position: Locate(e, mutant.Files[e.File], written[e.File]))).ToList();
    var matched = new HashSet<DiagnosticInfo>();
    var missing = new List<string>();
    foreach (var (e, (line, column)) in expected)
    {
        var hit = diagnostics.FirstOrDefault(d => d.Descriptor.Id == e.Id && d.Location is { } l && l.Path == e.File
            && l.LineSpan.Start.Line == line && l.LineSpan.Start.Character == column);
        if (hit is not null) matched.Add(hit);
        else missing.Add($"{e.Id} at {e.File}({line + 1},{column + 1})");
    }
    var detail = "    expected: " + string.Join("; ", expected.Select(x => $"{x.Expectation.Id} at {x.Expectation.File}({x.Position.Line + 1},{x.Position.Column + 1})"))
        + (diagnostics.Count == 0 ? "\n    got: nothing" : "\n" + string.Join("\n", diagnostics.Select(d => "    got: " + ProjectRunner.Describe(d))));

    if (mutant.Expected.Any(e => !catalogue.ContainsKey(e.Id))) return (Outcome.NoRuleYet, detail);
    if (missing.Count == 0)
    {
        return (diagnostics.Any(d => d.IsError && !matched.Contains(d)) ? Outcome.CorrectWithOtherErrors : Outcome.Correct, detail);
    }
    // Rejected at all: an error fails the build; for a warning rule, a warning the unmutated flow did not have.
    var warningsCount = mutant.Expected.All(e => catalogue[e.Id].DefaultSeverity == DiagnosticSeverity.Warning);
    var rejected = diagnostics.Any(d => d.IsError)
        || (warningsCount && diagnostics.Any(d => d.Descriptor.DefaultSeverity >= DiagnosticSeverity.Warning && !baseline.Contains((d.Descriptor.Id, d.Message))));
    return (rejected ? Outcome.WrongIdOrPlace : Outcome.NotRejected, detail);
}

static (int Line, int Column) Locate(Expectation e, Flow flow, PositionedText text)
{
    var index = -1;
    for (var i = 0; i < flow.Nodes.Count; i++)
    {
        if (flow.Nodes[i] is JsonObject o && Flow.Id(o) == e.NodeId)
        {
            index = i;
            break;
        }
    }
    if (index < 0) throw new InvalidOperationException($"node {e.NodeId} not in {e.File}");
    var node = (JsonObject)flow.Nodes[index]!;
    var pointer = PositionedJson.Pointer(new object[] { index }.Concat(e.Path).ToArray());
    int offset;
    switch (e.Anchor)
    {
        case Anchor.Node:
        case Anchor.Value:
            offset = text.Values[pointer];
            break;
        case Anchor.Name:
            offset = text.Names[pointer];
            break;
        case Anchor.Character:
            offset = text.CharacterOffset(pointer, StringAt(node, e.Path), e.Index);
            break;
        default:
            var value = StringAt(node, e.Path);
            var inner = PositionedJson.Write(JsonNode.Parse(value), indented: false);
            if (inner.Text != value) throw new InvalidOperationException("nested JSON does not round-trip");
            offset = text.CharacterOffset(pointer, value, inner.Values[e.Inner]);
            break;
    }
    return text.Position(offset);
}

static string StringAt(JsonNode node, object[] path)
{
    JsonNode? current = node;
    foreach (var segment in path) current = segment is int i ? current![i] : current![(string)segment];
    return Flow.Text(current) ?? throw new InvalidOperationException("not a string");
}

internal enum Outcome
{
    Correct,
    CorrectWithOtherErrors,
    WrongIdOrPlace,
    NotRejected,
    NoRuleYet,
}

internal sealed class Row(string name, string expects)
{
    public string Name { get; } = name;

    public string Expects { get; } = expects;

    public int Total { get; private set; }

    public int Correct { get; private set; }

    public int Extra { get; private set; }

    public int Wrong { get; private set; }

    public int NotRejected { get; private set; }

    public int NoRule { get; private set; }

    public void Add(Outcome outcome)
    {
        Total++;
        switch (outcome)
        {
            case Outcome.Correct: Correct++; break;
            case Outcome.CorrectWithOtherErrors: Correct++; Extra++; break;
            case Outcome.WrongIdOrPlace: Wrong++; break;
            case Outcome.NotRejected: NotRejected++; break;
            default: NoRule++; break;
        }
    }
}

internal static class Paths
{
    public static string RepositoryRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "FlowGen.sln"))) return dir.FullName;
            }
        }
        throw new InvalidOperationException("FlowGen.sln not found above the current directory");
    }

    /// <summary>FLOWGEN_CONFORMANCE_KIT, else shared/conformance beside the repository (for a worktree, beside the clone that owns it).</summary>
    public static string? ConformanceKit(string root)
    {
        if (Environment.GetEnvironmentVariable("FLOWGEN_CONFORMANCE_KIT") is { Length: > 0 } kit) return kit;
        var candidates = new List<string> { Path.Combine(root, "..", "shared", "conformance") };
        var gitFile = Path.Combine(root, ".git");
        if (File.Exists(gitFile) && File.ReadAllText(gitFile).Trim() is var line && line.StartsWith("gitdir:", StringComparison.Ordinal))
        {
            // gitdir: /clone/.git/worktrees/name -> /clone
            var gitDir = line.Substring("gitdir:".Length).Trim();
            var marker = gitDir.Replace('\\', '/').LastIndexOf("/.git/", StringComparison.Ordinal);
            if (marker >= 0) candidates.Add(Path.Combine(gitDir.Substring(0, marker), "..", "shared", "conformance"));
        }
        return candidates.Select(Path.GetFullPath).FirstOrDefault(Directory.Exists);
    }
}
