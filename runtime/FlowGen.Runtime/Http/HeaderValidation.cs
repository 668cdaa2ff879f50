namespace FlowGen.Runtime;

/// <summary>Node.js's checks on response headers: a bad name or a CR/LF in a value is a catchable node error.</summary>
internal static class HeaderValidation
{
    public static void Check(string name, string[] values)
    {
        if (!IsToken(name))
        {
            throw new FlowError($"TypeError [ERR_INVALID_HTTP_TOKEN]: Header name must be a valid HTTP token [\"{name}\"]", "ERR_INVALID_HTTP_TOKEN");
        }
        foreach (var value in values)
        {
            if (!IsValidValue(value))
            {
                throw new FlowError($"TypeError [ERR_INVALID_CHAR]: Invalid character in header content [\"{name}\"]", "ERR_INVALID_CHAR");
            }
        }
    }

    /// <summary>
    /// An RFC 9110 token, never empty: header names, media types and their parameter names, and what the cookie
    /// package accepts as a cookie name.
    /// </summary>
    internal static bool IsToken(string text)
    {
        if (text.Length == 0) return false;
        foreach (var c in text)
        {
            if (!IsTokenChar(c)) return false;
        }
        return true;
    }

    /// <summary>A character of an RFC 9110 token (tchar).</summary>
    internal static bool IsTokenChar(char c) =>
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "!#$%&'*+-.^_`|~".IndexOf(c) >= 0;

    /// <summary>Node.js's rule for header values: no control character but tab, no DEL, nothing beyond Latin-1.</summary>
    internal static bool IsValidValue(string value)
    {
        foreach (var c in value)
        {
            if ((c < 0x20 && c != '\t') || c == 0x7f || c > 0xff) return false;
        }
        return true;
    }
}
