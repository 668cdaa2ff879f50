using System;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;

namespace FlowGen.Runtime;

/// <summary>
/// JavaScript's abstract operations over FlowGen's value model.
/// </summary>
/// <remarks>
/// A JavaScript value is an <c>object?</c>: <c>null</c> is JS <c>null</c>; <see cref="JsUndefined.Value"/> is
/// <c>undefined</c>; <see cref="bool"/>; <see cref="double"/> (every JS number); <see cref="string"/>;
/// <c>byte[]</c> is a Node <c>Buffer</c>; <see cref="JsObject"/>; <see cref="JsArray"/>; <see cref="DateTime"/>
/// (UTC; a JS <c>Date</c>); <see cref="Regex"/> stands for a <c>RegExp</c>. Objects, arrays, Buffers and Dates
/// compare by reference, like JavaScript objects (a boxed <see cref="DateTime"/> is one Date object).
/// Other CLR numbers (<see cref="int"/>, <see cref="long"/>, <see cref="decimal"/>, ...) and
/// <see cref="DateTimeOffset"/> are accepted as numbers and Dates (see <see cref="Normalize"/>); any other CLR
/// object behaves as an opaque JavaScript object.
/// </remarks>
public static class Js
{
    private static readonly long UnixEpochTicks = DateTime.UnixEpoch.Ticks;

    /// <summary>The <c>undefined</c> value (same as <see cref="JsUndefined.Value"/>).</summary>
    public static readonly JsUndefined Undefined = JsUndefined.Value;

    /// <summary>True for <c>undefined</c>.</summary>
    public static bool IsUndefined(object? v) => v is JsUndefined;

    /// <summary>True for <c>null</c> and <c>undefined</c> (<c>v == null</c> in JavaScript).</summary>
    public static bool IsNullish(object? v) => v is null or JsUndefined;

    /// <summary>
    /// Converts CLR values that are not part of the value model into it: integral and decimal CLR numbers become
    /// <see cref="double"/>, <see cref="DateTimeOffset"/> and local <see cref="DateTime"/> become UTC
    /// <see cref="DateTime"/>, <see cref="char"/> becomes a string. Everything else is returned unchanged.
    /// </summary>
    public static object? Normalize(object? v)
    {
        switch (v)
        {
            case null or JsUndefined or bool or double or string or byte[] or JsObject or JsArray:
                return v;
            case DateTime dt:
                return dt.Kind == DateTimeKind.Local ? dt.ToUniversalTime() : v;
            case DateTimeOffset dto:
                return dto.UtcDateTime;
            case char c:
                return c.ToString();
            default:
                return TryClrNumber(v, out double d) ? d : v;
        }
    }

    // ------------------------------------------------------------------ typeof / ToBoolean

    /// <summary>
    /// <c>typeof v</c>: <c>"undefined"</c>, <c>"boolean"</c>, <c>"number"</c>, <c>"string"</c>, or
    /// <c>"object"</c> (also for <c>null</c>, arrays, Buffers and Dates).
    /// </summary>
    public static string TypeOf(object? v) => v switch
    {
        JsUndefined => "undefined",
        bool => "boolean",
        double => "number",
        string => "string",
        null => "object",
        _ => TryClrNumber(v, out _) ? "number" : v is char ? "string" : "object",
    };

    /// <summary>JavaScript truthiness: false for <c>undefined</c>, <c>null</c>, <c>false</c>, <c>0</c>, <c>-0</c>, <c>NaN</c> and <c>""</c>.</summary>
    public static bool ToBoolean(object? v) => v switch
    {
        null or JsUndefined => false,
        bool b => b,
        double d => !(d == 0 || double.IsNaN(d)),
        string s => s.Length > 0,
        _ => !TryClrNumber(v, out double n) || !(n == 0 || double.IsNaN(n)),
    };

    // ------------------------------------------------------------------ ToNumber

