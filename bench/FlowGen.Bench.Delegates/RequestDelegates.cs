using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using FlowGen.Bench.HandWritten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;

namespace FlowGen.Bench.Delegates;

/// <summary>
/// One request of a scenario through the endpoint's RequestDelegate, as routing calls it: FlowGen's generated endpoint,
/// the hand-written one (behind its request-id middleware), and an empty delegate that measures the in-memory
/// context itself (subtracted in the report).
/// </summary>
public class RequestDelegates
{
    private WebApplication? _flowGenApp;
    private WebApplication? _handWrittenApp;
    private RequestDelegate _flowGen = null!;
    private RequestDelegate _handWritten = null!;
    private InMemoryRequest _flowGenRequest = null!;
    private InMemoryRequest _handWrittenRequest = null!;
    private InMemoryRequest _contextRequest = null!;

    [ParamsSource(nameof(Scenarios))]
    public string Scenario { get; set; } = "";

    public static IEnumerable<string> Scenarios() => Setup.Scenarios.Select(s => s.Name);

    [GlobalSetup]
    public void GlobalSetup()
    {
        var scenario = Setup.Scenarios.Single(s => s.Name == Scenario);
        _flowGenApp = Setup.App();
        _flowGenApp.MapFlows();
        _handWrittenApp = Setup.App();
        _handWrittenApp.MapHandWritten();
        _flowGen = Endpoint(_flowGenApp, scenario.Request);
        var handWritten = Endpoint(_handWrittenApp, scenario.Request);
        _handWritten = http => HandWrittenEndpoints.AddRequestId(http, handWritten);
        _flowGenRequest = new InMemoryRequest(scenario.Request, _flowGenApp.Services);
        _handWrittenRequest = new InMemoryRequest(scenario.Request, _handWrittenApp.Services);
        _contextRequest = new InMemoryRequest(scenario.Request, _flowGenApp.Services);

        // Both must give the scenario's answer, or the comparison means nothing.
        foreach (var (name, request, handler) in new[] { ("FlowGen", _flowGenRequest, _flowGen), ("hand-written", _handWrittenRequest, _handWritten) })
        {
            Invoke(request, handler).GetAwaiter().GetResult();
            var body = Encoding.UTF8.GetString(request.ResponseBody.ToArray());
            if (request.StatusCode != scenario.Expect.Status || body != scenario.Expect.Body)
            {
                throw new InvalidOperationException($"the {name} endpoint answers {Scenario} with {request.Describe()}");
            }
        }
    }

    [GlobalCleanup]
    public void GlobalCleanup()
    {
        _flowGenApp?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _handWrittenApp?.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Description = "FlowGen")]
    public Task FlowGen() => Invoke(_flowGenRequest, _flowGen);

    [Benchmark(Description = "hand-written")]
    public Task HandWritten() => Invoke(_handWrittenRequest, _handWritten);

    [Benchmark(Description = "context only")]
    public Task ContextOnly() => Invoke(_contextRequest, static _ => Task.CompletedTask);

    private static async Task Invoke(InMemoryRequest request, RequestDelegate handler)
    {
        var http = request.Create();
        await handler(http);
        await request.CompleteAsync();
    }

    /// <summary>The RequestDelegate routing would call for this request: the endpoint with its path and method.</summary>
    private static RequestDelegate Endpoint(WebApplication app, BenchRequest request)
    {
        var path = request.Path.Split('?')[0];
        var endpoints = ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>();
        var endpoint = endpoints.Single(e =>
            "/" + (e.RoutePattern.RawText ?? "").Trim('/') == path
            && e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains(request.Method) == true);
        return endpoint.RequestDelegate ?? throw new InvalidOperationException("no request delegate for " + path);
    }
}
