using System;
using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;

namespace FlowGen.Runtime;

/// <summary>
/// The process side of flow environment variables, read when the app runs, never baked in at build time: the app's
/// configuration first, then the process environment. Tab and group env lists are in <see cref="FlowEnvScope"/>.
/// </summary>
public static class FlowEnvironment
{
    private static IConfiguration? s_configuration;
    private static readonly ConcurrentDictionary<string, string?> s_values = new(StringComparer.Ordinal);

    internal static void Configure(IConfiguration? configuration)
    {
        s_configuration = configuration;
        s_values.Clear();
    }

    /// <summary>The variable's value, or null when it is not set.</summary>
    public static string? Get(string name) =>
        s_values.GetOrAdd(name, static n => s_configuration?[n] ?? Environment.GetEnvironmentVariable(n));
}
