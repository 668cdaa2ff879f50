using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using FlowGen.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace FlowGen.Compiler.Tests;

/// <summary>
/// With analyzers switched off the generator still fails the build on a flow whose rules report an error under the
/// user's configuration: one FLOW901 per file, at the first error.
/// </summary>
public sealed class SafetyNetTests
{
    private const string FlowPath = "/project/tap.flow.json";

    private static GeneratorDriver Driver(Dictionary<string, string> properties, params InMemoryFlowFile[] flows) => Driver(properties, null, flows);

    private static GeneratorDriver Driver(Dictionary<string, string> properties, Dictionary<string, Dictionary<string, string>>? perFile, params InMemoryFlowFile[] flows) =>
        CSharpGeneratorDriver.Create(
            new[] { new FlowGenerator().AsSourceGenerator() },
            flows,
            parseOptions: new CSharpParseOptions(LanguageVersion.CSharp13),
            optionsProvider: TestOptions.Provider(properties, perFile),
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    private static readonly Dictionary<string, string> AnalyzersOff = new() { ["build_property.RunAnalyzers"] = "false" };

    private static ImmutableArray<Diagnostic> Run(Dictionary<string, string> properties, CSharpCompilation? compilation = null, string flow = AnalyzerTests.EndsAtDebug)
    {
        Driver(properties, new InMemoryFlowFile(FlowPath, flow))
            .RunGeneratorsAndUpdateCompilation(compilation ?? GeneratorHarness.CreateCompilation(), out _, out var diagnostics);
        return diagnostics;
    }

    [Theory]
    [InlineData("build_property.RunAnalyzers", "false")]
    [InlineData("build_property.RunAnalyzersDuringBuild", "false")]
    [InlineData("build_property.RunAnalyzers", "False")]
    public void Analyzers_off_and_a_rule_error_is_one_FLOW901_at_the_first_error(string property, string value)
    {
        var diagnostics = Run(new() { [property] = value });

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("FLOW901", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        var span = diagnostic.Location.GetLineSpan();
        Assert.Equal(FlowPath, span.Path);
        Assert.Equal((4, 3), (span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1));
        var message = diagnostic.GetMessage();
        Assert.Contains(FlowPath, message, System.StringComparison.Ordinal);
        Assert.Contains("FLOW104", message, System.StringComparison.Ordinal);
        Assert.Contains("'log it'", message, System.StringComparison.Ordinal);
        Assert.Contains("build with analyzers on to see them all", message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Analyzers_on_leave_the_rules_to_the_analyzer()
    {
        Assert.Empty(Run(new()));
        Assert.Empty(Run(new() { ["build_property.RunAnalyzers"] = "true" }));
        // RunAnalyzers wins over RunAnalyzersDuringBuild, as in the compiler's build targets.
        Assert.Empty(Run(new() { ["build_property.RunAnalyzers"] = "true", ["build_property.RunAnalyzersDuringBuild"] = "false" }));
    }

    [Fact]
    public void Correct_flow_with_analyzers_off_is_silent()
    {
        Assert.Empty(Run(AnalyzersOff, flow: Flows.Hello()));
    }

    [Theory]
    [InlineData(ReportDiagnostic.Warn)]
    [InlineData(ReportDiagnostic.Info)]
    [InlineData(ReportDiagnostic.Suppress)]
    public void Rule_lowered_on_the_command_line_or_in_a_rule_set_is_not_an_error(ReportDiagnostic severity)
    {
        var compilation = GeneratorHarness.CreateCompilation();
        compilation = compilation.WithOptions(compilation.Options.WithSpecificDiagnosticOptions(new Dictionary<string, ReportDiagnostic> { ["FLOW104"] = severity }));

        Assert.Empty(Run(AnalyzersOff, compilation));
    }

    [Theory]
    [InlineData("warning", false)]
    [InlineData("none", false)]
    [InlineData("error", true)]
    public void Rule_severity_in_a_globalconfig_is_honoured(string severity, bool fails)
    {
        var report = severity switch { "warning" => ReportDiagnostic.Warn, "none" => ReportDiagnostic.Suppress, _ => ReportDiagnostic.Error };
        var compilation = GeneratorHarness.CreateCompilation();
        compilation = compilation.WithOptions(compilation.Options.WithSyntaxTreeOptionsProvider(new GlobalConfig(new() { ["FLOW104"] = report })));

        Assert.Equal(fails, Run(AnalyzersOff, compilation).Any(d => d.Id == "FLOW901"));
    }

    [Fact]
    public void Warnings_as_errors_make_a_warning_rule_an_error()
    {
        // A switch with no otherwise rule: FLOW105, a warning by default.
        var flow = AnalyzerTests.EndsAtDebug.Replace("""{"t": "else"}""", """{"t": "eq", "v": "b", "vt": "str"}""").Replace("""[["out"], ["dbg"]]""", """[["out"], ["out"]]""");
        var compilation = GeneratorHarness.CreateCompilation();

        Assert.Empty(Run(AnalyzersOff, compilation, flow));
        var strict = compilation.WithOptions(compilation.Options.WithGeneralDiagnosticOption(ReportDiagnostic.Error));
        Assert.Contains("FLOW105", Assert.Single(Run(AnalyzersOff, strict, flow), d => d.Id == "FLOW901").GetMessage(), System.StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_cannot_compile_gets_the_generator_errors_and_no_FLOW901()
    {
        var diagnostics = Run(AnalyzersOff, flow: "[ {\"id\": ");

        Assert.Contains(diagnostics, d => d.Id == "FLOW001");
        Assert.DoesNotContain(diagnostics, d => d.Id == "FLOW901");
    }

    [Fact]
    public void Unrelated_csharp_edit_reruns_no_flow_step_with_analyzers_off()
    {
        var compilation = GeneratorHarness.CreateCompilation();
        var driver = Driver(AnalyzersOff, new InMemoryFlowFile(FlowPath, AnalyzerTests.EndsAtDebug)).RunGenerators(compilation);

        var edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("class Unrelated { }", new CSharpParseOptions(LanguageVersion.CSharp13)));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        Assert.All(new[] { TrackingNames.FlowFile, TrackingNames.SafetyNetRules }.SelectMany(name => result.TrackedSteps[name]).SelectMany(s => s.Outputs),
            o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
        Assert.All(new[] { TrackingNames.RuleSeverities, TrackingNames.SafetyNet, TrackingNames.Registration }.SelectMany(name => result.TrackedSteps[name]).SelectMany(s => s.Outputs),
            o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, o.Reason.ToString()));
        Assert.Single(result.Diagnostics, d => d.Id == "FLOW901");
    }

    [Fact]
    public void With_analyzers_on_the_safety_net_checks_nothing()
    {
        var result = Driver(new(), new InMemoryFlowFile(FlowPath, AnalyzerTests.EndsAtDebug)).RunGenerators(GeneratorHarness.CreateCompilation()).GetRunResult().Results.Single();

        var rules = result.TrackedSteps[TrackingNames.SafetyNetRules].SelectMany(s => s.Outputs).Select(o => o.Value).ToList();
        Assert.NotEmpty(rules);
        Assert.All(rules, value => Assert.Empty(Assert.IsType<(string, FlowGen.Compiler.Helpers.EquatableArray<string>, FlowGen.Compiler.Helpers.EquatableArray<FlowGen.Compiler.Diagnostics.DiagnosticInfo>)>(value).Item3));
    }

    [Theory]
    [InlineData("warning", false)]
    [InlineData("none", false)]
    [InlineData("error", true)]
    public void The_flow_files_own_editorconfig_severity_decides(string severity, bool fails)
    {
        var perFile = new Dictionary<string, Dictionary<string, string>> { [FlowPath] = new() { ["flowgen_diagnostic.FLOW104.severity"] = severity } };
        var diagnostics = new List<Diagnostic>();
        Driver(AnalyzersOff, perFile, new InMemoryFlowFile(FlowPath, AnalyzerTests.EndsAtDebug))
            .RunGeneratorsAndUpdateCompilation(GeneratorHarness.CreateCompilation(), out _, out var generated);
        diagnostics.AddRange(generated);

        Assert.Equal(fails, diagnostics.Any(d => d.Id == "FLOW901"));
    }

    /// <summary>What a .globalconfig gives the compilation: severities for the whole project.</summary>
    private sealed class GlobalConfig(Dictionary<string, ReportDiagnostic> severities) : SyntaxTreeOptionsProvider
    {
        public override GeneratedKind IsGenerated(SyntaxTree tree, CancellationToken cancellationToken) => GeneratedKind.Unknown;

        public override bool TryGetDiagnosticValue(SyntaxTree tree, string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity)
        {
            severity = ReportDiagnostic.Default;
            return false;
        }

        public override bool TryGetGlobalDiagnosticValue(string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity) =>
            severities.TryGetValue(diagnosticId, out severity);
    }
}
