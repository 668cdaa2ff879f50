using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace FlowGen.Compiler.Tests;

/// <summary>Flow files that live in the repository and beside it: the sample app's and the conformance kit's.</summary>
public static class RepositoryFlows
{
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "FlowGen.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("FlowGen.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>The conformance kit: FLOWGEN_CONFORMANCE_KIT, else shared/conformance beside the repository.</summary>
    public static string ConformanceKit =>
        Environment.GetEnvironmentVariable("FLOWGEN_CONFORMANCE_KIT") is { Length: > 0 } kit ? kit : Path.GetFullPath(Path.Combine(Root, "..", "shared", "conformance"));

    public static IEnumerable<string> ConformanceFlows(string set) =>
        Directory.GetDirectories(Path.Combine(ConformanceKit, set)).OrderBy(d => d, StringComparer.Ordinal).Select(d => Path.Combine(d, "flow.json"));

    public static IEnumerable<string> SampleFlows =>
        Directory.GetFiles(Path.Combine(Root, "sample-app"), "*.flow.json", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal);
}
