using System.Collections.Generic;
using FlowGen.Compiler.Binding;
using FlowGen.Compiler.Json;

namespace FlowGen.Compiler.Checks;

/// <summary>
/// The cookie checks of FlowGen.Runtime's ResponseCookies, condition for condition, over a constant msg.cookies
/// object: every problem found here fails the http response at run time with a flow error.
/// </summary>
internal static class MessageCookies
{
    /// <summary>Each problem: the cookie's name, the JSON value at fault and what is wrong with it and what to do.</summary>
    public static List<(string Name, JsonSyntax At, string Problem)> Check(JsonObjectSyntax cookies)
    {
        var problems = new List<(string, JsonSyntax, string)>();
        foreach (var cookie in MessageValues.Properties(cookies))
        {
            var name = cookie.Name;
            var nameAt = new JsonStringSyntax(cookie.NameSpan, name);
            void Report(JsonSyntax at, string problem) => problems.Add((name, at, problem));

            if (!MessageValues.IsFieldContent(name))
            {
                Report(nameAt, "the name is empty or has a control character or a character beyond Latin-1; rename the cookie with visible ASCII characters");
            }
            switch (cookie.Value)
            {
                case JsonNullSyntax:
                    // clearCookie(name): nothing more to check.
                    break;
                case JsonObjectSyntax options:
                    CheckOptions(options, options["value"] is JsonNullSyntax, Report);
                    break;
                default:
                    // res.cookie(name, String(value)): encoded, so only a lone surrogate fails.
                    if (MessageValues.HasLoneSurrogate(MessageValues.ToJsString(cookie.Value)))
                    {
                        Report(cookie.Value, "the value has a lone UTF-16 surrogate, which encodeURIComponent rejects; remove it");
                    }
                    break;
            }
        }
        return problems;
    }

    private static void CheckOptions(JsonObjectSyntax options, bool clearing, System.Action<JsonSyntax, string> report)
    {
        // The value: encoded unless encode is given and falsy; objects and arrays (written as "j:" + JSON) are not checked.
        var value = options["value"];
        var encode = options["encode"] is not { } e || MessageValues.ToBoolean(e);
        if (!clearing && value is not (JsonObjectSyntax or JsonArraySyntax))
        {
            var text = value is null ? "undefined" : MessageValues.ToJsString(value);
            if (encode && MessageValues.HasLoneSurrogate(text))
            {
                report(value!, "the value has a lone UTF-16 surrogate, which encodeURIComponent rejects; remove it");
            }
            else if (!encode && text.Length > 0 && !MessageValues.IsFieldContent(text))
            {
                report(value ?? options, "with encode false, the value has a character a cookie cannot carry (a control character or one beyond Latin-1); remove the character or drop encode: false");
            }
        }

        // maxAge (milliseconds) wins over expires when it is a number.
        var maxAgeValid = false;
        if (options["maxAge"] is { } maxAge and not JsonNullSyntax)
        {
            var ms = MessageValues.ToNumber(maxAge);
            if (double.IsNaN(ms) || double.IsInfinity(ms))
            {
                report(maxAge, $"maxAge {Show(maxAge)} is not a finite number; give the lifetime in milliseconds as a number");
            }
            else
            {
                maxAgeValid = true;
            }
        }
        foreach (var key in new[] { "domain", "path" })
        {
            if (options[key] is { } option && MessageValues.ToBoolean(option) && !MessageValues.IsFieldContent(MessageValues.ToJsString(option)))
            {
                report(option, $"{key} has a control character or a character beyond Latin-1; remove it");
            }
        }
        if (!maxAgeValid && options["expires"] is { } expires && MessageValues.ToBoolean(expires))
        {
            report(expires, $"expires is {expires.KindName}, but it must be a Date, which JSON cannot hold; use maxAge in milliseconds instead");
        }
        if (options["priority"] is { } priority && MessageValues.ToBoolean(priority)
            && (priority as JsonStringSyntax)?.Value.ToLowerInvariant() is not ("low" or "medium" or "high"))
        {
            report(priority, $"priority {Show(priority)} is not \"low\", \"medium\" or \"high\"; use one of those");
        }
        if (options["sameSite"] is { } sameSite && MessageValues.ToBoolean(sameSite)
            && sameSite is not JsonBooleanSyntax { Value: true }
            && (sameSite as JsonStringSyntax)?.Value.ToLowerInvariant() is not ("strict" or "lax" or "none"))
        {
            report(sameSite, $"sameSite {Show(sameSite)} is not \"strict\", \"lax\", \"none\" or true; use one of those");
        }
        if (options["signed"] is { } signed && MessageValues.ToBoolean(signed))
        {
            report(signed, "signed cookies need a cookie secret, which the http in node does not have; remove signed");
        }
    }

    private static string Show(JsonSyntax value) => value switch
    {
        JsonStringSyntax s => "\"" + s.Value + "\"",
        JsonNumberSyntax n => JsNumbers.ToJsString(n.Value),
        JsonBooleanSyntax b => b.Value ? "true" : "false",
        _ => value.KindName,
    };
}
