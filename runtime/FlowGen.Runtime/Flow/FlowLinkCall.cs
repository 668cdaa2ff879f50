using System;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Threading.Tasks;

namespace FlowGen.Runtime;

/// <summary>
/// One link call in progress (Node-RED's link call node, 60-link.js). The call pushes {id, node} onto
/// msg._linkSource and runs the target link in's flow directly; a link out in return mode pops the entry and
/// hands the message back, and it continues on the link call's output.
/// <para>
/// FlowGen runs a flow depth first, so a subroutine's return happens during the call or never. A call that ends
/// without any return raises the catchable "timeout" error right away, with the copy of the message taken at the
/// call (Node-RED raises it when the timeout expires). A return that comes after the configured timeout still
/// continues on the output, after the "timeout" error, as in Node-RED.
/// </para>
/// </summary>
public sealed class FlowLinkCall
{
    private readonly FlowExchange _exchange;
    private readonly string _id;
    private readonly long _started;
    private readonly double _timeoutMs;
    private readonly FlowMessage _atCall;
    private readonly Func<FlowMessage, ValueTask> _continue;
    private readonly Func<Exception, FlowMessage, ValueTask> _reportError;
    private bool _settled;

    private FlowLinkCall(FlowExchange exchange, string id, double timeoutMs, FlowMessage atCall, Func<FlowMessage, ValueTask> onReturn, Func<Exception, FlowMessage, ValueTask> reportError)
    {
        _exchange = exchange;
        _id = id;
        _started = Stopwatch.GetTimestamp();
        _timeoutMs = timeoutMs;
        _atCall = atCall;
        _continue = onReturn;
        _reportError = reportError;
    }

    /// <summary>How many times the subroutine returned to this call.</summary>
    public int Returns { get; private set; }

    /// <summary>
    /// Starts a call: msg._linkSource = msg._linkSource || [], a copy of the message kept for the timeout error, then
    /// {id, node} pushed. <paramref name="onReturn"/> sends a returned message on the link call's output;
    /// <paramref name="reportError"/> reports the link call's errors (to its catch nodes).
    /// </summary>
    public static FlowLinkCall Begin(FlowMessage msg, FlowNodeInfo node, double timeoutMs, Func<FlowMessage, ValueTask> onReturn, Func<Exception, FlowMessage, ValueTask> reportError)
    {
        ArgumentNullException.ThrowIfNull(msg);
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(onReturn);
        ArgumentNullException.ThrowIfNull(reportError);
        var stack = msg["_linkSource"];
        if (!Js.ToBoolean(stack))
        {
            stack = new JsArray();
            msg["_linkSource"] = stack;
        }
        if (stack is not JsArray entries) throw new JsTypeError("msg._linkSource.push is not a function");
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(14));
        var call = new FlowLinkCall(msg.Exchange, id, timeoutMs, msg.Clone(), onReturn, reportError);
        entries.Add(new JsObject { ["id"] = id, ["node"] = node.Id });
        msg.Exchange.LinkCalls[id] = call;
        return call;
    }

    /// <summary>
    /// The call has run. Without any return no return can come any more: the "timeout" error, with the message as it
    /// was at the call.
    /// </summary>
    public ValueTask EndAsync()
    {
        _exchange.LinkCalls.Remove(_id);
        if (_settled) return default;
        _settled = true;
        return _reportError(new FlowError("timeout"), _atCall);
    }

    /// <summary>
    /// A link out in return mode: pops msg._linkSource (deleting it when empty) and continues on the output of the
    /// link call that pushed the entry. Without one, Node-RED warns "Missing return node information" and drops the
    /// message.
    /// </summary>
    public static async ValueTask ReturnAsync(FlowMessage msg, FlowNodeInfo node)
    {
        ArgumentNullException.ThrowIfNull(msg);
        ArgumentNullException.ThrowIfNull(node);
        if (msg["_linkSource"] is not JsArray { Count: > 0 } stack)
        {
            FlowLog.MissingReturn(msg.Exchange.Host.Logger, node.ToString(), msg.Exchange.RequestId);
            return;
        }
        var entry = stack[^1];
        stack.RemoveAt(stack.Count - 1);
        var id = entry is JsObject e ? e["id"] : null;
        if (id is not string key || !msg.Exchange.LinkCalls.TryGetValue(key, out var call))
        {
            FlowLog.MissingReturn(msg.Exchange.Host.Logger, node.ToString(), msg.Exchange.RequestId);
            return;
        }
        if (stack.Count == 0) msg.Remove("_linkSource");
        await call.ReturnedAsync(msg).ConfigureAwait(false);
    }

    private async ValueTask ReturnedAsync(FlowMessage msg)
    {
        Returns++;
        if (!_settled)
        {
            _settled = true;
            // Node-RED's timer would have fired before this return arrived.
            if (Stopwatch.GetElapsedTime(_started).TotalMilliseconds >= _timeoutMs) await _reportError(new FlowError("timeout"), _atCall).ConfigureAwait(false);
        }
        await _continue(msg).ConfigureAwait(false);
    }

    /// <summary>The error of a dynamic link call whose msg.target names no link in node.</summary>
    public static FlowError NotFound(object? target) =>
        new("Error: target link-in node '" + (Js.ToBoolean(target) ? Js.ToJsString(target) : "") + "' not found");

    /// <summary>The error of a dynamic link call whose msg.target names several link in nodes.</summary>
    public static FlowError Ambiguous(string name) => new("Error: Multiple link-in nodes named '" + name + "' found");
}
