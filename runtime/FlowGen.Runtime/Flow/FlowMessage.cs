namespace FlowGen.Runtime;

/// <summary>
/// The message that travels through a flow: a JavaScript object (payload, req, statusCode, headers, ...)
/// bound to the HTTP exchange it answers.
/// </summary>
public sealed class FlowMessage : JsObject
{
    // Room for _msgid, req, payload and what a flow typically adds (statusCode, headers, cookies, ...); a message
    // through an http request node (six more keys) grows once.
    private const int TypicalKeys = 6;

    public FlowMessage(FlowExchange exchange)
        : base(TypicalKeys)
    {
        Exchange = exchange;
    }

    /// <summary>A message with no msg.req/msg.res (a status node's): it shares the exchange for logging only.</summary>
    public FlowMessage(FlowExchange exchange, bool detached)
        : base(TypicalKeys)
    {
        Exchange = exchange;
        Detached = detached;
    }

    /// <summary>The message carries no msg.res: an http response given it answers nothing.</summary>
    public bool Detached { get; }

    /// <summary>The request this message can answer (Node-RED's msg.res), shared by every copy.</summary>
    public FlowExchange Exchange { get; }

    /// <summary>A deep copy, as RED.util.cloneMessage makes it: everything copied except msg.req and msg.res.</summary>
    public FlowMessage Clone()
    {
        var copy = new FlowMessage(Exchange, Detached);
        foreach (var (key, value) in Entries)
        {
            copy[key] = key is "req" or "res" ? value : Js.DeepClone(value);
        }
        return copy;
    }

    /// <summary>For fan-out: the first delivery gets this message, every later one a copy.</summary>
    public FlowMessage Take(ref bool first)
    {
        if (!first) return Clone();
        first = false;
        return this;
    }
}
