using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Logging;

namespace FlowGen.ContractGuard.Tests;

/// <summary>
/// An app that maps the guarded flows, two minimal APIs and the OpenAPI document, with FlowGen:ContractValidation
/// from its configuration; its log entries are kept for the tests to read.
/// </summary>
public abstract class GuardHost(string? contractValidation) : IAsyncLifetime
{
    private WebApplication? _app;

    public HttpClient Client { get; private set; } = null!;

    public LogSink Log { get; } = new();

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(Log);
        if (contractValidation is not null) builder.Configuration["FlowGen:ContractValidation"] = contractValidation;
        _app = builder.Build();
        _app.MapFlows();
        // The app's other endpoints: one on a path of its own, one beside a flow operation's path.
        _app.MapGet("/health", () => "ok").WithName("health").WithTags("ops");
        _app.MapDelete("/items/{id}", (string id) => Results.NoContent()).WithName("deleteItem");
        _app.MapFlowsOpenApi();
        await _app.StartAsync();
        Client = _app.GetTestClient();
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        if (_app is not null) await _app.DisposeAsync();
    }
}

/// <summary>The default mode: a response that breaks the contract is replaced by the 500.</summary>
public sealed class ErrorModeHost() : GuardHost(null);

/// <summary>FlowGen:ContractValidation = warn: the response goes out and the violation is logged.</summary>
public sealed class WarnModeHost() : GuardHost("warn");

/// <summary>Log entries of the app, by level and event id.</summary>
public sealed class LogSink : ILoggerProvider
{
    private readonly ConcurrentQueue<(string Category, LogLevel Level, int EventId, string Message)> _entries = new();

    public IReadOnlyList<(string Category, LogLevel Level, int EventId, string Message)> Entries => _entries.ToList();

    /// <summary>The entries that mention the request id.</summary>
    public IReadOnlyList<(string Category, LogLevel Level, int EventId, string Message)> For(string requestId) =>
        Entries.Where(e => e.Message.Contains("request-id " + requestId, StringComparison.Ordinal)).ToList();

    public ILogger CreateLogger(string categoryName) => new Category(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Category(LogSink sink, string name) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            sink._entries.Enqueue((name, logLevel, eventId.Id, formatter(state, exception)));
    }
}
