using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace FlowGen.EndToEnd.Tests;

/// <summary>
/// A real HTTP server on 127.0.0.1 (Kestrel, port 0) standing in for the services flows call: echo, status codes,
/// slow, flaky, redirects, binary, a reset in the middle of a body, and a closed port for refused connections.
/// </summary>
public sealed class LoopbackUpstream : IAsyncDisposable
{
    private static readonly byte[] Binary = { 0x00, 0x01, 0x02, 0x7f, 0x80, 0xfe, 0xff, 0x0a };
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, List<long>> _calls = new();

    private LoopbackUpstream(WebApplication app, string baseUrl, int closedPort)
    {
        _app = app;
        BaseUrl = baseUrl;
        ClosedPort = closedPort;
    }

    /// <summary>http://127.0.0.1:port, no trailing slash.</summary>
    public string BaseUrl { get; }

    /// <summary>A loopback port nothing listens on.</summary>
    public int ClosedPort { get; }

    /// <summary>Slow requests whose client went away before the answer.</summary>
    public int AbortedSlowCalls;

    /// <summary>When each call for a key arrived (Stopwatch ticks), in order.</summary>
    public IReadOnlyList<long> Calls(string key) => _calls.TryGetValue(key, out var list) ? list.ToArray() : Array.Empty<long>();

    public static async Task<LoopbackUpstream> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        LoopbackUpstream? self = null;
        app.Map("/echo/{**rest}", (HttpContext http) => Echo(http));
        app.Map("/status/{code:int}", async (HttpContext http, int code) =>
        {
            http.Response.StatusCode = code;
            http.Response.Headers["X-Upstream-Status"] = code.ToString();
            if (http.Request.Query["retryAfter"] is { Count: > 0 } after) http.Response.Headers.RetryAfter = after.ToString();
            if (code is 204 or 304) return;
            await WriteJson(http, new Dictionary<string, object> { ["status"] = code });
        });
        app.Map("/slow/{ms:int}", async (HttpContext http, int ms) =>
        {
            try
            {
                await Task.Delay(ms, http.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                Interlocked.Increment(ref self!.AbortedSlowCalls);
                return;
            }
            await WriteJson(http, new Dictionary<string, object> { ["slept"] = ms });
        });
        app.Map("/flaky/{key}/{n:int}", async (HttpContext http, string key, int n) =>
        {
            var list = self!._calls.GetOrAdd(key, _ => new List<long>());
            int attempt;
            lock (list)
            {
                list.Add(Stopwatch.GetTimestamp());
                attempt = list.Count;
            }
            var ok = attempt > n;
            http.Response.StatusCode = ok ? 200 : int.Parse(http.Request.Query["status"].FirstOrDefault() ?? "503");
            if (!ok && http.Request.Query["retryAfter"] is { Count: > 0 } after) http.Response.Headers.RetryAfter = after.ToString();
            await WriteJson(http, new Dictionary<string, object> { ["key"] = key, ["attempt"] = attempt, ["ok"] = ok });
        });
        app.Map("/text", async (HttpContext http) =>
        {
            http.Response.ContentType = "text/plain; charset=utf-8";
            await http.Response.WriteAsync("plain text from upstream");
        });
        app.Map("/binary", async (HttpContext http) =>
        {
            http.Response.ContentType = "application/octet-stream";
            http.Response.ContentLength = Binary.Length;
            await http.Response.Body.WriteAsync(Binary);
        });
        app.Map("/headers", async (HttpContext http) =>
        {
            http.Response.Headers["X-Custom"] = "custom-value";
            http.Response.Headers.CacheControl = "max-age=60";
            http.Response.Headers.Append("Set-Cookie", "up=1; Path=/");
            http.Response.Headers.Append("Set-Cookie", "second=a%20b; Path=/x; HttpOnly");
            await WriteJson(http, new Dictionary<string, object> { ["ok"] = true });
        });
        // /redirect/{n}: n hops, each setting a cookie, then /echo.
        app.Map("/redirect/{n:int}", (HttpContext http, int n) =>
        {
            http.Response.StatusCode = int.Parse(http.Request.Query["code"].FirstOrDefault() ?? "302");
            http.Response.Headers.Append("Set-Cookie", $"hop{n}=v{n}; Path=/");
            http.Response.Headers.Location = n <= 1 ? "/echo/redirected" : $"/redirect/{n - 1}{http.Request.QueryString}";
            return Task.CompletedTask;
        });
        // Promises 100 bytes, sends 10, then drops the connection.
        app.Map("/reset", async (HttpContext http) =>
        {
            http.Response.ContentType = "text/plain";
            http.Response.ContentLength = 100;
            await http.Response.Body.WriteAsync(Encoding.ASCII.GetBytes("0123456789"));
            await http.Response.Body.FlushAsync();
            await Task.Delay(50);
            http.Abort();
        });
        app.Map("/digest", async (HttpContext http) =>
        {
            var auth = http.Request.Headers.Authorization.ToString();
            if (!auth.StartsWith("Digest ", StringComparison.Ordinal))
            {
                http.Response.StatusCode = 401;
                http.Response.Headers.WWWAuthenticate = "Digest realm=\"flows\", qop=\"auth\", nonce=\"abc123\", opaque=\"xyz\"";
                return;
            }
            await WriteJson(http, new Dictionary<string, object> { ["authorization"] = auth });
        });
        await app.StartAsync();
        var address = app.Urls.First();

        var closed = new TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        var closedPort = ((IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();

        self = new LoopbackUpstream(app, address.TrimEnd('/'), closedPort);
        return self;
    }

    private static async Task Echo(HttpContext http)
    {
        using var reader = new MemoryStream();
        await http.Request.Body.CopyToAsync(reader);
        var bytes = reader.ToArray();
        var headers = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, values) in http.Request.Headers) headers[name.ToLowerInvariant()] = values.ToString();
        string? body;
        try
        {
            body = new UTF8Encoding(false, true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            body = null;
        }
        await WriteJson(http, new Dictionary<string, object?>
        {
            ["method"] = http.Request.Method,
            ["path"] = http.Request.Path.Value,
            ["query"] = http.Request.QueryString.Value,
            ["headers"] = headers,
            ["body"] = body,
            ["bodyBase64"] = Convert.ToBase64String(bytes),
            ["length"] = bytes.Length,
        });
    }

    private static Task WriteJson<T>(HttpContext http, T value)
    {
        http.Response.ContentType = "application/json; charset=utf-8";
        return http.Response.WriteAsync(JsonSerializer.Serialize(value));
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
