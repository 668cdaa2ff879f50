using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;

namespace FlowGen.Runtime;

/// <summary>
/// The <c>x-node-red-request-node</c> rule shared by http request and http response. http request marks the
/// response headers it outputs with a hash-sum 2.0.0 hash of them; a node that later receives the message drops
/// msg.headers while they still hash to the marker (an upstream response passed straight through does not copy
/// its headers), and uses all of them once any was added, removed or changed. The marker is the same string
/// Node-RED computes, so it survives clones and JSON round trips as there.
/// </summary>
public static class RequestNodeMarker
{
    public const string HeaderName = "x-node-red-request-node";

    /// <summary>
    /// Applies the rule to msg.headers: deletes the marker (mutating the message, as Node-RED does) and, when the
    /// remaining headers still hash to it, deletes msg.headers too.
    /// </summary>
    public static void Apply(JsObject msg)
    {
        ArgumentNullException.ThrowIfNull(msg);
        if (msg["headers"] is not JsObject headers || !headers.TryGetValue(HeaderName, out var marker)) return;
        headers.Remove(HeaderName);
        if (Js.StrictEquals(marker, Hash(headers))) msg.Remove("headers");
    }

    /// <summary>Marks response headers as http request does: the hash of the headers without the marker.</summary>
    public static void Mark(JsObject headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        headers.Remove(HeaderName);
        headers[HeaderName] = Hash(headers);
    }

    /// <summary>hash-sum 2.0.0: a structural hash of a value as 8 (or more) hex digits.</summary>
    public static string Hash(object? value)
    {
        var hash = FoldValue(0, value, "", new List<object>());
        var text = hash.ToString("x", CultureInfo.InvariantCulture);
        return text.Length >= 8 ? text : new string('0', 8 - text.Length) + text;
    }

    private static long Fold(long hash, string text)
    {
        if (text.Length == 0) return hash;
        foreach (var c in text)
        {
            // ((hash << 5) - hash) + chr, then |= 0: the shift and the final value are 32-bit, the rest is exact.
            var shifted = unchecked((int)hash << 5);
            hash = unchecked((int)((long)shifted - hash + c));
        }
        return hash < 0 ? hash * -2 : hash;
    }

    private static long FoldValue(long input, object? value, string key, List<object> seen)
    {
        var hash = Fold(Fold(Fold(input, key), ObjectTag(value)), Js.TypeOf(value));
        switch (value)
        {
            case null:
                return Fold(hash, "null");
            case JsUndefined:
                return Fold(hash, "undefined");
            case JsObject or JsArray or byte[] or DateTime:
                foreach (var s in seen)
                {
                    if (ReferenceEquals(s, value)) return Fold(hash, "[Circular]" + key);
                }
                seen.Add(value);
                hash = value is JsObject obj ? FoldProperties(hash, obj, seen) : FoldElements(hash, value, seen);
                // String(value.valueOf()): a date's time value, the object's own String() otherwise.
                return Fold(hash, value is DateTime date ? Js.FormatNumber(Js.DateToTimeValue(date)) : Js.ToJsString(value));
            default:
                return Fold(hash, Js.ToJsString(value));
        }
    }

    /// <summary>Made once: sorting with a comparer or a method group makes a new delegate at every call.</summary>
    private static readonly Comparison<string> OrdinalOrder = string.CompareOrdinal;

    /// <summary>An object's properties in sorted key order (the keys in a pooled array: headers are hashed twice a call).</summary>
    private static long FoldProperties(long hash, JsObject obj, List<object> seen)
    {
        var keys = ArrayPool<string>.Shared.Rent(Math.Max(1, obj.Count));
        var count = 0;
        if (obj.TryGetPlainEntries(out var plain))
        {
            foreach (var (k, _) in plain) keys[count++] = k;
        }
        else
        {
            foreach (var (k, _) in obj.Entries) keys[count++] = k;
        }
        keys.AsSpan(0, count).Sort(OrdinalOrder);
        for (var i = 0; i < count; i++) hash = FoldValue(hash, obj[keys[i]], keys[i], seen);
        ArrayPool<string>.Shared.Return(keys, clearArray: true);
        return hash;
    }

    /// <summary>An array's or Buffer's elements in sorted key order ("10" before "2", as hash-sum sorts them).</summary>
    private static long FoldElements(long hash, object value, List<object> seen)
    {
        var keys = new List<string>();
        foreach (var (k, _) in Entries(value)) keys.Add(k);
        keys.Sort(OrdinalOrder);
        foreach (var k in keys) hash = FoldValue(hash, Get(value, k), k, seen);
        return hash;
    }

    private static string ObjectTag(object? value) => value switch
    {
        null => "[object Null]",
        JsUndefined => "[object Undefined]",
        string => "[object String]",
        double => "[object Number]",
        bool => "[object Boolean]",
        JsArray => "[object Array]",
        byte[] => "[object Uint8Array]",
        DateTime => "[object Date]",
        _ => "[object Object]",
    };

    private static IEnumerable<(string Key, object? Value)> Entries(object value)
    {
        switch (value)
        {
            case JsArray a:
                for (var i = 0; i < a.Count; i++) yield return (i.ToString(CultureInfo.InvariantCulture), a[i]);
                break;
            case byte[] b:
                for (var i = 0; i < b.Length; i++) yield return (i.ToString(CultureInfo.InvariantCulture), (double)b[i]);
                break;
        }
    }

    private static object? Get(object value, string key) => value switch
    {
        JsArray a => a[int.Parse(key, CultureInfo.InvariantCulture)],
        byte[] b => (double)b[int.Parse(key, CultureInfo.InvariantCulture)],
        _ => JsUndefined.Value,
    };
}
