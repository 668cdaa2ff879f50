using System.Text;

namespace FlowGen.Runtime;

/// <summary>
/// JavaScript's <c>decodeURIComponent</c>: every %XX escape is decoded as UTF-8, and a malformed escape or byte
/// sequence (bad hex, truncated, overlong, surrogate, above U+10FFFF) fails the whole string, which is the
/// URIError that qs, cookie and Express's route params catch.
/// </summary>
internal static class UriComponent
{
    /// <summary>Decodes <paramref name="text"/>; false (and the text unchanged) when JavaScript would throw URIError.</summary>
    public static bool TryDecode(string text, out string decoded)
    {
        var percent = text.IndexOf('%');
        if (percent < 0)
        {
            decoded = text;
            return true;
        }
        var sb = StringBuilderCache.Acquire(text.Length);
        sb.Append(text, 0, percent);
        var i = percent;
        while (i < text.Length)
        {
            var c = text[i];
            if (c != '%')
            {
                sb.Append(c);
                i++;
                continue;
            }
            if (!TryByte(text, i, out var first))
            {
                decoded = text;
                return false;
            }
            i += 3;
            if (first < 0x80)
            {
                sb.Append((char)first);
                continue;
            }
            int length;
            int codePoint;
            if ((first & 0xE0) == 0xC0)
            {
                length = 2;
                codePoint = first & 0x1F;
            }
            else if ((first & 0xF0) == 0xE0)
            {
                length = 3;
                codePoint = first & 0x0F;
            }
            else if ((first & 0xF8) == 0xF0)
            {
                length = 4;
                codePoint = first & 0x07;
            }
            else
            {
                decoded = text;
                return false;
            }
            for (var k = 1; k < length; k++)
            {
                if (i >= text.Length || text[i] != '%' || !TryByte(text, i, out var next) || (next & 0xC0) != 0x80)
                {
                    decoded = text;
                    return false;
                }
                codePoint = (codePoint << 6) | (next & 0x3F);
                i += 3;
            }
            var minimum = length switch { 2 => 0x80, 3 => 0x800, _ => 0x10000 };
            if (codePoint < minimum || codePoint > 0x10FFFF || (codePoint >= 0xD800 && codePoint <= 0xDFFF))
            {
                decoded = text;
                return false;
            }
            if (codePoint < 0x10000)
            {
                sb.Append((char)codePoint);
            }
            else
            {
                codePoint -= 0x10000;
                sb.Append((char)(0xD800 + (codePoint >> 10))).Append((char)(0xDC00 + (codePoint & 0x3FF)));
            }
        }
        decoded = StringBuilderCache.ToStringAndRelease(sb);
        return true;
    }

    private static bool TryByte(string text, int at, out int value)
    {
        value = 0;
        if (at + 2 >= text.Length) return false;
        var high = Hex(text[at + 1]);
        var low = Hex(text[at + 2]);
        if (high < 0 || low < 0) return false;
        value = (high << 4) | low;
        return true;
    }

    private static int Hex(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };
}
