using System.Collections.Immutable;
using System.Linq;
using FlowGen.Compiler;
using FlowGen.Compiler.Code;
using FlowGen.Compiler.Diagnostics;
using FlowGen.Compiler.Emit;
using FlowGen.Compiler.Helpers;
using FlowGen.Compiler.Model;
using FlowGen.Compiler.OpenApi;
using Microsoft.CodeAnalysis;

namespace FlowGen.Generator;

/// <summary>
/// Compiles every <c>*.flow.json</c> additional file into endpoint code, and writes <c>app.MapFlows()</c>.
/// Flow files are the only input of the main path: a C# edit reruns nothing there, a flow edit reruns that file.
/// C# code nodes are bound to user methods in a branch that only files containing them enter.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class FlowGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var projectDirectory = context.AnalyzerConfigOptionsProvider
            .Select(static (options, _) => options.GlobalOptions.TryGetValue("build_property.MSBuildProjectDirectory", out var dir) ? dir : null)
            .WithTrackingName(TrackingNames.ProjectDirectory);

        var texts = context.AdditionalTextsProvider
            .Where(static text => FlowFileCompiler.IsFlowFile(text.Path))
            .Select(static (text, ct) => (text.Path, Text: text.GetText(ct)));

        // The project's OpenAPI document: every flow file is combined with it, so editing it reruns the flows and
        // editing a flow leaves it cached.
        var contract = context.AdditionalTextsProvider
            .Where(static text => FlowFileCompiler.IsOpenApiFile(text.Path))
            .Select(static (text, ct) => (text.Path, Text: text.GetText(ct)))
            .Collect()
            .Select(static (documents, ct) => OpenApiReader.ReadContract(documents, ct))
            .WithTrackingName(TrackingNames.Contract);

        context.RegisterSourceOutput(contract, static (spc, contract) =>
        {
            foreach (var diagnostic in contract.Diagnostics) spc.ReportDiagnostic(diagnostic.ToDiagnostic());
        });

        var files = texts
            .Combine(projectDirectory)
            .Combine(contract)
            .Select(static (input, ct) => CompileFile(input.Left.Left.Path, input.Left.Left.Text, input.Left.Right, input.Right, ct))
            .WithTrackingName(TrackingNames.FlowFile);

        context.RegisterSourceOutput(files, static (spc, file) =>
        {
            foreach (var diagnostic in file.Diagnostics) spc.ReportDiagnostic(diagnostic.ToDiagnostic());
            if (file.Source is not null) spc.AddSource(file.HintName, file.Source);
        });

        // The C# code node's branch: only files with code nodes are combined with the compilation, so a C# edit
        // reruns the binding of code nodes and nothing else, and flows without code nodes never see C# edits.
        var codeNodes = files
            .Select(static (file, _) => new CodeNodeFile(file.Path, file.HintName, file.ClassName, file.CodeNodes))
            .Where(static file => file.Nodes.Count > 0)
            .WithTrackingName(TrackingNames.CodeNodeFile)
            .Combine(context.CompilationProvider)
            .Select(static (input, ct) => CodeNodeBinder.Bind(input.Left, input.Right, ct))
            .WithTrackingName(TrackingNames.CodeNodeBinding);

        context.RegisterSourceOutput(codeNodes, static (spc, output) =>
        {
            foreach (var diagnostic in output.Diagnostics) spc.ReportDiagnostic(diagnostic.ToDiagnostic());
            if (output.Source is not null) spc.AddSource(output.HintName, output.Source);
        });

        // The registration sees only what it needs of each file, so editing a node's work leaves it cached.
        var summaries = files
            .Select(static (file, _) => file with { Source = null, Diagnostics = EquatableArray<DiagnosticInfo>.Empty, CodeNodes = EquatableArray<CodeNodeRequest>.Empty, Endpoints = RegistrationEmitter.Registered(file.Endpoints) })
            .Collect()
            .Select(static (all, _) => all.ToEquatableArray())
            .WithTrackingName(TrackingNames.Registration);

        // The package's analyzers reach projects that only reference a FlowGen app (its test project, say), whose
        // build does not import FlowGen.props: a MapFlows there would clash with the app's and map nothing.
        var isFlowGenProject = context.AnalyzerConfigOptionsProvider
            .Select(static (options, _) => options.GlobalOptions.TryGetValue("build_property.FlowGenProject", out var value) && string.Equals(value, "true", System.StringComparison.OrdinalIgnoreCase))
            .WithTrackingName(TrackingNames.FlowGenProject);

        context.RegisterSourceOutput(summaries.Combine(isFlowGenProject), static (spc, input) =>
        {
            var (all, isFlowGenProject) = input;
            if (all.Count == 0 && !isFlowGenProject) return;
            var diagnostics = new System.Collections.Generic.List<DiagnosticInfo>();
            var source = RegistrationEmitter.Emit(all.ToList(), diagnostics);
            foreach (var diagnostic in diagnostics) spc.ReportDiagnostic(diagnostic.ToDiagnostic());
            spc.AddSource("FlowGen.MapFlows.g.cs", source);
        });

        // The OpenAPI document MapFlowsOpenApi serves: the project's own, else one generated from the flows.
        var openApi = files
            .Select(static (file, _) => OpenApiDocumentWriter.Summary(file))
            .Collect()
            .Select(static (all, _) => all.ToEquatableArray())
            .Combine(contract.Select(static (c, _) => c.Document is { } d ? (d.Json, d.Path) : ((string Json, string Path)?)null))
            .WithTrackingName(TrackingNames.OpenApi);

        context.RegisterSourceOutput(openApi.Combine(isFlowGenProject), static (spc, input) =>
        {
            var ((files, document), isFlowGenProject) = input;
            // Like MapFlows: nothing in a project that only references a FlowGen app.
            if (files.Count == 0 && !isFlowGenProject) return;
            spc.AddSource(OpenApiDocumentWriter.HintName, OpenApiDocumentWriter.Emit(files.ToList(), document));
        });

        RegisterSafetyNet(context, projectDirectory, contract);
    }

    private static FlowFileResult CompileFile(string path, Microsoft.CodeAnalysis.Text.SourceText? text, string? projectDirectory, ApiContract contract, System.Threading.CancellationToken cancellationToken) =>
        text is null
            ? new FlowFileResult(path, "unreadable.flow.g.cs", "UnreadableFlow", null,
                new EquatableArray<DiagnosticInfo>(new[] { DiagnosticInfo.Create(FlowDiagnostics.InternalError, null, $"the file {path} could not be read") }),
                EquatableArray<EndpointInfo>.Empty, EquatableArray<NodeIdInfo>.Empty)
            : FlowFileCompiler.Compile(path, text, projectDirectory, contract, cancellationToken);

    /// <summary>
    /// The rules are the analyzers' to report. When analyzers are off, the generator runs them too and fails the build
    /// with one FLOW901 per flow file that has an error under the user's configuration. A branch of its own: the main
    /// path stays free of compilation inputs, and with analyzers on it checks nothing.
    /// </summary>
    private static void RegisterSafetyNet(
        IncrementalGeneratorInitializationContext context,
        IncrementalValueProvider<string?> projectDirectory,
        IncrementalValueProvider<ApiContract> contract)
    {
        var analyzersOff = context.AnalyzerConfigOptionsProvider
            .Select(static (options, _) => SafetyNet.AnalyzersAreOff(options.GlobalOptions))
            .WithTrackingName(TrackingNames.AnalyzersOff);

        // Only the severities leave the compilation: a C# edit that changes no option changes nothing downstream.
        var errorIds = context.CompilationProvider
            .Select(static (compilation, ct) => SafetyNet.ErrorRuleIds(compilation.Options, ct))
            .WithTrackingName(TrackingNames.RuleSeverities);

        // Each flow file with the severities its own .editorconfig section sets (FlowSeverities).
        var files = context.AdditionalTextsProvider
            .Where(static text => FlowFileCompiler.IsFlowFile(text.Path))
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Select(static (input, ct) => (input.Left.Path, Text: input.Left.GetText(ct),
                Severities: FlowSeverities.ConfiguredAll(input.Right.GetOptions(input.Left), FlowDiagnostics.Rules).ToEquatableArray()));

        var verdicts = files
            .Combine(projectDirectory.Combine(contract))
            .Combine(analyzersOff)
            .Select(static (input, ct) => (input.Left.Left.Path, input.Left.Left.Severities, Rules: input.Right && input.Left.Left.Text is { } text
                ? FlowFileCompiler.Check(input.Left.Left.Path, text, input.Left.Right.Left, input.Left.Right.Right, ct).ToEquatableArray()
                : EquatableArray<DiagnosticInfo>.Empty))
            .WithTrackingName(TrackingNames.SafetyNetRules)
            .Combine(errorIds)
            .Select(static (input, _) => SafetyNet.Verdict(input.Left.Path, input.Left.Rules, input.Right, input.Left.Severities))
            .WithTrackingName(TrackingNames.SafetyNet);

        context.RegisterSourceOutput(verdicts, static (spc, verdict) =>
        {
            if (verdict is not null) spc.ReportDiagnostic(verdict.ToDiagnostic());
        });
    }
}

/// <summary>Names of the pipeline steps, for the incremental caching tests.</summary>
public static class TrackingNames
{
    public const string ProjectDirectory = nameof(ProjectDirectory);
    public const string Contract = nameof(Contract);
    public const string FlowGenProject = nameof(FlowGenProject);
    public const string FlowFile = nameof(FlowFile);
    public const string Registration = nameof(Registration);
    public const string OpenApi = nameof(OpenApi);
    public const string AnalyzersOff = nameof(AnalyzersOff);
    public const string RuleSeverities = nameof(RuleSeverities);
    public const string SafetyNetRules = nameof(SafetyNetRules);
    public const string SafetyNet = nameof(SafetyNet);
    public const string CodeNodeFile = nameof(CodeNodeFile);
    public const string CodeNodeBinding = nameof(CodeNodeBinding);
}
