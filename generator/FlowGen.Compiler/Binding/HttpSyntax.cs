namespace FlowGen.Compiler.Binding;

/// <summary>HTTP's syntax rules the build checks constants against, as the runtime's HeaderValidation applies them.</summary>
public static class HttpSyntax
{
    /// <summary>An RFC 9110 token, never empty: header names, method names, cookie names.</summary>
    public static bool IsToken(string text)
    {
        if (text.Length == 0) return false;
        foreach (var c in text)
        {
            var ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "!#$%&'*+-.^_`|~".IndexOf(c) >= 0;
            if (!ok) return false;
        }
        return true;
    }
}
