using System;
using System.Linq;
using System.Threading;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FlowGen.SampleApp.Tests;

/// <summary>A stand-in reviews service on a real loopback port: it answers, fails or stalls on request.</summary>
public sealed class ReviewsUpstream : IAsyncLifetime
{
    private WebApplication? _app;

    public string Url { get; private set; } = "";

    public int Calls;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapGet("/ok/reviews/{id}", (string id) =>
        {
            Interlocked.Increment(ref Calls);
            return Results.Json(new[] { new { stars = 5, text = "upstream review of " + id } });
        });
        _app.MapGet("/down/reviews/{id}", () =>
        {
            Interlocked.Increment(ref Calls);
            return Results.StatusCode(503);
        });
        _app.MapGet("/slow/reviews/{id}", async (HttpContext http) =>
        {
            Interlocked.Increment(ref Calls);
            await Task.Delay(TimeSpan.FromSeconds(10), http.RequestAborted);
            return Results.Ok();
        });
        await _app.StartAsync();
        Url = _app.Urls.First();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }
}

public sealed class ReviewsAndQuotesTests(WebApplicationFactory<Program> factory, ReviewsUpstream upstream)
    : IClassFixture<WebApplicationFactory<Program>>, IClassFixture<ReviewsUpstream>
{
    private HttpClient Client(string reviewsUrl) =>
        factory.WithWebHostBuilder(b => b.UseSetting("REVIEWS_URL", reviewsUrl)).CreateClient();

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    [Fact]
    public async Task Reviews_come_from_the_upstream_with_the_book_found_by_the_link_call()
    {
        var response = await Client(upstream.Url + "/ok").GetAsync("/books/b3/reviews");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Json(response);
        Assert.Equal("The Left Hand of Darkness", body.GetProperty("book").GetProperty("title").GetString());
        Assert.Equal("upstream review of b3", body.GetProperty("reviews")[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task An_upstream_error_is_retried_twice_then_answered_502()
    {
        var before = upstream.Calls;
        var response = await Client(upstream.Url + "/down").GetAsync("/books/b1/reviews");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("the reviews service answered with an error", (await Json(response)).GetProperty("error").GetString());
        Assert.Equal(3, upstream.Calls - before);
    }

    [Fact]
    public async Task An_unreachable_upstream_takes_the_fail_branch_to_502()
    {
        // Port 1 on the loopback: nothing listens, the connection is refused.
        var response = await Client("http://127.0.0.1:1").GetAsync("/books/b1/reviews");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("the reviews service could not be reached", (await Json(response)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_stalled_upstream_times_out_to_504()
    {
        var client = factory.WithWebHostBuilder(b =>
        {
            b.UseSetting("REVIEWS_URL", upstream.Url + "/slow");
            b.ConfigureServices(s => s.Configure<FlowGen.Runtime.FlowOptions>(o => o.HttpRequestTimeout = TimeSpan.FromMilliseconds(300)));
        }).CreateClient();

        var response = await client.GetAsync("/books/b1/reviews");

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
    }

    [Fact]
    public async Task Unknown_books_are_404_before_any_upstream_call()
    {
        var before = upstream.Calls;
        var response = await Client(upstream.Url + "/ok").GetAsync("/books/nope/reviews");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(before, upstream.Calls);
    }

    [Fact]
    public async Task A_quote_is_priced_by_the_csharp_node()
    {
        var response = await factory.CreateClient().PostAsync("/quote",
            new StringContent("{\"bookId\":\"b2\",\"quantity\":10}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var quote = await Json(response);
        Assert.Equal(12.99, quote.GetProperty("unitPrice").GetDouble());
        Assert.Equal(10, quote.GetProperty("percentOff").GetDouble());
        Assert.Equal(116.91, quote.GetProperty("total").GetDouble());
    }

    [Fact]
    public async Task A_bad_quantity_is_answered_400_by_the_catch_node()
    {
        var response = await factory.CreateClient().PostAsync("/quote",
            new StringContent("{\"bookId\":\"b2\",\"quantity\":-3}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Error: quantity must be a whole number from 1 to 1000", (await Json(response)).GetProperty("error").GetString());
    }
}
