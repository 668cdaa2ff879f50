using System;
using System.IO;
using System.Text;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace FlowGen.Runtime;

/// <summary>Why a request body was refused: 400 for a malformed body, 413 over the limit.</summary>
public sealed record BodyRejection(int Status, string Reason);

/// <summary>The parsed body, or why it was refused.</summary>
public readonly record struct ParsedBody(object? Value, BodyRejection? Rejected);

/// <summary>Node-RED's body parsers for http in: JSON, urlencoded, text, raw.</summary>
public static class BodyParser
{
    public static async Task<ParsedBody> ParseAsync(HttpContext http, HttpInOptions options, FlowOptions settings)
    {
        var request = http.Request;
        var contentType = request.ContentType;
        var type = contentType is null ? null : MediaTypes.Essence(contentType);
        var limited = !options.SkipBodyParsing && (type == "application/json" || type == "application/x-www-form-urlencoded");
        byte[] bytes;
        try
        {
            bytes = await ReadAsync(request, limited ? settings.MaxParsedBodyBytes : long.MaxValue).ConfigureAwait(false);
        }
        catch (BodyTooLargeException)
        {
            return new ParsedBody(null, new BodyRejection(StatusCodes.Status413PayloadTooLarge, $"The request body is larger than the limit of {settings.MaxParsedBodyBytes} bytes."));
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return new ParsedBody(null, new BodyRejection(StatusCodes.Status413PayloadTooLarge, "The request body is larger than the server accepts."));
        }

        if (options.SkipBodyParsing) return new ParsedBody(bytes, null);
        if (type is null) return new ParsedBody(Encoding.UTF8.GetString(bytes), null);
        if (type == "application/json")
        {
            if (bytes.Length == 0) return new ParsedBody("", null);
            object? value;
            try
            {
                value = JsJson.Parse(Encoding.UTF8.GetString(bytes));
            }
            catch (FormatException ex)
            {
                return new ParsedBody(null, new BodyRejection(StatusCodes.Status400BadRequest, "The JSON body is malformed: " + ex.Message));
            }
            // body-parser's strict mode: only an object or an array is a JSON body.
            if (value is not JsObject and not JsArray)
            {
                return new ParsedBody(null, new BodyRejection(StatusCodes.Status400BadRequest, "A JSON body must be an object or an array."));
            }
            return new ParsedBody(value, null);
        }
        if (type == "application/x-www-form-urlencoded") return new ParsedBody(QueryString.Parse(Encoding.UTF8.GetString(bytes)), null);
        if (type.StartsWith("text/", StringComparison.Ordinal) || type.EndsWith("/xml", StringComparison.Ordinal) || type.EndsWith("+xml", StringComparison.Ordinal))
        {
            return new ParsedBody(Encoding.UTF8.GetString(bytes), null);
        }
        if (type is "application/octet-stream" or "application/cbor" or "application/x-protobuf") return new ParsedBody(bytes, null);
        // Node-RED decodes every other application/* body as UTF-8 text; other top-level types stay bytes.
        if (type.StartsWith("application/", StringComparison.Ordinal)) return new ParsedBody(Encoding.UTF8.GetString(bytes), null);
        return new ParsedBody(bytes, null);
    }

    private static async Task<byte[]> ReadAsync(HttpRequest request, long limit)
    {
        if (request.ContentLength > limit) throw new BodyTooLargeException();
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > limit) throw new BodyTooLargeException();
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private sealed class BodyTooLargeException : Exception
    {
    }
}
