using System;
using System.Collections.Generic;
using System.Text;

namespace FlowGen.Runtime;

/// <summary>
/// A request's Content-Type as Node-RED's body readers see it: parsed by the strict rules of the content-type
/// package (a header that does not parse makes the request fail) and split into type, subtype and +suffix as
/// media-typer does.
/// </summary>
public sealed class RequestContentType
{
    private RequestContentType(string type, string subtype, string? suffix, Dictionary<string, string> parameters)
    {
        Type = type;
        Subtype = subtype;
        Suffix = suffix;
        Parameters = parameters;
    }

    /// <summary>The top-level type, lower case ("application").</summary>
    public string Type { get; }

    /// <summary>The subtype without its suffix, lower case ("vnd.api" for application/vnd.api+json).</summary>
    public string Subtype { get; }

    /// <summary>The structured syntax suffix ("json", "xml"), or null.</summary>
    public string? Suffix { get; }

    /// <summary>"type/subtype[+suffix]", lower case, without parameters.</summary>
    public string MediaType => Suffix is null ? Type + "/" + Subtype : Type + "/" + Subtype + "+" + Suffix;

    /// <summary>Parameters by lower-case name, quoted values unquoted.</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; }

    /// <summary>The charset parameter in lower case, or null.</summary>
    public string? Charset => Parameters.TryGetValue("charset", out var charset) ? charset.ToLowerInvariant() : null;

    /// <summary>Parses a Content-Type header; false when content-type or media-typer would throw.</summary>
    public static bool TryParse(string header, out RequestContentType? contentType)
    {
        ArgumentNullException.ThrowIfNull(header);
        contentType = null;
        var semicolon = header.IndexOf(';');
        var mediaType = (semicolon >= 0 ? header.Substring(0, semicolon) : header).Trim(' ', '\t').ToLowerInvariant();
        var slash = mediaType.IndexOf('/');
        if (slash <= 0 || slash == mediaType.Length - 1) return false;
        var type = mediaType.Substring(0, slash);
        var fullSubtype = mediaType.Substring(slash + 1);
        if (!HeaderValidation.IsToken(type) || !HeaderValidation.IsToken(fullSubtype)) return false;
        // media-typer 0.3: names start with a letter or digit, at most 127 characters, a narrower character set.
        if (!IsMediaTyperName(type, allowDotPlus: false) || !IsMediaTyperName(fullSubtype, allowDotPlus: true)) return false;
        string subtype = fullSubtype;
        string? suffix = null;
        var plus = fullSubtype.LastIndexOf('+');
        if (plus >= 0)
        {
            subtype = fullSubtype.Substring(0, plus);
            suffix = fullSubtype.Substring(plus + 1);
        }
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        if (semicolon >= 0 && !TryParseParameters(header, semicolon, parameters)) return false;
        contentType = new RequestContentType(type, subtype, suffix, parameters);
        return true;
    }

    /// <summary>content-type's PARAM_REGEXP applied from the first ';' to the end with no gaps.</summary>
    private static bool TryParseParameters(string header, int index, Dictionary<string, string> parameters)
    {
        var i = index;
        while (i < header.Length)
        {
            if (header[i] != ';') return false;
            i++;
            while (i < header.Length && header[i] == ' ') i++;
            var nameStart = i;
            while (i < header.Length && HeaderValidation.IsTokenChar(header[i])) i++;
            if (i == nameStart) return false;
            var name = header.Substring(nameStart, i - nameStart).ToLowerInvariant();
            while (i < header.Length && header[i] == ' ') i++;
            if (i >= header.Length || header[i] != '=') return false;
            i++;
            while (i < header.Length && header[i] == ' ') i++;
            string value;
            if (i < header.Length && header[i] == '"')
            {
                var sb = new StringBuilder();
                i++;
                var closed = false;
                while (i < header.Length)
                {
                    var c = header[i];
                    if (c == '"')
                    {
                        closed = true;
                        i++;
                        break;
                    }
                    if (c == '\\')
                    {
                        if (i + 1 >= header.Length || !IsQuotedPairChar(header[i + 1])) return false;
                        sb.Append(header[i + 1]);
                        i += 2;
                        continue;
                    }
                    if (!IsQdText(c)) return false;
                    sb.Append(c);
                    i++;
                }
                if (!closed) return false;
                value = sb.ToString();
            }
            else
            {
                var valueStart = i;
                while (i < header.Length && HeaderValidation.IsTokenChar(header[i])) i++;
                if (i == valueStart) return false;
                value = header.Substring(valueStart, i - valueStart);
            }
            while (i < header.Length && header[i] == ' ') i++;
            parameters[name] = value;
        }
        return true;
    }

    private static bool IsQdText(char c) => c is '\u000b' or ' ' or '!' || (c >= '\u0023' && c <= '\u005b') || (c >= '\u005d' && c <= '\u007e') || (c >= '\u0080' && c <= '\u00ff');

    private static bool IsQuotedPairChar(char c) => c == '\u000b' || (c >= '\u0020' && c <= '\u00ff');

    private static bool IsMediaTyperName(string name, bool allowDotPlus)
    {
        if (name.Length == 0 || name.Length > 127) return false;
        if (!char.IsAsciiLetterOrDigit(name[0])) return false;
        foreach (var c in name)
        {
            if (char.IsAsciiLetterOrDigit(c) || "!#$&^_-".IndexOf(c) >= 0) continue;
            if (allowDotPlus && (c == '.' || c == '+')) continue;
            return false;
        }
        return true;
    }
}
