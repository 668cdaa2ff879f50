using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Security.Cryptography;
using System.Text.Json;

namespace FlowGen.Bench;

/// <summary>One scenario of bench/scenarios.json: the request every app is loaded with and the answer all must give.</summary>
public sealed record BenchScenario(string Name, string Title, string Flow, BenchRequest Request, string? UpstreamPath, BenchExpectation Expect);

/// <summary>The benchmark request: method, path with query, and an optional body with its content type.</summary>
public sealed record BenchRequest(string Method, string Path, string? ContentType, string? Body);

/// <summary>
/// The answer: status, the headers besides those every server sets itself (date, server, content-length, etag,
/// request-id), the Set-Cookie values (an expiry written as <c>{expires+900s}</c>: that long after the request) and
/// the body text.
/// </summary>
public sealed record BenchExpectation(int Status, IReadOnlyList<KeyValuePair<string, string>> Headers, IReadOnlyList<string> Cookies, string Body);

/// <summary>Reads bench/scenarios.json (with JsonDocument, so the Native AOT apps can read it too).</summary>
public static class BenchScenarios
{
    public static IReadOnlyList<BenchScenario> Load(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        var scenarios = new List<BenchScenario>();
        foreach (var item in document.RootElement.EnumerateArray())
        {
            var request = item.GetProperty("request");
            var expect = item.GetProperty("expect");
            var headers = new List<KeyValuePair<string, string>>();
            foreach (var header in expect.GetProperty("headers").EnumerateObject())
            {
                headers.Add(new(header.Name, header.Value.GetString()!));
            }
            var cookies = new List<string>();
            foreach (var cookie in expect.GetProperty("cookies").EnumerateArray()) cookies.Add(cookie.GetString()!);
            scenarios.Add(new BenchScenario(
                item.GetProperty("name").GetString()!,
                item.GetProperty("title").GetString()!,
                item.GetProperty("flow").GetString()!,
                new BenchRequest(request.GetProperty("method").GetString()!, request.GetProperty("path").GetString()!,
                    Optional(request, "contentType"), Optional(request, "body")),
                Optional(item, "upstream"),
                new BenchExpectation(expect.GetProperty("status").GetInt32(), headers, cookies, expect.GetProperty("body").GetString()!)));
        }
        return scenarios;
    }

    private static string? Optional(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? value.GetString() : null;
}

/// <summary>A Set-Cookie value with an expiry relative to the request: <c>{expires+900s}</c> becomes an HTTP date.</summary>
public sealed class CookieTemplate
{
    private const string Open = "{expires+";
    private readonly string _prefix;
    private readonly string _suffix;
    private readonly TimeSpan? _lifetime;

    public CookieTemplate(string template)
    {
        var start = template.IndexOf(Open, StringComparison.Ordinal);
        if (start < 0)
        {
            (_prefix, _suffix) = (template, "");
            return;
        }
        var end = template.IndexOf("s}", start, StringComparison.Ordinal);
        _prefix = template[..start];
        _suffix = template[(end + 2)..];
        _lifetime = TimeSpan.FromSeconds(int.Parse(template.AsSpan(start + Open.Length, end - start - Open.Length), CultureInfo.InvariantCulture));
    }

    /// <summary>The expiry this cookie is given, or null when it has none.</summary>
    public TimeSpan? Lifetime => _lifetime;

    /// <summary>The text before the expiry date (the whole value when there is none).</summary>
    public string Prefix => _prefix;

    /// <summary>The text after the expiry date.</summary>
    public string Suffix => _suffix;

    /// <summary>The value for a request answered at <paramref name="now"/>.</summary>
    public string At(DateTime now) => _lifetime is { } lifetime
        ? _prefix + (now + lifetime).ToString("r", CultureInfo.InvariantCulture) + _suffix
        : _prefix;
}

/// <summary>The weak ETag Express sends with a body (the etag package): W/"length in hex-27 base64 chars of its SHA-1".</summary>
public static class WeakETag
{
    public static string Of(ReadOnlySpan<byte> body)
    {
        Span<byte> hash = stackalloc byte[SHA1.HashSizeInBytes];
        SHA1.HashData(body, hash);
        return "W/\"" + body.Length.ToString("x", CultureInfo.InvariantCulture) + "-" + Convert.ToBase64String(hash)[..27] + "\"";
    }
}
