using System;
using System.Globalization;

namespace FlowGen.Runtime;

/// <summary>Number ↔ string conversions with JavaScript's exact rules.</summary>
internal static class JsNumber
{
    private const double TwoTo53 = 9007199254740992.0;

    /// <summary>
    /// One shared box for each integer from 0 to 1023 (status codes, counts, small ids): a number stored in a message
    /// is an object, and sharing the box of an immutable value is invisible to flows.
    /// </summary>
    private static readonly object[] SmallIntegers = CreateSmallIntegers();

    /// <summary><paramref name="d"/> as an object, from <see cref="SmallIntegers"/> when it is one of them (never -0).</summary>
    public static object Box(double d)
    {
        if (d >= 0 && d < SmallIntegers.Length)
        {
            int i = (int)d;
            if (i == d && !double.IsNegative(d))
            {
                return SmallIntegers[i];
            }
        }

        return d;
    }

    /// <inheritdoc cref="Box(double)"/>
    public static object Box(int i) => (uint)i < (uint)SmallIntegers.Length ? SmallIntegers[i] : (double)i;

    private static object[] CreateSmallIntegers()
    {
        var boxes = new object[1024];
        for (int i = 0; i < boxes.Length; i++)
        {
            boxes[i] = (double)i;
        }

        return boxes;
    }

    /// <summary>
    /// <c>Number.prototype.toString()</c>: the shortest digits that round-trip, in plain notation for decimal
    /// exponents from -7 to 20, else <c>d.ddde±x</c>.
    /// </summary>
    public static string Format(double d)
    {
        if (double.IsNaN(d))
        {
            return "NaN";
        }

        if (double.IsInfinity(d))
        {
            return d > 0 ? "Infinity" : "-Infinity";
        }

        if (d == 0)
        {
            return "0";
        }

        if (d == Math.Floor(d) && Math.Abs(d) < TwoTo53)
        {
            return ((long)d).ToString(CultureInfo.InvariantCulture);
        }

        Span<char> chars = stackalloc char[64];
        int length = Format(d, chars);
        return new string(chars[..length]);
    }

