using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace FlowGen.Runtime;

/// <summary>Content-Type rules of Express (res.set, setCharset) and Node-RED's body parsers.</summary>
public static class MediaTypes
{
    /// <summary>res.set('Content-Type', v): text/*, application/json* and application/javascript* get charset=utf-8 when they have none.</summary>
    public static string WithDefaultCharset(string value)
    {
        if (value.Contains("charset", StringComparison.OrdinalIgnoreCase)) return value;
        var type = Essence(value);
        var textual = type.StartsWith("text/", StringComparison.Ordinal)
            || type.StartsWith("application/javascript", StringComparison.Ordinal)
            || type.StartsWith("application/json", StringComparison.Ordinal);
        return textual ? value + "; charset=utf-8" : value;
    }

    /// <summary>Express's setCharset: the media type reformatted with its charset parameter replaced.</summary>
    public static string WithCharset(string value, string charset)
    {
        if (IsTypeWithCharset(value, charset)) return value;
        var parts = value.Split(';');
        var type = parts[0].Trim().ToLowerInvariant();
        var parameters = new SortedDictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i < parts.Length; i++)
        {
            var part = parts[i].Trim();
            var eq = part.IndexOf('=');
            if (eq <= 0) continue;
            var name = part.Substring(0, eq).Trim().ToLowerInvariant();
            var v = part.Substring(eq + 1).Trim();
            if (v.Length >= 2 && v[0] == '"' && v[^1] == '"') v = v[1..^1];
            parameters[name] = v;
        }
        parameters["charset"] = charset;
        var sb = StringBuilderCache.Acquire(value.Length + 16).Append(type);
        foreach (var (name, v) in parameters)
        {
            sb.Append("; ").Append(name).Append('=').Append(HeaderValidation.IsToken(v) ? v : "\"" + v.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"");
        }
        return StringBuilderCache.ToStringAndRelease(sb);
    }

    /// <summary>
    /// True when <paramref name="value"/> already is what <see cref="WithCharset"/> makes of it: a lower-case
    /// ASCII media type and only "; charset=" this charset (a node's "text/html" after res.set, typically).
    /// </summary>
    private static bool IsTypeWithCharset(string value, string charset)
    {
        const string Parameter = "; charset=";
        var semicolon = value.IndexOf(';');
        if (semicolon <= 0 || value.Length != semicolon + Parameter.Length + charset.Length) return false;
        if (!value.AsSpan(semicolon).StartsWith(Parameter, StringComparison.Ordinal) || !value.AsSpan(semicolon + Parameter.Length).SequenceEqual(charset)) return false;
        if (!HeaderValidation.IsToken(charset)) return false;
        foreach (var c in value.AsSpan(0, semicolon))
        {
            if (c <= ' ' || c >= 0x7f || c is (>= 'A' and <= 'Z') or ';') return false;
        }
        return true;
    }

    /// <summary>"Text/HTML; charset=x" -> "text/html".</summary>
    public static string Essence(string value)
    {
        var semicolon = value.IndexOf(';');
        return (semicolon >= 0 ? value[..semicolon] : value).Trim().ToLowerInvariant();
    }

}
