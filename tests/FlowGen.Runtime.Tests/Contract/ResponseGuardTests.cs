using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FlowGen.Runtime.Tests.Contract;

/// <summary>The run-time guard: an http response node's answer on a bound endpoint against the operation's declared responses.</summary>
public sealed class ResponseGuardTests
{
    private const string RequestId = "req-42";

    private static DeclaredResponse Response(string key, string[]? content = null, params (string, bool)[] headers) =>
        new(key, headers, content ?? Array.Empty<string>());

    private static readonly string[] Json = { "application/json" };

    /// <summary>getBook: 200 JSON with an optional X-Rate-Limit and a required X-Version, 404 with no body, 4XX JSON.</summary>
    private static readonly ResponseContract GetBook = new("getBook (GET /books/{id})", new[]
    {
        Response("200", Json, ("X-Rate-Limit", false), ("X-Version", true)),
        Response("404"),
        Response("4XX", Json),
    });

    private sealed class Sink : ILoggerProvider, ILogger
    {
        public List<(LogLevel Level, EventId Id, string Message)> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => this;

        public void Dispose()
        {
        }

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add((logLevel, eventId, formatter(state, exception)));
    }

    private sealed class Setup
    {
        public required FlowMessage Msg { get; init; }

        public required DefaultHttpContext Http { get; init; }

        public required Sink Log { get; init; }

        public string Body => Encoding.UTF8.GetString(((MemoryStream)Http.Response.Body).ToArray());
    }

