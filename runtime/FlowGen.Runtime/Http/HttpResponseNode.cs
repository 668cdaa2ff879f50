using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace FlowGen.Runtime;

/// <summary>
/// Node-RED's http response node over Express's response API: status precedence, header merge, cookies, the body
/// and content type chosen from the payload's type, weak ETags with conditional GET, and HEAD; on an endpoint bound to
/// an OpenAPI operation, the answer is checked against it before anything is sent (ResponseGuard).
/// </summary>
public static class HttpResponseNode
{
    public static async ValueTask SendAsync(FlowMessage msg, HttpResponseOptions options)
    {
        ArgumentNullException.ThrowIfNull(msg);
        ArgumentNullException.ThrowIfNull(options);
        // Node-RED's http response without msg.res warns "No response object" and answers nothing.
        if (msg.Detached)
        {
            FlowLog.NoResponseObject(msg.Exchange.Host.Logger, msg.Exchange.RequestId);
            return;
        }
        var exchange = msg.Exchange;
        var payload = msg["payload"];

        // Everything that can fail is worked out before the response is touched, so a failing node sends nothing
        // and its error can still be answered by another path.
        // Headers an http request put on the message unchanged are not copied (the x-node-red-request-node rule).
        RequestNodeMarker.Apply(msg);
        var headers = MergeHeaders(options.Headers, msg["headers"]);
        var cookies = ResponseCookies.Build(msg["cookies"]);
        var status = StatusCode(options.StatusCode, msg["statusCode"]);
        var body = Body(payload, headers);
        var violation = options.ChecksContract ? ResponseGuard.Check(exchange, status, headers, cookies.Length > 0, body.Bytes is null ? null : body.ContentType) : null;

        if (!exchange.TryClaimResponse())
        {
            throw new FlowError("Cannot set headers after they are sent to the client", "ERR_HTTP_HEADERS_SENT");
        }

        var http = exchange.Http;
        if (violation is not null && ResponseGuard.Refuses(exchange, violation))
        {
            await FlowExchange.WriteInternalServerErrorAsync(http, exchange.RequestId).ConfigureAwait(false);
            return;
        }
        var response = http.Response;
        foreach (var (name, values) in headers)
        {
            response.Headers[name] = values;
        }
        if (cookies.Length > 0)
        {
            // After any Set-Cookie already there; the array itself becomes the header when there is none.
            response.Headers.SetCookie = StringValues.Concat(response.Headers.SetCookie, new StringValues(cookies));
        }
        response.StatusCode = status;
        await WriteAsync(http, body, exchange.Host.Options.ETags).ConfigureAwait(false);
    }

    /// <summary>node.statusCode || parseInt(msg.statusCode) || 200; outside 100-999 is a catchable error, as in Node.js.</summary>
    private static int StatusCode(double? nodeStatus, object? msgStatus)
    {
        var status = nodeStatus ?? 0;
        if (status == 0)
        {
            var parsed = msgStatus is double d ? Math.Truncate(d) : Js.ParseInt(Js.ToJsString(msgStatus));
            status = double.IsNaN(parsed) || parsed == 0 ? 200 : parsed;
        }
        if (status < 100 || status > 999 || double.IsNaN(status))
        {
            throw new FlowError("RangeError [ERR_HTTP_INVALID_STATUS_CODE]: Invalid status code: " + Js.FormatNumber(status), "ERR_HTTP_INVALID_STATUS_CODE");
        }
        return (int)status;
    }

    /// <summary>The merge of no headers at all: shared, never changed.</summary>
    private static readonly List<(string Name, string[] Values)> NoHeaders = new(0);

    /// <summary>
    /// Node headers first, then msg.headers keys not spelled exactly like a node header; names compare
    /// case-insensitively when set, so a later spelling replaces an earlier one as Node's setHeader does.
    /// </summary>
    private static List<(string Name, string[] Values)> MergeHeaders((string Name, string Value)[] nodeHeaders, object? msgHeaders)
    {
        if (nodeHeaders.Length == 0 && msgHeaders is not JsObject) return NoHeaders;
        var result = new List<(string Name, string[] Values)>(nodeHeaders.Length + ((msgHeaders as JsObject)?.Count ?? 0));
        void Set(string name, string[] values)
        {
            if (name.Equals(HeaderNames.ContentType, StringComparison.OrdinalIgnoreCase))
            {
                values = new[] { MediaTypes.WithDefaultCharset(values[0]) };
            }
            for (var i = 0; i < result.Count; i++)
            {
                if (string.Equals(result[i].Name, name, StringComparison.OrdinalIgnoreCase))
                {
                    result[i] = (name, values);
                    return;
                }
            }
            result.Add((name, values));
        }

        foreach (var (name, value) in nodeHeaders) Set(name, new[] { value });
        if (msgHeaders is JsObject headers)
        {
            foreach (var (name, value) in headers.Entries)
            {
                if (Array.Exists(nodeHeaders, h => h.Name == name)) continue;
                if (value is JsUndefined) continue;
                // Kestrel frames the body itself: an upstream's transfer-encoding (copied with changed headers) would corrupt it.
                if (name.Equals(HeaderNames.TransferEncoding, StringComparison.OrdinalIgnoreCase)) continue;
                Set(name, value is JsArray array ? array.ConvertAll(Js.ToJsString).ToArray() : new[] { Js.ToJsString(value) });
            }
        }
        foreach (var (name, values) in result)
        {
            HeaderValidation.Check(name, values);
        }
        return result;
    }

