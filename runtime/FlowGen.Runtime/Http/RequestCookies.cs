using System;

namespace FlowGen.Runtime;

/// <summary>
/// req.cookies as cookie-parser 1.4 (cookie 0.7) builds it: name=value pairs split on ';', names and values
/// trimmed of spaces and tabs, one pair of surrounding quotes dropped, values with '%' URL-decoded (kept raw when
/// malformed), the first occurrence of a name wins, and a value starting "j:" whose JSON parses to a truthy
/// value becomes that value.
/// </summary>
public static class RequestCookies
{
    public static JsObject Parse(string? header)
    {
        var cookies = new JsObject();
        if (header is null || header.Length < 2) return cookies;
        var length = header.Length;
        var index = 0;
        do
        {
            var eq = header.IndexOf('=', index);
            if (eq == -1) break;
            var end = header.IndexOf(';', index);
            if (end == -1)
            {
                end = length;
            }
            else if (eq > end)
            {
                // No '=' in this pair: start again after the last ';' before the '='.
                index = header.LastIndexOf(';', eq - 1) + 1;
                continue;
            }
            var keyStart = StartIndex(header, index, eq);
            var keyEnd = EndIndex(header, eq, keyStart);
            var key = header.Substring(keyStart, keyEnd - keyStart);
            // cookie 0.7 stores into a plain object, where a "__proto__" assignment sets nothing.
            if (key != "__proto__" && !cookies.ContainsKey(key))
            {
                var valueStart = StartIndex(header, eq + 1, end);
                var valueEnd = EndIndex(header, end, valueStart);
                if (valueStart < length && header[valueStart] == '"' && valueEnd - 1 >= 0 && valueEnd - 1 < length && header[valueEnd - 1] == '"')
                {
                    valueStart++;
                    valueEnd--;
                }
                var value = valueEnd > valueStart ? header.Substring(valueStart, valueEnd - valueStart) : "";
                cookies[key] = Decode(value);
            }
            index = end + 1;
        }
        while (index < length);

        foreach (var name in new System.Collections.Generic.List<string>(cookies.Keys))
        {
            if (cookies[name] is string text && text.StartsWith("j:", StringComparison.Ordinal))
            {
                object? parsed;
                try
                {
                    parsed = JsJson.Parse(text.Substring(2));
                }
                catch (FormatException)
                {
                    continue;
                }
                if (Js.ToBoolean(parsed)) cookies[name] = parsed;
            }
        }
        return cookies;
    }

    private static object Decode(string value) =>
        value.Contains('%', StringComparison.Ordinal) && UriComponent.TryDecode(value, out var decoded) ? decoded : value;

    private static int StartIndex(string text, int index, int max)
    {
        do
        {
            if (index >= text.Length) return index;
            var c = text[index];
            if (c != ' ' && c != '\t') return index;
        }
        while (++index < max);
        return max;
    }

    private static int EndIndex(string text, int index, int min)
    {
        while (index > min)
        {
            var c = text[--index];
            if (c != ' ' && c != '\t') return index + 1;
        }
        return min;
    }
}
