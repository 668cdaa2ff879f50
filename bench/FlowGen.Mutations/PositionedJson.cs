using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FlowGen.Mutations;

/// <summary>
/// JSON text written by this tool, with the offset of every value and property name it wrote, keyed by JSON pointer
/// ("/3/rules/0/to"). Expected diagnostic locations are computed from these offsets, independently of FlowGen's reader.
/// </summary>
internal sealed class PositionedText
{
    private readonly List<int> _lineStarts = new() { 0 };

    public PositionedText(string text, Dictionary<string, int> values, Dictionary<string, int> names)
    {
        Text = text;
        Values = values;
        Names = names;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n') _lineStarts.Add(i + 1);
        }
    }

    public string Text { get; }

    /// <summary>Offset of the first character of each value (the quote of a string, the brace of an object).</summary>
    public Dictionary<string, int> Values { get; }

    /// <summary>Offset of the opening quote of each property name.</summary>
    public Dictionary<string, int> Names { get; }

    /// <summary>Zero-based line and column (UTF-16 code units) of an offset.</summary>
    public (int Line, int Column) Position(int offset)
    {
        var line = _lineStarts.BinarySearch(offset);
        if (line < 0) line = ~line - 1;
        return (line, offset - _lineStarts[line]);
    }

    /// <summary>
    /// The offset of character <paramref name="index"/> of the string value at <paramref name="pointer"/>: after the
    /// opening quote, past the escaped form of the characters before it.
    /// </summary>
    public int CharacterOffset(string pointer, string value, int index) =>
        Values[pointer] + 1 + PositionedJson.Escape(value.Substring(0, index)).Length;
}

internal static class PositionedJson
{
    /// <summary>A JSON pointer segment: "~" and "/" escaped as RFC 6901 says.</summary>
    public static string Segment(string name) => name.Replace("~", "~0", System.StringComparison.Ordinal).Replace("/", "~1", System.StringComparison.Ordinal);

    public static string Pointer(params object[] segments)
    {
        var sb = new StringBuilder();
        foreach (var segment in segments)
        {
            sb.Append('/').Append(segment is int i ? i.ToString(CultureInfo.InvariantCulture) : Segment((string)segment));
        }
        return sb.ToString();
    }

    /// <summary>Writes a value as the Node-RED editor's export does (JSON.stringify escapes), indented by two spaces.</summary>
    public static PositionedText Write(JsonNode? root, bool indented = true)
    {
        var sb = new StringBuilder();
        var values = new Dictionary<string, int>(System.StringComparer.Ordinal);
        var names = new Dictionary<string, int>(System.StringComparer.Ordinal);
        WriteValue(sb, root, "", 0, indented, values, names);
        if (indented) sb.Append('\n');
        return new PositionedText(sb.ToString(), values, names);
    }

    private static void WriteValue(StringBuilder sb, JsonNode? node, string pointer, int depth, bool indented, Dictionary<string, int> values, Dictionary<string, int> names)
    {
        values[pointer] = sb.Length;
        switch (node)
        {
            case null:
                sb.Append("null");
                break;
            case JsonObject obj:
                if (obj.Count == 0)
                {
                    sb.Append("{}");
                    break;
                }
                sb.Append('{');
                var first = true;
                foreach (var (name, value) in obj)
                {
                    if (!first) sb.Append(',');
                    first = false;
                    NewLine(sb, depth + 1, indented);
                    var child = pointer + "/" + Segment(name);
                    names[child] = sb.Length;
                    sb.Append('"').Append(Escape(name)).Append('"').Append(indented ? ": " : ":");
                    WriteValue(sb, value, child, depth + 1, indented, values, names);
                }
                NewLine(sb, depth, indented);
                sb.Append('}');
                break;
            case JsonArray array:
                if (array.Count == 0)
                {
                    sb.Append("[]");
                    break;
                }
                sb.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0) sb.Append(',');
                    NewLine(sb, depth + 1, indented);
                    WriteValue(sb, array[i], pointer + "/" + i.ToString(CultureInfo.InvariantCulture), depth + 1, indented, values, names);
                }
                NewLine(sb, depth, indented);
                sb.Append(']');
                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                sb.Append('"').Append(Escape(value.GetValue<string>())).Append('"');
                break;
            default:
                // Numbers keep the text they were read with; booleans as they are.
                sb.Append(node.ToJsonString());
                break;
        }
    }

    private static void NewLine(StringBuilder sb, int depth, bool indented)
    {
        if (!indented) return;
        sb.Append('\n').Append(' ', depth * 2);
    }

    /// <summary>The inside of a JSON string literal as JSON.stringify writes it.</summary>
    public static string Escape(string value)
    {
        var sb = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (c < 0x20) sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }
        return sb.ToString();
    }
}
