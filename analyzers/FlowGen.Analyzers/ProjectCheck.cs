using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using FlowGen.Compiler;
using FlowGen.Compiler.Checks;
using FlowGen.Compiler.Diagnostics;
using FlowGen.Compiler.OpenApi;
using Microsoft.CodeAnalysis;

namespace FlowGen.Analyzers;

/// <summary>
/// The rule diagnostics of a whole project, by the path of the file they are located in: each flow file's own, and the
/// project-wide contract rule (an operation no flow implements, in the OpenAPI document). A file the check failed on
/// has a failure message instead, reported as FLOW900.
/// </summary>
internal sealed class ProjectCheck
{
    private ProjectCheck(Dictionary<string, List<DiagnosticInfo>> diagnostics, Dictionary<string, string> failures)
    {
        Diagnostics = diagnostics;
        Failures = failures;
    }

    public IReadOnlyDictionary<string, List<DiagnosticInfo>> Diagnostics { get; }

    public IReadOnlyDictionary<string, string> Failures { get; }

    public static ProjectCheck Run(ImmutableArray<AdditionalText> files, string? projectDirectory, CancellationToken cancellationToken)
    {
        var diagnostics = new Dictionary<string, List<DiagnosticInfo>>();
        var failures = new Dictionary<string, string>();
        void Add(DiagnosticInfo info)
        {
            var path = info.Location?.Path ?? "";
            if (!diagnostics.TryGetValue(path, out var list)) diagnostics[path] = list = new List<DiagnosticInfo>();
            list.Add(info);
        }

        ApiContract contract;
        try
        {
            contract = OpenApiReader.ReadContract(
                files.Where(f => FlowFileCompiler.IsOpenApiFile(f.Path)).Select(f => (f.Path, f.GetText(cancellationToken))).ToList(),
                cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The generator reads the same documents and reports why it cannot (FLOW900); the flows are still checked.
            contract = ApiContract.None;
        }

        var bindings = new List<OperationBinding>();
        foreach (var file in files.Where(f => FlowFileCompiler.IsFlowFile(f.Path)))
        {
            try
            {
                // An unreadable file is the generator's to report (it cannot compile it either).
                var text = file.GetText(cancellationToken);
                if (text is null) continue;
                foreach (var info in FlowFileCompiler.Check(file.Path, text, projectDirectory, contract, bindings, cancellationToken)) Add(info);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                failures[file.Path] = $"{ex.GetType().Name}: {ex.Message}";
            }
        }
        if (contract.Document is { } document)
        {
            foreach (var info in ContractBindings.ProjectRules(document, bindings)) Add(info);
        }
        return new ProjectCheck(diagnostics, failures);
    }
}
