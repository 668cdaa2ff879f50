using System;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FlowGen.EndToEnd.Tests;

/// <summary>
/// Inbound request timeouts as docs/configuration.md shows them: ASP.NET Core's request timeouts middleware, applied
/// to the flow endpoints through the MapFlows() builder.
/// </summary>
public sealed class RequestTimeoutTests
{
    private static async Task<WebApplication> StartAsync(Action<WebApplication> map)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddRequestTimeouts(o =>
        {
            o.AddPolicy("short", TimeSpan.FromSeconds(2));
            o.AddPolicy("long", TimeSpan.FromSeconds(20));
        });
        var app = builder.Build();
        app.UseRequestTimeouts();
        map(app);
        await app.StartAsync();
        return app;
    }

    /// <summary>Flows/http-request.flow.json's POST /hr/obj calls the URL in the body and answers with the result.</summary>
    private static StringContent Call(string url) =>
        new(JsonSerializer.Serialize(new { url, method = "get" }), Encoding.UTF8, "application/json");

    private static async Task WaitForAbortAsync(LoopbackUpstream upstream)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (upstream.AbortedSlowCalls == 0 && DateTime.UtcNow < deadline) await Task.Delay(20);
    }

    [Fact]
    public async Task A_timeout_on_MapFlows_answers_504_and_cancels_the_flow_s_outbound_call()
    {
        await using var upstream = await LoopbackUpstream.StartAsync();
        await using var app = await StartAsync(a => a.MapFlows().WithRequestTimeout(TimeSpan.FromSeconds(3)));
        var client = app.GetTestClient();

        var fast = await client.PostAsync("/hr/obj", Call(upstream.BaseUrl + "/echo/fast"));
        Assert.Equal(HttpStatusCode.OK, fast.StatusCode);

        // Without the timeout the flow would wait the upstream's 30 s and answer 200.
        var slow = await client.PostAsync("/hr/obj", Call(upstream.BaseUrl + "/slow/30000"));
        Assert.Equal(HttpStatusCode.GatewayTimeout, slow.StatusCode);
        await WaitForAbortAsync(upstream);
        Assert.Equal(1, upstream.AbortedSlowCalls);
    }

    [Fact]
    public async Task A_named_policy_on_one_flow_endpoint_leaves_the_others_without_a_timeout()
    {
        await using var upstream = await LoopbackUpstream.StartAsync();
        await using var app = await StartAsync(a => a.MapFlows().PostHrTxt.WithRequestTimeout("short"));
        var client = app.GetTestClient();

        var limited = await client.PostAsync("/hr/txt", Call(upstream.BaseUrl + "/slow/30000"));
        Assert.Equal(HttpStatusCode.GatewayTimeout, limited.StatusCode);
        await WaitForAbortAsync(upstream);

        // Over the policy's 2 s, and answered: the policy is on /hr/txt only.
        var unlimited = await client.PostAsync("/hr/obj", Call(upstream.BaseUrl + "/slow/2500"));
        Assert.Equal(HttpStatusCode.OK, unlimited.StatusCode);
    }

    [Fact]
    public async Task The_timeout_on_all_flow_endpoints_is_not_lifted_by_a_longer_one_on_a_single_endpoint()
    {
        await using var upstream = await LoopbackUpstream.StartAsync();
        await using var app = await StartAsync(a =>
        {
            var flows = a.MapFlows();
            flows.WithRequestTimeout(TimeSpan.FromSeconds(1));
            flows.PostHrTxt.WithRequestTimeout("long");
        });
        var client = app.GetTestClient();

        // The 1 s set on every flow endpoint applies here too, not this endpoint's 20 s.
        var response = await client.PostAsync("/hr/txt", Call(upstream.BaseUrl + "/slow/2500"));
        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
    }
}
