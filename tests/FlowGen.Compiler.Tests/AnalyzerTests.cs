using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using FlowGen.Analyzers;
using FlowGen.Compiler.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace FlowGen.Compiler.Tests;

/// <summary>Runs the flow analyzer the way the compiler does: over a compilation, with flow files as additional files.</summary>
public static class AnalyzerHarness
{
    public sealed record Result(ImmutableArray<Diagnostic> Diagnostics, IReadOnlyList<Exception> Exceptions)
    {
        public string Describe() => string.Join("\n", Diagnostics.Select(d => d.ToString()).Concat(Exceptions.Select(e => e.ToString())));
    }

    public static Task<Result> Run(params (string Name, string Json)[] flows) =>
        Run(flows.Select(f => (AdditionalText)new InMemoryFlowFile($"{GeneratorHarness.ProjectDirectory}/{f.Name}", f.Json)).ToArray());

    public static async Task<Result> Run(AdditionalText[] files, Dictionary<string, Dictionary<string, string>>? perFile = null)
    {
        var compilation = CSharpCompilation.Create("FlowApp",
            new[] { CSharpSyntaxTree.ParseText("class Program { static void Main() { } }", path: "Program.cs") },
            new[] { MetadataReference.CreateFromFile(typeof(object).Assembly.Location) },
            new CSharpCompilationOptions(OutputKind.ConsoleApplication));
        var exceptions = new List<Exception>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(files.ToImmutableArray(), TestOptions.Provider(perFile: perFile)),
            onAnalyzerException: (ex, _, _) => { lock (exceptions) exceptions.Add(ex); },
            concurrentAnalysis: true, logAnalyzerExecutionTime: false);
        var diagnostics = await compilation
            .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new FlowFileAnalyzer()), options)
            .GetAnalyzerDiagnosticsAsync();
        return new Result(diagnostics, exceptions);
    }
}

/// <summary>Analyzer options as the build passes them: global build properties and per-file options.</summary>
public sealed class TestOptions(Dictionary<string, string> global, Dictionary<string, Dictionary<string, string>>? perFile = null) : AnalyzerConfigOptionsProvider
{
    public static TestOptions Provider(Dictionary<string, string>? global = null, Dictionary<string, Dictionary<string, string>>? perFile = null)
    {
        var all = new Dictionary<string, string> { ["build_property.MSBuildProjectDirectory"] = GeneratorHarness.ProjectDirectory };
        foreach (var (key, value) in global ?? new()) all[key] = value;
        return new TestOptions(all, perFile);
    }

    public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(global);

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new Options(new());

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) =>
        new Options(perFile is not null && perFile.TryGetValue(textFile.Path, out var values) ? values : new());

    private sealed class Options(Dictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, out string value) => values.TryGetValue(key, out value!);
    }
}

public sealed class AnalyzerTests
{
    /// <summary>
    /// A switch whose second outcome ends at a debug node: the debug node is on line 4, its '{' at column 3.
    /// The first outcome answers, so the only path rule broken is FLOW104.
    /// </summary>
    [Theory]
    [InlineData("warning", DiagnosticSeverity.Warning)]
    [InlineData("suggestion", DiagnosticSeverity.Info)]
    [InlineData("error", DiagnosticSeverity.Error)]
    public async Task The_flow_files_editorconfig_section_sets_the_severity(string configured, DiagnosticSeverity expected)
    {
        var path = $"{GeneratorHarness.ProjectDirectory}/tap.flow.json";
        var perFile = new Dictionary<string, Dictionary<string, string>> { [path] = new() { ["flowgen_diagnostic.FLOW104.severity"] = configured } };

        var result = await AnalyzerHarness.Run(new AdditionalText[] { new InMemoryFlowFile(path, EndsAtDebug) }, perFile);

        Assert.Equal(expected, Assert.Single(result.Diagnostics, d => d.Id == "FLOW104").Severity);
    }

    [Fact]
    public async Task None_in_the_flow_files_editorconfig_section_silences_the_rule()
    {
        var path = $"{GeneratorHarness.ProjectDirectory}/tap.flow.json";
        var perFile = new Dictionary<string, Dictionary<string, string>> { [path] = new() { ["flowgen_diagnostic.FLOW104.severity"] = "none" } };

        var result = await AnalyzerHarness.Run(new AdditionalText[] { new InMemoryFlowFile(path, EndsAtDebug) }, perFile);

        Assert.DoesNotContain(result.Diagnostics, d => d.Id == "FLOW104");
    }

    public const string EndsAtDebug = """
        [
          {"id": "t1", "type": "tab", "label": "Tap"},
          {"id": "in1", "type": "http in", "z": "t1", "x": 1, "y": 1, "url": "/tap", "method": "get", "wires": [["sw"]]},
          {"id": "dbg", "type": "debug", "z": "t1", "x": 1, "y": 1, "name": "log it", "wires": []},
          {"id": "sw", "type": "switch", "z": "t1", "x": 1, "y": 1, "property": "payload", "propertyType": "msg", "rules": [{"t": "eq", "v": "a", "vt": "str"}, {"t": "else"}], "checkall": "false", "outputs": 2, "wires": [["out"], ["dbg"]]},
          {"id": "out", "type": "http response", "z": "t1", "x": 1, "y": 1, "wires": []}
        ]
        """;

