using System;
using System.Collections.Generic;
using System.Globalization;
using System.Numerics;
using System.Text;

namespace FlowGen.Runtime;

/// <summary>The qs depth limit was exceeded with strictDepth set (body-parser's urlencoded parser): a 400.</summary>
public sealed class QueryDepthException : Exception
{
    public QueryDepthException(int depth)
        : base($"The input exceeded the depth of {depth.ToString(CultureInfo.InvariantCulture)} nested keys.")
    {
    }
}

/// <summary>
/// The qs 6 parser with the options Express 4 and body-parser give it: <c>a[b][c]=1</c> nests, <c>a[]</c> and
/// <c>a[0]</c> make arrays (an index at or past the array limit makes an object instead), repeated keys combine
/// into arrays, brackets past the depth stay literal, <c>+</c> and %20 are spaces, a malformed escape keeps the
/// raw text, a key without <c>=</c> is "", sparse arrays are compacted and a <c>__proto__</c> segment sets nothing.
/// </summary>
public static class QueryString
{
    /// <summary>Express 4's "extended" query parser: qs 6.14 with plainObjects (depth 5, arrayLimit 20, 1000 parameters).</summary>
    public static readonly QueryStringOptions Express = new(depth: 5, arrayLimit: 20, parameterLimit: 1000, strictDepth: false, strictMerge: false, balancedBrackets: false);

    /// <summary>
    /// req.query: parses the query string as sent, without its leading '?' (Express passes the text after the
    /// first '?'; another '?' is part of the first key).
    /// </summary>
    public static JsObject Parse(string? query) => Parse(query, Express);

    /// <summary>
    /// body-parser 1.20's extended urlencoded parser: qs 6.15 (strictMerge) with depth 32 (deeper keys throw
    /// <see cref="QueryDepthException"/>) and an array limit of max(100, parameter count). The caller enforces
    /// the parameter limit (too many parameters is a 413, before parsing).
    /// </summary>
    public static JsObject ParseForm(string body, int parameterCount) =>
        Parse(body, new QueryStringOptions(depth: 32, arrayLimit: Math.Max(100, parameterCount), parameterLimit: 1000, strictDepth: true, strictMerge: true, balancedBrackets: true));

    /// <summary>body-parser's parameter count: one more than the number of '&amp;'; null once it passes the limit.</summary>
    public static int? CountParameters(string body, int limit)
    {
        var count = 0;
        var index = -1;
        do
        {
            count++;
            if (count > limit) return null;
            index = body.IndexOf('&', index + 1);
        }
        while (index != -1);
        return count;
    }

    public static JsObject Parse(string? text, QueryStringOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return string.IsNullOrEmpty(text) ? new JsObject() : new Parser(options).Run(text);
    }

    private sealed class Parser
    {
        private readonly QueryStringOptions _options;

        /// <summary>qs's overflow objects (arrays that went past the array limit) and their largest numeric index.</summary>
        private Dictionary<JsObject, double>? _overflow;

        public Parser(QueryStringOptions options) => _options = options;

        public JsObject Run(string text)
        {
            var values = ParseValues(text, out var bracketed);
            if (!bracketed)
            {
                // No key nests: the values are the result (repeats already combined, arrays without holes), less
                // the keys qs drops. The common query string takes this path.
                values.Remove("");
                values.Remove("__proto__");
                return values;
            }
            var result = new JsObject();
            foreach (var (key, value) in values.Entries)
            {
                if (key.Length == 0) continue;
                if (key.IndexOf('[') < 0)
                {
                    // A plain key is {key: value} merged into the result: the common case, without the temporary object.
                    if (key == "__proto__") continue;
                    result[key] = result.TryGetValue(key, out var existing) ? Merge(existing, value) : value;
                    continue;
                }
                var nested = ParseObject(SplitKey(key), value);
                Merge(result, nested);
            }
            Compact(result, new HashSet<object>(ReferenceEqualityComparer.Instance));
            return result;
        }

        /// <summary>The decoded key/value pairs, repeated keys combined; <paramref name="bracketed"/> when a key has a '['.</summary>
        private JsObject ParseValues(string text, out bool bracketed)
        {
            var clean = text.Contains('%', StringComparison.Ordinal) ? UnescapeBrackets(text) : text;
            var values = new JsObject();
            bracketed = false;
            var start = 0;
            var parts = 0;
            while (start <= clean.Length && parts < _options.ParameterLimit)
            {
                var end = clean.IndexOf('&', start);
                if (end < 0) end = clean.Length;
                parts++;
                var length = end - start;
                var part = clean.AsSpan(start, length);
                var bracketEquals = part.IndexOf("]=", StringComparison.Ordinal);
                var pos = bracketEquals == -1 ? part.IndexOf('=') : bracketEquals + 1;
                string key;
                string value;
                if (pos == -1)
                {
                    key = Decode(clean.Substring(start, length));
                    value = "";
                }
                else
                {
                    key = Decode(clean.Substring(start, pos));
                    value = Decode(clean.Substring(start + pos + 1, length - pos - 1));
                }
                start = end + 1;
                bracketed |= key.Contains('[', StringComparison.Ordinal);
                if (values.TryGetValue(key, out var existing))
                {
                    values[key] = Combine(existing, value);
                }
                else
                {
                    values[key] = value;
                }
                if (end == clean.Length) break;
            }
            return values;
        }

