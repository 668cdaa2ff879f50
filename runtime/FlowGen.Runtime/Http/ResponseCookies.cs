using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace FlowGen.Runtime;

/// <summary>
/// msg.cookies to Set-Cookie headers, as Node-RED calls Express's res.cookie / res.clearCookie and the cookie
/// package serialises them: maxAge in milliseconds becomes Max-Age in seconds plus Expires, values are URL-encoded.
/// </summary>
public static partial class ResponseCookies
{
    private static readonly DateTime ClearedExpiry = DateTime.UnixEpoch.AddMilliseconds(1);

    /// <summary>The Set-Cookie values for msg.cookies, in its order; none (and nothing allocated) without msg.cookies.</summary>
    public static string[] Build(object? cookies)
    {
        if (cookies is not JsObject map || map.Count == 0) return Array.Empty<string>();
        var result = new string[map.Count];
        var count = 0;
        foreach (var (name, spec) in map.Entries)
        {
            switch (spec)
            {
                case JsUndefined:
                    continue;
                case null:
                    // clearCookie(name): an empty value that expired at the epoch, on path /.
                    result[count++] = Serialize(name, "", null, ClearedExpiry);
                    break;
                case JsObject options when options["value"] is null:
                    // clearCookie(name, options): the options apply, the expiry defaults to the epoch.
                    result[count++] = Serialize(name, "", options, ClearedExpiry);
                    break;
                case JsObject options:
                    result[count++] = Serialize(name, ValueText(options["value"]), options, null);
                    break;
                default:
                    result[count++] = Serialize(name, Js.ToJsString(spec), null, null);
                    break;
            }
        }
        return count == result.Length ? result : result[..count];
    }

    /// <summary>res.cookie's value: objects as "j:" + JSON, anything else as String(value).</summary>
    private static string ValueText(object? value) =>
        value is JsObject or JsArray ? "j:" + JsJson.Stringify(value) : Js.ToJsString(value);

    private static string Serialize(string name, string value, JsObject? options, DateTime? defaultExpires)
    {
        if (!HeaderValidation.IsToken(name)) throw Invalid("argument name is invalid");
        // The cookie package encodes with opt.encode || encodeURIComponent: encode: false still encodes, and a
        // value that is not a function (anything JSON can give) is invalid.
        if (options is not null && Js.ToBoolean(options["encode"])) throw Invalid("option encode is invalid");
        var encoded = EncodeUriComponent(value);
        var sb = StringBuilderCache.Acquire(name.Length + encoded.Length + 96).Append(name).Append('=').Append(encoded);

        // The expiry: clearCookie's epoch unless the options give one; maxAge (milliseconds) always wins.
        // A computed expiry stays a DateTime (no box per cookie); an expires option is checked as it was given.
        DateTime? expiresAt = defaultExpires;
        object? expiresOption = null;
        if (options is not null && options.TryGetValue("expires", out var given) && given is not JsUndefined)
        {
            expiresAt = null;
            expiresOption = given;
        }
        var maxAge = options?["maxAge"];
        if (maxAge is not null and not JsUndefined)
        {
            var ms = Js.ToNumber(maxAge);
            // Express leaves a NaN maxAge to the cookie package, whose Math.floor makes it NaN, which it refuses.
            if (double.IsNaN(ms) || double.IsInfinity(ms)) throw Invalid("option maxAge is invalid");
            expiresAt = DateTime.UtcNow.AddMilliseconds(ms);
            expiresOption = null;
            sb.Append("; Max-Age=").Append(Js.FormatNumber(Math.Floor(ms / 1000)));
        }
        if (Text(options, "domain") is { } domain)
        {
            if (!DomainValue().IsMatch(domain)) throw Invalid("option domain is invalid");
            sb.Append("; Domain=").Append(domain);
        }
        var path = Text(options, "path") ?? "/";
        if (!IsPathValue(path)) throw Invalid("option path is invalid");
        sb.Append("; Path=").Append(path);
        if (expiresAt is null && Js.ToBoolean(expiresOption))
        {
            expiresAt = expiresOption as DateTime? ?? throw Invalid("option expires is invalid");
        }
        if (expiresAt is { } at)
        {
            // Formatted into the builder itself, not through a string of its own.
            sb.Append("; Expires=").Append(CultureInfo.InvariantCulture, $"{at.ToUniversalTime():r}");
        }
        if (options is not null)
        {
            if (Js.ToBoolean(options["httpOnly"])) sb.Append("; HttpOnly");
            if (Js.ToBoolean(options["secure"])) sb.Append("; Secure");
            if (Js.ToBoolean(options["partitioned"])) sb.Append("; Partitioned");
            var priority = options["priority"];
            if (Js.ToBoolean(priority))
            {
                sb.Append("; Priority=").Append((priority as string)?.ToLowerInvariant() switch
                {
                    "low" => "Low",
                    "medium" => "Medium",
                    "high" => "High",
                    _ => throw Invalid("option priority is invalid"),
                });
            }
            var sameSite = options["sameSite"];
            if (Js.ToBoolean(sameSite))
            {
                sb.Append("; SameSite=").Append(sameSite is true ? "Strict" : (sameSite as string)?.ToLowerInvariant() switch
                {
                    "strict" => "Strict",
                    "lax" => "Lax",
                    "none" => "None",
                    _ => throw Invalid("option sameSite is invalid"),
                });
            }
            if (Js.ToBoolean(options["signed"])) throw new FlowError("Error: cookieParser(\"secret\") required for signed cookies");
        }
        return StringBuilderCache.ToStringAndRelease(sb);
    }

