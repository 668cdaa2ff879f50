using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace FlowGen.Bench.Runner;

/// <summary>
/// Checks that an app answers a scenario's request with exactly the expected status, headers, cookies and body.
/// Only what differs by nature is tolerated: Date, the server's own Server / request id / keep-alive headers, the
/// request id's value, and a cookie expiry (which must still be the expected time after the request).
/// </summary>
internal static class Verify
{
    /// <summary>Headers servers add by themselves; any other header must be expected.</summary>
    private static readonly HashSet<string> ServerHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "date", "server", "connection", "keep-alive", "x-powered-by", "request-id",
    };

    public static List<string> Differences(BenchScenario scenario, HttpAnswer answer, DateTime sentAt, bool wantsRequestId)
    {
        var expect = scenario.Expect;
        var problems = new List<string>();
        if (answer.Status != expect.Status) problems.Add($"status {answer.Status}, expected {expect.Status}");

        var body = Encoding.UTF8.GetBytes(expect.Body);
        if (!answer.Body.AsSpan().SequenceEqual(body))
        {
            problems.Add($"body differs: got {answer.Body.Length} bytes \"{Shorten(Encoding.UTF8.GetString(answer.Body))}\", expected {body.Length} bytes \"{Shorten(expect.Body)}\"");
        }

        var wanted = new List<KeyValuePair<string, string>>(expect.Headers)
        {
            new("content-length", body.Length.ToString(CultureInfo.InvariantCulture)),
            new("etag", WeakETag.Of(body)),
        };
        foreach (var (name, value) in wanted)
        {
            var got = answer.All(name).ToList();
            if (got.Count != 1 || got[0] != value)
            {
                problems.Add($"header {name}: [{string.Join(" | ", got)}], expected [{value}]");
            }
        }
        var known = new HashSet<string>(wanted.Select(h => h.Key), StringComparer.OrdinalIgnoreCase) { "set-cookie" };
        foreach (var (name, value) in answer.Headers)
        {
            if (!known.Contains(name) && !ServerHeaders.Contains(name)) problems.Add($"unexpected header {name}: {value}");
        }
        var requestIds = answer.All("request-id").ToList();
        if (wantsRequestId && (requestIds.Count != 1 || requestIds[0].Length == 0)) problems.Add("no request-id header");

        var cookies = answer.All("set-cookie").ToList();
        if (cookies.Count != expect.Cookies.Count)
        {
            problems.Add($"{cookies.Count} Set-Cookie headers [{string.Join(" | ", cookies)}], expected {expect.Cookies.Count}");
        }
        else
        {
            for (var i = 0; i < cookies.Count; i++)
            {
                if (CookieProblem(new CookieTemplate(expect.Cookies[i]), cookies[i], sentAt) is { } problem) problems.Add(problem);
            }
        }
        return problems;
    }

    private static string? CookieProblem(CookieTemplate template, string cookie, DateTime sentAt)
    {
        if (template.Lifetime is not { } lifetime)
        {
            return cookie == template.Prefix ? null : $"Set-Cookie \"{cookie}\", expected \"{template.Prefix}\"";
        }
        var ok = cookie.StartsWith(template.Prefix, StringComparison.Ordinal) && cookie.EndsWith(template.Suffix, StringComparison.Ordinal)
            && DateTime.TryParseExact(cookie[template.Prefix.Length..^template.Suffix.Length], "r", CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var expires)
            && Math.Abs((expires - (sentAt + lifetime)).TotalSeconds) < 5;
        return ok ? null : $"Set-Cookie \"{cookie}\", expected \"{template.At(sentAt)}\" (the expiry within 5 s)";
    }

    private static string Shorten(string text)
    {
        text = text.Replace("\n", "\\n", StringComparison.Ordinal);
        return text.Length <= 120 ? text : text[..117] + "...";
    }
}
