using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace FlowGen.Runtime;

/// <summary>
/// A refused request's answer: an RFC 9457 problem (type, title, status, detail), FlowGen's request-id, and for
/// contract violations an <c>errors</c> array saying where each one is (<c>in</c>: path, query, header, cookie or
/// body; the parameter's <c>name</c>; the JSON <c>pointer</c> inside the value) and what is wrong (<c>message</c>).
/// Written with Utf8JsonWriter: no reflection, safe for Native AOT.
/// </summary>
public static class ProblemResponse
{
    public const string ContentType = "application/problem+json; charset=utf-8";

    // Problems are read by programs and people, never put into HTML: "must be >= 1" stays readable.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Task WriteAsync(HttpContext http, int status, string detail, string requestId, IReadOnlyList<RequestError>? errors = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        var bytes = Serialize(status, detail, requestId, errors);
        var response = http.Response;
        response.StatusCode = status;
        response.ContentType = ContentType;
        response.ContentLength = bytes.Length;
        if (HttpMethods.IsHead(http.Request.Method)) return Task.CompletedTask;
        return response.Body.WriteAsync(bytes, http.RequestAborted).AsTask();
    }

    /// <summary>The problem document as UTF-8 JSON.</summary>
    public static ReadOnlyMemory<byte> Serialize(int status, string detail, string requestId, IReadOnlyList<RequestError>? errors = null)
    {
        ArgumentNullException.ThrowIfNull(detail);
        ArgumentNullException.ThrowIfNull(requestId);
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            var (type, title) = Describe(status);
            json.WriteStartObject();
            json.WriteString("type", type);
            json.WriteString("title", title);
            json.WriteNumber("status", status);
            json.WriteString("detail", detail);
            json.WriteString("request-id", requestId);
            if (errors is not null)
            {
                json.WriteStartArray("errors");
                foreach (var error in errors)
                {
                    json.WriteStartObject();
                    json.WriteString("in", Place(error.In));
                    if (error.Name is not null) json.WriteString("name", error.Name);
                    if (error.Pointer is not null) json.WriteString("pointer", error.Pointer);
                    json.WriteString("message", error.Message);
                    json.WriteEndObject();
                }
                json.WriteEndArray();
            }
            json.WriteEndObject();
        }
        return buffer.WrittenMemory;
    }

    private static (string Type, string Title) Describe(int status) => status switch
    {
        StatusCodes.Status413PayloadTooLarge => ("https://tools.ietf.org/html/rfc9110#section-15.5.14", "Payload Too Large"),
        StatusCodes.Status415UnsupportedMediaType => ("https://tools.ietf.org/html/rfc9110#section-15.5.16", "Unsupported Media Type"),
        _ => ("https://tools.ietf.org/html/rfc9110#section-15.5.1", "Bad Request"),
    };

    private static string Place(RequestPlace place) => place switch
    {
        RequestPlace.Path => "path",
        RequestPlace.Query => "query",
        RequestPlace.Header => "header",
        RequestPlace.Cookie => "cookie",
        _ => "body",
    };
}