    [Fact]
    public async Task Path_ending_at_a_debug_node_is_FLOW104_at_that_node()
    {
        var result = await AnalyzerHarness.Run(("tap.flow.json", EndsAtDebug));

        Assert.Empty(result.Exceptions);
        var diagnostic = Assert.Single(result.Diagnostics, d => d.Id == "FLOW104");
        var span = diagnostic.Location.GetLineSpan();
        Assert.Equal("/project/tap.flow.json", span.Path);
        Assert.Equal((4, 3), (span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1));
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Contains("log it", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Correct_flows_produce_nothing()
    {
        var result = await AnalyzerHarness.Run(("a.flow.json", Flows.Hello("/a", "a1")), ("b.flow.json", Flows.Hello("/b", "b1")));

        Assert.True(result.Diagnostics.IsEmpty && result.Exceptions.Count == 0, result.Describe());
    }

    [Theory]
    [InlineData("[ {\"id\": \"in1\", \"type\": \"http in\", ")]
    [InlineData("{\"not\": \"a flow\"}")]
    [InlineData("[{\"id\": \"x\", \"type\": \"no such node\", \"z\": \"t\", \"x\": 1, \"y\": 1, \"wires\": []}]")]
    public async Task Files_that_do_not_compile_are_left_to_the_generator(string json)
    {
        var result = await AnalyzerHarness.Run(("bad.flow.json", json));

        Assert.True(result.Diagnostics.IsEmpty && result.Exceptions.Count == 0, result.Describe());
        Assert.Contains(GeneratorHarness.Run(("bad.flow.json", json)).GeneratorDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
    }

    [Fact]
    public async Task Unreadable_file_is_left_to_the_generator()
    {
        var result = await AnalyzerHarness.Run(new AdditionalText[] { new UnreadableFile("/project/gone.flow.json") });

        Assert.True(result.Diagnostics.IsEmpty && result.Exceptions.Count == 0, result.Describe());
    }

    [Fact]
    public async Task Other_additional_files_are_not_read()
    {
        var result = await AnalyzerHarness.Run(new AdditionalText[] { new ThrowingFile("/project/settings.json") });

        Assert.True(result.Diagnostics.IsEmpty && result.Exceptions.Count == 0, result.Describe());
    }

    [Fact]
    public async Task A_failure_inside_the_analyzer_is_FLOW900_naming_the_file_never_an_exception()
    {
        var result = await AnalyzerHarness.Run(new AdditionalText[] { new ThrowingFile("/project/broken.flow.json") });

        Assert.Empty(result.Exceptions);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("FLOW900", diagnostic.Id);
        Assert.Equal("/project/broken.flow.json", diagnostic.Location.GetLineSpan().Path);
    }

    [Fact]
    public void Supported_diagnostics_are_every_rule_and_the_internal_error()
    {
        var supported = new FlowFileAnalyzer().SupportedDiagnostics.Select(d => d.Id).ToHashSet();

        Assert.Equal(FlowDiagnostics.Rules.Select(d => d.Id).Append("FLOW900").ToHashSet(), supported);
    }

    /// <summary>
    /// Every descriptor of the catalogue is either a rule (reported by the analyzer) or blocks emission (reported by the
    /// generator): a new rule that is not added to FlowDiagnostics.Rules fails here, not silently in users' builds.
    /// </summary>
    [Fact]
    public void Every_descriptor_is_a_rule_or_reported_by_the_generator()
    {
        var generatorOnly = new HashSet<string>
        {
            "FLOW001", "FLOW002", "FLOW003", "FLOW101", "FLOW102", "FLOW103", "FLOW112", "FLOW113",
            "FLOW201", "FLOW202", "FLOW203", "FLOW204", "FLOW205", "FLOW206", "FLOW207", "FLOW208",
            "FLOW301", "FLOW302", "FLOW303", "FLOW304", "FLOW305", "FLOW306",
            "FLOW330", "FLOW331", "FLOW332",
            "FLOW401", "FLOW402", "FLOW403",
            "FLOW900", "FLOW901",
        };
        var all = typeof(FlowDiagnostics).GetFields().Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!).ToList();
        var rules = FlowDiagnostics.Rules;

        Assert.All(rules, r => Assert.NotNull(r));
        Assert.Equal(rules.Length, rules.Select(r => r.Id).Distinct().Count());
        Assert.All(all, d => Assert.True(rules.Contains(d) ^ generatorOnly.Contains(d.Id),
            $"{d.Id} must be listed either in FlowDiagnostics.Rules (a rule the analyzer reports) or here (reported by the generator)"));
    }

    /// <summary>The sample app builds with warnings as errors, so any rule diagnostic there would also stop its build.</summary>
    [Fact]
    public async Task Sample_app_flows_produce_no_diagnostics()
    {
        var paths = RepositoryFlows.SampleFlows.ToList();
        Assert.NotEmpty(paths);
        var files = paths.Select(p => (AdditionalText)new InMemoryFlowFile(p, File.ReadAllText(p))).ToArray();

        var result = await AnalyzerHarness.Run(files);

        Assert.True(result.Diagnostics.IsEmpty && result.Exceptions.Count == 0, result.Describe());
        foreach (var path in paths)
        {
            var text = SourceText.From(File.ReadAllText(path));
            Assert.Empty(FlowFileCompiler.Compile(path, text, Path.GetDirectoryName(path)).Diagnostics);
            Assert.Empty(FlowFileCompiler.Check(path, text, Path.GetDirectoryName(path)));
        }
    }

    private sealed class UnreadableFile(string path) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText? GetText(System.Threading.CancellationToken cancellationToken = default) => null;
    }

    private sealed class ThrowingFile(string path) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText GetText(System.Threading.CancellationToken cancellationToken = default) => throw new IOException("disk on fire");
    }
}