        /// <summary>qs replaces %5B and %5D (any case) with brackets in the whole string before splitting.</summary>
        private static string UnescapeBrackets(string text)
        {
            var sb = StringBuilderCache.Acquire(text.Length);
            for (var i = 0; i < text.Length; i++)
            {
                if (text[i] == '%' && i + 2 < text.Length && text[i + 1] == '5')
                {
                    var c = text[i + 2];
                    if (c is 'B' or 'b')
                    {
                        sb.Append('[');
                        i += 2;
                        continue;
                    }
                    if (c is 'D' or 'd')
                    {
                        sb.Append(']');
                        i += 2;
                        continue;
                    }
                }
                sb.Append(text[i]);
            }
            return StringBuilderCache.ToStringAndRelease(sb);
        }

        /// <summary>qs's decoder: '+' is a space, then decodeURIComponent; a malformed escape keeps the text.</summary>
        private static string Decode(string text)
        {
            var plus = text.Contains('+', StringComparison.Ordinal) ? text.Replace('+', ' ') : text;
            return UriComponent.TryDecode(plus, out var decoded) ? decoded : plus;
        }

        /// <summary>The key's parent and bracket segments, up to the depth; the rest is one literal segment.</summary>
        private List<string> SplitKey(string key)
        {
            if (_options.BalancedBrackets) return SplitKeyBalanced(key);
            var segments = new List<string>();
            var first = FindBracket(key, 0);
            var parent = first.Index >= 0 ? key.Substring(0, first.Index) : key;
            if (parent.Length > 0) segments.Add(parent);
            var depth = 0;
            var position = 0;
            (int Index, int Length) segment;
            while ((segment = FindBracket(key, position)).Index >= 0 && depth < _options.Depth)
            {
                depth++;
                segments.Add(key.Substring(segment.Index, segment.Length));
                position = segment.Index + segment.Length;
            }
            if (segment.Index >= 0)
            {
                if (_options.StrictDepth) throw new QueryDepthException(_options.Depth);
                segments.Add("[" + key.Substring(segment.Index) + "]");
            }
            return segments;
        }

        /// <summary>qs 6.15.2+: bracket groups nest ("a[b[c]]" is one segment "[b[c]]"); an unclosed group is literal.</summary>
        private List<string> SplitKeyBalanced(string key)
        {
            var segments = new List<string>();
            var open = key.IndexOf('[');
            var parent = open >= 0 ? key.Substring(0, open) : key;
            if (parent.Length > 0) segments.Add(parent);
            var collected = 0;
            while (open >= 0 && collected < _options.Depth)
            {
                var level = 1;
                var close = -1;
                for (var i = open + 1; i < key.Length && close < 0; i++)
                {
                    if (key[i] == '[') level++;
                    else if (key[i] == ']' && --level == 0) close = i;
                }
                if (close < 0)
                {
                    segments.Add("[" + key.Substring(open) + "]");
                    return segments;
                }
                segments.Add(key.Substring(open, close - open + 1));
                collected++;
                open = key.IndexOf('[', close + 1);
            }
            if (open >= 0)
            {
                if (_options.StrictDepth) throw new QueryDepthException(_options.Depth);
                segments.Add("[" + key.Substring(open) + "]");
            }
            return segments;
        }

        /// <summary>The next match of /\[[^[\]]*]/ at or after <paramref name="from"/>, or Index -1.</summary>
        private static (int Index, int Length) FindBracket(string key, int from)
        {
            var i = key.IndexOf('[', from);
            while (i >= 0)
            {
                var j = i + 1;
                while (j < key.Length && key[j] != '[' && key[j] != ']') j++;
                if (j < key.Length && key[j] == ']') return (i, j - i + 1);
                if (j >= key.Length) return (-1, 0);
                i = key.IndexOf('[', j);
            }
            return (-1, 0);
        }