    /// <summary>Formats a finite, non-integer-fast-path number into <paramref name="destination"/> (64 chars suffice).</summary>
    public static int Format(double d, Span<char> destination)
    {
        // .NET's "R" gives the shortest round-trip digits (since .NET Core 3.0); only the layout differs from JS.
        Span<char> raw = stackalloc char[40];
        if (!d.TryFormat(raw, out int rawLength, "R", CultureInfo.InvariantCulture))
        {
            throw new InvalidOperationException("number formatting failed");
        }

        raw = raw[..rawLength];
        bool negative = raw[0] == '-';
        if (negative)
        {
            raw = raw[1..];
        }

        Span<char> digits = stackalloc char[32];
        int k = 0;
        int integerDigits = -1;
        int exponent = 0;
        for (int i = 0; i < raw.Length; i++)
        {
            char c = raw[i];
            if (c == '.')
            {
                integerDigits = k;
            }
            else if (c == 'E' || c == 'e')
            {
                exponent = int.Parse(raw[(i + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
                break;
            }
            else
            {
                digits[k++] = c;
            }
        }

        if (integerDigits < 0)
        {
            integerDigits = k;
        }

        // value = 0.d1d2...dk * 10^n once leading zeros are gone.
        int n = integerDigits + exponent;
        int start = 0;
        while (start < k - 1 && digits[start] == '0')
        {
            start++;
            n--;
        }

        while (k - 1 > start && digits[k - 1] == '0')
        {
            k--;
        }

        var s = digits[start..k];
        k = s.Length;

        int pos = 0;
        if (negative)
        {
            destination[pos++] = '-';
        }

        if (k <= n && n <= 21)
        {
            s.CopyTo(destination[pos..]);
            pos += k;
            for (int i = 0; i < n - k; i++)
            {
                destination[pos++] = '0';
            }
        }
        else if (0 < n && n <= 21)
        {
            s[..n].CopyTo(destination[pos..]);
            pos += n;
            destination[pos++] = '.';
            s[n..].CopyTo(destination[pos..]);
            pos += k - n;
        }
        else if (-6 < n && n <= 0)
        {
            destination[pos++] = '0';
            destination[pos++] = '.';
            for (int i = 0; i < -n; i++)
            {
                destination[pos++] = '0';
            }

            s.CopyTo(destination[pos..]);
            pos += k;
        }
        else
        {
            destination[pos++] = s[0];
            if (k > 1)
            {
                destination[pos++] = '.';
                s[1..].CopyTo(destination[pos..]);
                pos += k - 1;
            }

            destination[pos++] = 'e';
            int e = n - 1;
            destination[pos++] = e < 0 ? '-' : '+';
            Math.Abs(e).TryFormat(destination[pos..], out int written, default, CultureInfo.InvariantCulture);
            pos += written;
        }

        return pos;
    }

    /// <summary>JavaScript's WhiteSpace and LineTerminator code points (what <c>String.prototype.trim</c> removes).</summary>
    public static bool IsWhiteSpace(char c) => c switch
    {
        '\t' or '\n' or '\v' or '\f' or '\r' or ' ' or '\u00A0' or '\u1680' or '\u2028' or '\u2029' or '\u202F'
            or '\u205F' or '\u3000' or '\uFEFF' => true,
        _ => c >= '\u2000' && c <= '\u200A',
    };

    /// <summary>JavaScript's StringToNumber (<c>Number("...")</c>).</summary>
    public static double Parse(ReadOnlySpan<char> text)
    {
        int start = 0;
        int end = text.Length;
        while (start < end && IsWhiteSpace(text[start]))
        {
            start++;
        }

        while (end > start && IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        var s = text[start..end];
        if (s.Length == 0)
        {
            return 0;
        }

        if (s.Length > 2 && s[0] == '0')
        {
            switch (s[1])
            {
                case 'x' or 'X':
                    return ParseRadix(s[2..], 4);
                case 'o' or 'O':
                    return ParseRadix(s[2..], 3);
                case 'b' or 'B':
                    return ParseRadix(s[2..], 1);
            }
        }

        return ParseDecimal(s);
    }

    private static double ParseDecimal(ReadOnlySpan<char> s)
    {
        int i = 0;
        bool negative = false;
        if (s[0] == '+' || s[0] == '-')
        {
            negative = s[0] == '-';
            i = 1;
        }

        var rest = s[i..];
        if (rest.SequenceEqual("Infinity"))
        {
            return negative ? double.NegativeInfinity : double.PositiveInfinity;
        }

        // StrUnsignedDecimalLiteral: digits [. digits?] | . digits, then an optional exponent.
        int integerDigits = 0;
        while (i < s.Length && IsDigit(s[i]))
        {
            i++;
            integerDigits++;
        }

        int fractionDigits = 0;
        if (i < s.Length && s[i] == '.')
        {
            i++;
            while (i < s.Length && IsDigit(s[i]))
            {
                i++;
                fractionDigits++;
            }
        }

        if (integerDigits == 0 && fractionDigits == 0)
        {
            return double.NaN;
        }

        if (i < s.Length && (s[i] == 'e' || s[i] == 'E'))
        {
            i++;
            if (i < s.Length && (s[i] == '+' || s[i] == '-'))
            {
                i++;
            }

            int exponentDigits = 0;
            while (i < s.Length && IsDigit(s[i]))
            {
                i++;
                exponentDigits++;
            }

            if (exponentDigits == 0)
            {
                return double.NaN;
            }
        }

        if (i != s.Length)
        {
            return double.NaN;
        }

        return ParseValidatedDecimal(s);
    }

    /// <summary>Parses text already known to match the decimal literal grammar (correctly rounded).</summary>
    public static double ParseValidatedDecimal(ReadOnlySpan<char> s)
    {
        return double.Parse(
            s,
            NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
            CultureInfo.InvariantCulture);
    }

    /// <summary>Parses digits of radix 2^<paramref name="bitsPerDigit"/> with correct rounding; NaN on a bad digit.</summary>
    private static double ParseRadix(ReadOnlySpan<char> s, int bitsPerDigit)
    {
        int radix = 1 << bitsPerDigit;
        ulong value = 0;
        int droppedBits = 0;
        bool sticky = false;
        foreach (char c in s)
        {
            int digit = c switch
            {
                >= '0' and <= '9' => c - '0',
                >= 'a' and <= 'z' => c - 'a' + 10,
                >= 'A' and <= 'Z' => c - 'A' + 10,
                _ => 99,
            };
            if (digit >= radix)
            {
                return double.NaN;
            }

            if ((value >> (64 - bitsPerDigit)) == 0)
            {
                value = (value << bitsPerDigit) | (uint)digit;
            }
            else
            {
                // value already holds at least 60 significant bits: later digits only matter as a sticky bit.
                droppedBits += bitsPerDigit;
                sticky |= digit != 0;
            }
        }

        if (sticky)
        {
            value |= 1;
        }

        return Math.ScaleB((double)value, droppedBits);
    }

    /// <summary>The global <c>parseInt(text, radix)</c>.</summary>
    public static double ParseInt(string text, int radix)
    {
        int i = 0;
        while (i < text.Length && IsWhiteSpace(text[i]))
        {
            i++;
        }

        bool negative = false;
        if (i < text.Length && (text[i] == '+' || text[i] == '-'))
        {
            negative = text[i] == '-';
            i++;
        }

        bool stripPrefix = true;
        if (radix != 0)
        {
            if (radix < 2 || radix > 36)
            {
                return double.NaN;
            }

            stripPrefix = radix == 16;
        }
        else
        {
            radix = 10;
        }

        if (stripPrefix && i + 1 < text.Length && text[i] == '0' && (text[i + 1] == 'x' || text[i + 1] == 'X'))
        {
            i += 2;
            radix = 16;
        }

        int start = i;
        while (i < text.Length && DigitValue(text[i]) < radix)
        {
            i++;
        }

        if (i == start)
        {
            return double.NaN;
        }

        var digits = text.AsSpan(start, i - start);
        double result;
        if (radix == 10)
        {
            // Correctly rounded, as V8 does for decimal digits.
            result = ParseValidatedDecimal(digits);
        }
        else if ((radix & (radix - 1)) == 0)
        {
            result = ParseRadix(digits, System.Numerics.BitOperations.Log2((uint)radix));
        }
        else
        {
            result = 0;
            foreach (char c in digits)
            {
                result = (result * radix) + DigitValue(c);
            }
        }

        return negative ? -result : result;
    }

    /// <summary>The global <c>parseFloat(text)</c>.</summary>
    public static double ParseFloat(string text)
    {
        int i = 0;
        while (i < text.Length && IsWhiteSpace(text[i]))
        {
            i++;
        }

        int start = i;
        if (i < text.Length && (text[i] == '+' || text[i] == '-'))
        {
            i++;
        }

        if (text.AsSpan(i).StartsWith("Infinity", StringComparison.Ordinal))
        {
            return text[start] == '-' ? double.NegativeInfinity : double.PositiveInfinity;
        }

        int mantissaStart = i;
        while (i < text.Length && IsDigit(text[i]))
        {
            i++;
        }

        int integerDigits = i - mantissaStart;
        int end = i;
        if (i < text.Length && text[i] == '.')
        {
            i++;
            int fractionStart = i;
            while (i < text.Length && IsDigit(text[i]))
            {
                i++;
            }

            if (integerDigits > 0 || i > fractionStart)
            {
                end = i;
            }
        }

        if (end == mantissaStart)
        {
            return double.NaN;
        }

        if (end < text.Length && (text[end] == 'e' || text[end] == 'E'))
        {
            int j = end + 1;
            if (j < text.Length && (text[j] == '+' || text[j] == '-'))
            {
                j++;
            }

            int exponentStart = j;
            while (j < text.Length && IsDigit(text[j]))
            {
                j++;
            }

            if (j > exponentStart)
            {
                end = j;
            }
        }

        var literal = text.AsSpan(start, end - start);
        if (literal[^1] == '.')
        {
            literal = literal[..^1];
        }

        return ParseValidatedDecimal(literal);
    }

    private static int DigitValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'z' => c - 'a' + 10,
        >= 'A' and <= 'Z' => c - 'A' + 10,
        _ => 99,
    };

    private static bool IsDigit(char c) => c >= '0' && c <= '9';
}
