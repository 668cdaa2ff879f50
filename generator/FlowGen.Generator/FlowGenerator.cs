using System.Collections.Immutable;
using System.Linq;
using FlowGen.Compiler;
using FlowGen.Compiler.Code;
using FlowGen.Compiler.Diagnostics;
using FlowGen.Compiler.Emit;
using FlowGen.Compiler.Helpers;
using FlowGen.Compiler.Model;
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

        var files = context.AdditionalTextsProvider
            .Where(static text => FlowFileCompiler.IsFlowFile(text.Path))
            .Select(static (text, ct) => (text.Path, Text: text.GetText(ct)))
            .Combine(projectDirectory)
            .Select(static (input, ct) => input.Left.Text is null
                ? new FlowFileResult(input.Left.Path, "unreadable.flow.g.cs", "UnreadableFlow", null,
                    new EquatableArray<DiagnosticInfo>(new[] { DiagnosticInfo.Create(FlowDiagnostics.InternalError, null, $"the file {input.Left.Path} could not be read") }),
                    EquatableArray<EndpointInfo>.Empty, EquatableArray<NodeIdInfo>.Empty)
                : FlowFileCompiler.Compile(input.Left.Path, input.Left.Text, input.Right, ct))
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
            .Select(static (file, _) => file with { Source = null, Diagnostics = EquatableArray<DiagnosticInfo>.Empty, CodeNodes = EquatableArray<CodeNodeRequest>.Empty })
            .Collect()
            .Select(static (all, _) => all.ToEquatableArray())
            .WithTrackingName(TrackingNames.Registration);

        context.RegisterSourceOutput(summaries, static (spc, all) =>
        {
            var diagnostics = new System.Collections.Generic.List<DiagnosticInfo>();
            var source = RegistrationEmitter.Emit(all.ToList(), diagnostics);
            foreach (var diagnostic in diagnostics) spc.ReportDiagnostic(diagnostic.ToDiagnostic());
            spc.AddSource("FlowGen.MapFlows.g.cs", source);
        });
    }
}

/// <summary>Names of the pipeline steps, for the incremental caching tests.</summary>
public static class TrackingNames
{
    public const string ProjectDirectory = nameof(ProjectDirectory);
    public const string FlowFile = nameof(FlowFile);
    public const string Registration = nameof(Registration);
    public const string CodeNodeFile = nameof(CodeNodeFile);
    public const string CodeNodeBinding = nameof(CodeNodeBinding);
}