    /// <summary>The bytes and content type Express's res.send / res.json choose for the payload.</summary>
    private static ResponseBody Body(object? payload, List<(string Name, string[] Values)> headers)
    {
        var contentType = Find(headers, HeaderNames.ContentType);
        switch (payload)
        {
            case JsUndefined:
                // Node-RED sets content-length 0 and sends nothing: no content type, no ETag.
                return new ResponseBody(null, contentType, Json: false);
            case bool:
                throw new FlowError("TypeError [ERR_INVALID_ARG_TYPE]: The \"string\" argument must be of type string or an instance of Buffer or ArrayBuffer. Received type boolean (" + (((bool)payload) ? "true" : "false") + ")", "ERR_INVALID_ARG_TYPE");
            case byte[] bytes:
                return new ResponseBody(bytes, contentType ?? "application/octet-stream", Json: false);
            case string or double:
                return new ResponseBody(Encoding.UTF8.GetBytes(Js.ToJsString(payload)), contentType is null ? "text/html; charset=utf-8" : MediaTypes.WithCharset(contentType, "utf-8"), Json: false);
            default:
                // Objects, arrays, null and dates go through res.jsonp (without JSONP: no script from a query parameter).
                var json = JsJson.StringifyToUtf8(payload) ?? [];
                return new ResponseBody(json, contentType is null ? "application/json; charset=utf-8" : MediaTypes.WithCharset(contentType, "utf-8"), Json: contentType is null);
        }
    }

    private static string? Find(List<(string Name, string[] Values)> headers, string name)
    {
        foreach (var (n, values) in headers)
        {
            if (string.Equals(n, name, StringComparison.OrdinalIgnoreCase)) return values[0];
        }
        return null;
    }

    private readonly record struct ResponseBody(byte[]? Bytes, string? ContentType, bool Json);

    private static Task WriteAsync(HttpContext http, ResponseBody body, bool etags)
    {
        var response = http.Response;
        if (body.Json) response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";
        if (body.Bytes is null)
        {
            response.Headers.Remove(HeaderNames.ContentType);
            response.ContentLength = 0;
            return Task.CompletedTask;
        }
        if (etags && !response.Headers.ContainsKey(HeaderNames.ETag))
        {
            response.Headers.ETag = WeakETag(body.Bytes);
        }
        return WriteBodyAsync(http, body.Bytes, body.ContentType);
    }

    /// <summary>Writes a body as Express's send does: 304 for a fresh conditional GET, no body for 204/304 and HEAD.</summary>
    public static Task WriteBodyAsync(HttpContext http, byte[] bytes, string? contentType)
    {
        var response = http.Response;
        var request = http.Request;
        if (contentType is not null) response.ContentType = contentType;
        if (IsFresh(request, response)) response.StatusCode = StatusCodes.Status304NotModified;
        var status = response.StatusCode;
        if (status is StatusCodes.Status204NoContent or StatusCodes.Status304NotModified)
        {
            response.Headers.Remove(HeaderNames.ContentType);
            response.Headers.Remove(HeaderNames.ContentLength);
            response.Headers.Remove(HeaderNames.TransferEncoding);
            return Task.CompletedTask;
        }
        if (status == StatusCodes.Status205ResetContent)
        {
            response.ContentLength = 0;
            return Task.CompletedTask;
        }
        response.ContentLength = bytes.Length;
        if (HttpMethods.IsHead(request.Method)) return Task.CompletedTask;
        return response.Body.WriteAsync(bytes, 0, bytes.Length, http.RequestAborted);
    }

    /// <summary>Express's req.fresh: GET or HEAD, a 2xx or 304 status, and If-None-Match or If-Modified-Since matching.</summary>
    private static bool IsFresh(HttpRequest request, HttpResponse response)
    {
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method)) return false;
        var status = response.StatusCode;
        if ((status < 200 || status >= 300) && status != 304) return false;
        var noneMatch = request.Headers.IfNoneMatch.ToString();
        var modifiedSince = request.Headers.IfModifiedSince.ToString();
        if (noneMatch.Length == 0 && modifiedSince.Length == 0) return false;
        if (request.Headers.CacheControl.ToString().Contains("no-cache", StringComparison.OrdinalIgnoreCase)) return false;
        if (noneMatch.Length > 0 && noneMatch != "*")
        {
            var etag = response.Headers.ETag.ToString();
            if (etag.Length == 0) return false;
            var matches = false;
            foreach (var candidate in noneMatch.Split(','))
            {
                var c = candidate.Trim();
                if (c == etag || c == "W/" + etag || "W/" + c == etag) { matches = true; break; }
            }
            if (!matches) return false;
        }
        if (modifiedSince.Length > 0)
        {
            var lastModified = response.Headers.LastModified.ToString();
            if (lastModified.Length == 0) return false;
            if (!DateTimeOffset.TryParse(lastModified, out var modified) || !DateTimeOffset.TryParse(modifiedSince, out var since) || modified > since) return false;
        }
        return true;
    }

    /// <summary>The etag package's weak tag: W/"length in hex-first 27 base64 chars of the SHA-1".</summary>
    internal static string WeakETag(ReadOnlySpan<byte> body)
    {
        Span<byte> hash = stackalloc byte[SHA1.HashSizeInBytes];
        SHA1.HashData(body, hash);
        Span<char> tag = stackalloc char[64];
        var at = 0;
        "W/\"".CopyTo(tag);
        at += 3;
        body.Length.TryFormat(tag[at..], out var written, "x", System.Globalization.CultureInfo.InvariantCulture);
        at += written;
        tag[at++] = '-';
        Span<char> base64 = stackalloc char[28];
        Convert.TryToBase64Chars(hash, base64, out _);
        base64[..27].CopyTo(tag[at..]);
        at += 27;
        tag[at++] = '"';
        return new string(tag[..at]);
    }
}
