using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace FlowGen.ContractGuard.Tests;

/// <summary>
/// Responses only a request decides, against guard.openapi.json: what the operation declares goes out; what breaks it
/// is replaced by FlowGen's 500 and logged with the request id and the operation.
/// </summary>
public sealed class GuardTests(ErrorModeHost host) : IClassFixture<ErrorModeHost>
{
    private static string RequestId(HttpResponseMessage response) => Assert.Single(response.Headers.GetValues("request-id"));

    /// <summary>The 500 the client gets instead, and the error logged for it.</summary>
    private async Task AssertReplacedAsync(HttpResponseMessage response, string operation, string problem)
    {
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        var id = RequestId(response);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(4, body.RootElement.EnumerateObject().Count());
        Assert.False(body.RootElement.GetProperty("success").GetBoolean());
        Assert.Equal(500, body.RootElement.GetProperty("code").GetInt32());
        Assert.Equal(id, body.RootElement.GetProperty("request-id").GetString());
        Assert.Equal("Internal Server Error", body.RootElement.GetProperty("message").GetString());
        var entry = Assert.Single(host.Log.For(id));
        Assert.Equal("FlowGen.Flows", entry.Category);
        Assert.Equal(LogLevel.Error, entry.Level);
        Assert.Equal(340, entry.EventId);
        Assert.Contains(operation, entry.Message);
        Assert.Contains(problem, entry.Message);
    }

    [Fact]
    public async Task A_declared_response_goes_out_with_its_request_id()
    {
        var response = await host.Client.GetAsync("/items/i7");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("{\"name\":\"lamp\",\"id\":\"i7\"}", await response.Content.ReadAsStringAsync());
        Assert.Equal("1", Assert.Single(response.Headers.GetValues("X-Version")));
        Assert.Empty(host.Log.For(RequestId(response)));
    }

    [Fact]
    public async Task A_status_the_operation_does_not_declare_is_replaced_by_the_500()
    {
        var response = await host.Client.GetAsync("/items/i7?status=418");

        await AssertReplacedAsync(response, "getItem (GET /items/{itemId})", "status 418 is not declared (declared: 200, 404, 5XX)");
        Assert.False(response.Headers.Contains("X-Version"));
    }

    [Fact]
    public async Task A_status_in_a_declared_range_goes_out()
    {
        var response = await host.Client.GetAsync("/items/i7?status=503");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("{\"name\":\"lamp\",\"id\":\"i7\"}", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_body_on_a_response_that_declares_none_is_replaced()
    {
        var response = await host.Client.GetAsync("/items/i7?status=404");

        await AssertReplacedAsync(response, "getItem", "response 404 declares no content, but the flow sends a body (application/json)");
    }

    [Fact]
    public async Task No_body_on_a_response_that_declares_content_is_replaced()
    {
        var response = await host.Client.GetAsync("/items/i7?empty=1");

        await AssertReplacedAsync(response, "getItem", "response 200 declares content (application/json), but the flow sends no body");
    }

    [Fact]
    public async Task A_content_type_the_response_does_not_declare_is_replaced()
    {
        var page = await host.Client.GetAsync("/notes");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("<p>No notes yet</p>", await page.Content.ReadAsStringAsync());

        var json = await host.Client.GetAsync("/notes?as=json");

        await AssertReplacedAsync(json, "listNotes (GET /notes)", "content type 'application/json' is not declared for response 200 (declared: text/html)");
    }

    [Fact]
    public async Task Headers_must_be_declared_and_required_ones_set_whatever_their_case()
    {
        var stored = await host.Client.PostAsync("/notes?location=/notes/1", null);
        Assert.Equal(HttpStatusCode.Created, stored.StatusCode);
        Assert.Equal("/notes/1", stored.Headers.Location?.ToString());
        Assert.Empty(host.Log.For(RequestId(stored)));

        var undeclared = await host.Client.PostAsync("/notes?Location=/notes/2&X-Debug=on", null);
        await AssertReplacedAsync(undeclared, "addNote (POST /notes)", "header 'X-Debug' is not declared for response 201");
        Assert.False(undeclared.Headers.Contains("X-Debug"));

        var missing = await host.Client.PostAsync("/notes", null);
        await AssertReplacedAsync(missing, "addNote", "required header 'Location' of response 201 is missing");
    }

    [Fact]
    public async Task An_endpoint_the_document_does_not_describe_is_not_checked()
    {
        var response = await host.Client.GetAsync("/extra?status=418");

        Assert.Equal((HttpStatusCode)418, response.StatusCode);
        Assert.Equal("anything goes", await response.Content.ReadAsStringAsync());
        Assert.True(response.Headers.Contains("request-id"));
    }
}

/// <summary>FlowGen:ContractValidation = warn in the app's configuration: the response goes out, the violation is logged.</summary>
public sealed class WarnModeTests(WarnModeHost host) : IClassFixture<WarnModeHost>
{
    [Fact]
    public async Task The_response_is_sent_as_the_flow_made_it_and_a_warning_is_logged()
    {
        var response = await host.Client.GetAsync("/items/i7?status=418");

        Assert.Equal((HttpStatusCode)418, response.StatusCode);
        Assert.Equal("{\"name\":\"lamp\",\"id\":\"i7\"}", await response.Content.ReadAsStringAsync());
        var id = Assert.Single(response.Headers.GetValues("request-id"));
        var entry = Assert.Single(host.Log.For(id));
        Assert.Equal(LogLevel.Warning, entry.Level);
        Assert.Equal(341, entry.EventId);
        Assert.Contains("getItem (GET /items/{itemId}): status 418 is not declared", entry.Message);
    }
}
