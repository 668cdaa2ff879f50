using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using FlowGen.Runtime;

namespace FlowGen.EndToEnd.Tests;

/// <summary>Flow executions are traced and measured under FlowGen.Flows, for listeners that subscribe.</summary>
[Collection(FlowHostCollection.Name)]
public sealed class TelemetryTests(FlowTestHost host)
{
    [Fact]
    public async Task Each_request_a_flow_answers_is_an_activity_with_the_flow_and_the_status()
    {
        var activities = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == FlowTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activities.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);

        var response = await host.Client.GetAsync("/response/bad-status");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        await Eventually(() => activities.Any(a => (string?)a.GetTagItem("flowgen.flow") == "resp_bad_in"));
        var activity = Assert.Single(activities, a => (string?)a.GetTagItem("flowgen.flow") == "resp_bad_in");
        Assert.Equal("flow bad status", activity.DisplayName);
        Assert.Equal(500, activity.GetTagItem("http.response.status_code"));
        Assert.Equal(ActivityStatusCode.Error, activity.Status);
        var error = Assert.Single(activity.Events);
        Assert.Equal("resp_bad_out", error.Tags.Single(t => t.Key == "flowgen.node").Value);
    }

    [Fact]
    public async Task Requests_errors_and_durations_are_measured_per_flow()
    {
        var measurements = new ConcurrentQueue<(string Instrument, double Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == FlowTelemetry.Name) l.EnableMeasurementEvents(instrument);
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            measurements.Enqueue((instrument.Name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value))));
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
            measurements.Enqueue((instrument.Name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value))));
        listener.Start();

        await host.Client.GetAsync("/hello?x=1");
        await host.Client.GetAsync("/response/bad-status");

        bool Of(Dictionary<string, object?> tags, string flow) => Equals(tags.GetValueOrDefault("flowgen.flow"), flow);
        await Eventually(() => measurements.Count(m => m.Instrument == "flowgen.flow.requests" && (Of(m.Tags, "hello_in") || Of(m.Tags, "resp_bad_in"))) >= 2);
        Assert.Contains(measurements, m => m.Instrument == "flowgen.flow.requests" && Of(m.Tags, "hello_in") && Equals(m.Tags["http.response.status_code"], 200));
        Assert.Contains(measurements, m => m.Instrument == "flowgen.flow.requests" && Of(m.Tags, "resp_bad_in") && Equals(m.Tags["http.response.status_code"], 500));
        Assert.Contains(measurements, m => m.Instrument == "flowgen.flow.errors" && Of(m.Tags, "resp_bad_in") && Equals(m.Tags["flowgen.node"], "resp_bad_out"));
        Assert.Contains(measurements, m => m.Instrument == "flowgen.flow.duration" && Of(m.Tags, "hello_in") && m.Value >= 0);
        Assert.DoesNotContain(measurements, m => m.Instrument == "flowgen.flow.errors" && Of(m.Tags, "hello_in"));
    }

    /// <summary>The request is counted when ASP.NET Core ends it, which can be just after the client has the answer.</summary>
    private static async Task Eventually(System.Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++) await Task.Delay(20);
    }
}
