using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Text;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace FlowGen.Runtime;

/// <summary>
/// One HTTP request being answered by a flow. Every copy of the message shares it, so whichever copy reaches an
/// http response first answers; when the flow ends without an answer, FlowGen sends the automatic 500.
/// </summary>
public sealed class FlowExchange : IDisposable
{
    public const string RequestIdHeader = "request-id";

    public FlowExchange(HttpContext http, FlowHost host)
    {
        Http = http;
        Host = host;
        RequestId = http.TraceIdentifier;
        // Every response carries the id, so a client can quote it and an operator can find the logs.
        http.Response.Headers[RequestIdHeader] = RequestId;
    }

    public HttpContext Http { get; }

    private FlowNodeInfo? _flow;
    private Activity? _activity;
    private long _started;

    /// <summary>
    /// The flow starts for this request at its http in node: an Activity while it runs, and the request counted and
    /// timed when the answer is done (ASP.NET Core disposes the exchange at the end of the request).
    /// </summary>
    internal void Begin(FlowNodeInfo flow)
    {
        _flow = flow;
        _started = Stopwatch.GetTimestamp();
        _activity = FlowTelemetry.Source.StartActivity(flow.ActivityName);
        if (_activity is not null)
        {
            _activity.SetTag(FlowTelemetry.FlowTag, flow.Id);
            _activity.SetTag("flowgen.flow.file", flow.File);
            _activity.SetTag("flowgen.request_id", RequestId);
        }
        // Registering costs the server a callback list per request: only when someone listens to what Dispose records.
        if (_activity is not null || FlowTelemetry.Requests.Enabled || FlowTelemetry.Duration.Enabled)
        {
            Http.Response.RegisterForDispose(this);
        }
    }

    /// <summary>The request is over: the Activity ends, the request is counted with its status and timed.</summary>
    public void Dispose()
    {
        if (_flow is null) return;
        var flow = new KeyValuePair<string, object?>(FlowTelemetry.FlowTag, _flow.Id);
        var status = Http.Response.StatusCode;
        // Checked first: boxing the status tag costs an allocation per request even when nobody listens.
        if (FlowTelemetry.Requests.Enabled) FlowTelemetry.Requests.Add(1, flow, new KeyValuePair<string, object?>(FlowTelemetry.StatusTag, status));
        if (FlowTelemetry.Duration.Enabled) FlowTelemetry.Duration.Record(Stopwatch.GetElapsedTime(_started).TotalSeconds, flow);
        if (_activity is not null)
        {
            _activity.SetTag(FlowTelemetry.StatusTag, status);
            if (status >= 500) _activity.SetStatus(ActivityStatusCode.Error);
            _activity.Dispose();
        }
        _flow = null;
    }

    public FlowHost Host { get; }

    public string RequestId { get; }

    /// <summary>The link calls of this request waiting for their subroutine to return, by msg._linkSource entry id.</summary>
    internal System.Collections.Generic.Dictionary<string, FlowLinkCall> LinkCalls => _linkCalls ??= new(StringComparer.Ordinal);

    private System.Collections.Generic.Dictionary<string, FlowLinkCall>? _linkCalls;

    /// <summary>An http response node has answered.</summary>
    public bool Responded { get; private set; }

    /// <summary>Claims the response for one http response node; false when another already answered.</summary>
    internal bool TryClaimResponse()
    {
        if (Responded || Http.Response.HasStarted) return false;
        Responded = true;
        return true;
    }

    /// <summary>
    /// A node reported an error for this message that no catch node handles (generated code routes errors to the
    /// catch nodes in scope first), so it is logged; the client gets the automatic 500 when the flow ends without an
    /// answer.
    /// </summary>
    public ValueTask FailAsync(Exception error, FlowNodeInfo node, FlowMessage msg)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(node);
        _ = msg;
        var message = FlowError.MessageOf(error);
        FlowLog.UncaughtError(Host.Logger, node.ToString(), message, RequestId);
        FlowTelemetry.Errors.Add(1,
            new KeyValuePair<string, object?>(FlowTelemetry.FlowTag, _flow?.Id),
            new KeyValuePair<string, object?>(FlowTelemetry.NodeTag, node.Id));
        _activity?.AddEvent(new ActivityEvent("flow error", tags: new ActivityTagsCollection
        {
            [FlowTelemetry.NodeTag] = node.Id,
            ["exception.message"] = message,
        }));
        return default;
    }

    /// <summary>The flow has run: a request nobody answered gets the automatic 500 instead of hanging.</summary>
    public async Task CompleteAsync()
    {
        if (Responded || Http.Response.HasStarted || Http.RequestAborted.IsCancellationRequested) return;
        FlowLog.NoResponse(Host.Logger, RequestId);
        Responded = true;
        await WriteInternalServerErrorAsync(Http, RequestId).ConfigureAwait(false);
    }

    /// <summary>API Builder's answer to what only run time can find wrong: a 500 that leaks nothing.</summary>
    public static Task WriteInternalServerErrorAsync(HttpContext http, string requestId)
    {
        var response = http.Response;
        response.StatusCode = StatusCodes.Status500InternalServerError;
        response.ContentType = "application/json; charset=utf-8";
        var body = Encoding.UTF8.GetBytes("{\"success\":false,\"code\":500,\"request-id\":" + JsJson.Stringify(requestId) + ",\"message\":\"Internal Server Error\"}");
        response.ContentLength = body.Length;
        return response.Body.WriteAsync(body, 0, body.Length, http.RequestAborted);
    }
}
