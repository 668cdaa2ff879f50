using System;

namespace FlowGen.Runtime;

/// <summary>Express's "extended" query string parser (qs): repeated keys become arrays, a[b]=1 nests.</summary>
public static class QueryString
{
    public static JsObject Parse(string? text)
    {
        var result = new JsObject();
        if (string.IsNullOrEmpty(text)) return result;
        var s = text[0] == '?' ? text[1..] : text;
        foreach (var part in s.Split('&'))
        {
            if (part.Length == 0) continue;
            var eq = part.IndexOf('=');
            var key = Decode(eq >= 0 ? part[..eq] : part);
            var value = eq >= 0 ? Decode(part[(eq + 1)..]) : "";
            if (key.Length == 0) continue;
            if (result.TryGetValue(key, out var existing))
            {
                if (existing is JsArray array) array.Add(value);
                else result[key] = new JsArray { existing, value };
            }
            else
            {
                result[key] = value;
            }
        }
        return result;
    }

    private static string Decode(string text)
    {
        var plus = text.Replace('+', ' ');
        try
        {
            return Uri.UnescapeDataString(plus);
        }
        catch (UriFormatException)
        {
            return plus;
        }
    }
}