        private object ParseObject(List<string> chain, object? value)
        {
            var leaf = value;
            for (var i = chain.Count - 1; i >= 0; i--)
            {
                var root = chain[i];
                object built;
                if (root == "[]")
                {
                    built = leaf is JsObject o && IsOverflow(o) ? o : Combine(new JsArray(), leaf);
                }
                else
                {
                    var bracketed = root.Length >= 2 && root[0] == '[' && root[^1] == ']';
                    var clean = bracketed ? root.Substring(1, root.Length - 2) : root;
                    if (bracketed && TryIndex(clean, out var index))
                    {
                        if (index < _options.ArrayLimit)
                        {
                            var array = new JsArray();
                            array.SetElement((long)index, leaf);
                            built = array;
                        }
                        else
                        {
                            var overflow = new JsObject { [clean] = leaf };
                            MarkOverflow(overflow, index);
                            built = overflow;
                        }
                    }
                    else
                    {
                        var obj = new JsObject();
                        if (clean != "__proto__") obj[clean] = leaf;
                        built = obj;
                    }
                }
                leaf = built;
            }
            return leaf!;
        }

        /// <summary>parseInt(s, 10) whose String() is s again and is not negative: a canonical decimal index.</summary>
        private static bool TryIndex(string text, out double index)
        {
            index = 0;
            if (text.Length == 0 || text.Length > 21) return false;
            foreach (var c in text)
            {
                if (c < '0' || c > '9') return false;
            }
            if (text.Length > 1 && text[0] == '0') return false;
            if (text.Length <= 15)
            {
                index = long.Parse(text, CultureInfo.InvariantCulture);
                return true;
            }
            var exact = BigInteger.Parse(text, CultureInfo.InvariantCulture);
            var d = (double)exact;
            if (d >= 1e21 || new BigInteger(d) != exact) return false;
            index = d;
            return true;
        }

        private static bool IsObject(object? value) => value is JsObject or JsArray;

        private bool IsOverflow(JsObject value) => _overflow is not null && _overflow.ContainsKey(value);

        private double MaxIndex(JsObject value) => _overflow![value];

        private JsObject MarkOverflow(JsObject value, double maxIndex)
        {
            _overflow ??= new Dictionary<JsObject, double>(ReferenceEqualityComparer.Instance);
            _overflow[value] = maxIndex;
            return value;
        }

        private static string IndexKey(double index) =>
            index < 1e15 ? ((long)index).ToString(CultureInfo.InvariantCulture) : new BigInteger(index).ToString(CultureInfo.InvariantCulture);

        /// <summary>qs utils.combine: [].concat(a, b), or an overflow object past the array limit.</summary>
        private object Combine(object? a, object? b)
        {
            if (a is JsObject target && IsOverflow(target))
            {
                var next = MaxIndex(target) + 1;
                target[IndexKey(next)] = b;
                MarkOverflow(target, next);
                return target;
            }
            var result = new JsArray();
            Concat(result, a);
            Concat(result, b);
            if (result.Count > _options.ArrayLimit) return MarkOverflow(ArrayToObject(result), result.Count - 1);
            return result;
        }

        private static void Concat(JsArray into, object? value)
        {
            if (value is JsArray array) into.AddRange(array);
            else into.Add(value);
        }

        private static JsObject ArrayToObject(JsArray source)
        {
            var obj = new JsObject();
            for (var i = 0; i < source.Count; i++)
            {
                if (source[i] is not JsUndefined) obj[i.ToString(CultureInfo.InvariantCulture)] = source[i];
            }
            return obj;
        }

        /// <summary>qs utils.merge, with its array limit, overflow objects and (for body-parser's qs) strictMerge.</summary>
        private object? Merge(object? target, object? source)
        {
            if (source is null or JsUndefined || source is string { Length: 0 } || source is false) return target;
            if (!IsObject(source))
            {
                if (target is JsArray array)
                {
                    var next = array.Count;
                    if (next > _options.ArrayLimit)
                    {
                        var combined = new JsArray(array) { source };
                        return MarkOverflow(ArrayToObject(combined), next);
                    }
                    array.Add(source);
                }
                else if (target is JsObject obj)
                {
                    if (IsOverflow(obj))
                    {
                        var next = MaxIndex(obj) + 1;
                        obj[IndexKey(next)] = source;
                        MarkOverflow(obj, next);
                    }
                    else if (_options.StrictMerge)
                    {
                        return new JsArray { target, source };
                    }
                    else
                    {
                        obj[Js.ToJsString(source)] = true;
                    }
                }
                else
                {
                    return new JsArray { target, source };
                }
                return target;
            }

