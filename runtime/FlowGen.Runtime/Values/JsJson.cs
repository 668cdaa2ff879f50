using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;

namespace FlowGen.Runtime;

/// <summary>
/// <c>JSON.stringify</c> and <c>JSON.parse</c> with JavaScript's exact output and errors, over FlowGen's value
/// model (see <see cref="Js"/>). No reflection is involved.
/// </summary>
public static partial class JsJson
{
    /// <summary>
    /// <c>JSON.stringify(value, null, indent)</c>. Returns null where JavaScript returns <c>undefined</c> (for a
    /// top-level <c>undefined</c>).
    /// </summary>
    /// <remarks>
    /// Object keys follow <see cref="JsObject.Entries"/> order; <c>undefined</c> properties are skipped and
    /// <c>undefined</c> array elements written as <c>null</c>; NaN and ±Infinity are <c>null</c>; a Buffer is
    /// <c>{"type":"Buffer","data":[...]}</c>; a Date its ISO string; a RegExp <c>{}</c>. Strings are escaped as
    /// V8 does (<c>\"</c> <c>\\</c> <c>\b</c> <c>\f</c> <c>\n</c> <c>\r</c> <c>\t</c>, other controls and lone
    /// surrogates as lowercase <c>\uXXXX</c>, all else literal). <paramref name="indent"/> is clamped to 10;
    /// below 1 means compact output. A cycle throws <see cref="JsTypeError"/>
    /// (<c>Converting circular structure to JSON ...</c>).
    /// </remarks>
    public static string? Stringify(object? value, int indent = 0)
    {
        if (IsSkipped(value))
        {
            return null;
        }

        return StringBuilderCache.ToStringAndRelease(WriteText(value, indent));
    }

    /// <summary><see cref="Stringify"/> as UTF-8 bytes; null for a top-level <c>undefined</c>.</summary>
    public static byte[]? StringifyToUtf8(object? value, int indent = 0)
    {
        if (IsSkipped(value))
        {
            return null;
        }

        // Written as text to the thread's cached builder, then encoded once into an array of the exact size: the
        // only allocation is the result.
        var text = WriteText(value, indent);
        byte[] bytes;
        if (SingleChunk(text) is { } chars)
        {
            bytes = new byte[Encoding.UTF8.GetByteCount(chars.Span)];
            Encoding.UTF8.GetBytes(chars.Span, bytes);
        }
        else
        {
            // Text that outgrew the builder within this call: a surrogate pair may straddle two chunks.
            bytes = Encoding.UTF8.GetBytes(text.ToString());
        }

        StringBuilderCache.Release(text);
        return bytes;
    }

    /// <summary>The JSON text of a value in the thread's cached builder (the caller releases it).</summary>
    private static StringBuilder WriteText(object? value, int indent)
    {
        var text = StringBuilderCache.Acquire();
        var stack = RentStack();
        var writer = new Writer<StringSink>(new StringSink(text), indent, stack);
        writer.WriteValue(value, null, -1);
        ReturnStack(stack);
        return text;
    }

    /// <summary>The builder's text when it is held in one chunk (a reused builder is, unless it had to grow).</summary>
    private static ReadOnlyMemory<char>? SingleChunk(StringBuilder text)
    {
        ReadOnlyMemory<char>? single = null;
        foreach (var chunk in text.GetChunks())
        {
            if (single is not null) return null;
            single = chunk;
        }

        return single ?? ReadOnlyMemory<char>.Empty;
    }

    /// <summary>
    /// Writes <see cref="Stringify"/>'s text as UTF-8 to <paramref name="output"/>. Returns false, writing
    /// nothing, for a top-level <c>undefined</c>.
    /// </summary>
    public static bool Write(IBufferWriter<byte> output, object? value, int indent = 0)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (IsSkipped(value))
        {
            return false;
        }

