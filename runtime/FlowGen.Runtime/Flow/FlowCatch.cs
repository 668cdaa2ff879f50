using System;
using Microsoft.Extensions.Logging;

namespace FlowGen.Runtime;

/// <summary>
/// The run-time half of catch routing. Which catch nodes answer a node's errors is decided at build time (Node-RED's
/// Flow.handleError order: group distance, then scoped before unscoped before uncaught); generated code asks this
/// class for the messages to give them.
/// </summary>
public static class FlowCatch
{
    /// <summary>Node-RED stops routing a message's errors from one node to catch nodes at the tenth time.</summary>
    public const int MaxCatches = 10;

    /// <summary>
    /// The messages for <paramref name="catches"/> catch nodes: each a clone of <paramref name="msg"/> with
    /// msg.error = {message, source:{id, type, name, count}, code?} (an earlier msg.error moves to msg._error). All
    /// clones are taken before any catch runs. Null when the loop guard stops the error: it is then logged as
    /// uncaught, as Node-RED does.
    /// </summary>
    public static FlowMessage[]? Messages(Exception error, FlowNodeInfo node, FlowMessage msg, int catches)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(msg);
        if (Count(msg, node) is not { } count)
        {
            var logger = msg.Exchange.Host.Logger;
            FlowLog.CatchLoop(logger, node.ToString(), msg.Exchange.RequestId);
            FlowLog.UncaughtError(logger, node.ToString(), FlowError.MessageOf(error), msg.Exchange.RequestId);
            return null;
        }
        var messages = new FlowMessage[catches];
        for (var i = 0; i < catches; i++)
        {
            var copy = msg.Clone();
            if (copy.ContainsKey("error")) copy["_error"] = copy["error"];
            copy["error"] = ErrorValue(error, node, count);
            messages[i] = copy;
        }
        return messages;
    }

    /// <summary>
    /// msg.error.source.count for this error: one more than the message's earlier error from the same node, else 1;
    /// null when that reaches <see cref="MaxCatches"/>.
    /// </summary>
    public static object? Count(JsObject msg, FlowNodeInfo node)
    {
        ArgumentNullException.ThrowIfNull(msg);
        ArgumentNullException.ThrowIfNull(node);
        object count = 1d;
        if (msg.TryGetValue("error", out var previous) && Js.ToBoolean(previous) && previous is JsObject earlier
            && earlier.TryGetValue("source", out var source) && Js.ToBoolean(source)
            && source is JsObject from && from["id"] is string id && id == node.Id)
        {
            // JavaScript's msg.error.source.count + 1.
            var before = from["count"];
            count = before switch
            {
                string s => s + "1",
                _ => Js.ToNumber(before) + 1,
            };
            if (count is double d && d == MaxCatches) return null;
        }
        return count;
    }

    /// <summary>The msg.error object Node-RED builds: message is String(err), code copied when the error has one.</summary>
    public static JsObject ErrorValue(Exception error, FlowNodeInfo node, object count)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(node);
        var source = new JsObject
        {
            ["id"] = node.Id,
            ["type"] = node.Type,
            // Node-RED sets node.name only when the node has one.
            ["name"] = node.Name.Length > 0 ? node.Name : JsUndefined.Value,
            ["count"] = count,
        };
        var value = new JsObject
        {
            ["message"] = FlowError.MessageOf(error),
            ["source"] = source,
        };
        if (FlowError.CodeOf(error) is { } code) value["code"] = code;
        return value;
    }
}
