using System.Globalization;
using FlowGen.Compiler.Json;
using Microsoft.CodeAnalysis.Text;

namespace FlowGen.Compiler.Yaml;

/// <summary>
/// The YAML 1.2 core schema: what an untagged plain scalar is (null, boolean, integer, float, else a string), and the
/// forms the !!null, !!bool, !!int and !!float tags accept.
/// </summary>
internal static class YamlCoreSchema
{
    public static JsonSyntax Resolve(string text, TextSpan span)
    {
        if (text.Length == 0) return new JsonNullSyntax(span);
        // Every non-string form starts with one of these characters; the rest need no further look.
        var c = text[0];
        if (!(c is '~' or 'n' or 'N' or 't' or 'T' or 'f' or 'F' or '.' or '-' or '+' || (c >= '0' && c <= '9'))) return new JsonStringSyntax(span, text);
        if (IsNull(text)) return new JsonNullSyntax(span);
        if (TryBool(text, out var flag)) return new JsonBooleanSyntax(span, flag);
        if (TryInt(text, out var number) || TryFloat(text, out number)) return new JsonNumberSyntax(span, text, number);
        return new JsonStringSyntax(span, text);
    }

    public static bool IsNull(string text) => text is "" or "~" or "null" or "Null" or "NULL";

    public static bool TryBool(string text, out bool value)
    {
        value = text is "true" or "True" or "TRUE";
        return value || text is "false" or "False" or "FALSE";
    }

    /// <summary>Decimal ([-+]?[0-9]+), octal (0o[0-7]+) or hexadecimal (0x[0-9a-fA-F]+).</summary>
    public static bool TryInt(string text, out double value)
    {
        value = 0;
        if (text.Length > 2 && text[0] == '0' && (text[1] == 'o' || text[1] == 'x'))
        {
            var radix = text[1] == 'o' ? 8 : 16;
            for (var i = 2; i < text.Length; i++)
            {
                var digit = DigitValue(text[i]);
                if (digit < 0 || digit >= radix) return false;
                value = value * radix + digit;
            }
            return true;
        }
        var start = text.Length > 0 && (text[0] == '-' || text[0] == '+') ? 1 : 0;
        if (start == text.Length) return false;
        for (var i = start; i < text.Length; i++)
        {
            if (text[i] < '0' || text[i] > '9') return false;
        }
        value = ParseDouble(text);
        return true;
    }

    /// <summary>[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?, infinities and NaN.</summary>
    public static bool TryFloat(string text, out double value)
    {
        value = 0;
        var i = text.Length > 0 && (text[0] == '-' || text[0] == '+') ? 1 : 0;
        var unsigned = text.Substring(i);
        if (unsigned is ".inf" or ".Inf" or ".INF")
        {
            value = text[0] == '-' ? double.NegativeInfinity : double.PositiveInfinity;
            return true;
        }
        if (text is ".nan" or ".NaN" or ".NAN")
        {
            value = double.NaN;
            return true;
        }
        var integerDigits = CountDigits(text, ref i);
        var fractionDigits = 0;
        if (i < text.Length && text[i] == '.')
        {
            i++;
            fractionDigits = CountDigits(text, ref i);
            if (integerDigits == 0 && fractionDigits == 0) return false;
        }
        else if (integerDigits == 0)
        {
            return false;
        }
        if (i < text.Length && (text[i] == 'e' || text[i] == 'E'))
        {
            i++;
            if (i < text.Length && (text[i] == '-' || text[i] == '+')) i++;
            if (CountDigits(text, ref i) == 0) return false;
        }
        if (i != text.Length) return false;
        value = ParseDouble(text);
        return true;
    }

    private static int CountDigits(string text, ref int i)
    {
        var start = i;
        while (i < text.Length && text[i] >= '0' && text[i] <= '9') i++;
        return i - start;
    }

    private static int DigitValue(char c) =>
        c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;

    /// <summary>A checked number; older frameworks refuse an overflowing one instead of returning an infinity.</summary>
    private static double ParseDouble(string text)
    {
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)) return value;
        return text[0] == '-' ? double.NegativeInfinity : double.PositiveInfinity;
    }
}
