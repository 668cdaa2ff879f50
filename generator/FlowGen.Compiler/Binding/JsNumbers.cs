using System.Globalization;
using System.Text.RegularExpressions;

namespace FlowGen.Compiler.Binding;

/// <summary>JavaScript's number conversions, for folding node configuration into constants at build time.</summary>
public static class JsNumbers
{
    private static readonly Regex Decimal = new(@"^[+-]?(\d+\.?\d*([eE][+-]?\d+)?|\.\d+([eE][+-]?\d+)?)$");

    /// <summary>JavaScript <c>Number(text)</c>.</summary>
    public static double ToNumber(string text)
    {
        var s = text.Trim();
        if (s.Length == 0) return 0;
        if (s.Length > 2 && s[0] == '0')
        {
            var radix = s[1] switch { 'x' or 'X' => 16, 'o' or 'O' => 8, 'b' or 'B' => 2, _ => 0 };
            if (radix != 0) return ParseRadix(s.Substring(2), radix, strict: true);
        }
        switch (s)
        {
            case "Infinity":
            case "+Infinity": return double.PositiveInfinity;
            case "-Infinity": return double.NegativeInfinity;
        }
        if (!Decimal.IsMatch(s)) return double.NaN;
        return double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    /// <summary>JavaScript <c>parseInt(text)</c> with no radix.</summary>
    public static double ParseInt(string text)
    {
        var s = text.TrimStart();
        var sign = 1;
        if (s.StartsWith("-", System.StringComparison.Ordinal)) { sign = -1; s = s.Substring(1); }
        else if (s.StartsWith("+", System.StringComparison.Ordinal)) s = s.Substring(1);
        if (s.StartsWith("0x", System.StringComparison.OrdinalIgnoreCase)) return sign * ParseRadix(s.Substring(2), 16, strict: false);
        var end = 0;
        while (end < s.Length && s[end] >= '0' && s[end] <= '9') end++;
        if (end == 0) return double.NaN;
        return sign * double.Parse(s.Substring(0, end), NumberStyles.None, CultureInfo.InvariantCulture);
    }

    private static double ParseRadix(string digits, int radix, bool strict)
    {
        double value = 0;
        var count = 0;
        foreach (var c in digits)
        {
            var d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'z' ? c - 'a' + 10 : c >= 'A' && c <= 'Z' ? c - 'A' + 10 : 99;
            if (d >= radix)
            {
                if (strict) return double.NaN;
                break;
            }
            value = value * radix + d;
            count++;
        }
        return count == 0 ? double.NaN : value;
    }

    /// <summary>JavaScript <c>String(number)</c>: shortest round-trip digits with JavaScript's exponent rules.</summary>
    public static string ToJsString(double value)
    {
        if (double.IsNaN(value)) return "NaN";
        if (double.IsPositiveInfinity(value)) return "Infinity";
        if (double.IsNegativeInfinity(value)) return "-Infinity";
        if (value == 0) return "0";
        var negative = value < 0;
        // Find the shortest representation that round-trips.
        var shortest = System.Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        var (digits, exponent) = Decompose(shortest);
        var k = digits.Length;
        var n = exponent;
        string result;
        if (k <= n && n <= 21) result = digits + new string('0', n - k);
        else if (0 < n && n <= 21) result = digits.Substring(0, n) + "." + digits.Substring(n);
        else if (-6 < n && n <= 0) result = "0." + new string('0', -n) + digits;
        else
        {
            var e = n - 1;
            result = digits.Substring(0, 1) + (k > 1 ? "." + digits.Substring(1) : "") + "e" + (e < 0 ? "-" : "+") + System.Math.Abs(e).ToString(CultureInfo.InvariantCulture);
        }
        return negative ? "-" + result : result;
    }

    /// <summary>"1.5E-07" -> ("15", -6): digits without leading/trailing zeros and n with value = 0.digits × 10^n.</summary>
    private static (string Digits, int Exponent) Decompose(string text)
    {
        var e = 0;
        var mantissa = text;
        var ePos = text.IndexOfAny(new[] { 'E', 'e' });
        if (ePos >= 0)
        {
            e = int.Parse(text.Substring(ePos + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            mantissa = text.Substring(0, ePos);
        }
        var dot = mantissa.IndexOf('.');
        var intPart = dot >= 0 ? mantissa.Substring(0, dot) : mantissa;
        var fracPart = dot >= 0 ? mantissa.Substring(dot + 1) : "";
        var all = intPart + fracPart;
        var point = intPart.Length + e;
        var lead = 0;
        while (lead < all.Length - 1 && all[lead] == '0') lead++;
        all = all.Substring(lead);
        point -= lead;
        all = all.TrimEnd('0');
        if (all.Length == 0) all = "0";
        return (all, point);
    }
}
