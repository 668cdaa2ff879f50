using System;
using System.Collections.Generic;

namespace FlowGen.Runtime;

/// <summary>
/// Where a node looks up environment variables, as Node-RED's getSetting does: the node's own NR_NODE_* names, its
/// groups' env (inside out), its tab's env, then the app's configuration and the process environment.
/// The entries are folded at build time; the process environment is read when the app runs.
/// </summary>
public sealed class FlowEnvScope
{
    private readonly FlowEnvScope? _parent;
    private readonly Dictionary<string, object?> _entries;

    public FlowEnvScope(FlowEnvScope? parent, params (string Name, object? Value)[] entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        _parent = parent;
        _entries = new Dictionary<string, object?>(entries.Length, StringComparer.Ordinal);
        foreach (var (name, value) in entries) _entries[name] = value;
    }

    /// <summary>An entry of type env: the value of another variable, looked up when read.</summary>
    public static object Reference(string name) => new EnvReference(name);

    /// <summary>The variable's value (an entry keeps its type), or undefined when nothing defines it.</summary>
    public object? Get(string name)
    {
        for (var scope = this; scope is not null; scope = scope._parent)
        {
            if (!scope._entries.TryGetValue(name, out var value)) continue;
            if (value is EnvReference reference)
            {
                // A definition naming itself delegates to the parent (Node-RED's rule); others resolve from here.
                return reference.Name == name ? (scope._parent?.Get(name) ?? Process(name)) : scope.Get(reference.Name);
            }
            // json and bin entries are handed out as fresh copies, as Node-RED does.
            return value is JsObject or JsArray or byte[] ? Js.DeepClone(value) : value;
        }
        return Process(name);
    }

    private static object? Process(string name) => FlowEnvironment.Get(name) is { } text ? text : JsUndefined.Value;

    /// <summary>A whole-value "${NAME}" property: the value, or the property text unchanged when nothing defines it.</summary>
    public object? Substitute(string name, string text) => Get(name) is JsUndefined ? text : Get(name);

    /// <summary>"${NAME}" where a string is needed (header values, str typed inputs).</summary>
    public string SubstituteText(string name, string text) => Js.ToJsString(Substitute(name, text));

    /// <summary>A "${NAME}" num typed value: Number(value).</summary>
    public object SubstituteNumber(string name, string text) => Js.ToNumber(Substitute(name, text));

    /// <summary>A "${NAME}" bool typed value: true only for true or "true" in any case.</summary>
    public object SubstituteBoolean(string name, string text) =>
        Substitute(name, text) is var value && (value is true || (value is string s && s.Equals("true", StringComparison.OrdinalIgnoreCase)));

    /// <summary>A "${NAME}" json typed value: the variable parsed as JSON (a flow error when it is not JSON).</summary>
    public object? SubstituteJson(string name, string text)
    {
        var value = Substitute(name, text);
        if (value is not string json) return Js.DeepClone(value);
        try
        {
            return JsJson.Parse(json);
        }
        catch (FormatException ex)
        {
            throw new FlowError("SyntaxError: " + ex.Message);
        }
    }

    /// <summary>A "${NAME}" status code: parsed as Node-RED's parseInt; null (no node status) when unset or not a number.</summary>
    public double? ParseStatus(string name, string text)
    {
        var value = Js.ParseInt(Js.ToJsString(Substitute(name, text)));
        return double.IsNaN(value) || value == 0 ? null : value;
    }

    /// <summary>
    /// Node-RED's env typed input: "NAME" and "${NAME}" read one variable (keeping its type), "a${X}b" substitutes
    /// each; a variable nothing defines reads as "".
    /// </summary>
    public object? Evaluate(string text)
    {
        if (text.Length > 3 && text.StartsWith("${", StringComparison.Ordinal) && text.IndexOf('}') == text.Length - 1)
        {
            return OrEmpty(Get(text[2..^1]));
        }
        if (!text.Contains("${", StringComparison.Ordinal)) return OrEmpty(Get(text));
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
            sb.Append(text, i, start - i).Append(Js.ToJsString(OrEmpty(Get(text[(start + 2)..end]))));
            i = end + 1;
        }
        return sb.ToString();
    }

    private static object? OrEmpty(object? value) => value is JsUndefined ? "" : value;

    private sealed record EnvReference(string Name);
}
