using System;
using System.IO;
using System.Text;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace FlowGen.Runtime;

/// <summary>
/// Node-RED's http in node: turns the request into the message a flow starts with. GET's payload is the query;
/// other methods' payload is the body, parsed as Node-RED's body parsers decide from the content type.
/// A body the parser rejects is answered 400 (413 over the size limit) and the flow does not run.
/// </summary>
public static class HttpInNode
{
    public static async Task<FlowMessage?> ReceiveAsync(HttpContext http, FlowHost host, HttpInOptions options, FlowNodeInfo node)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        var exchange = new FlowExchange(http, host);
        object? payload;
        if (options.Method == "get")
        {
            payload = QueryString.Parse(http.Request.QueryString.Value);
        }
        else
        {
            var body = await BodyParser.ParseAsync(http, options, host.Options).ConfigureAwait(false);
            if (body.Rejected is { } rejection)
            {
                FlowLog.BodyRejected(host.Logger, node.ToString(), rejection.Reason, exchange.RequestId);
                await WriteRejectionAsync(http, rejection, exchange.RequestId).ConfigureAwait(false);
                return null;
            }
            payload = body.Value;
        }

        var msg = new FlowMessage(exchange);
        msg["_msgid"] = MessageId();
        msg["req"] = new FlowRequest(http, options, options.Method == "get" ? JsUndefined.Value : payload);
        msg["payload"] = payload;
        return msg;
    }

    private static string MessageId() => Convert.ToHexStringLower(BitConverter.GetBytes(Random.Shared.NextInt64()));

    /// <summary>400 or 413 with a problem body that says what is wrong with the request.</summary>
    private static Task WriteRejectionAsync(HttpContext http, BodyRejection rejection, string requestId)
    {
        var response = http.Response;
        response.StatusCode = rejection.Status;
        var problem = new JsObject
        {
            ["type"] = rejection.Status == StatusCodes.Status413PayloadTooLarge ? "https://tools.ietf.org/html/rfc9110#section-15.5.14" : "https://tools.ietf.org/html/rfc9110#section-15.5.1",
            ["title"] = rejection.Status == StatusCodes.Status413PayloadTooLarge ? "Payload Too Large" : "Bad Request",
            ["status"] = (double)rejection.Status,
            ["detail"] = rejection.Reason,
            ["request-id"] = requestId,
        };
        var bytes = Encoding.UTF8.GetBytes(JsJson.Stringify(problem)!);
        response.ContentType = "application/problem+json; charset=utf-8";
        response.ContentLength = bytes.Length;
        return response.Body.WriteAsync(bytes, 0, bytes.Length, http.RequestAborted);
    }
}
