using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using FlowGen.Compiler;
using FlowGen.Compiler.Diagnostics;
using FlowGen.Compiler.Emit;
using FlowGen.Compiler.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace FlowGen.Mutations;

/// <summary>
/// Runs the compiler core over a project's flow files as the build does: the generator's per-file compile (blocking
/// diagnostics), the analyzers' per-file check (rule diagnostics), and the registration's project-wide checks.
/// </summary>
internal static class ProjectRunner
{
    public const string ProjectDirectory = "/project";

    public static List<DiagnosticInfo> Run(IEnumerable<ProjectFile> files)
    {
        var diagnostics = new List<DiagnosticInfo>();
        var results = new List<FlowFileResult>();
        foreach (var file in files)
        {
            var text = SourceText.From(file.Text);
            var result = FlowFileCompiler.Compile(file.Path, text, ProjectDirectory);
            results.Add(result);
            diagnostics.AddRange(result.Diagnostics);
            diagnostics.AddRange(FlowFileCompiler.Check(file.Path, text, ProjectDirectory));
        }
        RegistrationEmitter.Emit(results, diagnostics);
        return diagnostics;
    }

    /// <summary>Every descriptor of the catalogue by ID, read from FlowDiagnostics as it is on this branch.</summary>
    public static Dictionary<string, DiagnosticDescriptor> Catalogue() =>
        typeof(FlowDiagnostics).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
            .GroupBy(d => d.Id)
            .ToDictionary(g => g.Key, g => g.First());

    public static string Describe(DiagnosticInfo d)
    {
        var severity = d.Descriptor.DefaultSeverity == DiagnosticSeverity.Error ? "error" : d.Descriptor.DefaultSeverity.ToString().ToLowerInvariant();
        return $"{d.Location?.ToString() ?? "(no location)"}: {severity} {d.Descriptor.Id}: {d.Message}";
    }
}