    private static string? Text(JsObject? options, string key)
    {
        var value = options?[key];
        return value is null or JsUndefined || !Js.ToBoolean(value) ? null : Js.ToJsString(value);
    }

    private static FlowError Invalid(string message) => new("TypeError: " + message);

    // The cookie package's (0.7.2) rules for names, domains and paths.
    // Compiled at build time (nothing to construct when the first response is sent); \z is JavaScript's $ without
    // the m flag, where .NET's $ would also match before a final newline.
    [System.Text.RegularExpressions.GeneratedRegex(
        "^([.]?[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)([.][a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*\\z",
        System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex DomainValue();

    /// <summary>/^[\u0020-\u003A\u003D-\u007E]*$/: printable ASCII but ';' and '&lt;'.</summary>
    private static bool IsPathValue(string path)
    {
        foreach (var c in path)
        {
            if (c < '\u0020' || c > '\u007E' || c is ';' or '<') return false;
        }
        return true;
    }

    private static bool IsUnreserved(char c) =>
        (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "-_.!~*'()".IndexOf(c) >= 0;

    /// <summary>JavaScript's encodeURIComponent: everything but A-Z a-z 0-9 - _ . ! ~ * ' ( ) is percent-encoded as UTF-8.</summary>
    public static string EncodeUriComponent(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var first = 0;
        while (first < value.Length && IsUnreserved(value[first])) first++;
        if (first == value.Length) return value;
        var sb = StringBuilderCache.Acquire(value.Length + 16);
        Span<byte> bytes = stackalloc byte[4];
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (IsUnreserved(c))
            {
                sb.Append(c);
                continue;
            }
            int count;
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                count = Encoding.UTF8.GetBytes(value.AsSpan(i, 2), bytes);
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                throw new FlowError("URIError: URI malformed");
            }
            else
            {
                count = Encoding.UTF8.GetBytes(value.AsSpan(i, 1), bytes);
            }
            for (var k = 0; k < count; k++) sb.Append('%').Append(bytes[k].ToString("X2", CultureInfo.InvariantCulture));
        }
        return StringBuilderCache.ToStringAndRelease(sb);
    }
}
