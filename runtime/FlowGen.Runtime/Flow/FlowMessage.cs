namespace FlowGen.Runtime;

/// <summary>
/// The message that travels through a flow: a JavaScript object (payload, req, statusCode, headers, ...)
/// bound to the HTTP exchange it answers.
/// </summary>
public sealed class FlowMessage : JsObject
{
    public FlowMessage(FlowExchange exchange) => Exchange = exchange;

    /// <summary>The request this message can answer (Node-RED's msg.res), shared by every copy.</summary>
    public FlowExchange Exchange { get; }

    /// <summary>A deep copy, as RED.util.cloneMessage makes it: everything copied except msg.req and msg.res.</summary>
    public FlowMessage Clone()
    {
        var copy = new FlowMessage(Exchange);
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
