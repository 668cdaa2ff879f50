using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;

namespace FlowGen.EndToEnd.Tests;

/// <summary>Flows/catch-errors.flow.json: catch nodes answer node errors as Node-RED 4.1's Flow.handleError routes them.</summary>
[Collection(FlowHostCollection.Name)]
public sealed class CatchNodeTests(FlowTestHost host)
{
    private Task<HttpResponseMessage> Post(string path, string body) =>
        host.Client.PostAsync(path, new StringContent(body, Encoding.UTF8, "text/plain"));

    [Fact]
    public async Task A_catch_answers_a_parse_error_with_msg_error_as_Node_RED_builds_it()
    {
        var response = await Post("/catch/json", "{not json");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        // message | source.id | source.type | source.name (undefined: the node has none) | source.count | _error
        Assert.Equal("Expected property name or &#39;}&#39; in JSON at position 1|ca_json|json||1|", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Valid_input_takes_the_normal_path()
    {
        var response = await Post("/catch/json", "[1]");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("[1]", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_earlier_msg_error_moves_to_msg_error_and_the_source_name_is_the_nodes()
    {
        var response = await Post("/catch/previous", "nope");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Unexpected token &#39;o&#39;, &quot;nope&quot; is not valid JSON|ca_prev_json|json|parse it|1|earlier", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_scoped_catch_answers_only_its_nodes_the_rest_is_the_automatic_500()
    {
        Assert.Equal((HttpStatusCode)422, (await Post("/catch/scoped/one", "nope")).StatusCode);

        var uncaught = await Post("/catch/scoped/two", "nope");
        Assert.Equal(HttpStatusCode.InternalServerError, uncaught.StatusCode);
        Assert.Contains("\"success\":false", await uncaught.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_uncaught_catch_answers_only_errors_no_other_catch_took()
    {
        Assert.Equal(HttpStatusCode.Conflict, (await Post("/catch/uncaught/one", "nope")).StatusCode);
        Assert.Equal((HttpStatusCode)418, (await Post("/catch/uncaught/two", "nope")).StatusCode);
    }

    [Fact]
    public async Task The_catch_in_the_nodes_group_answers_first()
    {
        // The tab-wide catch gets a copy too, after the group's: it only logs.
        Assert.Equal(HttpStatusCode.BadRequest, (await Post("/catch/group", "nope")).StatusCode);
    }

    [Fact]
    public async Task The_error_code_is_copied()
    {
        var response = await host.Client.GetAsync("/catch/code");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("ERR_HTTP_INVALID_STATUS_CODE: RangeError [ERR_HTTP_INVALID_STATUS_CODE]: Invalid status code: 5000", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_catch_that_fails_again_stops_at_the_tenth_time_and_the_request_gets_the_500()
    {
        var response = await host.Client.GetAsync("/catch/loop");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
    }
}

/// <summary>Flows/link-a.flow.json and link-b.flow.json: link out, link in and link call, also across the two files.</summary>
[Collection(FlowHostCollection.Name)]
public sealed class LinkNodeTests(FlowTestHost host)
{
    private async Task<JsonNode?> Json(string path)
    {
        var response = await host.Client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonNode.Parse(text);
    }

    private static void AssertJson(string expected, JsonNode? actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual), actual?.ToJsonString());

    [Fact]
    public async Task Link_out_delivers_to_its_link_in_and_sets_msg_event()
    {
        AssertJson("""{"path":["start","linked"],"event":"node:la_lo"}""", await Json("/link/out"));
    }

    [Fact]
    public async Task Link_out_delivers_to_a_link_in_of_another_flow_file()
    {
        var response = await host.Client.GetAsync("/link/cross");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("linked across files by node:lx_lo", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_second_link_in_gets_a_copy()
    {
        var response = await host.Client.GetAsync("/link/fanout");

        Assert.Equal("original", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Link_call_runs_the_subroutine_and_continues_with_the_returned_message()
    {
        // Inside, _linkSource held one entry; after the return it is gone; _event names the return node.
        AssertJson("""{"steps":["before","inside","after"],"depth":1,"event":"node:lb_ret"}""", await Json("/link/call"));
    }

    [Fact]
    public async Task Dynamic_link_call_finds_the_target_by_name_or_id()
    {
        AssertJson("""{"steps":["before","inside"],"depth":1}""", await Json("/link/dynamic?target=subroutine"));
        AssertJson("""{"steps":["before","inside"],"depth":1}""", await Json("/link/dynamic?target=lb_sub"));
    }

    [Fact]
    public async Task Dynamic_link_call_to_an_unknown_target_is_a_catchable_error()
    {
        var response = await host.Client.GetAsync("/link/dynamic?target=nope");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Error: target link-in node &#39;nope&#39; not found", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_subroutine_that_never_returns_raises_timeout_with_the_message_as_it_was_at_the_call()
    {
        var response = await host.Client.GetAsync("/link/timeout");

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.Equal("timeout link call 0", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Link_calls_nest()
    {
        AssertJson("""{"outerDepth":1,"innerDepth":2,"back":"outer","depthAfter":1}""", await Json("/link/nested"));
    }
}
