using System;

namespace FlowGen.Runtime;

/// <summary>
/// The string formats FlowGen checks (JSON Schema and OpenAPI leave formats to implementations): uuid, date and
/// date-time (RFC 3339), email (an address as people write it: local@domain) and uri (absolute, RFC 3986). Other
/// formats are annotations and not checked.
/// </summary>
public static class RequestFormats
{
    /// <summary>8-4-4-4-12 hexadecimal digits, any case.</summary>
    public static bool IsUuid(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length != 36) return false;
        for (var i = 0; i < 36; i++)
        {
            var c = text[i];
            if (i is 8 or 13 or 18 or 23)
            {
                if (c != '-') return false;
            }
            else if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>RFC 3339 full-date: YYYY-MM-DD, a real calendar day.</summary>
    public static bool IsDate(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length == 10 && IsFullDate(text, 0);
    }

    /// <summary>
    /// RFC 3339 date-time: full-date "T" HH:MM:SS, optional fraction, then "Z" or ±HH:MM ("t" and "z" too).
    /// A leap second (60) is accepted.
    /// </summary>
    public static bool IsDateTime(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length < 20 || !IsFullDate(text, 0) || (text[10] != 'T' && text[10] != 't')) return false;
        if (!TwoDigits(text, 11, 23, out _) || text[13] != ':' || !TwoDigits(text, 14, 59, out _) || text[16] != ':' || !TwoDigits(text, 17, 60, out _)) return false;
        var i = 19;
        if (text[i] == '.')
        {
            var start = ++i;
            while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
            if (i == start) return false;
        }
        if (i >= text.Length) return false;
        if (text[i] is 'Z' or 'z') return i + 1 == text.Length;
        return (text[i] is '+' or '-') && i + 6 == text.Length
            && TwoDigits(text, i + 1, 23, out _) && text[i + 3] == ':' && TwoDigits(text, i + 4, 59, out _);
    }

    /// <summary>
    /// An email address: one '@' between a local part of printable characters without spaces and a domain of
    /// dot-separated labels (letters, digits, hyphens, not at a label's ends).
    /// </summary>
    public static bool IsEmail(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var at = text.LastIndexOf('@');
        if (at <= 0 || at > 64 || at == text.Length - 1) return false;
        for (var i = 0; i < at; i++)
        {
            var c = text[i];
            if (c <= ' ' || c == '@' || c == '"' || c == '(' || c == ')' || c == ',' || c == ':' || c == ';' || c == '<' || c == '>' || c == '[' || c == '\\' || c == ']' || c == 127) return false;
        }
        if (text[0] == '.' || text[at - 1] == '.' || text.AsSpan(0, at).Contains("..", StringComparison.Ordinal)) return false;
        return IsHostName(text.AsSpan(at + 1));
    }

    /// <summary>An absolute URI: a scheme, ':', and no spaces or control characters.</summary>
    public static bool IsUri(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !char.IsAsciiLetter(text[0])) return false;
        for (var i = 1; i < colon; i++)
        {
            var c = text[i];
            if (!char.IsAsciiLetterOrDigit(c) && c != '+' && c != '-' && c != '.') return false;
        }
        foreach (var c in text)
        {
            if (c <= ' ' || c == 127 || c == '<' || c == '>' || c == '"' || c == '{' || c == '}' || c == '|' || c == '\\' || c == '^' || c == '`') return false;
        }
        return Uri.TryCreate(text, UriKind.Absolute, out _);
    }

    private static bool IsHostName(ReadOnlySpan<char> host)
    {
        if (host.Length == 0 || host.Length > 253) return false;
        var labelStart = 0;
        for (var i = 0; i <= host.Length; i++)
        {
            if (i < host.Length && host[i] != '.')
            {
                var c = host[i];
                if (!char.IsAsciiLetterOrDigit(c) && c != '-' && c < 0x80) return false;
                continue;
            }
            var length = i - labelStart;
            if (length == 0 || length > 63 || host[labelStart] == '-' || host[i - 1] == '-') return false;
            labelStart = i + 1;
        }
        return true;
    }

    private static bool IsFullDate(string text, int at)
    {
        if (text.Length < at + 10 || text[at + 4] != '-' || text[at + 7] != '-') return false;
        for (var i = 0; i < 4; i++)
        {
            if (!char.IsAsciiDigit(text[at + i])) return false;
        }
        var year = ((text[at] - '0') * 1000) + ((text[at + 1] - '0') * 100) + ((text[at + 2] - '0') * 10) + (text[at + 3] - '0');
        if (!TwoDigits(text, at + 5, 12, out var month) || month == 0) return false;
        if (!TwoDigits(text, at + 8, 31, out var day) || day == 0) return false;
        return year > 0 ? day <= DateTime.DaysInMonth(year, month) : day <= (month == 2 ? 29 : DateTime.DaysInMonth(2000, month));
    }

    private static bool TwoDigits(string text, int at, int max, out int value)
    {
        value = 0;
        if (at + 1 >= text.Length || !char.IsAsciiDigit(text[at]) || !char.IsAsciiDigit(text[at + 1])) return false;
        value = ((text[at] - '0') * 10) + (text[at + 1] - '0');
        return value <= max;
    }
}
