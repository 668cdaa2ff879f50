using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using FlowGen.Compiler.Diagnostics;
using FlowGen.Compiler.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace FlowGen.Generator;

/// <summary>
/// When analyzers are switched off (RunAnalyzers=false, or RunAnalyzersDuringBuild=false with RunAnalyzers unset, as
/// the compiler's build targets decide), the flow rules do not run, but generators still do: the generator then runs
/// the rules itself and fails the build with one FLOW901 per flow file that has an error under the user's
/// configuration, so switching analyzers off never lets a flow that would not build ship.
/// </summary>
internal static class SafetyNet
{
    /// <summary>The rule IDs that are errors under the project's options, and whether warnings are errors.</summary>
    public sealed record RuleSeverities(EquatableArray<string> ErrorIds, bool WarningsAreErrors);

    /// <summary>Mirrors the _ComputeSkipAnalyzers target of Microsoft.Managed.Core.targets.</summary>
    public static bool AnalyzersAreOff(AnalyzerConfigOptions globalOptions)
    {
        var runAnalyzers = Property(globalOptions, "RunAnalyzers");
        return IsFalse(runAnalyzers) || (runAnalyzers.Length == 0 && IsFalse(Property(globalOptions, "RunAnalyzersDuringBuild")));
    }

    private static string Property(AnalyzerConfigOptions options, string name) =>
        options.TryGetValue("build_property." + name, out var value) ? value.Trim() : "";

    private static bool IsFalse(string value) => string.Equals(value, "false", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The rule IDs that are errors under the project's configuration, computed as the compiler does for a diagnostic
    /// located outside C# files (a flow file): command-line options (/warnaserror[+-]:ID, /nowarn:ID, a rule set),
    /// then global analyzer config (a .globalconfig's dotnet_diagnostic.ID.severity), then the default severity,
    /// with TreatWarningsAsErrors promoting warnings. The compiler applies no .editorconfig section to such
    /// diagnostics, so neither does this.
    /// </summary>
    public static RuleSeverities ErrorRuleIds(CompilationOptions options, CancellationToken cancellationToken)
    {
        var errors = new List<string>();
        foreach (var rule in FlowDiagnostics.Rules.Add(FlowDiagnostics.InternalError))
        {
            if (IsError(rule, options, cancellationToken)) errors.Add(rule.Id);
        }
        return new RuleSeverities(errors.ToEquatableArray(), options.GeneralDiagnosticOption == ReportDiagnostic.Error);
    }

    private static bool IsError(DiagnosticDescriptor rule, CompilationOptions options, CancellationToken cancellationToken)
    {
        var severity = rule.DefaultSeverity;
        var general = options.GeneralDiagnosticOption;
        var specified = TryGetSpecific(options, rule.Id, out var report);
        // /warnaserror-:ID puts Default in the specific options: the warning stays a warning.
        var warnAsErrorMinus = specified && report == ReportDiagnostic.Default;
        if ((!specified || warnAsErrorMinus)
            && options.SyntaxTreeOptionsProvider is { } provider
            && provider.TryGetGlobalDiagnosticValue(rule.Id, cancellationToken, out var fromConfig)
            && !(warnAsErrorMinus && severity == DiagnosticSeverity.Warning && fromConfig == ReportDiagnostic.Error))
        {
            specified = true;
            report = fromConfig;
            if (!warnAsErrorMinus && report == ReportDiagnostic.Warn && general == ReportDiagnostic.Error) report = ReportDiagnostic.Error;
        }
        if (!specified) report = rule.IsEnabledByDefault ? ReportDiagnostic.Default : ReportDiagnostic.Suppress;
        return report switch
        {
            ReportDiagnostic.Error => true,
            ReportDiagnostic.Default => severity == DiagnosticSeverity.Error
                || (severity == DiagnosticSeverity.Warning && general == ReportDiagnostic.Error && !warnAsErrorMinus),
            _ => false,
        };
    }

    private static bool TryGetSpecific(CompilationOptions options, string id, out ReportDiagnostic report)
    {
        foreach (var pair in options.SpecificDiagnosticOptions)
        {
            if (string.Equals(pair.Key, id, StringComparison.OrdinalIgnoreCase))
            {
                report = pair.Value;
                return true;
            }
        }
        report = ReportDiagnostic.Default;
        return false;
    }

    /// <summary>
    /// One FLOW901 for a flow file whose rule diagnostics include an error, at the first error. The file's own
    /// .editorconfig severities ("FLOW104=Warn", see FlowSeverities) win over the project's, as the analyzer applies them.
    /// </summary>
    public static DiagnosticInfo? Verdict(string path, EquatableArray<DiagnosticInfo> rules, RuleSeverities project, EquatableArray<string> fileSeverities)
    {
        bool IsError(string id)
        {
            var configured = fileSeverities.FirstOrDefault(s => s.StartsWith(id + "=", StringComparison.Ordinal));
            if (configured is null) return project.ErrorIds.Contains(id);
            var value = configured.Substring(id.Length + 1);
            return value == nameof(ReportDiagnostic.Error) || (value == nameof(ReportDiagnostic.Warn) && project.WarningsAreErrors);
        }
        var first = rules.FirstOrDefault(d => IsError(d.Descriptor.Id));
        if (first is null) return null;
        return DiagnosticInfo.Create(FlowDiagnostics.FlowErrorsWithAnalyzersOff, first.Location,
            path, first.Location is { } at ? $"line {at.LineSpan.Start.Line + 1}, column {at.LineSpan.Start.Character + 1}" : "an unknown place",
            first.Descriptor.Id, first.Message);
    }
}
