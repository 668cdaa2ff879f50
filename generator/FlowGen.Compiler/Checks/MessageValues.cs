using System.Collections.Generic;
using System.Linq;
using FlowGen.Compiler.Binding;
using FlowGen.Compiler.Json;

namespace FlowGen.Compiler.Checks;

/// <summary>
/// JavaScript conversions of constant JSON values at build time, and the runtime's character rules for response
/// headers and cookies (FlowGen.Runtime HeaderValidation and ResponseCookies), so the build rejects exactly what the
/// response would reject.
/// </summary>
internal static class MessageValues
{
    /// <summary>JavaScript truthiness of a parsed JSON value.</summary>
    public static bool ToBoolean(JsonSyntax value) => value switch
    {
        JsonBooleanSyntax b => b.Value,
        JsonNumberSyntax n => n.Value != 0 && !double.IsNaN(n.Value),
        JsonStringSyntax s => s.Value.Length > 0,
        JsonNullSyntax => false,
        _ => true,
    };

    /// <summary>JavaScript <c>Number(value)</c> of a parsed JSON value.</summary>
    public static double ToNumber(JsonSyntax value) => value switch
    {
        JsonNumberSyntax n => n.Value,
        JsonStringSyntax s => JsNumbers.ToNumber(s.Value),
        JsonBooleanSyntax b => b.Value ? 1 : 0,
        JsonNullSyntax => 0,
        JsonArraySyntax a => JsNumbers.ToNumber(ToJsString(a)),
        _ => double.NaN,
    };

    /// <summary>JavaScript <c>String(value)</c> of a parsed JSON value.</summary>
    public static string ToJsString(JsonSyntax value) => value switch
    {
        JsonStringSyntax s => s.Value,
        JsonNumberSyntax n => JsNumbers.ToJsString(n.Value),
        JsonBooleanSyntax b => b.Value ? "true" : "false",
        JsonNullSyntax => "null",
        // Array.prototype.join: null and undefined elements are empty.
        JsonArraySyntax a => string.Join(",", a.Items.Select(i => i is JsonNullSyntax ? "" : ToJsString(i))),
        _ => "[object Object]",
    };

    /// <summary>An object's properties as JSON.parse keeps them: each name once, in first-seen order, with its last value.</summary>
    public static IEnumerable<JsonPropertySyntax> Properties(JsonObjectSyntax obj)
    {
        var seen = new HashSet<string>();
        foreach (var property in obj.Properties)
        {
            if (seen.Add(property.Name)) yield return obj.GetProperty(property.Name)!;
        }
    }

    /// <summary>The first character Node.js refuses in a header value (controls but tab, DEL, beyond Latin-1), or -1.</summary>
    public static int InvalidHeaderCharacter(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if ((c < 0x20 && c != '\t') || c == 0x7f || c > 0xff) return i;
        }
        return -1;
    }

    /// <summary>Says which character a header value cannot carry.</summary>
    public static string DescribeCharacter(char c) => c switch
    {
        '\r' or '\n' => "a line break (CR or LF)",
        _ when c < 0x20 || c == 0x7f => $"the control character U+{(int)c:X4}",
        _ => $"the character U+{(int)c:X4}, which is beyond Latin-1",
    };

    /// <summary>encodeURIComponent throws a URIError on a lone surrogate.</summary>
    public static bool HasLoneSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) i++;
            else if (char.IsSurrogate(text[i])) return true;
        }
        return false;
    }
}
