using System;
using System.Collections.Generic;
using System.Globalization;

namespace FlowGen.Runtime;

/// <summary>
/// A Node-RED property expression (<c>payload</c>, <c>a.b[0]["c d"]</c>, <c>a[msg.topic].b</c>) and the
/// operations Node-RED performs with it: <c>RED.util.getMessageProperty</c> (<see cref="Get(JsObject)"/>),
/// <c>setMessageProperty</c> (<see cref="Set"/>) and deletion (<see cref="Delete"/>).
/// </summary>
/// <remarks>
/// <para>The compiler parses expressions at build time and emits <c>new JsPath(text, segments)</c>;
/// <see cref="Parse"/> does the same parse at run time (<c>normalisePropertyExpression</c>, with its errors).
/// Node-RED's message helpers strip one leading <c>msg.</c> before parsing; <see cref="Parse"/> does not, and
/// <see cref="ForMessage"/> does. The compiler strips it the same way (only the exact prefix <c>msg.</c>, not
/// <c>msg[</c>) before emitting segments.</para>
/// <para>Nested references (<see cref="PathSegmentKind.Ref"/>) are evaluated against the message before the
/// walk, as Node-RED does; one that is <c>undefined</c> or whose own parent is missing throws
/// <see cref="JsPathException"/> <c>Invalid expression started at position N</c>.</para>
/// </remarks>
public sealed class JsPath : IEquatable<JsPath>
{
    private readonly PathSegment[] _segments;
    private readonly bool _hasRefs;
    private readonly int _prefixLength;

    /// <summary>
    /// Creates a path from already-parsed segments. <paramref name="text"/> is the expression as written
    /// (it may keep its <c>msg.</c> prefix when the segments were parsed without it); it is used in messages.
    /// </summary>
    public JsPath(string text, PathSegment[] segments)
        : this(text, segments, HasStrippedPrefix(text, segments) ? 4 : 0)
    {
    }

    private JsPath(string text, PathSegment[] segments, int prefixLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(segments);
        if (segments.Length == 0)
        {
            throw new ArgumentException("A property path has at least one segment.", nameof(segments));
        }

        Text = text;
        _segments = (PathSegment[])segments.Clone();
        _prefixLength = prefixLength;
        foreach (var segment in _segments)
        {
            if (segment.Kind == PathSegmentKind.Ref)
            {
                _hasRefs = true;
            }
            else if (!segment.IsValid)
            {
                throw new ArgumentException("default(PathSegment) is not a valid segment.", nameof(segments));
            }
        }
    }

    /// <summary>The expression text.</summary>
    public string Text { get; }

    /// <summary>The normalised parts.</summary>
    public IReadOnlyList<PathSegment> Segments => _segments;

    /// <summary>True when the path holds a nested <c>[msg...]</c> reference.</summary>
    public bool HasReferences => _hasRefs;

