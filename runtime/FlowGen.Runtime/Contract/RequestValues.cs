using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.RegularExpressions;

namespace FlowGen.Runtime;

/// <summary>The JSON types a text may be read as: what a parameter's or a form field's schema allows.</summary>
[Flags]
public enum RequestTypes
{
    None = 0,
    Integer = 1,
    Number = 2,
    Boolean = 4,
}

/// <summary>
/// The small value operations generated validation code shares: reading parameter and form text as the JSON type its
/// schema declares, and the checks that need more than a comparison (integers, multiples, lengths in code points,
/// patterns, JSON equality, duplicates).
/// </summary>
public static class RequestValues
{
    /// <summary>
    /// A text as the first type that reads it: a JSON number when numbers are allowed, <c>true</c>/<c>false</c> when
    /// booleans are; else the text itself, for the schema to accept (a string) or refuse.
    /// </summary>
    public static object Scalar(string text, RequestTypes types)
    {
        ArgumentNullException.ThrowIfNull(text);
        if ((types & (RequestTypes.Integer | RequestTypes.Number)) != 0 && TryJsonNumber(text, out var number)) return number;
        if ((types & RequestTypes.Boolean) != 0)
        {
            if (text == "true") return true;
            if (text == "false") return false;
        }
        return text;
    }

    /// <summary>A parsed value as <see cref="Scalar(string, RequestTypes)"/> when it is a text; anything else unchanged.</summary>
    public static object? Scalar(object? value, RequestTypes types) => value is string text ? Scalar(text, types) : value;

    /// <summary>
    /// The items of an array parameter: the values given (a repeated query parameter), each split at
    /// <paramref name="separator"/> when there is one (comma-separated styles), each item read as <paramref name="types"/>.
    /// A value that is not text (an object the query parser built) is kept for the schema to refuse.
    /// </summary>
    public static JsArray Items(object? value, char? separator, bool trim, RequestTypes types)
    {
        var items = new JsArray();
        if (value is JsArray values)
        {
            foreach (var item in values) AddItems(items, item, separator, trim, types);
        }
        else
        {
            AddItems(items, value, separator, trim, types);
        }
        return items;
    }

    private static void AddItems(JsArray items, object? value, char? separator, bool trim, RequestTypes types)
    {
        if (value is not string text)
        {
            items.Add(value);
            return;
        }
        if (separator is not { } split)
        {
            items.Add(Scalar(trim ? text.Trim() : text, types));
            return;
        }
        if (text.Length == 0) return;
        foreach (var part in text.Split(split)) items.Add(Scalar(trim ? part.Trim(' ', '\t') : part, types));
    }

    /// <summary>A form field for an array schema: the values of a repeated field, or a single one as a one-item array.</summary>
    public static object? AsArray(object? value) => value is string or double or bool ? new JsArray { value } : value;

    /// <summary>JSON Schema's integer: a number with no fractional part.</summary>
    public static bool IsInteger(double value) => double.IsFinite(value) && Math.Floor(value) == value;

    /// <summary>format int32: an integer from -2^31 to 2^31-1.</summary>
    public static bool IsInt32(double value) => IsInteger(value) && value >= int.MinValue && value <= int.MaxValue;

    /// <summary>
    /// format int64: an integer a 64-bit value rounds to. Numbers are doubles, as in JavaScript, so 2^63 stands for
    /// 2^63-1 too and is accepted.
    /// </summary>
    public static bool IsInt64(double value) => IsInteger(value) && value >= -9223372036854775808d && value <= 9223372036854775808d;

    /// <summary>multipleOf, in decimal arithmetic where the numbers allow it (0.3 is a multiple of 0.1).</summary>
    public static bool IsMultipleOf(double value, double divisor)
    {
        if (!double.IsFinite(value)) return false;
        // Decimals hold these magnitudes with the digits a double prints, so 0.3 / 0.1 leaves no remainder.
        if (InDecimalRange(value, allowZero: true) && InDecimalRange(divisor, allowZero: false))
        {
            return decimal.Remainder((decimal)value, (decimal)divisor) == 0;
        }
        var quotient = value / divisor;
        return double.IsFinite(quotient) && Math.Floor(quotient) == quotient;
    }

    private static bool InDecimalRange(double value, bool allowZero) =>
        (allowZero && value == 0) || (Math.Abs(value) >= 1e-15 && Math.Abs(value) <= 1e27);

