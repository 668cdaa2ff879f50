using System;
using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace FlowGen.Runtime;

/// <summary>
/// The switch node's operators (Node-RED 10-switch.js) over JavaScript values. eq/neq/lt/... are Js.LooseEquals and
/// the Js relational operators; the ones here need more than one JavaScript operation.
/// </summary>
public static class SwitchRules
{
    private const int MaxCachedPatterns = 256;
    private static readonly ConcurrentDictionary<(string Pattern, bool IgnoreCase), Regex> Patterns = new();

    /// <summary>How long a regex built from a run-time value (not the flow file) may run before the rule fails.</summary>
    public static readonly TimeSpan DynamicPatternTimeout = TimeSpan.FromSeconds(1);

    /// <summary>The tested property: a path that cannot be walked counts as undefined, as in Node-RED.</summary>
    public static object? Read(FlowMessage msg, JsPath path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return path.TryGet(msg, out var value) ? value : JsUndefined.Value;
    }

    /// <summary>btwn: <c>(a &gt;= b &amp;&amp; a &lt;= c) || (a &lt;= b &amp;&amp; a &gt;= c)</c>, inclusive either way round.</summary>
    public static bool Between(object? a, object? b, object? c) =>
        (Js.GreaterThanOrEqual(a, b) && Js.LessThanOrEqual(a, c)) || (Js.LessThanOrEqual(a, b) && Js.GreaterThanOrEqual(a, c));

    /// <summary>cont: <c>(a + "").indexOf(b) != -1</c>.</summary>
    public static bool Contains(object? a, object? b) =>
        Js.ToJsString(a).Contains(Js.ToJsString(b), StringComparison.Ordinal);

    /// <summary>regex with a pattern fixed at build time: <c>(a + "").match(re)</c>.</summary>
    public static bool Matches(object? a, Regex regex)
    {
        ArgumentNullException.ThrowIfNull(regex);
        return regex.IsMatch(Js.ToJsString(a));
    }

    /// <summary>
    /// regex with a pattern known only at run time: <c>(a + "").match(new RegExp(b, ignoreCase ? "i" : ""))</c>. The
    /// pattern is compiled with .NET's ECMAScript option (cached), runs under <see cref="DynamicPatternTimeout"/>, and an
    /// invalid one is a flow error, as in Node-RED.
    /// </summary>
    public static bool Matches(object? a, object? pattern, bool ignoreCase)
    {
        var regex = pattern switch
        {
            Regex re => Compile(re.ToString(), ignoreCase, translated: true),
            JsUndefined => Compile("", ignoreCase, translated: false),
            _ => Compile(Js.ToJsString(pattern), ignoreCase, translated: false),
        };
        try
        {
            return regex.IsMatch(Js.ToJsString(a));
        }
        catch (RegexMatchTimeoutException)
        {
            throw new FlowError("Error: the regular expression took too long to match");
        }
    }

    private static Regex Compile(string pattern, bool ignoreCase, bool translated)
    {
        if (Patterns.TryGetValue((pattern, ignoreCase), out var cached)) return cached;
        Regex regex;
        try
        {
            var options = (translated ? RegexOptions.CultureInvariant : RegexOptions.ECMAScript) | (ignoreCase ? RegexOptions.IgnoreCase : RegexOptions.None);
            regex = new Regex(pattern, options, DynamicPatternTimeout);
        }
        catch (ArgumentException ex)
        {
            var reason = ex is RegexParseException parse ? parse.Error.ToString() : ex.Message;
            throw new FlowError("SyntaxError: Invalid regular expression: /" + pattern + "/" + (ignoreCase ? "i" : "") + ": " + reason);
        }
        if (Patterns.Count >= MaxCachedPatterns) Patterns.Clear();
        Patterns.TryAdd((pattern, ignoreCase), regex);
        return regex;
    }

    /// <summary>empty: a string, array or Buffer of length 0, or an object (Dates too) with no own keys; false for anything else.</summary>
    public static bool IsEmpty(object? a) => a switch
    {
        string s => s.Length == 0,
        JsArray array => array.Count == 0,
        byte[] bytes => bytes.Length == 0,
        JsObject obj => obj.Count == 0,
        DateTime or Regex => true,
        _ => false,
    };

