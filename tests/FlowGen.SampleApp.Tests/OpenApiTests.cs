using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using FlowGen.Runtime;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FlowGen.SampleApp.Tests;

/// <summary>The sample app implements bookstore.openapi.json: it serves the document and its flows keep to it.</summary>
public sealed class OpenApiTests(WebApplicationFactory<Program> factory, ReviewsUpstream upstream)
    : IClassFixture<WebApplicationFactory<Program>>, IClassFixture<ReviewsUpstream>
{
    private static readonly string[] Operations =
    {
        "listBooks", "addBook", "getBook", "deleteBook", "getBookReviews", "listReviews", "quote",
        "oldCatalogue", "homePage", "signIn", "signOut", "cookieExample", "htmlExample",
    };

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task Serves_the_bookstore_document_with_every_flow_operation()
    {
        var response = await factory.CreateClient().GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Bookstore", doc.RootElement.GetProperty("info").GetProperty("title").GetString());
        var operationIds = doc.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Where(o => o.Value.ValueKind == JsonValueKind.Object && o.Value.TryGetProperty("operationId", out _)))
            .Select(o => o.Value.GetProperty("operationId").GetString())
            .ToList();
        Assert.Equal(Operations.OrderBy(o => o, StringComparer.Ordinal), operationIds.OrderBy(o => o, StringComparer.Ordinal));
        Assert.True(doc.RootElement.GetProperty("components").GetProperty("schemas").TryGetProperty("Book", out _));
    }

    [Fact]
    public void Every_flow_endpoint_implements_an_operation_and_carries_its_response_table()
    {
        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints;

        var contracts = endpoints.Select(e => e.Metadata.GetMetadata<ResponseContract>()).OfType<ResponseContract>().ToList();
        Assert.Equal(Operations.OrderBy(o => o, StringComparer.Ordinal), contracts.Select(c => c.Operation.Split(' ')[0]).OrderBy(o => o, StringComparer.Ordinal));
    }

    [Fact]
    public async Task Responses_carry_a_request_id()
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        foreach (var response in new[] { await client.GetAsync("/books"), await client.GetAsync("/books/zz"), await client.PostAsync("/books", Json("{\"title\":\"Kindred\"}")) })
        {
            Assert.False(string.IsNullOrEmpty(Assert.Single(response.Headers.GetValues("request-id"))));
        }
    }

    [Fact]
    public async Task The_flows_answer_every_kind_of_request_within_the_document()
    {
        var log = new LogSink();
        var client = factory.WithWebHostBuilder(b =>
        {
            b.UseSetting("REVIEWS_URL", upstream.Url + "/ok");
            b.ConfigureLogging(l => l.AddProvider(log));
        }).CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var responses = new List<HttpResponseMessage>
        {
            await client.GetAsync("/books"),
            await client.GetAsync("/books/b2"),
            await client.GetAsync("/books/zz"),
            await client.PostAsync("/books", Json("{\"title\":\"Kindred\"}")),
            await client.PostAsync("/books", Json("{\"author\":\"nobody\"}")),
            await client.PostAsync("/books", Json("{\"title\":")),
            await client.DeleteAsync("/books/b1"),
            await client.DeleteAsync("/books/nope"),
            await client.GetAsync("/books/b3/reviews"),
            await client.GetAsync("/books/nope/reviews"),
            await client.GetAsync("/internal/reviews/b2"),
            await client.GetAsync("/internal/reviews/zz"),
            await client.PostAsync("/quote", Json("{\"bookId\":\"b1\",\"quantity\":12,\"coupon\":\"READER\"}")),
            await client.PostAsync("/quote", Json("{\"bookId\":\"b1\",\"quantity\":0}")),
            await client.PostAsync("/quote", Json("{\"bookId\":\"zz\",\"quantity\":1}")),
            await client.GetAsync("/catalogue"),
            await client.GetAsync("/"),
            await client.PostAsync("/session", Json("{\"user\":\"ada\"}")),
            await client.DeleteAsync("/session"),
            await client.GetAsync("/test?x=1"),
            await client.GetAsync("/test-html"),
        };

        Assert.DoesNotContain(responses, r => r.StatusCode == HttpStatusCode.InternalServerError);
        // No contract violation (event 340, or 341 when only warned) and no error; the malformed body's warning is expected.
        var problems = log.Entries.Where(e => e.Category == "FlowGen.Flows" && (e.EventId is 340 or 341 || e.Level >= LogLevel.Error)).Select(e => e.Message).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private sealed class LogSink : ILoggerProvider
    {
        private readonly ConcurrentQueue<(string Category, LogLevel Level, int EventId, string Message)> _entries = new();

        public IEnumerable<(string Category, LogLevel Level, int EventId, string Message)> Entries => _entries;

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(LogSink sink, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                sink._entries.Enqueue((category, logLevel, eventId.Id, formatter(state, exception)));
        }
    }
}
