using System;
using System.IO;
using System.Text;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace FlowGen.Runtime.Tests.Http;

/// <summary>Builds requests on DefaultHttpContext for the body parser, http in and msg.req tests.</summary>
internal static class HttpTestRequests
{
    public static DefaultHttpContext Create(string method, string target, string? contentType = null, byte[]? body = null, bool declareLength = true)
    {
        var http = new DefaultHttpContext();
        var request = http.Request;
        request.Method = method;
        var question = target.IndexOf('?');
        request.Path = question >= 0 ? target[..question] : target;
        if (question >= 0) request.QueryString = new Microsoft.AspNetCore.Http.QueryString(target[question..]);
        http.Features.Get<IHttpRequestFeature>()!.RawTarget = target;
        request.Headers.Host = "example.com:8080";
        if (contentType is not null) request.ContentType = contentType;
        if (body is not null)
        {
            request.Body = new MemoryStream(body);
            if (declareLength) request.ContentLength = body.Length;
            else request.Headers.TransferEncoding = "chunked";
        }
        return http;
    }

    public static HttpInOptions Options(string method, string url, bool upload = false, bool skip = false, params (string RouteKey, string Name)[] parameters) =>
        new(method, url, url, upload, skip, parameters);

    public static Task<ParsedBody> ParseAsync(string? contentType, string? body, long limit = 5 * 1024 * 1024, bool upload = false) =>
        ParseAsync(contentType, body is null ? null : Encoding.UTF8.GetBytes(body), limit, upload);

    public static Task<ParsedBody> ParseAsync(string? contentType, byte[]? body, long limit = 5 * 1024 * 1024, bool upload = false)
    {
        var http = Create("POST", "/x", contentType, body);
        return BodyParser.ParseAsync(http, Options("post", "/x", upload), new FlowOptions { MaxParsedBodyBytes = limit }).AsTask();
    }

    public static string Json(object? value) => JsJson.Stringify(value) ?? "undefined";

    public static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>A body stream that fails as Kestrel does past its MaxRequestBodySize.</summary>
    public sealed class TooLargeStream : MemoryStream
    {
        public override int Read(byte[] buffer, int offset, int count) => throw new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge);

        public override System.Threading.Tasks.ValueTask<int> ReadAsync(Memory<byte> buffer, System.Threading.CancellationToken cancellationToken = default) =>
            throw new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge);
    }
}
