using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace FlowGen.Compiler.Diagnostics;

/// <summary>
/// Severities set for flow files in .editorconfig. The compiler applies <c>dotnet_diagnostic.ID.severity</c> only to C#
/// files (for a flow file only a .globalconfig's value counts), so FlowGen reads its own key from the section that
/// matches the flow file: <c>flowgen_diagnostic.FLOW104.severity = warning</c> under <c>[*.flow.json]</c>.
/// </summary>
public static class FlowSeverities
{
    public static string Key(string id) => "flowgen_diagnostic." + id + ".severity";

    /// <summary>The severity configured for the rule in the file's options, or null when none is.</summary>
    public static ReportDiagnostic? Configured(AnalyzerConfigOptions options, string id)
    {
        if (!options.TryGetValue(Key(id), out var value)) return null;
        return value.Trim().ToLowerInvariant() switch
        {
            "error" => ReportDiagnostic.Error,
            "warning" => ReportDiagnostic.Warn,
            "suggestion" => ReportDiagnostic.Info,
            "silent" => ReportDiagnostic.Hidden,
            "none" => ReportDiagnostic.Suppress,
            _ => null,
        };
    }

    /// <summary>"FLOW104=Warn" for every rule the file's options configure: a value the incremental generator can cache.</summary>
    public static IEnumerable<string> ConfiguredAll(AnalyzerConfigOptions options, IEnumerable<DiagnosticDescriptor> rules)
    {
        foreach (var rule in rules)
        {
            if (Configured(options, rule.Id) is { } report) yield return rule.Id + "=" + report;
        }
    }

    /// <summary>The severity a diagnostic is reported with under a configured value (null: suppressed).</summary>
    public static DiagnosticSeverity? Apply(DiagnosticSeverity defaultSeverity, ReportDiagnostic? configured) => configured switch
    {
        null or ReportDiagnostic.Default => defaultSeverity,
        ReportDiagnostic.Error => DiagnosticSeverity.Error,
        ReportDiagnostic.Warn => DiagnosticSeverity.Warning,
        ReportDiagnostic.Info => DiagnosticSeverity.Info,
        ReportDiagnostic.Hidden => DiagnosticSeverity.Hidden,
        _ => null,
    };
}
