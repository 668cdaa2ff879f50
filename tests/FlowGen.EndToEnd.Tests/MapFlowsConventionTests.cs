using System.Linq;
using System.Net;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FlowGen.EndToEnd.Tests;

public sealed class MapFlowsConventionTests
{
    private sealed record Marker(string Value);

    private static async Task<WebApplication> StartAsync(System.Action<WebApplication> map, System.Action<IServiceCollection>? services = null)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        services?.Invoke(builder.Services);
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        return app;
    }

    [Fact]
    public async Task A_route_group_gives_every_flow_a_prefix()
    {
        await using var app = await StartAsync(a => a.MapGroup("/api").MapFlows());
        var client = app.GetTestClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/hello")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/hello")).StatusCode);
    }

    [Fact]
    public async Task Conventions_on_MapFlows_apply_to_every_flow_endpoint()
    {
        await using var app = await StartAsync(
            a =>
            {
                a.UseAuthentication();
                a.UseAuthorization();
                a.MapFlows().RequireAuthorization();
            },
            s => s.AddAuthorization().AddAuthentication("none").AddScheme<AuthenticationSchemeOptions, NoAuthentication>("none", null));
        var client = app.GetTestClient();

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/hello")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/response/query")).StatusCode);
    }

    [Fact]
    public async Task Each_endpoint_is_a_named_property_for_conventions_on_one()
    {
        await using var app = await StartAsync(a => a.MapFlows().Hello.WithMetadata(new Marker("only hello")));
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();

        var hello = Assert.Single(endpoints, e => e.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName == "Hello");
        Assert.Equal("only hello", hello.Metadata.GetMetadata<Marker>()?.Value);
        Assert.All(endpoints.Where(e => e != hello), e => Assert.Null(e.Metadata.GetMetadata<Marker>()));
    }

    /// <summary>An authentication handler that never authenticates, so RequireAuthorization answers 401.</summary>
    private sealed class NoAuthentication(
        Microsoft.Extensions.Options.IOptionsMonitor<AuthenticationSchemeOptions> options,
        ILoggerFactory logger,
        System.Text.Encodings.Web.UrlEncoder encoder) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        protected override Task<AuthenticateResult> HandleAuthenticateAsync() => Task.FromResult(AuthenticateResult.NoResult());
    }
}