    private static Setup Message(object? payload, ResponseContract? contract = null, ContractValidation? mode = null, string? configured = null, string method = "GET")
    {
        var sink = new Sink();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(sink));
        services.Configure<FlowOptions>(o => o.ContractValidation = mode);
        if (configured is not null)
        {
            services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["FlowGen:ContractValidation"] = configured }).Build());
        }
        var host = new FlowHost(services.BuildServiceProvider());
        var http = new DefaultHttpContext { TraceIdentifier = RequestId };
        http.Request.Method = method;
        http.Response.Body = new MemoryStream();
        if (contract is not null) http.SetEndpoint(new Endpoint(null, new EndpointMetadataCollection(contract), "getBook"));
        var msg = new FlowMessage(new FlowExchange(http, host)) { ["payload"] = payload };
        return new Setup { Msg = msg, Http = http, Log = sink };
    }

    private static HttpResponseOptions Node(double? status = null, params (string, string)[] headers) => new(status, headers, checksContract: true);

    private static JsObject Book() => new() { ["id"] = "b1" };

    private static void AssertReplaced(Setup s, string problem)
    {
        Assert.Equal(500, s.Http.Response.StatusCode);
        Assert.Equal("application/json; charset=utf-8", s.Http.Response.ContentType);
        using var body = JsonDocument.Parse(s.Body);
        Assert.False(body.RootElement.GetProperty("success").GetBoolean());
        Assert.Equal(500, body.RootElement.GetProperty("code").GetInt32());
        Assert.Equal(RequestId, body.RootElement.GetProperty("request-id").GetString());
        Assert.Equal("Internal Server Error", body.RootElement.GetProperty("message").GetString());
        Assert.Equal(RequestId, s.Http.Response.Headers["request-id"].ToString());
        var entry = Assert.Single(s.Log.Entries);
        Assert.Equal(LogLevel.Error, entry.Level);
        Assert.Equal(340, entry.Id.Id);
        Assert.Contains("getBook (GET /books/{id})", entry.Message);
        Assert.Contains("request-id " + RequestId, entry.Message);
        Assert.Contains(problem, entry.Message);
    }

    private static void AssertSent(Setup s, int status)
    {
        Assert.Equal(status, s.Http.Response.StatusCode);
        Assert.Equal(RequestId, s.Http.Response.Headers["request-id"].ToString());
        Assert.Empty(s.Log.Entries);
    }

    [Fact]
    public async Task A_declared_response_is_sent_as_the_flow_made_it()
    {
        var s = Message(Book(), GetBook);

        await HttpResponseNode.SendAsync(s.Msg, Node(200, ("X-Version", "1"), ("X-Rate-Limit", "10")));

        AssertSent(s, 200);
        Assert.Equal("{\"id\":\"b1\"}", s.Body);
        Assert.Equal("1", s.Http.Response.Headers["X-Version"].ToString());
    }

    [Fact]
    public async Task An_undeclared_status_is_not_sent_the_client_gets_the_500_and_the_violation_is_logged()
    {
        var s = Message("teapot", GetBook);

        await HttpResponseNode.SendAsync(s.Msg, Node(503, ("X-Secret", "leak")));

        AssertReplaced(s, "status 503 is not declared (declared: 200, 404, 4XX)");
        Assert.False(s.Http.Response.Headers.ContainsKey("X-Secret"));
        Assert.True(s.Msg.Exchange.Responded);
    }

    [Fact]
    public async Task The_exact_status_wins_over_its_range()
    {
        // 404 declares no body, so a body on 404 breaks it even though 4XX would allow JSON.
        var s = Message(Book(), GetBook);

        await HttpResponseNode.SendAsync(s.Msg, Node(404));

        AssertReplaced(s, "response 404 declares no content, but the flow sends a body (application/json)");
    }

    [Theory]
    [InlineData(400)]
    [InlineData(409)]
    [InlineData(451)]
    public async Task A_range_covers_every_status_of_its_class(int status)
    {
        var s = Message(Book(), GetBook);

        await HttpResponseNode.SendAsync(s.Msg, Node(status));

        AssertSent(s, status);
    }

    [Fact]
    public async Task Default_covers_any_status_the_others_do_not()
    {
        var contract = new ResponseContract("listBooks (GET /books)", new[] { Response("200", Json), Response("default", Json) });
        var s = Message(Book(), contract);

        await HttpResponseNode.SendAsync(s.Msg, Node(503));

        AssertSent(s, 503);
    }

    [Fact]
    public async Task Declared_header_names_compare_case_insensitively()
    {
        var s = Message(Book(), GetBook);
        s.Msg["headers"] = new JsObject { ["x-version"] = "2", ["x-RATE-limit"] = "5" };

        await HttpResponseNode.SendAsync(s.Msg, Node());

        AssertSent(s, 200);
    }

    [Fact]
    public async Task An_undeclared_header_breaks_the_contract()
    {
        var s = Message(Book(), GetBook);
        s.Msg["headers"] = new JsObject { ["X-Version"] = "2", ["X-Debug"] = "on" };

        await HttpResponseNode.SendAsync(s.Msg, Node());

        AssertReplaced(s, "header 'X-Debug' is not declared for response 200");
    }

    [Fact]
    public async Task Content_type_is_no_header_of_the_contract_its_media_types_say_it()
    {
        var s = Message(Book(), GetBook);

        await HttpResponseNode.SendAsync(s.Msg, Node(null, ("X-Version", "1"), ("Content-Type", "application/json")));

        AssertSent(s, 200);
    }

    [Fact]
    public async Task A_missing_required_header_breaks_the_contract()
    {
        var s = Message(Book(), GetBook);

        await HttpResponseNode.SendAsync(s.Msg, Node());

        AssertReplaced(s, "required header 'X-Version' of response 200 is missing");
    }

    [Fact]
    public async Task Headers_FlowGen_adds_count_as_sent_for_required_headers()
    {
        var contract = new ResponseContract("getBook (GET /books/{id})", new[] { Response("200", Json, ("ETag", true), ("request-id", true)) });
        var s = Message(Book(), contract);

        await HttpResponseNode.SendAsync(s.Msg, Node());

        AssertSent(s, 200);
        Assert.True(s.Http.Response.Headers.ContainsKey("ETag"));
    }

    [Fact]
    public async Task Cookies_send_Set_Cookie_which_must_be_declared()
    {
        var undeclared = Message(Book(), new ResponseContract("signIn (POST /session)", new[] { Response("200", Json) }), method: "POST");
        undeclared.Msg["cookies"] = new JsObject { ["session"] = "abc" };
        var declared = Message(Book(), new ResponseContract("signIn (POST /session)", new[] { Response("200", Json, ("Set-Cookie", false)) }), method: "POST");
        declared.Msg["cookies"] = new JsObject { ["session"] = "abc" };

        await HttpResponseNode.SendAsync(undeclared.Msg, Node());
        await HttpResponseNode.SendAsync(declared.Msg, Node());

        Assert.Equal(500, undeclared.Http.Response.StatusCode);
        Assert.Contains("'Set-Cookie'", Assert.Single(undeclared.Log.Entries).Message);
        AssertSent(declared, 200);
        Assert.StartsWith("session=abc", declared.Http.Response.Headers.SetCookie.ToString());
    }

    [Fact]
    public async Task A_content_type_the_response_does_not_declare_breaks_the_contract()
    {
        var s = Message("<p>a book</p>", GetBook);

        await HttpResponseNode.SendAsync(s.Msg, Node(null, ("X-Version", "1")));

        AssertReplaced(s, "content type 'text/html' is not declared for response 200 (declared: application/json)");
    }

    [Theory]
    [InlineData("text/*")]
    [InlineData("*/*")]
    [InlineData("TEXT/HTML; charset=utf-8")]
    public async Task Declared_media_ranges_and_parameters_accept_the_content_type(string declared)
    {
        var s = Message("<p>a book</p>", new ResponseContract("page (GET /)", new[] { Response("200", new[] { declared }) }));

        await HttpResponseNode.SendAsync(s.Msg, Node());

        AssertSent(s, 200);
    }

    [Fact]
    public async Task No_body_where_the_response_declares_content_breaks_the_contract()
    {
        var s = Message(JsUndefined.Value, GetBook);

        await HttpResponseNode.SendAsync(s.Msg, Node(null, ("X-Version", "1")));

        AssertReplaced(s, "response 200 declares content (application/json), but the flow sends no body");
    }

    [Fact]
    public async Task No_body_where_none_is_declared_is_sent()
    {
        var s = Message(JsUndefined.Value, GetBook);

        await HttpResponseNode.SendAsync(s.Msg, Node(404));

        AssertSent(s, 404);
    }

    [Fact]
    public async Task A_payload_on_204_is_no_body_as_Express_sends_none()
    {
        var s = Message("ignored", new ResponseContract("deleteBook (DELETE /books/{id})", new[] { Response("204") }), method: "DELETE");

        await HttpResponseNode.SendAsync(s.Msg, Node(204));

        AssertSent(s, 204);
        Assert.Equal("", s.Body);
    }

    [Fact]
    public async Task Warn_sends_the_response_and_logs_a_warning()
    {
        var s = Message("teapot", GetBook, ContractValidation.Warn);

        await HttpResponseNode.SendAsync(s.Msg, Node(418));

        Assert.Equal(418, s.Http.Response.StatusCode);
        Assert.Equal("teapot", s.Body);
        var entry = Assert.Single(s.Log.Entries);
        Assert.Equal(LogLevel.Warning, entry.Level);
        Assert.Equal(341, entry.Id.Id);
        Assert.Contains("getBook (GET /books/{id}): content type 'text/html' is not declared for response 4XX (declared: application/json)", entry.Message);
        Assert.Contains("request-id " + RequestId, entry.Message);
    }

    [Fact]
    public async Task Off_checks_nothing()
    {
        var s = Message("teapot", GetBook, ContractValidation.Off);

        await HttpResponseNode.SendAsync(s.Msg, Node(503));

        AssertSent(s, 503);
        Assert.Equal("teapot", s.Body);
    }

    [Theory]
    [InlineData("warn", null, ContractValidation.Warn)]
    [InlineData("OFF", null, ContractValidation.Off)]
    [InlineData("error", null, ContractValidation.Error)]
    [InlineData(null, null, ContractValidation.Error)]
    [InlineData("off", ContractValidation.Error, ContractValidation.Error)]
    public void The_mode_comes_from_the_options_else_from_configuration_else_it_is_error(string? configured, ContractValidation? option, ContractValidation expected)
    {
        var s = Message("x", GetBook, option, configured);

        Assert.Equal(expected, s.Msg.Exchange.Host.ContractValidation);
    }

    [Fact]
    public void A_configured_mode_that_is_not_one_fails_at_startup_with_the_key_and_the_choices()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Message("x", GetBook, configured: "strict"));

        Assert.Contains("FlowGen:ContractValidation", error.Message);
        Assert.Contains("error, warn or off", error.Message);
    }

    [Fact]
    public async Task An_endpoint_bound_to_no_operation_is_not_checked()
    {
        var s = Message("anything", contract: null);

        await HttpResponseNode.SendAsync(s.Msg, Node(418));

        AssertSent(s, 418);
    }

    [Fact]
    public async Task A_node_compiled_without_a_project_document_does_not_look_for_a_contract()
    {
        var s = Message("anything", GetBook);

        await HttpResponseNode.SendAsync(s.Msg, new HttpResponseOptions(418, Array.Empty<(string, string)>()));

        AssertSent(s, 418);
    }

    [Fact]
    public async Task A_response_after_the_answer_is_still_the_headers_sent_error_not_a_violation()
    {
        var s = Message(Book(), GetBook);
        await HttpResponseNode.SendAsync(s.Msg, Node(null, ("X-Version", "1")));

        var error = await Assert.ThrowsAsync<FlowError>(() => HttpResponseNode.SendAsync(s.Msg.Clone(), Node(503)).AsTask());

        Assert.Equal("ERR_HTTP_HEADERS_SENT", error.Code);
        Assert.Empty(s.Log.Entries);
    }

    [Fact]
    public void Find_picks_exact_then_range_then_default()
    {
        var contract = new ResponseContract("op", new[] { Response("default"), Response("4xx"), Response("404") });

        Assert.Equal("404", contract.Find(404)?.Key);
        Assert.Equal("4xx", contract.Find(400)?.Key);
        Assert.Equal("default", contract.Find(200)?.Key);
        Assert.Null(new ResponseContract("op", new[] { Response("200") }).Find(201));
    }
}
