using System;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace FlowGen.Runtime;

/// <summary>
/// Node-RED's http in node: turns the request into the message a flow starts with
/// ({_msgid, req, payload}). GET's payload is req.query; other methods' payload is the body, parsed as Node-RED's
/// body parsers decide from the content type. A body the parsers reject is answered 400 (413 over a limit, 415 for
/// a charset or encoding that cannot be read) and the flow does not run; so is a route parameter that does not
/// URL-decode, as Express answers it. A node bound to an OpenAPI operation also refuses a body of a media type the
/// operation does not declare (415) and a request that violates the operation's contract (400, with every violation
/// listed); the flow then sees the parameters and form fields with the types the contract gives them.
/// </summary>
public static class HttpInNode
{
    public static ValueTask<FlowMessage?> ReceiveAsync(HttpContext http, FlowHost host, HttpInOptions options, FlowNodeInfo node, RequestContract? contract = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(node);
        if (options.TrailingWildcard is { } wildcard && http.Request.RouteValues[wildcard] is null or "" && !(http.Request.Path.Value ?? "").EndsWith('/'))
        {
            // "/a" on an Express "/a/*" route: no route matched, the host's 404.
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return new ValueTask<FlowMessage?>((FlowMessage?)null);
        }
        var exchange = new FlowExchange(http, host);
        // Begun here, outside any async method, so the flow's Activity stays current in the caller while the flow's
        // nodes run: an async method would restore the caller's Activity.Current when it returns, and outbound calls
        // would be traced beside the flow instead of inside it.
        exchange.Begin(node);
        return ReceiveAsync(http, host, options, node, contract, exchange);
    }

    // A ValueTask: a GET (or any request whose body is already buffered) completes synchronously, with no Task.
    private static async ValueTask<FlowMessage?> ReceiveAsync(HttpContext http, FlowHost host, HttpInOptions options, FlowNodeInfo node, RequestContract? contract, FlowExchange exchange)
    {
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
            RequestInput? typed = null;
            if (contract is not null)
            {
                typed = new RequestInput(http, parameters ?? FlowRequest.ParamsFromRouteValues(http, options), query, JsUndefined.Value, hasBody: false, declaredMediaType: null);
                if (!await ValidateAsync(http, host, node, exchange, contract, typed).ConfigureAwait(false)) return null;
                parameters = typed.Parameters;
            }
            payload = query;
            request = new FlowRequest(http, options, JsUndefined.Value, query, parameters, typed: typed);
        }
        else
        {
            string? declared = null;
            var hasBody = BodyParser.HasBody(http) && http.Request.ContentLength != 0;
            if (contract is not null && hasBody && contract.MatchMediaType(http.Request, out declared) is { } unsupported)
            {
                await RejectAsync(http, host, node, exchange, unsupported).ConfigureAwait(false);
                return null;
            }
            var body = await BodyParser.ParseAsync(http, options, host.Options).ConfigureAwait(false);
            if (body.Rejected is { } rejection)
            {
                await RejectAsync(http, host, node, exchange, rejection).ConfigureAwait(false);
                return null;
            }
            payload = body.Value;
            RequestInput? typed = null;
            if (contract is not null)
            {
                typed = new RequestInput(http, parameters ?? FlowRequest.ParamsFromRouteValues(http, options), null, payload, hasBody, declared);
                if (!await ValidateAsync(http, host, node, exchange, contract, typed).ConfigureAwait(false)) return null;
                parameters = typed.Parameters;
                payload = typed.Body;
            }
            request = new FlowRequest(http, options, payload, typed?.QueryIfParsed, parameters, body.Files, typed);
        }

        var msg = new FlowMessage(exchange);
        msg["_msgid"] = MessageId();
        msg["req"] = request;
        msg["payload"] = payload;
        return msg;
    }

    /// <summary>RED.util.generateId(): 8 random bytes as 16 hex digits.</summary>
    private static string MessageId()
    {
        Span<byte> bytes = stackalloc byte[8];
        Random.Shared.NextBytes(bytes);
        return Convert.ToHexStringLower(bytes);
    }

    private static Task RejectAsync(HttpContext http, FlowHost host, FlowNodeInfo node, FlowExchange exchange, BodyRejection rejection)
    {
        FlowLog.BodyRejected(host.Logger, node.ToString(), rejection.Reason, exchange.RequestId);
        return ProblemResponse.WriteAsync(http, rejection.Status, rejection.Reason, exchange.RequestId);
    }

    /// <summary>Checks the request against the operation; a violation is answered 400 with the list of what is wrong.</summary>
    private static async Task<bool> ValidateAsync(HttpContext http, FlowHost host, FlowNodeInfo node, FlowExchange exchange, RequestContract contract, RequestInput input)
    {
        var errors = new RequestErrors();
        if (contract.Validate(input, errors)) return true;
        var count = errors.Errors.Count;
        var detail = $"The request does not satisfy {contract.Operation}: "
            + (errors.Truncated ? $"the first {count} violations are listed." : count == 1 ? "1 violation." : $"{count} violations.");
        FlowLog.RequestRefused(host.Logger, node.ToString(), detail, exchange.RequestId);
        await ProblemResponse.WriteAsync(http, StatusCodes.Status400BadRequest, detail, exchange.RequestId, errors.Errors).ConfigureAwait(false);
        return false;
    }
}
