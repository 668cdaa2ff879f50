using System;
using System.Collections.Immutable;
using System.Linq;
using FlowGen.Compiler;
using FlowGen.Compiler.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace FlowGen.Analyzers;

/// <summary>
/// Reports the rule diagnostics of every <c>*.flow.json</c> additional file (a request that can end without a response,
/// two responses, unreachable nodes, constant values out of range, what breaks the OpenAPI contract, ...) at their
/// place in the flow file, live in the IDE and in <c>dotnet build</c>; and the project-wide contract rule (an
/// operation no flow implements) at its place in the OpenAPI document. What keeps a flow from compiling at all
/// (malformed JSON, unknown nodes, invalid properties) is the generator's to report; a file with such errors has no
/// rule diagnostics here, so nothing is reported twice.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class FlowFileAnalyzer : DiagnosticAnalyzer
{
    private const string ProjectDirectoryKey = "build_property.MSBuildProjectDirectory";

    private static readonly ImmutableArray<DiagnosticDescriptor> Supported = FlowDiagnostics.Rules.Add(FlowDiagnostics.InternalError);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => Supported;

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            // The project-wide rule needs every flow file at once: all are checked once per compilation, against the
            // OpenAPI document, by whichever file's action asks first; each file's action reports its own part.
            var projectDirectory = start.Options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue(ProjectDirectoryKey, out var dir) ? dir : null;
            var project = new Lazy<ProjectCheck>(() => ProjectCheck.Run(start.Options.AdditionalFiles, projectDirectory, start.CancellationToken));
            start.RegisterAdditionalFileAction(file => Report(file, project));
        });
    }

    private static void Report(AdditionalFileAnalysisContext context, Lazy<ProjectCheck> project)
    {
        var file = context.AdditionalFile;
        if (!FlowFileCompiler.IsFlowFile(file.Path) && !FlowFileCompiler.IsOpenApiFile(file.Path)) return;
        try
        {
            var result = project.Value;
            if (result.Failures.TryGetValue(file.Path, out var failure))
            {
                context.ReportDiagnostic(Internal(file.Path, failure));
                return;
            }
            if (!result.Diagnostics.TryGetValue(file.Path, out var diagnostics)) return;
            var fileOptions = context.Options.AnalyzerConfigOptionsProvider.GetOptions(file);
            foreach (var info in diagnostics)
            {
                if (!Supported.Contains(info.Descriptor))
                {
                    // A rule missing from FlowDiagnostics.Rules: the analyzer may not report it (Roslyn would fail the
                    // whole analyzer), so say what is wrong instead of losing it silently.
                    context.ReportDiagnostic(Internal(file.Path, $"{info.Descriptor.Id} at {info.Location}: {info.Message} (the rule is not listed in FlowDiagnostics.Rules)"));
                    continue;
                }
                // The file's .editorconfig section may set the rule's severity (see FlowSeverities).
                var severity = FlowSeverities.Apply(info.Descriptor.DefaultSeverity, FlowSeverities.Configured(fileOptions, info.Descriptor.Id));
                if (severity is { } reported) context.ReportDiagnostic(info.ToDiagnostic(reported));
            }
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            context.ReportDiagnostic(Internal(file.Path, $"{ex.GetType().Name}: {ex.Message}"));
        }
    }

    private static Diagnostic Internal(string path, string message) =>
        DiagnosticInfo.Create(FlowDiagnostics.InternalError, new SourceLocation(path, default, default), message).ToDiagnostic();
}