            if (!IsObject(target))
            {
                if (source is JsObject overflow && IsOverflow(overflow))
                {
                    var shifted = new JsObject { ["0"] = target };
                    foreach (var (key, value) in overflow.Entries)
                    {
                        var number = Js.ParseInt(key, 10);
                        shifted[double.IsNaN(number) ? "NaN" : Js.FormatNumber(number + 1)] = value;
                    }
                    return MarkOverflow(shifted, MaxIndex(overflow) + 1);
                }
                var list = new JsArray { target };
                Concat(list, source);
                if (list.Count > _options.ArrayLimit) return MarkOverflow(ArrayToObject(list), list.Count - 1);
                return list;
            }

            if (target is JsArray targetArray && source is JsArray sourceArray)
            {
                for (var i = 0; i < sourceArray.Count; i++)
                {
                    var item = sourceArray[i];
                    if (item is JsUndefined) continue;
                    if (i < targetArray.Count && targetArray[i] is not JsUndefined)
                    {
                        var targetItem = targetArray[i];
                        if (IsObject(targetItem) && IsObject(item)) targetArray[i] = Merge(targetItem, item);
                        else targetArray.Add(item);
                    }
                    else
                    {
                        targetArray.SetElement(i, item);
                    }
                }
                return targetArray;
            }

            var mergeTarget = target as JsObject ?? ArrayToObject((JsArray)target!);
            foreach (var (key, value) in Entries(source))
            {
                mergeTarget[key] = mergeTarget.TryGetValue(key, out var existing) ? Merge(existing, value) : value;
                if (source is JsObject sourceObject && IsOverflow(sourceObject) && !IsOverflow(mergeTarget))
                {
                    MarkOverflow(mergeTarget, MaxIndex(sourceObject));
                }
                if (IsOverflow(mergeTarget) && TryIndex(key, out var keyNumber) && keyNumber > MaxIndex(mergeTarget))
                {
                    MarkOverflow(mergeTarget, keyNumber);
                }
            }
            return mergeTarget;
        }

        private static IEnumerable<KeyValuePair<string, object?>> Entries(object? value)
        {
            if (value is JsObject obj) return obj.Entries;
            var array = (JsArray)value!;
            var entries = new List<KeyValuePair<string, object?>>(array.Count);
            for (var i = 0; i < array.Count; i++)
            {
                if (array[i] is not JsUndefined) entries.Add(new(i.ToString(CultureInfo.InvariantCulture), array[i]));
            }
            return entries;
        }

        /// <summary>qs utils.compact: arrays lose their holes, everywhere in the result.</summary>
        private static object? Compact(object? value, HashSet<object> seen)
        {
            if (value is JsObject obj)
            {
                if (!seen.Add(obj)) return obj;
                List<KeyValuePair<string, object?>>? changes = null;
                foreach (var (key, item) in obj.Entries)
                {
                    if (item is not JsObject and not JsArray) continue;
                    var compacted = Compact(item, seen);
                    if (!ReferenceEquals(compacted, item)) (changes ??= new()).Add(new(key, compacted));
                }
                if (changes is not null)
                {
                    foreach (var (key, item) in changes) obj[key] = item;
                }
                return obj;
            }
            if (value is JsArray array)
            {
                if (!seen.Add(array)) return array;
                var compacted = new JsArray(array.Count);
                foreach (var item in array)
                {
                    if (item is JsUndefined) continue;
                    compacted.Add(item is JsObject or JsArray ? Compact(item, seen) : item);
                }
                return compacted;
            }
            return value;
        }
    }
}

/// <summary>The qs options that differ between Express's query parser and body-parser's urlencoded parser.</summary>
public sealed class QueryStringOptions
{
    public QueryStringOptions(int depth, int arrayLimit, int parameterLimit, bool strictDepth, bool strictMerge, bool balancedBrackets)
    {
        BalancedBrackets = balancedBrackets;
        Depth = depth;
        ArrayLimit = arrayLimit;
        ParameterLimit = parameterLimit;
        StrictDepth = strictDepth;
        StrictMerge = strictMerge;
    }

    /// <summary>Bracket segments parsed per key; deeper ones stay one literal key (or throw with <see cref="StrictDepth"/>).</summary>
    public int Depth { get; }

    /// <summary>Largest array qs builds; an index at or past it (or a longer combination) makes an object.</summary>
    public int ArrayLimit { get; }

    /// <summary>Parameters read; later ones are ignored.</summary>
    public int ParameterLimit { get; }

    public bool StrictDepth { get; }

    /// <summary>qs 6.15: a primitive merged into an object gives [object, primitive] instead of object[primitive] = true.</summary>
    public bool StrictMerge { get; }

    /// <summary>qs 6.15.2+: key segments are balanced bracket groups instead of the first [..] without inner brackets.</summary>
    public bool BalancedBrackets { get; }
}
