using System;

namespace FlowGen.Runtime;

/// <summary>
/// The run-time half of status and complete routing: which status and complete nodes hear of a node is decided at
/// build time (FlowRouting); generated code asks this class for the messages to give them.
/// </summary>
public static class FlowStatus
{
    /// <summary>
    /// A new message {status:{fill, shape, text, source:{id, type, name}}} for a status node (Node-RED's
    /// Flow.handleStatus). It has no req/res: it cannot answer the request (an http response given it answers nothing).
    /// Null fill, shape or text are left out, as node.status({}) clears.
    /// </summary>
    public static FlowMessage Message(FlowMessage from, FlowNodeInfo node, string? fill, string? shape, string? text)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(node);
        var status = new JsObject();
        if (fill is not null) status["fill"] = fill;
        if (shape is not null) status["shape"] = shape;
        if (text is not null) status["text"] = text;
        status["source"] = Source(node);
        return new FlowMessage(from.Exchange, detached: true) { ["status"] = status };
    }

    /// <summary>
    /// A copy of the message a node finished with, with msg.complete = {source:{id, type, name}}, for a complete node
    /// (Node-RED's Flow.handleComplete). It keeps req/res and can answer the request.
    /// </summary>
    public static FlowMessage Completed(FlowMessage msg, FlowNodeInfo node)
    {
        ArgumentNullException.ThrowIfNull(msg);
        ArgumentNullException.ThrowIfNull(node);
        var copy = msg.Clone();
        copy["complete"] = new JsObject { ["source"] = Source(node) };
        return copy;
    }

    /// <summary>An http request's failure status text: Node-RED's no-response key for timeouts, else err.code.</summary>
    public static string? ErrorText(Exception? error)
    {
        var code = error is null ? null : FlowError.CodeOf(error);
        return code is "ETIMEDOUT" or "ESOCKETTIMEDOUT" ? "common.notification.errors.no-response" : code;
    }

    private static JsObject Source(FlowNodeInfo node) => new()
    {
        ["id"] = node.Id,
        ["type"] = node.Type,
        ["name"] = node.Name.Length > 0 ? node.Name : JsUndefined.Value,
    };
}
