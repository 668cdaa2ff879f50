using System;
using System.Collections.Immutable;
using System.Linq;
using FlowGen.Compiler;
using FlowGen.Compiler.Diagnostics;
using FlowGen.Compiler.OpenApi;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace FlowGen.Analyzers;

/// <summary>
/// Reports the rule diagnostics of every <c>*.flow.json</c> additional file (a request that can end without a response,
/// two responses, unreachable nodes, constant values out of range, ...) at their place in the flow file, live in the
/// IDE and in <c>dotnet build</c>. What keeps a flow from compiling at all (malformed JSON, unknown nodes, invalid
/// properties) is the generator's to report; a file with such errors has no rule diagnostics here, so nothing is
/// reported twice.
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
            // Every flow file is checked against the project's OpenAPI document, read once per compilation.
            var contract = new Lazy<ApiContract>(() => OpenApiReader.ReadContract(
                start.Options.AdditionalFiles.Where(f => FlowFileCompiler.IsOpenApiFile(f.Path)).Select(f => (f.Path, f.GetText(start.CancellationToken))).ToList(),
                start.CancellationToken));
            start.RegisterAdditionalFileAction(file => AnalyzeFlowFile(file, contract));
        });
    }

    private static void AnalyzeFlowFile(AdditionalFileAnalysisContext context, Lazy<ApiContract> contract)
    {
        var file = context.AdditionalFile;
        if (!FlowFileCompiler.IsFlowFile(file.Path)) return;
        try
        {
            // An unreadable file is the generator's to report (it cannot compile it either).
            var text = file.GetText(context.CancellationToken);
            if (text is null) return;
            var projectDirectory = context.Options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue(ProjectDirectoryKey, out var dir) ? dir : null;
            var fileOptions = context.Options.AnalyzerConfigOptionsProvider.GetOptions(file);
            foreach (var info in FlowFileCompiler.Check(file.Path, text, projectDirectory, contract.Value, context.CancellationToken))
            {
                if (!Supported.Contains(info.Descriptor))
                {
                    // A rule missing from FlowDiagnostics.Rules: the analyzer may not report it (Roslyn would fail the
                    // whole analyzer), so say what is wrong instead of losing it silently.
                    context.ReportDiagnostic(Internal(file.Path, $"{info.Descriptor.Id} at {info.Location}: {info.Message} (the rule is not listed in FlowDiagnostics.Rules)"));
                    continue;
                }
                // The flow file's .editorconfig section may set the rule's severity (see FlowSeverities).
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