    /// <summary>
    /// <c>Number(v)</c>: <c>undefined</c> → NaN, <c>null</c> → 0, booleans → 1/0, strings by JavaScript's
    /// StringToNumber (trimmed; <c>""</c> → 0; <c>0x</c>/<c>0o</c>/<c>0b</c> prefixes; <c>Infinity</c>; anything
    /// else invalid → NaN), Dates → milliseconds since 1970, arrays, objects and Buffers through their string form.
    /// </summary>
    public static double ToNumber(object? v)
    {
        switch (v)
        {
            case double d:
                return d;
            case null:
                return 0;
            case JsUndefined:
                return double.NaN;
            case bool b:
                return b ? 1 : 0;
            case string s:
                return JsNumber.Parse(s);
            case DateTime dt:
                return DateToTimeValue(dt);
            case JsArray or byte[]:
                return JsNumber.Parse(ToJsString(v));
            default:
                if (TryClrNumber(v, out double n))
                {
                    return n;
                }

                object? normalized = Normalize(v);
                return ReferenceEquals(normalized, v) ? double.NaN : ToNumber(normalized);
        }
    }

    /// <summary><c>Number(s)</c> for a string (JavaScript's StringToNumber); a null string is JS <c>null</c>, so 0.</summary>
    public static double ToNumber(string? s) => s is null ? 0 : JsNumber.Parse(s);

    /// <summary>
    /// The global <c>parseInt(text, radix)</c>: leading whitespace and a sign are skipped, then the longest run of
    /// digits valid in the radix is read (radix 0 means 10, or 16 after a <c>0x</c> prefix); NaN when there is none.
    /// </summary>
    public static double ParseInt(string? text, int radix = 0) => JsNumber.ParseInt(text ?? "null", radix);

    /// <summary>
    /// The global <c>parseFloat(text)</c>: leading whitespace is skipped, then the longest prefix that is a decimal
    /// literal (or <c>Infinity</c>) is read; NaN when there is none.
    /// </summary>
    public static double ParseFloat(string? text) => JsNumber.ParseFloat(text ?? "null");

    // ------------------------------------------------------------------ ToString

    /// <summary>
    /// <c>Number.prototype.toString()</c>: shortest round-trip digits; <c>1e21</c> → <c>"1e+21"</c>,
    /// <c>1e-7</c> → <c>"1e-7"</c>, <c>-0</c> → <c>"0"</c>, <c>NaN</c>, <c>Infinity</c>, <c>-Infinity</c>.
    /// </summary>
    public static string FormatNumber(double d) => JsNumber.Format(d);

    /// <summary>
    /// <c>String(v)</c>: numbers as <see cref="FormatNumber"/>; arrays joined with <c>,</c> (null and undefined
    /// elements empty); objects <c>[object Object]</c>; Buffers as their UTF-8 text; Dates as
    /// <c>Thu Jan 01 1970 00:00:00 GMT+0000 (Coordinated Universal Time)</c>.
    /// </summary>
    public static string ToJsString(object? v)
    {
        switch (v)
        {
            case string s:
                return s;
            case double d:
                return JsNumber.Format(d);
            case null:
                return "null";
            case JsUndefined:
                return "undefined";
            case bool b:
                return b ? "true" : "false";
            case JsArray array:
                return Join(array, ",");
            case byte[] bytes:
                return Encoding.UTF8.GetString(bytes);
            case DateTime dt:
                return DateToString(dt);
            case JsObject:
                return "[object Object]";
            case Regex regex:
                return RegExpToString(regex);
            default:
                if (TryClrNumber(v, out double n))
                {
                    return JsNumber.Format(n);
                }

                object? normalized = Normalize(v);
                return ReferenceEquals(normalized, v) ? "[object Object]" : ToJsString(normalized);
        }
    }

    /// <summary>
    /// <c>Array.prototype.join(separator)</c>: null and undefined elements are empty, other elements go through
    /// <see cref="ToJsString"/>; an array met again while being joined (a cycle) is empty, as in V8.
    /// </summary>
    public static string Join(JsArray array, string separator)
    {
        ArgumentNullException.ThrowIfNull(array);
        ArgumentNullException.ThrowIfNull(separator);
        var sb = new StringBuilder();
        var active = new List<JsArray>();
        AppendJoined(sb, array, separator, active);
        return sb.ToString();
    }

    private static void AppendJoined(StringBuilder sb, JsArray array, string separator, List<JsArray> active)
    {
        foreach (var a in active)
        {
            if (ReferenceEquals(a, array))
            {
                return;
            }
        }

        RuntimeHelpers.EnsureSufficientExecutionStack();
        active.Add(array);
        for (int i = 0; i < array.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(separator);
            }

            object? element = array[i];
            if (element is JsArray nested)
            {
                // Nested arrays join with "," whatever the outer separator (their own toString).
                AppendJoined(sb, nested, ",", active);
            }
            else if (element is not (null or JsUndefined))
            {
                sb.Append(ToJsString(element));
            }
        }

