using System;
using System.Text;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace FlowGen.Runtime;

/// <summary>
/// Node-RED's http in node: turns the request into the message a flow starts with
/// ({_msgid, req, payload}). GET's payload is req.query; other methods' payload is the body, parsed as Node-RED's
/// body parsers decide from the content type. A body the parsers reject is answered 400 (413 over a limit, 415 for
/// a charset or encoding that cannot be read) and the flow does not run; so is a route parameter that does not
/// URL-decode, as Express answers it.
/// </summary>
public static class HttpInNode
{
    public static async Task<FlowMessage?> ReceiveAsync(HttpContext http, FlowHost host, HttpInOptions options, FlowNodeInfo node)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(node);
        if (options.TrailingWildcard is { } wildcard && http.Request.RouteValues[wildcard] is null or "" && !(http.Request.Path.Value ?? "").EndsWith('/'))
        {
            // "/a" on an Express "/a/*" route: no route matched, the host's 404.
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return null;
        }
        var exchange = new FlowExchange(http, host);
        exchange.Begin(node);

        if (!FlowRequest.TryDecodeParams(http, options, out var parameters, out var paramError))
        {
            await RejectAsync(http, host, node, exchange, new BodyRejection(StatusCodes.Status400BadRequest, paramError!)).ConfigureAwait(false);
            return null;
        }

        object? payload;
        FlowRequest request;
        if (options.Method == "get")
        {
            // Express never reads a GET body; the payload is req.query itself (the same object).
            var query = QueryString.Parse(RequestTarget.QueryOf(http.Request));
            payload = query;
            request = new FlowRequest(http, options, JsUndefined.Value, query, parameters);
        }
        else
        {
            var body = await BodyParser.ParseAsync(http, options, host.Options).ConfigureAwait(false);
            if (body.Rejected is { } rejection)
            {
                await RejectAsync(http, host, node, exchange, rejection).ConfigureAwait(false);
                return null;
            }
            payload = body.Value;
            request = new FlowRequest(http, options, payload, null, parameters, body.Files);
        }

        var msg = new FlowMessage(exchange);
        msg["_msgid"] = MessageId();
        msg["req"] = request;
        msg["payload"] = payload;
        return msg;
    }

    /// <summary>RED.util.generateId(): 8 random bytes as 16 hex digits.</summary>
    private static string MessageId() => Convert.ToHexStringLower(BitConverter.GetBytes(Random.Shared.NextInt64()));

    private static Task RejectAsync(HttpContext http, FlowHost host, FlowNodeInfo node, FlowExchange exchange, BodyRejection rejection)
    {
        FlowLog.BodyRejected(host.Logger, node.ToString(), rejection.Reason, exchange.RequestId);
        return WriteRejectionAsync(http, rejection, exchange.RequestId);
    }

    /// <summary>The status with a problem body that says what is wrong with the request.</summary>
    private static Task WriteRejectionAsync(HttpContext http, BodyRejection rejection, string requestId)
    {
        var response = http.Response;
        response.StatusCode = rejection.Status;
        var (type, title) = rejection.Status switch
        {
            StatusCodes.Status413PayloadTooLarge => ("https://tools.ietf.org/html/rfc9110#section-15.5.14", "Payload Too Large"),
            StatusCodes.Status415UnsupportedMediaType => ("https://tools.ietf.org/html/rfc9110#section-15.5.16", "Unsupported Media Type"),
            _ => ("https://tools.ietf.org/html/rfc9110#section-15.5.1", "Bad Request"),
        };
        var problem = new JsObject
        {
            ["type"] = type,
            ["title"] = title,
            ["status"] = (double)rejection.Status,
            ["detail"] = rejection.Reason,
            ["request-id"] = requestId,
        };
        var bytes = Encoding.UTF8.GetBytes(JsJson.Stringify(problem)!);
        response.ContentType = "application/problem+json; charset=utf-8";
        response.ContentLength = bytes.Length;
        if (HttpMethods.IsHead(http.Request.Method)) return Task.CompletedTask;
        return response.Body.WriteAsync(bytes, 0, bytes.Length, http.RequestAborted);
    }
}
