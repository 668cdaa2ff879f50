using System.Globalization;
using System.Text;

namespace FlowGen.Compiler.Json;

/// <summary>Writes a JSON tree back as compact JSON text (numbers as written, strings escaped as JSON.stringify does).</summary>
public static class JsonWriter
{
    public static string Compact(JsonSyntax value)
    {
        var sb = new StringBuilder();
        Write(value, sb);
        return sb.ToString();
    }

    private static void Write(JsonSyntax value, StringBuilder sb)
    {
        switch (value)
        {
            case JsonObjectSyntax obj:
                sb.Append('{');
                for (var i = 0; i < obj.Properties.Count; i++)
                {
                    if (i > 0) sb.Append(',');
                    WriteString(obj.Properties[i].Name, sb);
                    sb.Append(':');
                    Write(obj.Properties[i].Value, sb);
                }
                sb.Append('}');
                break;
            case JsonArraySyntax array:
                sb.Append('[');
                for (var i = 0; i < array.Items.Count; i++)
                {
                    if (i > 0) sb.Append(',');
                    Write(array.Items[i], sb);
                }
                sb.Append(']');
                break;
            case JsonStringSyntax s:
                WriteString(s.Value, sb);
                break;
            case JsonNumberSyntax n:
                sb.Append(IsJsonNumber(n.Text) ? n.Text : Number(n.Value));
                break;
            case JsonBooleanSyntax b:
                sb.Append(b.Value ? "true" : "false");
                break;
            default:
                sb.Append("null");
                break;
        }
    }

    /// <summary>A number read from YAML may be written in a form JSON lacks (0x1F, +1, .5, .inf): write its value.</summary>
    private static string Number(double value) =>
        double.IsNaN(value) || double.IsInfinity(value) ? "null" : value.ToString("R", CultureInfo.InvariantCulture);

    private static bool IsJsonNumber(string text)
    {
        var i = 0;
        if (i < text.Length && text[i] == '-') i++;
        if (i >= text.Length || !char.IsDigit(text[i])) return false;
        if (text[i] == '0' && i + 1 < text.Length && char.IsDigit(text[i + 1])) return false;
        while (i < text.Length && char.IsDigit(text[i])) i++;
        if (i < text.Length && text[i] == '.')
        {
            i++;
            if (i >= text.Length || !char.IsDigit(text[i])) return false;
            while (i < text.Length && char.IsDigit(text[i])) i++;
        }
        if (i < text.Length && (text[i] == 'e' || text[i] == 'E'))
        {
            i++;
            if (i < text.Length && (text[i] == '+' || text[i] == '-')) i++;
            if (i >= text.Length || !char.IsDigit(text[i])) return false;
            while (i < text.Length && char.IsDigit(text[i])) i++;
        }
        return i == text.Length;
    }

    private static void WriteString(string value, StringBuilder sb)
    {
        sb.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                default:
                    if (c < 0x20) sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }
        sb.Append('"');
    }
}
