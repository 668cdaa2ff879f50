namespace FlowGen.Runtime;

/// <summary>Node.js's checks on response headers: a bad name or a CR/LF in a value is a catchable node error.</summary>
internal static class HeaderValidation
{
    public static void Check(string name, string[] values)
    {
        if (name.Length == 0 || !IsToken(name))
        {
            throw new FlowError($"TypeError [ERR_INVALID_HTTP_TOKEN]: Header name must be a valid HTTP token [\"{name}\"]", "ERR_INVALID_HTTP_TOKEN");
        }
        foreach (var value in values)
        {
            foreach (var c in value)
            {
                if ((c < 0x20 && c != '\t') || c == 0x7f || c > 0xff)
                {
                    throw new FlowError($"TypeError [ERR_INVALID_CHAR]: Invalid character in header content [\"{name}\"]", "ERR_INVALID_CHAR");
                }
            }
        }
    }

    /// <summary>An RFC 9110 token: header names, and what the cookie package accepts as a cookie name.</summary>
    internal static bool IsToken(string name)
    {
        foreach (var c in name)
        {
            var ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "!#$%&'*+-.^_`|~".IndexOf(c) >= 0;
            if (!ok) return false;
        }
        return true;
    }
}
