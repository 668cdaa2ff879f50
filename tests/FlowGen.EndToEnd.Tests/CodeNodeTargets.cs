using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using FlowGen.Runtime;

namespace FlowGen.EndToEnd.Tests.Code;

/// <summary>Methods the csharp nodes of Flows/csharp-nodes.flow.json call.</summary>
public static class Pricing
{
    /// <summary>Typed arguments bound from message properties, a number returned.</summary>
    public static double Total(double price, int quantity) => price * quantity;

    /// <summary>Async, with the request's cancellation token.</summary>
    public static async Task<string> GreetAsync(string name, CancellationToken cancellationToken)
    {
        await Task.Delay(1, cancellationToken);
        return "Hello, " + name;
    }

    /// <summary>The message itself, changed in place; nothing returned.</summary>
    public static void Stamp(FlowMessage msg) => msg["stamped"] = "yes";

    /// <summary>A method that fails: a flow error.</summary>
    public static ValueTask<JsObject> Fail(string? reason) => throw new InvalidOperationException(reason ?? "no reason");
}

/// <summary>An instance method resolved from dependency injection (registered by the test host).</summary>
public sealed class Inventory
{
    private readonly Dictionary<string, int> _stock = new() { ["apple"] = 3, ["pear"] = 0 };

    public int? Count(string sku) => _stock.TryGetValue(sku, out var count) ? count : null;
}

/// <summary>What the status node of Flows/status-request.flow.json reports, recorded by a csharp node on its path.</summary>
public static class StatusRecorder
{
    private static readonly System.Collections.Concurrent.ConcurrentQueue<string> Seen = new();

    public static void Record(FlowMessage msg) => Seen.Enqueue(JsJson.Stringify(msg["status"]) ?? "undefined");

    public static string[] Take()
    {
        var taken = new List<string>();
        while (Seen.TryDequeue(out var status)) taken.Add(status);
        return taken.ToArray();
    }
}

/// <summary>Where the flow's code runs, as a stack trace shows it (Flows/stack-trace.flow.json).</summary>
public static class StackProbe
{
    /// <summary>The first frame that maps into a flow file: "file:line".</summary>
    public static string Where()
    {
        foreach (var frame in new System.Diagnostics.StackTrace(fNeedFileInfo: true).GetFrames())
        {
            var file = frame.GetFileName();
            if (file is not null && file.EndsWith(".flow.json", StringComparison.Ordinal))
            {
                return System.IO.Path.GetFileName(file) + ":" + frame.GetFileLineNumber().ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
        }
        return "no frame in a flow file";
    }
}