    /// <summary>
    /// Parses an expression exactly as <c>RED.util.normalisePropertyExpression</c>; a leading <c>msg.</c> is
    /// kept as a key. Throws <see cref="JsPathException"/> (a <see cref="FormatException"/>) with Node-RED's
    /// message, for example <c>Invalid property expression: unexpected ' ' at position 1</c>.
    /// A nested <c>[msg.x]</c> reference is parsed the way Node-RED parses it when it evaluates the reference
    /// against a message (<c>msg.</c> stripped first), so a few references its message-less parse rejects,
    /// such as <c>a[msg.-x]</c>, are accepted here, as they work in a running Node-RED.
    /// </summary>
    public static JsPath Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new JsPath(text, ParseSegments(text), 0);
    }

    /// <summary>
    /// Parses an expression as Node-RED's message helpers do: one leading <c>msg.</c> is stripped first
    /// (<c>msg.payload</c> and <c>payload</c> are the same path). <see cref="Text"/> keeps the prefix.
    /// </summary>
    public static JsPath ForMessage(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.StartsWith("msg.", StringComparison.Ordinal))
        {
            return new JsPath(text, ParseSegments(text[4..]), 4);
        }

        return new JsPath(text, ParseSegments(text), 0);
    }

    /// <summary>
    /// Checks an expression without building it: null when valid, else Node-RED's error message.
    /// </summary>
    public static string? Validate(string text)
    {
        try
        {
            Parse(text);
            return null;
        }
        catch (JsPathException e)
        {
            return e.Message;
        }
    }

    // ------------------------------------------------------------------ get

    /// <summary>
    /// <c>getMessageProperty</c>: walks the parts from <paramref name="root"/>. A missing final key gives
    /// <see cref="JsUndefined.Value"/>; a missing or null parent throws <see cref="JsTypeError"/>
    /// (<c>Cannot read properties of undefined (reading 'b')</c>). Strings, arrays and Buffers answer numeric
    /// indexes and <c>length</c> (a Buffer element is its byte as a number).
    /// </summary>
    public object? Get(JsObject root) => Get(root, root);

    /// <summary>
    /// Like <see cref="Get(JsObject)"/>, walking <paramref name="root"/> (a context store, for example) while
    /// nested references are evaluated against <paramref name="message"/>.
    /// </summary>
    public object? Get(JsObject root, JsObject message)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(message);
        var keys = _hasRefs ? ResolveAll(message) : null;
        object? current = root;
        for (int i = 0; i < _segments.Length; i++)
        {
            var key = keys is null ? PropKey.From(_segments[i]) : keys[i];
            current = ReadProperty(current, key);
        }

        return current;
    }

    /// <summary><see cref="Get(JsObject)"/> that returns false instead of throwing.</summary>
    public bool TryGet(JsObject root, out object? value) => TryGet(root, root, out value);

    /// <summary><see cref="Get(JsObject, JsObject)"/> that returns false instead of throwing.</summary>
    public bool TryGet(JsObject root, JsObject message, out object? value)
    {
        try
        {
            value = Get(root, message);
            return true;
        }
        catch (JsTypeError)
        {
            value = JsUndefined.Value;
            return false;
        }
        catch (JsPathException)
        {
            value = JsUndefined.Value;
            return false;
        }
    }

    // ------------------------------------------------------------------ set / delete

    /// <summary>
    /// <c>setMessageProperty(root, path, value, createMissing)</c>. Missing parents are created when
    /// <paramref name="createMissing"/> holds (default: when <paramref name="value"/> is not
    /// <c>undefined</c>): <c>{}</c> when the next part is a string key, <c>[]</c> when it is a number. Returns
    /// false, changing nothing further, when a parent is a primitive or <c>null</c> (or missing and not created).
    /// Setting <see cref="JsUndefined.Value"/> deletes the key; a numeric key on an array is removed with
    /// <c>splice</c>, shifting later elements. Writing past the end of an array leaves holes.
    /// </summary>
    /// <remarks>
    /// Like Node-RED, it throws <see cref="JsTypeError"/> in the corners where its JavaScript does (walking on
    /// from a missing element reached through an array index, or deleting below such a parent). A named
    /// (non-index) property on an array, Buffer or Date is kept as in JavaScript: later path reads see it,
    /// while <see cref="JsJson.Stringify"/> and <see cref="Js.DeepClone"/> ignore it, as they do in JavaScript.
    /// </remarks>
    public bool Set(JsObject root, object? value, bool? createMissing = null) => Set(root, value, root, createMissing);

    /// <summary>
    /// Like <see cref="Set(JsObject, object?, bool?)"/>, on <paramref name="root"/> while nested references are
    /// evaluated against <paramref name="message"/>.
    /// </summary>
    public bool Set(JsObject root, object? value, JsObject message, bool? createMissing = null)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(message);
        bool create = createMissing ?? value is not JsUndefined;
        var keys = _hasRefs ? ResolveAll(message) : null;
        int length = _segments.Length;
        object? obj = root;
        for (int i = 0; i < length - 1; i++)
        {
            var key = keys is null ? PropKey.From(_segments[i]) : keys[i];
            if (key.Kind == PropKeyKind.String || (key.Kind == PropKeyKind.Number && obj is not JsArray))
            {
                if (HasOwnProperty(obj, key))
                {
                    object? child = ReadProperty(obj, key);
                    if (!IsObjectLike(child))
                    {
                        return false;
                    }

                    obj = child;
                }
                else if (create)
                {
                    var next = keys is null ? PropKey.From(_segments[i + 1]) : keys[i + 1];
                    WriteProperty(obj, key, NewContainer(next));
                    obj = ReadProperty(obj, key);
                }
                else
                {
                    return false;
                }
            }
            else if (key.Kind == PropKeyKind.Number)
            {
                // obj is an array: an undefined element (absent or a hole) is replaced, anything else is walked into.
                object? element = ReadProperty(obj, key);
                if (element is JsUndefined)
                {
                    if (!create)
                    {
                        return false;
                    }

                    var next = keys is null ? PropKey.From(_segments[i + 1]) : keys[i + 1];
                    WriteProperty(obj, key, NewContainer(next));
                    obj = ReadProperty(obj, key);
                }
                else
                {
                    obj = element;
                }
            }

            // A reference that resolved to neither a string nor a number leaves obj where it is, as in Node-RED.
        }

        var last = keys is null ? PropKey.From(_segments[length - 1]) : keys[length - 1];
        if (value is JsUndefined)
        {
            if (last.Kind == PropKeyKind.Number && obj is JsArray array)
            {
                Splice(array, last.Number);
            }
            else
            {
                DeleteProperty(obj, last);
            }

            return true;
        }

        if (!IsObjectLike(obj))
        {
            return false;
        }

        WriteProperty(obj, last, value);
        return true;
    }

    /// <summary>
    /// Deletes the property (<c>setMessageProperty(root, path, undefined)</c>): an array element reached by a
    /// numeric key is spliced out. A missing parent is a no-op that returns false.
    /// </summary>
    public bool Delete(JsObject root) => Set(root, JsUndefined.Value, root, createMissing: false);

    // ------------------------------------------------------------------ equality

    /// <inheritdoc/>
    public bool Equals(JsPath? other)
    {
        if (other is null)
        {
            return false;
        }

        if (ReferenceEquals(this, other))
        {
            return true;
        }

        return string.Equals(Text, other.Text, StringComparison.Ordinal)
            && _segments.AsSpan().SequenceEqual(other._segments);
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is JsPath other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Text, _segments.Length);

    /// <summary>The expression text.</summary>
    public override string ToString() => Text;

    // ------------------------------------------------------------------ references

    private static bool HasStrippedPrefix(string? text, PathSegment[]? segments) =>
        text is not null && segments is { Length: > 0 } && text.StartsWith("msg.", StringComparison.Ordinal)
        && !(segments[0].Kind == PathSegmentKind.Key && segments[0].Name == "msg");

    private PropKey[] ResolveAll(JsObject message)
    {
        var keys = new PropKey[_segments.Length];
        for (int i = 0; i < _segments.Length; i++)
        {
            var segment = _segments[i];
            if (segment.Kind != PathSegmentKind.Ref)
            {
                keys[i] = PropKey.From(segment);
                continue;
            }

            object? value;
            try
            {
                value = segment.Nested.Get(message, message);
            }
            catch (Exception e) when (e is JsTypeError or JsPathException)
            {
                throw ReferenceError(segment);
            }

            if (value is JsUndefined)
            {
                throw ReferenceError(segment);
            }

            keys[i] = PropKey.FromValue(value);
        }

        return keys;
    }

    private JsPathException ReferenceError(PathSegment segment)
    {
        int position = segment.NestedPosition;
        if (position < 0)
        {
            // Compiled without a position: find the reference in the text (written with or without "msg.").
            string nestedText = segment.Nested.Text;
            int at = Text.IndexOf("[" + nestedText + "]", StringComparison.Ordinal);
            if (at < 0)
            {
                at = Text.IndexOf("[msg." + nestedText + "]", StringComparison.Ordinal);
            }

            position = at < 0 ? 0 : Math.Max(0, at + 1 - _prefixLength);
        }

        return new JsPathException("Invalid expression started at position " + position.ToString(CultureInfo.InvariantCulture));
    }

    // ------------------------------------------------------------------ parsing (normalisePropertyExpression)

    private static PathSegment[] ParseSegments(string str)
    {
        int length = str.Length;
        if (length == 0)
        {
            throw Invalid("zero-length");
        }

        var parts = new List<PathSegment>();
        int start = 0;
        bool inString = false;
        bool inBox = false;
        char quote = '\0';
        for (int i = 0; i < length; i++)
        {
            char c = str[i];
            if (inString)
            {
                if (c != quote)
                {
                    continue;
                }

                if (i == start)
                {
                    throw Invalid("zero-length string at position " + Num(start));
                }

                parts.Add(PathSegment.Key(str[start..i]));
                bool hasNext = i + 1 < length;
                if (inBox && !(hasNext && str[i + 1] == ']'))
                {
                    throw Invalid("unexpected array expression at position " + Num(start));
                }

                if (!inBox && hasNext && str[i + 1] != '[' && str[i + 1] != '.')
                {
                    throw Invalid("unexpected " + str[i + 1] + " expression at position " + Num(i + 1));
                }

                start = i + 1;
                inString = false;
                continue;
            }

            switch (c)
            {
                case '\'' or '"':
                    if (i != start)
                    {
                        throw Invalid("unexpected " + c + " at position " + Num(i));
                    }

                    inString = true;
                    quote = c;
                    start = i + 1;
                    break;

                case '.':
                    if (i == 0)
                    {
                        throw Invalid("unexpected . at position 0");
                    }

                    if (start != i)
                    {
                        // A dotted all-digit part is a number only here, when another '.' follows it.
                        parts.Add(DigitsOrKey(str[start..i]));
                    }

                    if (i == length - 1)
                    {
                        throw Invalid("unterminated expression");
                    }

                    if (!IsIdentifierStart(str[i + 1]))
                    {
                        throw Invalid("unexpected " + str[i + 1] + " at position " + Num(i + 1));
                    }

                    start = i + 1;
                    break;

                case '[':
                    if (i == 0)
                    {
                        throw Invalid("unexpected [ at position 0");
                    }

                    if (start != i)
                    {
                        parts.Add(PathSegment.Key(str[start..i]));
                    }

                    if (i == length - 1)
                    {
                        throw Invalid("unterminated expression");
                    }

                    if (string.CompareOrdinal(str, i + 1, "msg.", 0, 4) == 0
                        || string.CompareOrdinal(str, i + 1, "msg[", 0, 4) == 0)
                    {
                        int close = FindClosingBracket(str, i + 1);
                        if (close < 0)
                        {
                            throw Invalid("unmatched '[' at position " + Num(i));
                        }

                        JsPath nested;
                        try
                        {
                            nested = ForMessage(str[(i + 1)..close]);
                        }
                        catch (JsPathException)
                        {
                            throw new JsPathException("Invalid expression started at position " + Num(i + 1));
                        }

                        parts.Add(PathSegment.Ref(nested, i + 1));
                        inBox = false;
                        i = close;
                        start = close + 1;
                        break;
                    }

                    char n = str[i + 1];
                    if (n != '"' && n != '\'' && !IsDigit(n))
                    {
                        throw Invalid("unexpected " + n + " at position " + Num(i + 1));
                    }

                    start = i + 1;
                    inBox = true;
                    break;

                case ']':
                    if (!inBox)
                    {
                        throw Invalid("unexpected ] at position " + Num(i));
                    }

                    if (start != i)
                    {
                        string v = str[start..i];
                        if (!AllDigits(v))
                        {
                            throw Invalid("unexpected array expression at position " + Num(start));
                        }

                        parts.Add(IndexOf(v));
                    }

                    start = i + 1;
                    inBox = false;
                    break;

                case ' ':
                    throw Invalid("unexpected ' ' at position " + Num(i));
            }
        }

        if (inBox || inString)
        {
            throw Invalid("unterminated expression");
        }

        if (start < length)
        {
            parts.Add(PathSegment.Key(str[start..]));
        }

        return parts.ToArray();
    }

    private static int FindClosingBracket(string str, int from)
    {
        // Node-RED counts brackets only (quotes do not hide them).
        int depth = 1;
        for (int j = from; j < str.Length; j++)
        {
            if (str[j] == '[')
            {
                depth++;
            }
            else if (str[j] == ']')
            {
                depth--;
                if (depth == 0)
                {
                    return j;
                }
            }
        }

        return -1;
    }

    private static PathSegment DigitsOrKey(string v) => AllDigits(v) ? IndexOf(v) : PathSegment.Key(v);

    private static PathSegment IndexOf(string digits)
    {
        // parseInt of a digit run: exact below 2^53, correctly rounded above.
        double n = JsNumber.ParseValidatedDecimal(digits);
        return n <= int.MaxValue ? PathSegment.Index((int)n) : PathSegment.Index(n);
    }

    private static bool AllDigits(string v)
    {
        foreach (char c in v)
        {
            if (!IsDigit(c))
            {
                return false;
            }
        }

        return v.Length > 0;
    }

    private static bool IsDigit(char c) => c >= '0' && c <= '9';

    private static bool IsIdentifierStart(char c) =>
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || IsDigit(c) || c == '$' || c == '_';

    private static string Num(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static JsPathException Invalid(string detail) => new("Invalid property expression: " + detail);

    // ------------------------------------------------------------------ JavaScript property access

    private enum PropKeyKind : byte
    {
        String,
        Number,
        Other,
    }

    /// <summary>A property key as Node-RED's parts array holds it: a string, a number, or (from a reference) any other value.</summary>
    private readonly struct PropKey
    {
        private readonly string? _name;

        private PropKey(PropKeyKind kind, string? name, double number)
        {
            Kind = kind;
            _name = name;
            Number = number;
        }

        public PropKeyKind Kind { get; }

        public double Number { get; }

        /// <summary>ToPropertyKey: the string the key stands for.</summary>
        public string Name => _name ?? JsNumber.Format(Number);

        public static PropKey From(PathSegment segment) => segment.Kind == PathSegmentKind.Key
            ? new PropKey(PropKeyKind.String, segment.Name, 0)
            : new PropKey(PropKeyKind.Number, null, segment.Number);

        public static PropKey FromValue(object? value) => value switch
        {
            string s => new PropKey(PropKeyKind.String, s, 0),
            double d => new PropKey(PropKeyKind.Number, null, d),
            _ when Js.TryClrNumber(value, out double n) => new PropKey(PropKeyKind.Number, null, n),
            _ => new PropKey(PropKeyKind.Other, Js.ToJsString(value), 0),
        };

        /// <summary>True for the string key <c>length</c>.</summary>
        public bool IsLength => Kind != PropKeyKind.Number && _name == "length";

        /// <summary>True when the key names an array element (a number or canonical numeric string up to 2^32-2).</summary>
        public bool TryGetArrayIndex(out long index)
        {
            if (Kind == PropKeyKind.Number)
            {
                double n = Number;
                if (n >= 0 && n <= 4294967294.0 && n == Math.Floor(n))
                {
                    index = (long)n;
                    return true;
                }

                index = 0;
                return false;
            }

            bool ok = JsObject.TryParseArrayIndex(_name!, out uint u);
            index = u;
            return ok;
        }
    }

    private static bool IsObjectLike(object? v) =>
        v is not (null or JsUndefined or bool or double or string or char) && !Js.TryClrNumber(v, out _);

    private static JsTypeError ReadError(object? obj, PropKey key) =>
        new("Cannot read properties of " + (obj is null ? "null" : "undefined") + " (reading '" + key.Name + "')");

    private static JsTypeError ToObjectError() => new("Cannot convert undefined or null to object");

    /// <summary><c>obj[key]</c>.</summary>
    private static object? ReadProperty(object? obj, PropKey key)
    {
        switch (obj)
        {
            case null or JsUndefined:
                throw ReadError(obj, key);
            case JsObject o:
                return o[key.Name];
            case JsArray array:
                if (key.TryGetArrayIndex(out long index))
                {
                    return array.ElementAtOrUndefined(index);
                }

                return key.IsLength ? (double)array.Count : JsExpando.Get(array, key.Name);
            case string s:
                if (key.TryGetArrayIndex(out long charIndex))
                {
                    return charIndex < s.Length ? s[(int)charIndex].ToString() : JsUndefined.Value;
                }

                return key.IsLength ? (double)s.Length : JsUndefined.Value;
            case byte[] bytes:
                if (key.TryGetArrayIndex(out long byteIndex))
                {
                    return byteIndex < bytes.Length ? (double)bytes[byteIndex] : JsUndefined.Value;
                }

                return key.IsLength ? (double)bytes.Length : JsExpando.Get(bytes, key.Name);
            default:
                return IsObjectLike(obj) ? JsExpando.Get(obj, key.Name) : JsUndefined.Value;
        }
    }

    /// <summary><c>Object.hasOwn(obj, key)</c>; holes in arrays are not own properties.</summary>
    private static bool HasOwnProperty(object? obj, PropKey key)
    {
        switch (obj)
        {
            case null or JsUndefined:
                throw ToObjectError();
            case JsObject o:
                return o.ContainsKey(key.Name);
            case JsArray array:
                if (key.TryGetArrayIndex(out long index))
                {
                    return index < array.Count && array[(int)index] is not JsUndefined;
                }

                return key.IsLength || JsExpando.Has(array, key.Name);
            case string s:
                if (key.TryGetArrayIndex(out long charIndex))
                {
                    return charIndex < s.Length;
                }

                return key.IsLength;
            case byte[] bytes:
                if (key.TryGetArrayIndex(out long byteIndex))
                {
                    return byteIndex < bytes.Length;
                }

                return JsExpando.Has(bytes, key.Name);
            default:
                return IsObjectLike(obj) && JsExpando.Has(obj, key.Name);
        }
    }

    /// <summary><c>obj[key] = value</c> in sloppy mode: writes JavaScript ignores are ignored.</summary>
    private static void WriteProperty(object? obj, PropKey key, object? value)
    {
        switch (obj)
        {
            case JsObject o:
                o[key.Name] = value;
                return;
            case JsArray array:
                if (key.TryGetArrayIndex(out long index))
                {
                    array.SetElement(index, value);
                }
                else if (key.IsLength)
                {
                    double n = Js.ToNumber(value);
                    if (!(n >= 0 && n <= 4294967295.0 && n == Math.Floor(n)))
                    {
                        throw new JsRangeError("Invalid array length");
                    }

                    array.SetLength((long)n);
                }
                else
                {
                    JsExpando.Set(array, key.Name, value);
                }

                return;
            case byte[] bytes:
                if (key.TryGetArrayIndex(out long byteIndex))
                {
                    // Typed arrays ignore writes past their end.
                    if (byteIndex < bytes.Length)
                    {
                        bytes[byteIndex] = ToUint8(Js.ToNumber(value));
                    }
                }
                else if (!key.IsLength)
                {
                    // length is a getter-only accessor: assigning it is ignored.
                    JsExpando.Set(bytes, key.Name, value);
                }

                return;
            default:
                if (IsObjectLike(obj))
                {
                    JsExpando.Set(obj!, key.Name, value);
                }

                return;
        }
    }

    /// <summary><c>delete obj[key]</c> in sloppy mode.</summary>
    private static void DeleteProperty(object? obj, PropKey key)
    {
        switch (obj)
        {
            case null or JsUndefined:
                throw ToObjectError();
            case JsObject o:
                o.Remove(key.Name);
                return;
            case JsArray array:
                if (key.TryGetArrayIndex(out long index))
                {
                    if (index < array.Count)
                    {
                        array[(int)index] = JsUndefined.Value;
                    }
                }
                else
                {
                    JsExpando.Remove(array, key.Name);
                }

                return;
            default:
                if (IsObjectLike(obj))
                {
                    JsExpando.Remove(obj!, key.Name);
                }

                return;
        }
    }

    /// <summary><c>array.splice(start, 1)</c>, with splice's conversion of the start argument.</summary>
    private static void Splice(JsArray array, double start)
    {
        double relative = double.IsNaN(start) ? 0 : Math.Truncate(start);
        long count = array.Count;
        double actual = relative < 0 ? Math.Max(count + relative, 0) : Math.Min(relative, count);
        if (actual < count)
        {
            array.RemoveAt((int)actual);
        }
    }

    private static object NewContainer(PropKey next) =>
        next.Kind == PropKeyKind.String ? new JsObject() : new JsArray();

    private static byte ToUint8(double n)
    {
        if (double.IsNaN(n) || double.IsInfinity(n))
        {
            return 0;
        }

        double m = Math.Truncate(n) % 256;
        if (m < 0)
        {
            m += 256;
        }

        return (byte)m;
    }
}