    /// <summary>A string's length as JSON Schema counts it: in Unicode code points, a surrogate pair being one.</summary>
    public static int Length(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var length = text.Length;
        for (var i = 0; i < text.Length - 1; i++)
        {
            if (char.IsHighSurrogate(text[i]) && char.IsLowSurrogate(text[i + 1]))
            {
                length--;
                i++;
            }
        }
        return length;
    }

    /// <summary>A pattern search; a pattern that runs out of time counts as not matching rather than failing the request.</summary>
    public static bool Matches(Regex pattern, string text)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        try
        {
            return pattern.IsMatch(text);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    /// <summary>JSON equality as enum, const and uniqueItems use it: same type and value, objects whatever their key order.</summary>
    public static bool JsonEquals(object? a, object? b)
    {
        switch (a)
        {
            case null:
                return b is null;
            case string s:
                return b is string t && s == t;
            case double x:
                return b is double y && x == y;
            case bool p:
                return b is bool q && p == q;
            case JsArray items:
                if (b is not JsArray others || items.Count != others.Count) return false;
                for (var i = 0; i < items.Count; i++)
                {
                    if (!JsonEquals(items[i], others[i])) return false;
                }
                return true;
            case JsObject properties:
                if (b is not JsObject otherProperties || properties.Count != otherProperties.Count) return false;
                foreach (var (key, value) in properties.Entries)
                {
                    if (!otherProperties.TryGetValue(key, out var other) || !JsonEquals(value, other)) return false;
                }
                return true;
            default:
                return Equals(a, b);
        }
    }

    /// <summary>uniqueItems: the first two equal items, or null when every item is different.</summary>
    public static (int First, int Second)? FirstDuplicate(JsArray items)
    {
        ArgumentNullException.ThrowIfNull(items);
        // Scalars by hash; objects and arrays (rare in unique lists) pairwise.
        var seen = new Dictionary<object, int>(ScalarComparer.Instance);
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            if (item is JsObject or JsArray)
            {
                for (var j = 0; j < i; j++)
                {
                    if (JsonEquals(items[j], item)) return (j, i);
                }
                continue;
            }
            var key = item ?? NullKey;
            if (seen.TryGetValue(key, out var first)) return (first, i);
            seen[key] = i;
        }
        return null;
    }

    private static readonly object NullKey = new();

    /// <summary>Reads a body declared as JSON that Node-RED's readers left as text (a +json media type).</summary>
    public static bool TryParseJson(string text, out object? value)
    {
        try
        {
            value = JsJson.Parse(text);
            return true;
        }
        catch (FormatException)
        {
            value = null;
            return false;
        }
    }

    /// <summary>The JSON number grammar: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?</summary>
    internal static bool TryJsonNumber(string text, out double value)
    {
        value = 0;
        var i = 0;
        var n = text.Length;
        if (i < n && text[i] == '-') i++;
        if (i >= n) return false;
        if (text[i] == '0') i++;
        else if (text[i] >= '1' && text[i] <= '9')
        {
            while (i < n && char.IsAsciiDigit(text[i])) i++;
        }
        else return false;
        if (i < n && text[i] == '.')
        {
            i++;
            var digits = i;
            while (i < n && char.IsAsciiDigit(text[i])) i++;
            if (i == digits) return false;
        }
        if (i < n && (text[i] == 'e' || text[i] == 'E'))
        {
            i++;
            if (i < n && (text[i] == '+' || text[i] == '-')) i++;
            var digits = i;
            while (i < n && char.IsAsciiDigit(text[i])) i++;
            if (i == digits) return false;
        }
        return i == n && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
    }

    /// <summary>Scalar JSON values compared as <see cref="JsonEquals"/> does (1 and 1.0 are one number, "1" is not 1).</summary>
    private sealed class ScalarComparer : IEqualityComparer<object>
    {
        public static readonly ScalarComparer Instance = new();

        public new bool Equals(object? x, object? y) => ReferenceEquals(x, y) || JsonEquals(x, y);

        public int GetHashCode(object obj) => obj switch
        {
            // -0 and 0 are equal, and so must hash alike.
            double d => d == 0 ? 0 : d.GetHashCode(),
            _ => obj.GetHashCode(),
        };
    }
}