        active.RemoveAt(active.Count - 1);
    }

    // ------------------------------------------------------------------ ToPrimitive

    /// <summary>
    /// <c>ToPrimitive(v, hint)</c>: primitives are returned unchanged; arrays, objects and Buffers give their
    /// string form; a Date gives its time value for the number hint and its string otherwise.
    /// </summary>
    public static object? ToPrimitive(object? v, bool preferNumber = false)
    {
        switch (v)
        {
            case null or JsUndefined or bool or double or string:
                return v;
            case DateTime dt:
                return preferNumber ? DateToTimeValue(dt) : DateToString(dt);
            case JsArray or byte[] or JsObject or Regex:
                return ToJsString(v);
            default:
                object? normalized = Normalize(v);
                return ReferenceEquals(normalized, v) ? ToJsString(v) : ToPrimitive(normalized, preferNumber);
        }
    }

    private static bool IsPrimitive(object? v) => v is null or JsUndefined or bool or double or string;

    // ------------------------------------------------------------------ equality

    /// <summary><c>a === b</c>: numbers by value (NaN unequal to itself, 0 equal to -0), strings by code units, objects by reference.</summary>
    public static bool StrictEquals(object? a, object? b)
    {
        switch (a)
        {
            case null:
                return b is null;
            case JsUndefined:
                return b is JsUndefined;
            case double x:
                return b is double y ? x == y : TryClrNumber(b, out double yn) && x == yn;
            case string s:
                return b is string t && string.Equals(s, t, StringComparison.Ordinal);
            case bool p:
                return b is bool q && p == q;
        }

        if (TryClrNumber(a, out double an))
        {
            return StrictEquals(an, b);
        }

        if (b is DateTimeOffset || a is DateTimeOffset)
        {
            // Not model values; compare the instants they stand for.
            return Normalize(a) is DateTime da && Normalize(b) is DateTime db && da == db;
        }

        return ReferenceEquals(a, b);
    }

    /// <summary>
    /// <c>a == b</c> with every JavaScript coercion: <c>null == undefined</c>; neither equals anything else
    /// (<c>null != 0</c>); number vs string compares numbers (<c>"05" == 5</c>, <c>"" == 0</c>); a boolean
    /// becomes a number first (<c>"1" == true</c>); an object against a primitive is turned into a primitive
    /// first (<c>[1] == "1"</c>); two objects are equal only when they are the same object.
    /// </summary>
    public static bool LooseEquals(object? a, object? b)
    {
        a = NormalizeForOperator(a);
        b = NormalizeForOperator(b);
        while (true)
        {
            if (a is null or JsUndefined)
            {
                return b is null or JsUndefined;
            }

            if (b is null or JsUndefined)
            {
                return false;
            }

            switch (a)
            {
                case double x when b is double y:
                    return x == y;
                case string s when b is string t:
                    return string.Equals(s, t, StringComparison.Ordinal);
                case bool p when b is bool q:
                    return p == q;
                case double x when b is string t:
                    return x == JsNumber.Parse(t);
                case string s when b is double y:
                    return JsNumber.Parse(s) == y;
            }

            if (a is bool ab)
            {
                a = ab ? 1.0 : 0.0;
                continue;
            }

            if (b is bool bb)
            {
                b = bb ? 1.0 : 0.0;
                continue;
            }

            bool aPrimitive = IsPrimitive(a);
            bool bPrimitive = IsPrimitive(b);
            if (!aPrimitive && !bPrimitive)
            {
                return ReferenceEquals(a, b);
            }

            if (!aPrimitive)
            {
                a = ToPrimitive(a);
            }
            else
            {
                b = ToPrimitive(b);
            }
        }
    }

    // ------------------------------------------------------------------ relational

    /// <summary>
    /// JavaScript's abstract relational comparison: both operands go through ToPrimitive (number hint); two
    /// strings compare by UTF-16 code units, anything else by <see cref="ToNumber(object?)"/>. Returns -1, 0 or 1,
    /// or null when a NaN makes every relation false.
    /// </summary>
    public static int? Compare(object? a, object? b)
    {
        object? pa = ToPrimitive(NormalizeForOperator(a), preferNumber: true);
        object? pb = ToPrimitive(NormalizeForOperator(b), preferNumber: true);
        if (pa is string sa && pb is string sb)
        {
            return Math.Sign(string.CompareOrdinal(sa, sb));
        }

        double x = ToNumber(pa);
        double y = ToNumber(pb);
        if (double.IsNaN(x) || double.IsNaN(y))
        {
            return null;
        }

        return x < y ? -1 : x > y ? 1 : 0;
    }

    /// <summary><c>a &lt; b</c>.</summary>
    public static bool LessThan(object? a, object? b) => Compare(a, b) is < 0;

    /// <summary><c>a &lt;= b</c>.</summary>
    public static bool LessThanOrEqual(object? a, object? b) => Compare(a, b) is <= 0;

    /// <summary><c>a &gt; b</c>.</summary>
    public static bool GreaterThan(object? a, object? b) => Compare(a, b) is > 0;

    /// <summary><c>a &gt;= b</c>.</summary>
    public static bool GreaterThanOrEqual(object? a, object? b) => Compare(a, b) is >= 0;

    // ------------------------------------------------------------------ cloning

    /// <summary>
    /// lodash <c>cloneDeep</c> (what Node-RED's <c>RED.util.cloneMessage</c> uses): objects and arrays are copied
    /// recursively, Buffers and Dates are copied, primitives are returned as they are; shared references and
    /// cycles are preserved in the copy. Objects whose <see cref="JsObject.SharedWhenCloned"/> is true (the HTTP
    /// request and response) are not copied. Unlike lodash, which returns a Buffer sharing the original's memory,
    /// a cloned Buffer is an independent copy.
    /// </summary>
    public static object? DeepClone(object? v)
    {
        switch (v)
        {
            case null or JsUndefined or bool or double or string or Regex:
                return v;
            case DateTime dt:
                return (object)new DateTime(dt.Ticks, dt.Kind);
            case byte[] bytes:
                return bytes.Clone();
            case JsObject or JsArray:
                var copies = new CloneMap();
                return CloneContainer(v, ref copies);
            default:
                object? normalized = Normalize(v);
                return ReferenceEquals(normalized, v) ? v : normalized;
        }
    }

    private static object? CloneValue(object? v, ref CloneMap copies) => v switch
    {
        JsObject or JsArray => CloneContainer(v, ref copies),
        _ => DeepClone(v),
    };

    private static object CloneContainer(object container, ref CloneMap copies)
    {
        if (container is JsObject { SharedWhenCloned: true })
        {
            return container;
        }

        if (copies.TryGet(container, out var existing))
        {
            return existing;
        }

        RuntimeHelpers.EnsureSufficientExecutionStack();
        if (container is JsArray array)
        {
            var copy = new JsArray(array.Count);
            copies.Add(container, copy);
            for (int i = 0; i < array.Count; i++)
            {
                copy.Add(CloneValue(array[i], ref copies));
            }

            return copy;
        }

        var obj = (JsObject)container;
        if (obj.TryGetPlainEntries(out var plain))
        {
            var result = new JsObject(plain.Length);
            copies.Add(container, result);
            foreach (var entry in plain)
            {
                result[entry.Key] = CloneValue(entry.Value, ref copies);
            }

            return result;
        }
        else
        {
            var result = new JsObject();
            copies.Add(container, result);
            foreach (var entry in obj.Entries)
            {
                result[entry.Key] = CloneValue(entry.Value, ref copies);
            }

            return result;
        }
    }

    /// <summary>
    /// The containers one <see cref="DeepClone"/> has copied, original → copy, so shared references and cycles stay
    /// shared in the copy: the first few in inline slots searched linearly (a typical payload has a handful of
    /// objects, and cloning it then allocates only the copies), the rest in a dictionary.
    /// </summary>
    private struct CloneMap
    {
        private ContainerSlots _originals;
        private ContainerSlots _copies;
        private int _count;
        private Dictionary<object, object>? _more;

        public readonly bool TryGet(object original, out object copy)
        {
            for (int i = 0; i < _count; i++)
            {
                if (ReferenceEquals(_originals[i], original))
                {
                    copy = _copies[i];
                    return true;
                }
            }

            copy = null!;
            return _more is not null && _more.TryGetValue(original, out copy!);
        }

        public void Add(object original, object copy)
        {
            if (_count < ContainerSlots.Length)
            {
                _originals[_count] = original;
                _copies[_count] = copy;
                _count++;
                return;
            }

            _more ??= new Dictionary<object, object>(ReferenceEqualityComparer.Instance);
            _more.Add(original, copy);
        }
    }

    [InlineArray(Length)]
    private struct ContainerSlots
    {
        public const int Length = 8;
        private object _first;
    }

    // ------------------------------------------------------------------ Dates

    /// <summary>A Date's time value: whole milliseconds since 1970-01-01T00:00:00Z (<c>date.valueOf()</c>).</summary>
    public static double DateToTimeValue(DateTime date)
    {
        long ticks = ToUtc(date).Ticks - UnixEpochTicks;
        return Math.Floor(ticks / (double)TimeSpan.TicksPerMillisecond);
    }

    /// <summary><c>new Date(ms)</c> as a UTC <see cref="DateTime"/>, truncated to whole milliseconds.</summary>
    public static DateTime DateFromTimeValue(double milliseconds)
    {
        if (double.IsNaN(milliseconds) || double.IsInfinity(milliseconds))
        {
            throw new JsRangeError("Invalid time value");
        }

        // DateTime covers years 1 to 9999, a subset of JavaScript's range (±8.64e15 ms).
        double ms = Math.Truncate(milliseconds);
        const double MinMs = -62135596800000.0;
        const double MaxMs = 253402300799999.0;
        if (ms < MinMs || ms > MaxMs)
        {
            throw new JsRangeError("Invalid time value");
        }

        return new DateTime(((long)ms * TimeSpan.TicksPerMillisecond) + UnixEpochTicks, DateTimeKind.Utc);
    }

    /// <summary><c>date.toISOString()</c>: <c>1970-01-01T00:00:00.000Z</c>.</summary>
    public static string DateToIsoString(DateTime date) =>
        ToUtc(date).ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// <c>date.toString()</c> as Node.js prints it in the UTC time zone:
    /// <c>Thu Jan 01 1970 00:00:00 GMT+0000 (Coordinated Universal Time)</c>.
    /// </summary>
    public static string DateToString(DateTime date) =>
        ToUtc(date).ToString("ddd MMM dd yyyy HH':'mm':'ss", CultureInfo.InvariantCulture)
        + " GMT+0000 (Coordinated Universal Time)";

    private static DateTime ToUtc(DateTime date) => date.Kind == DateTimeKind.Local ? date.ToUniversalTime() : date;

    // ------------------------------------------------------------------ helpers

    /// <summary><c>RegExp.prototype.toString()</c> for a <see cref="Regex"/> standing for a JavaScript RegExp.</summary>
    internal static string RegExpToString(Regex regex)
    {
        var sb = new StringBuilder();
        sb.Append('/').Append(regex.ToString().Length == 0 ? "(?:)" : regex.ToString()).Append('/');
        var options = regex.Options;
        if ((options & RegexOptions.IgnoreCase) != 0)
        {
            sb.Append('i');
        }

        if ((options & RegexOptions.Multiline) != 0)
        {
            sb.Append('m');
        }

        if ((options & RegexOptions.Singleline) != 0)
        {
            sb.Append('s');
        }

        return sb.ToString();
    }

    private static object? NormalizeForOperator(object? v) =>
        v is null or JsUndefined or bool or double or string or JsObject or JsArray or byte[] ? v : Normalize(v);

    internal static bool TryClrNumber(object? v, out double d)
    {
        switch (v)
        {
            case double x:
                d = x;
                return true;
            case int i:
                d = i;
                return true;
            case long l:
                d = l;
                return true;
            case float f:
                d = f;
                return true;
            case decimal m:
                d = (double)m;
                return true;
            case short s:
                d = s;
                return true;
            case byte b:
                d = b;
                return true;
            case sbyte sb:
                d = sb;
                return true;
            case ushort us:
                d = us;
                return true;
            case uint ui:
                d = ui;
                return true;
            case ulong ul:
                d = ul;
                return true;
            default:
                d = 0;
                return false;
        }
    }
}
