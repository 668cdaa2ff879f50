using System;
using System.Buffers;
using System.Net.Http;
using System.Net.Http.Json;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.Tasks;
using FlowGen.Bench;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace FlowGen.Bench.HandWritten;

/// <summary>
/// What a careful developer writes by hand for the benchmark flows: one minimal API endpoint per flow, the same
/// answer as Node-RED and FlowGen give (Express's content types, weak ETag, cookie format, JSON without HTML escaping).
/// </summary>
public static class HandWrittenEndpoints
{
    public static IServiceCollection AddHandWritten(this IServiceCollection services, Uri upstream)
    {
        services.ConfigureHttpJsonOptions(options => options.SerializerOptions.TypeInfoResolverChain.Insert(0, HandWrittenJson.Default));
        // One pooled client for the app's life, renewed connections for DNS: the documented alternative to IHttpClientFactory.
        services.AddSingleton(new UpstreamClient(new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) })
        {
            BaseAddress = upstream,
        }));
        return services;
    }

    /// <summary>Middleware: every answer carries the request id, as every FlowGen answer does.</summary>
    public static Task AddRequestId(HttpContext http, RequestDelegate next)
    {
        http.Response.Headers["request-id"] = http.TraceIdentifier;
        return next(http);
    }

    public static IEndpointRouteBuilder MapHandWritten(this IEndpointRouteBuilder app)
    {
        // The seed cookie flow: two cookies, and the payload of a GET (the query) as JSON.
        app.MapGet("/test", (HttpContext http) =>
        {
            var expires = DateTime.UtcNow.AddSeconds(900).ToString("r");
            http.Response.Headers.SetCookie = new[] { "name=nick; Path=/", "session=1234; Max-Age=900; Path=/; Expires=" + expires };
            return Express.Json(http, Express.QueryJson(http.Request.Query));
        });

        app.MapGet("/bench/query", (HttpContext http) => Express.Json(http, Express.QueryJson(http.Request.Query)));

        app.MapPost("/bench/echo", (JsonElement body, HttpContext http) => Express.Json(http, Express.JsonBytes(body)));

        app.MapGet("/bench/page", (string? user, string? role, string? lang, HttpContext http) =>
            Express.Html(http, role == "admin" ? Pages.Admin(user, role, lang) : Pages.Member(user, role, lang)));

        app.MapGet("/bench/proxy", async (string? id, UpstreamClient upstream, HttpContext http) =>
        {
            using var response = await upstream.Client.GetAsync("/item?id=" + Uri.EscapeDataString(id ?? ""), http.RequestAborted);
            var item = await response.Content.ReadFromJsonAsync(HandWrittenJson.Default.JsonElement, http.RequestAborted);
            http.Response.StatusCode = (int)response.StatusCode;
            await Express.Json(http, Express.JsonBytes(item));
        });
        return app;
    }
}

/// <summary>The upstream of the proxy endpoint.</summary>
public sealed record UpstreamClient(HttpClient Client);

[JsonSerializable(typeof(JsonElement))]
internal sealed partial class HandWrittenJson : JsonSerializerContext;

/// <summary>The two pages of the switch + template flow, with mustache's HTML escaping.</summary>
internal static class Pages
{
    public static string Admin(string? user, string? role, string? lang) => $"""
        <!DOCTYPE html>
        <html lang="{E(lang)}">
        <head>
          <meta charset="utf-8">
          <title>Dashboard of {E(user)}</title>
        </head>
        <body>
          <header><h1>Welcome back, {E(user)}</h1></header>
          <main>
            <p>You are signed in as <strong>administrator</strong>.</p>
            <ul>
              <li><a href="/admin/users">Users</a></li>
              <li><a href="/admin/flows">Flows</a></li>
              <li><a href="/admin/settings">Settings</a></li>
            </ul>
          </main>
          <footer>Role: {E(role)}</footer>
        </body>
        </html>
        """;

    public static string Member(string? user, string? role, string? lang) => $"""
        <!DOCTYPE html>
        <html lang="{E(lang)}">
        <head>
          <meta charset="utf-8">
          <title>Hello {E(user)}</title>
        </head>
        <body>
          <header><h1>Hello, {E(user)}</h1></header>
          <main>
            <p>Your account has the role <em>{E(role)}</em>.</p>
            <p><a href="/account">Your account</a></p>
          </main>
        </body>
        </html>
        """;

    /// <summary>mustache.js's escapeHtml (HtmlEncoder encodes a different set of characters).</summary>
    private static string E(string? text)
    {
        if (text is null) return "";
        if (text.AsSpan().IndexOfAny("&<>\"'`=/") < 0) return text;
        var sb = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            sb.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                '/' => "&#x2F;",
                '`' => "&#x60;",
                '=' => "&#x3D;",
                _ => null,
            } ?? c.ToString());
        }
        return sb.ToString();
    }
}

/// <summary>Bodies as Express's res.send writes them: its content types, a weak ETag, 304 to a matching If-None-Match.</summary>
internal static class Express
{
    private static readonly JsonWriterOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Task Json(HttpContext http, byte[] json)
    {
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return Send(http, json, "application/json; charset=utf-8");
    }

    public static Task Html(HttpContext http, string html) => Send(http, Encoding.UTF8.GetBytes(html), "text/html; charset=utf-8");

    /// <summary>A query as the flows see it: one string per name, an array of strings for a repeated name.</summary>
    public static byte[] QueryJson(IQueryCollection query)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, Relaxed))
        {
            writer.WriteStartObject();
            foreach (var (name, values) in query)
            {
                if (values.Count == 1)
                {
                    writer.WriteString(name, values[0]);
                    continue;
                }
                writer.WriteStartArray(name);
                foreach (var value in values) writer.WriteStringValue(value);
                writer.WriteEndArray();
            }
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    public static byte[] JsonBytes(JsonElement value)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, Relaxed)) value.WriteTo(writer);
        return buffer.WrittenSpan.ToArray();
    }

    private static Task Send(HttpContext http, byte[] body, string contentType)
    {
        var response = http.Response;
        var etag = WeakETag.Of(body);
        response.Headers.ETag = etag;
        if (http.Request.Headers.IfNoneMatch == etag)
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }
        response.ContentType = contentType;
        response.ContentLength = body.Length;
        return response.Body.WriteAsync(body, 0, body.Length, http.RequestAborted);
    }
}