    /// <summary>nempty: a string, array or Buffer with a length, or an object with own keys; false for anything else (numbers, booleans, null, undefined).</summary>
    public static bool IsNotEmpty(object? a) => a switch
    {
        string s => s.Length != 0,
        JsArray array => array.Count != 0,
        byte[] bytes => bytes.Length != 0,
        JsObject obj => obj.Count != 0,
        _ => false,
    };

    /// <summary>
    /// istype: array, buffer, json (JSON.parse of the value's text succeeds), null, number (not NaN), or a typeof
    /// name that excludes arrays, Buffers and null (string, boolean, object, undefined).
    /// </summary>
    public static bool IsType(object? a, string? type)
    {
        switch (type)
        {
            case "array":
                return a is JsArray;
            case "buffer":
                return a is byte[];
            case "json":
                try
                {
                    JsJson.Parse(Js.ToJsString(a));
                    return true;
                }
                catch (FormatException)
                {
                    return false;
                }
            case "null":
                return a is null;
            case "number":
                return Js.TypeOf(a) == "number" && !double.IsNaN(Js.ToNumber(a));
            case null:
                return false;
            default:
                return a is not (JsArray or byte[] or null) && string.Equals(Js.TypeOf(a), type, StringComparison.Ordinal);
        }
    }

    /// <summary>hask: <c>a</c> is not null or undefined, <c>b</c> is not an object, and <c>a.hasOwnProperty(b + "")</c>.</summary>
    public static bool HasKey(object? a, object? b)
    {
        if (Js.IsNullish(a) || Js.TypeOf(b) == "object") return false;
        var key = Js.ToJsString(b);
        return a switch
        {
            JsObject obj => obj.ContainsKey(key),
            JsArray array => key == "length" || (JsObject.TryParseArrayIndex(key, out var i) && i < array.Count),
            string s => key == "length" || (JsObject.TryParseArrayIndex(key, out var i) && i < s.Length),
            byte[] bytes => JsObject.TryParseArrayIndex(key, out var i) && i < bytes.Length,
            Regex => key == "lastIndex",
            _ => false,
        };
    }

    /// <summary>head: <c>msg.parts.index &lt; count</c>; without msg.parts a TypeError (a flow error).</summary>
    public static bool Head(FlowMessage msg, object? count) =>
        Js.LessThan(Part(msg, "index"), Js.ToNumber(count));

    /// <summary>tail: <c>msg.parts.count - count &lt;= msg.parts.index</c>.</summary>
    public static bool Tail(FlowMessage msg, object? count)
    {
        var total = Part(msg, "count");
        var index = Part(msg, "index");
        return Js.LessThanOrEqual(Js.ToNumber(total) - Js.ToNumber(count), index);
    }

    /// <summary>index: <c>min &lt;= msg.parts.index &amp;&amp; msg.parts.index &lt;= max</c>.</summary>
    public static bool Index(FlowMessage msg, object? min, object? max)
    {
        var index = Part(msg, "index");
        return Js.LessThanOrEqual(Js.ToNumber(min), index) && Js.LessThanOrEqual(index, Js.ToNumber(max));
    }

    private static object? Part(FlowMessage msg, string name)
    {
        ArgumentNullException.ThrowIfNull(msg);
        var parts = msg["parts"];
        return parts switch
        {
            null => throw new JsTypeError($"Cannot read properties of null (reading '{name}')"),
            JsUndefined => throw new JsTypeError($"Cannot read properties of undefined (reading '{name}')"),
            JsObject obj => obj[name],
            _ => JsUndefined.Value,
        };
    }
}

/// <summary>
/// A switch node's "previous value" (vt prev): the tested property of the last message the node finished
/// evaluating, null before the first. Shared by every request, as Node-RED's node.previousValue is; the stored
/// value is a deep copy so no request can change what another one reads, and reads and writes are atomic
/// references. Under concurrent requests "previous" is the one that finished last.
/// </summary>
public sealed class SwitchPrevious
{
    private volatile object? _value;

    public object? Value => _value;

    public void Update(object? value) => _value = Js.DeepClone(value);
}