        var writer = new Writer<Utf8Sink>(new Utf8Sink(output), indent, null);
        writer.WriteValue(value, null, -1);
        return true;
    }

    /// <summary>
    /// Writes <see cref="Stringify"/>'s text as UTF-8 to <paramref name="output"/>. Returns false, writing
    /// nothing, for a top-level <c>undefined</c>.
    /// </summary>
    public static bool Write(Stream output, object? value, int indent = 0)
    {
        ArgumentNullException.ThrowIfNull(output);
        var bytes = StringifyToUtf8(value, indent);
        if (bytes is null)
        {
            return false;
        }

        output.Write(bytes);
        return true;
    }

    /// <summary>JSON-quotes a string exactly as <c>JSON.stringify(s)</c> does.</summary>
    public static string Quote(string s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var sink = new StringSink(StringBuilderCache.Acquire(s.Length + 2));
        WriteQuoted(ref sink, s);
        return StringBuilderCache.ToStringAndRelease(sink.Builder);
    }

    private static bool IsSkipped(object? value) => value is JsUndefined;

    /// <summary>The containers being written, kept per thread with <see cref="StringBuilderCache"/>'s builder.</summary>
    [ThreadStatic]
    private static List<(object Container, string? Name, int Index)>? t_stack;

    private static List<(object Container, string? Name, int Index)> RentStack()
    {
        var stack = t_stack ?? new List<(object, string?, int)>();
        t_stack = null;
        return stack;
    }

    /// <summary>Only a stringify that finished returns its stack, so a returned stack is empty.</summary>
    private static void ReturnStack(List<(object Container, string? Name, int Index)> stack) => t_stack = stack;

    // ------------------------------------------------------------------ sinks

    private interface ISink
    {
        void Append(char c);

        void Append(ReadOnlySpan<char> s);
    }

    private readonly struct StringSink : ISink
    {
        public StringSink(StringBuilder builder) => Builder = builder;

        public StringBuilder Builder { get; }

        public void Append(char c) => Builder.Append(c);

        public void Append(ReadOnlySpan<char> s) => Builder.Append(s);
    }

    private readonly struct Utf8Sink : ISink
    {
        private const int Chunk = 2048;
        private readonly IBufferWriter<byte> _output;

        public Utf8Sink(IBufferWriter<byte> output) => _output = output;

        public void Append(char c)
        {
            if (c < 0x80)
            {
                var span = _output.GetSpan(1);
                span[0] = (byte)c;
                _output.Advance(1);
            }
            else
            {
                Append(new ReadOnlySpan<char>(in c));
            }
        }

        public void Append(ReadOnlySpan<char> s)
        {
            // The writer never splits a surrogate pair across calls and escapes lone surrogates,
            // so every span here is well-formed UTF-16.
            while (s.Length > 0)
            {
                int take = Math.Min(s.Length, Chunk);
                if (take < s.Length && char.IsHighSurrogate(s[take - 1]))
                {
                    take--;
                }

                var part = s[..take];
                var span = _output.GetSpan(part.Length * 3);
                int written = Encoding.UTF8.GetBytes(part, span);
                _output.Advance(written);
                s = s[take..];
            }
        }
    }

    // ------------------------------------------------------------------ writer

    private static void WriteQuoted<TSink>(ref TSink sink, string s)
        where TSink : struct, ISink
    {
        sink.Append('"');
        int runStart = 0;
        Span<char> esc = stackalloc char[6];
        esc[0] = '\\';
        esc[1] = 'u';
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            if (c >= 0x20 && c != '"' && c != '\\' && !char.IsSurrogate(c))
            {
                continue;
            }

            if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                i++;
                continue;
            }

            if (i > runStart)
            {
                sink.Append(s.AsSpan(runStart, i - runStart));
            }

            runStart = i + 1;
            switch (c)
            {
                case '"':
                    sink.Append("\\\"");
                    break;
                case '\\':
                    sink.Append("\\\\");
                    break;
                case '\b':
                    sink.Append("\\b");
                    break;
                case '\f':
                    sink.Append("\\f");
                    break;
                case '\n':
                    sink.Append("\\n");
                    break;
                case '\r':
                    sink.Append("\\r");
                    break;
                case '\t':
                    sink.Append("\\t");
                    break;
                default:
                    esc[2] = HexDigit(c >> 12);
                    esc[3] = HexDigit((c >> 8) & 0xF);
                    esc[4] = HexDigit((c >> 4) & 0xF);
                    esc[5] = HexDigit(c & 0xF);
                    sink.Append(esc);
                    break;
            }
        }

        if (runStart < s.Length)
        {
            sink.Append(s.AsSpan(runStart));
        }

        sink.Append('"');
    }

    private static char HexDigit(int d) => (char)(d < 10 ? '0' + d : 'a' + d - 10);

    private struct Writer<TSink>
        where TSink : struct, ISink
    {
        private readonly int _indent;
        private TSink _sink;
        private List<(object Container, string? Name, int Index)>? _stack;
        private int _depth;

        /// <param name="stack">An empty list to track the containers being written in, or null to make one when needed.</param>
        public Writer(TSink sink, int indent, List<(object Container, string? Name, int Index)>? stack)
        {
            _sink = sink;
            _indent = Math.Clamp(indent, 0, 10);
            _stack = stack;
            _depth = 0;
        }

        /// <summary>Writes a value that is not skipped (callers filter undefined).</summary>
        /// <param name="value">The value.</param>
        /// <param name="name">The property name it was reached by (for cycle messages), or null.</param>
        /// <param name="index">The array index it was reached by when <paramref name="name"/> is null.</param>
        public void WriteValue(object? value, string? name, int index)
        {
            switch (value)
            {
                case null or JsUndefined:
                    _sink.Append("null");
                    return;
                case string s:
                    WriteQuoted(ref _sink, s);
                    return;
                case double d:
                    WriteNumber(d);
                    return;
                case bool b:
                    _sink.Append(b ? "true" : "false");
                    return;
                case JsObject obj:
                    WriteObject(obj, name, index);
                    return;
                case JsArray array:
                    WriteArray(array, name, index);
                    return;
                case byte[] bytes:
                    WriteBuffer(bytes);
                    return;
                case DateTime dt:
                    WriteQuoted(ref _sink, Js.DateToIsoString(dt));
                    return;
                case Regex:
                    _sink.Append("{}");
                    return;
            }

            object? normalized = Js.Normalize(value);
            if (ReferenceEquals(normalized, value))
            {
                // An opaque CLR object: no enumerable JavaScript properties.
                _sink.Append("{}");
            }
            else
            {
                WriteValue(normalized, name, index);
            }
        }

        private void WriteNumber(double d)
        {
            if (double.IsNaN(d) || double.IsInfinity(d))
            {
                _sink.Append("null");
                return;
            }

            if (d == 0)
            {
                _sink.Append('0');
                return;
            }

            Span<char> chars = stackalloc char[64];
            int length;
            if (d == Math.Floor(d) && Math.Abs(d) < 9007199254740992.0)
            {
                ((long)d).TryFormat(chars, out length, default, System.Globalization.CultureInfo.InvariantCulture);
            }
            else
            {
                length = JsNumber.Format(d, chars);
            }

            _sink.Append(chars[..length]);
        }

        private void NewLine(int level)
        {
            _sink.Append('\n');
            int spaces = level * _indent;
            Span<char> pad = stackalloc char[64];
            pad.Fill(' ');
            while (spaces > 0)
            {
                int n = Math.Min(spaces, pad.Length);
                _sink.Append(pad[..n]);
                spaces -= n;
            }
        }

        private void Enter(object container, string? name, int index)
        {
            _stack ??= new List<(object, string?, int)>();
            for (int i = 0; i < _stack.Count; i++)
            {
                if (ReferenceEquals(_stack[i].Container, container))
                {
                    throw new JsTypeError(CircularMessage(_stack, i, name, index));
                }
            }

            RuntimeHelpers.EnsureSufficientExecutionStack();
            _stack.Add((container, name, index));
            _depth++;
        }

        private void Leave()
        {
            _stack!.RemoveAt(_stack.Count - 1);
            _depth--;
        }

        private void WriteObject(JsObject obj, string? name, int index)
        {
            Enter(obj, name, index);
            int level = _depth;
            _sink.Append('{');
            bool any = false;
            if (obj.TryGetPlainEntries(out var plain))
            {
                foreach (var entry in plain)
                {
                    WriteMember(entry.Key, entry.Value, level, ref any);
                }
            }
            else
            {
                foreach (var entry in obj.Entries)
                {
                    WriteMember(entry.Key, entry.Value, level, ref any);
                }
            }

            if (any && _indent > 0)
            {
                NewLine(level - 1);
            }

            _sink.Append('}');
            Leave();
        }

        private void WriteMember(string name, object? value, int level, ref bool any)
        {
            if (IsSkipped(value))
            {
                return;
            }

            if (any)
            {
                _sink.Append(',');
            }

            any = true;
            if (_indent > 0)
            {
                NewLine(level);
            }

            WriteQuoted(ref _sink, name);
            _sink.Append(_indent > 0 ? ": " : ":");
            WriteValue(value, name, -1);
        }

        private void WriteArray(JsArray array, string? name, int index)
        {
            Enter(array, name, index);
            int level = _depth;
            if (array.Count == 0)
            {
                _sink.Append("[]");
                Leave();
                return;
            }

            _sink.Append('[');
            for (int i = 0; i < array.Count; i++)
            {
                if (i > 0)
                {
                    _sink.Append(',');
                }

                if (_indent > 0)
                {
                    NewLine(level);
                }

                WriteValue(array[i], null, i);
            }

            if (_indent > 0)
            {
                NewLine(level - 1);
            }

            _sink.Append(']');
            Leave();
        }

        private void WriteBuffer(byte[] bytes)
        {
            // Buffer.prototype.toJSON gives {type:"Buffer", data:[...]}, which is then stringified normally.
            int level = _depth + 1;
            bool pretty = _indent > 0;
            _sink.Append('{');
            if (pretty)
            {
                NewLine(level);
            }

            _sink.Append(pretty ? "\"type\": \"Buffer\"," : "\"type\":\"Buffer\",");
            if (pretty)
            {
                NewLine(level);
            }

            _sink.Append(pretty ? "\"data\": " : "\"data\":");
            if (bytes.Length == 0)
            {
                _sink.Append("[]");
            }
            else
            {
                _sink.Append('[');
                Span<char> digits = stackalloc char[3];
                for (int i = 0; i < bytes.Length; i++)
                {
                    if (i > 0)
                    {
                        _sink.Append(',');
                    }

                    if (pretty)
                    {
                        NewLine(level + 1);
                    }

                    bytes[i].TryFormat(digits, out int n, default, System.Globalization.CultureInfo.InvariantCulture);
                    _sink.Append(digits[..n]);
                }

                if (pretty)
                {
                    NewLine(level);
                }

                _sink.Append(']');
            }

            if (pretty)
            {
                NewLine(level - 1);
            }

            _sink.Append('}');
        }

        private static string CircularMessage(List<(object Container, string? Name, int Index)> stack, int start, string? closingName, int closingIndex)
        {
            // V8's format: the object met again, the path from it to the current object
            // (the first two and the last step, with "..." between when longer), and the closing key.
            var sb = new StringBuilder("Converting circular structure to JSON\n    --> starting at object with constructor '");
            sb.Append(ConstructorName(stack[start].Container)).Append('\'');
            int first = start + 1;
            int count = stack.Count - first;
            for (int i = first; i < stack.Count; i++)
            {
                int offset = i - first;
                if (count > 3 && offset >= 2 && offset < count - 1)
                {
                    if (offset == 2)
                    {
                        sb.Append("\n    |     ...");
                    }

                    continue;
                }

                sb.Append("\n    |     ").Append(KeyDescription(stack[i].Name, stack[i].Index))
                    .Append(" -> object with constructor '").Append(ConstructorName(stack[i].Container)).Append('\'');
            }

            sb.Append("\n    --- ").Append(KeyDescription(closingName, closingIndex)).Append(" closes the circle");
            return sb.ToString();
        }

        private static string ConstructorName(object container) => container is JsArray ? "Array" : "Object";

        private static string KeyDescription(string? name, int index) =>
            name is null ? "index " + index.ToString(System.Globalization.CultureInfo.InvariantCulture) : "property '" + name + "'";
    }
}
