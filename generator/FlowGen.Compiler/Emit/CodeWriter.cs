using System.Globalization;
using System.Text;

namespace FlowGen.Compiler.Emit;

/// <summary>Writes indented C# source.</summary>
public sealed class CodeWriter
{
    private readonly StringBuilder _sb = new();
    private int _indent;

    public int Indent { get => _indent; set => _indent = value; }

    public CodeWriter Line(string text = "")
    {
        if (text.Length > 0) _sb.Append(' ', _indent * 4).Append(text);
        _sb.Append('\n');
        return this;
    }

    public CodeWriter OpenBlock(string header)
    {
        Line(header);
        Line("{");
        _indent++;
        return this;
    }

    public CodeWriter CloseBlock(string suffix = "")
    {
        _indent--;
        Line("}" + suffix);
        return this;
    }

    /// <summary>Appends the lines of another writer at this writer's indentation.</summary>
    public CodeWriter Append(CodeWriter other)
    {
        var text = other.ToString();
        if (text.EndsWith("\n", System.StringComparison.Ordinal)) text = text.Substring(0, text.Length - 1);
        if (text.Length == 0) return this;
        foreach (var line in text.Split('\n')) Line(line);
        return this;
    }

    public bool IsEmpty => _sb.Length == 0;

    public override string ToString() => _sb.ToString();
}

/// <summary>C# literal and identifier helpers; everything invariant-culture.</summary>
public static class CSharp
{
    public static string String(string? value)
    {
        if (value is null) return "null";
        var sb = new StringBuilder(value.Length + 2);
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
                case '\0': sb.Append("\\0"); break;
                default:
                    if (c < 0x20 || c == '\u2028' || c == '\u2029' || char.IsSurrogate(c) || c == '\u0085')
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }
        return sb.Append('"').ToString();
    }

    public static string Double(double value)
    {
        if (double.IsNaN(value)) return "double.NaN";
        if (double.IsPositiveInfinity(value)) return "double.PositiveInfinity";
        if (double.IsNegativeInfinity(value)) return "double.NegativeInfinity";
        if (value == 0 && 1 / value < 0) return "-0d";
        return value.ToString("R", CultureInfo.InvariantCulture) + "d";
    }

    public static string Bool(bool value) => value ? "true" : "false";

    /// <summary>An array expression: <c>new T[] { a, b }</c>, or <c>Array.Empty&lt;T&gt;()</c> when there are no items.</summary>
    public static string Array(string elementType, System.Collections.Generic.IReadOnlyCollection<string> items) =>
        items.Count == 0
            ? $"global::System.Array.Empty<{elementType}>()"
            : $"new {elementType}[] {{ {string.Join(", ", items)} }}";

    public static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A C# identifier made from arbitrary text (node ids, names): letters, digits and '_' kept.</summary>
    public static string Identifier(string text)
    {
        var sb = new StringBuilder(text.Length);
        var lossy = false;
        foreach (var c in text)
        {
            if (c < 128 && (char.IsLetterOrDigit(c) || c == '_')) sb.Append(c);
            else { sb.Append('_'); lossy = true; }
        }
        if (sb.Length == 0 || char.IsDigit(sb[0])) sb.Insert(0, '_');
        // Keep ids that differ only in replaced characters apart.
        if (lossy) sb.Append('_').Append(StableHash(text).ToString("x8", CultureInfo.InvariantCulture));
        return sb.ToString();
    }

    /// <summary>"http response" -> "HttpResponse", "link in" -> "LinkIn".</summary>
    public static string Pascal(string text)
    {
        var sb = new StringBuilder(text.Length);
        var upper = true;
        foreach (var c in text)
        {
            if (c < 128 && char.IsLetterOrDigit(c))
            {
                sb.Append(upper ? char.ToUpperInvariant(c) : c);
                upper = false;
            }
            else upper = true;
        }
        if (sb.Length == 0 || char.IsDigit(sb[0])) sb.Insert(0, 'N');
        return sb.ToString();
    }

    /// <summary>FNV-1a over UTF-16 code units: stable across processes, unlike string.GetHashCode.</summary>
    public static uint StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash ^= c;
            hash *= 16777619u;
        }
        return hash;
    }

    /// <summary>Text safe inside a // comment or an XML doc comment.</summary>
    public static string Comment(string text) =>
        text.Replace("\r", " ").Replace("\n", " ").Replace("<", "&lt;").Replace(">", "&gt;");
}
