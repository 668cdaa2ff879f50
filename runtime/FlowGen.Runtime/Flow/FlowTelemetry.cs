using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace FlowGen.Runtime;

/// <summary>
/// Tracing and metrics of flow executions, under the name "FlowGen.Flows": an Activity per request a flow answers,
/// and the counters and histogram below. Nothing is recorded unless a listener (OpenTelemetry, dotnet-counters, ...)
/// subscribes; outbound calls of http request nodes are traced by HttpClient's own instrumentation.
/// </summary>
public static class FlowTelemetry
{
    /// <summary>The ActivitySource and Meter name to subscribe to.</summary>
    public const string Name = "FlowGen.Flows";

    internal static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    /// <summary>Requests answered by a flow, tagged with the flow (its http in node) and the status code.</summary>
    internal static readonly Counter<long> Requests = Meter.CreateCounter<long>(
        "flowgen.flow.requests", unit: "{request}", description: "Requests answered by a flow");

    /// <summary>Node errors no catch node handled, tagged with the flow and the node.</summary>
    internal static readonly Counter<long> Errors = Meter.CreateCounter<long>(
        "flowgen.flow.errors", unit: "{error}", description: "Node errors no catch node handled");

    /// <summary>How long a flow took from the request to the end of its answer, tagged with the flow.</summary>
    internal static readonly Histogram<double> Duration = Meter.CreateHistogram<double>(
        "flowgen.flow.duration", unit: "s", description: "Duration of flow executions");

    internal const string FlowTag = "flowgen.flow";
    internal const string NodeTag = "flowgen.node";
    internal const string StatusTag = "http.response.status_code";
}
