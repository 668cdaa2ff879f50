using System;
using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;

namespace FlowGen.Runtime;

/// <summary>
/// Environment values for flows (env typed inputs, whole-value ${VAR} properties), read when the app runs, never
/// baked in at build time: the app's configuration first, then the process environment.
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

    /// <summary>A "${NAME}" node property: the value, or the property text unchanged when the variable is not set.</summary>
    public static string Substitute(string name, string text) => Get(name) ?? text;

    /// <summary>A "${NAME}" num typed value: Number(value), or Number of the text itself when unset.</summary>
    public static object SubstituteNumber(string name, string text) => Js.ToNumber(Substitute(name, text));

    /// <summary>A "${NAME}" bool typed value: true only for "true" in any case.</summary>
    public static object SubstituteBoolean(string name, string text) => string.Equals(Substitute(name, text), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>A "${NAME}" json typed value: the variable parsed as JSON (a flow error when it is not JSON).</summary>
    public static object? SubstituteJson(string name, string text)
    {
        var value = Substitute(name, text);
        try
        {
            return JsJson.Parse(value);
        }
        catch (FormatException ex)
        {
            throw new FlowError("SyntaxError: " + ex.Message);
        }
    }

    /// <summary>
    /// Node-RED's env typed input: "NAME" and "${NAME}" read one variable, "a${X}b" substitutes each; a variable
    /// that is not set reads as "".
    /// </summary>
    public static string Evaluate(string text)
    {
        if (text.Length > 3 && text.StartsWith("${", StringComparison.Ordinal) && text.EndsWith('}') && text.IndexOf('}') == text.Length - 1)
        {
            return Get(text[2..^1]) ?? "";
        }
        if (!text.Contains("${", StringComparison.Ordinal)) return Get(text) ?? "";
        var sb = new System.Text.StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            var start = text.IndexOf("${", i, StringComparison.Ordinal);
            var end = start < 0 ? -1 : text.IndexOf('}', start + 2);
            if (start < 0 || end < 0 || end == start + 2)
            {
                sb.Append(text, i, text.Length - i);
                break;
            }
            sb.Append(text, i, start - i).Append(Get(text[(start + 2)..end]) ?? "");
            i = end + 1;
        }
        return sb.ToString();
    }

    /// <summary>A "${NAME}" status code: parsed as Node-RED's parseInt; null (no node status) when unset or not a number.</summary>
    public static double? ParseStatus(string name, string text)
    {
        var value = Js.ParseInt(Substitute(name, text));
        return double.IsNaN(value) || value == 0 ? null : value;
    }
}
