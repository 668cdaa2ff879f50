using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;

namespace FlowGen.EndToEnd.Tests;

/// <summary>Flows/json-nodes.flow.json: the json node converts as Node-RED 4.1's 70-JSON.js does.</summary>
[Collection(FlowHostCollection.Name)]
public sealed class JsonNodeTests(FlowTestHost host)
{
    private Task<HttpResponseMessage> Post(string path, string body, string contentType) =>
        host.Client.PostAsync(path, new StringContent(body, Encoding.UTF8, contentType));

    private static async Task<JsonNode?> Json(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        return JsonNode.Parse(await response.Content.ReadAsStringAsync());
    }

    private static async Task<string> Text(HttpResponseMessage response, string contentType = "text/html; charset=utf-8")
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType?.ToString());
        return await response.Content.ReadAsStringAsync();
    }

    private static void AssertJson(string expected, JsonNode? actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual), actual?.ToJsonString());

    [Fact]
    public async Task Obj_parses_a_json_string()
    {
        AssertJson("""{"a":1,"b":[true,null],"s":"é"}""", await Json(await Post("/json/obj", """{"a":1,"b":[true,null],"s":"é"}""", "text/plain")));
    }

    [Fact]
    public async Task Obj_parses_a_buffer_as_utf8()
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes("[1, {\"x\": \"ü\"}]"));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");

        AssertJson("""[1,{"x":"ü"}]""", await Json(await host.Client.PostAsync("/json/obj", content)));
    }

    [Fact]
    public async Task Obj_leaves_an_object_as_it_is()
    {
        AssertJson("""{"already":{"an":"object"}}""", await Json(await Post("/json/obj", """{"already":{"an":"object"}}""", "application/json")));
    }

    [Fact]
    public async Task Invalid_json_is_a_flow_error_and_the_message_is_dropped()
    {
        var response = await Post("/json/obj", "{not json", "text/plain");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("\"success\":false", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Str_stringifies_compactly_and_keeps_strings()
    {
        Assert.Equal("""{"a":1,"s":"xé","n":null}""", await Text(await Post("/json/str", """{"a": 1, "s": "xé", "n": null}""", "application/json")));
        Assert.Equal("not json at all", await Text(await Post("/json/str", "not json at all", "text/plain")));
    }

    [Fact]
    public async Task Pretty_indents_by_four_spaces()
    {
        var text = await Text(await Post("/json/pretty", """{"a": [1, {"b": 2}], "c": "d", "e": []}""", "application/json"), "text/plain; charset=utf-8");

        Assert.Equal("{\n    \"a\": [\n        1,\n        {\n            \"b\": 2\n        }\n    ],\n    \"c\": \"d\",\n    \"e\": []\n}", text);
    }

    [Fact]
    public async Task Toggle_converts_by_type()
    {
        Assert.Equal("""{"t":true}""", await Text(await Post("/json/toggle", """{"t": true}""", "application/json")));
        AssertJson("""{"t":false}""", await Json(await Post("/json/toggle", """{"t":false}""", "text/plain")));
    }

    [Fact]
    public async Task Any_message_property_is_converted()
    {
        AssertJson("""{"inner":[1,2],"keep":"x"}""", await Json(await Post("/json/deep", """{"inner":"[1,2]","keep":"x"}""", "application/json")));
        AssertJson("""{"inner":"{\"a\":1}"}""", await Json(await Post("/json/deep", """{"inner":{"a":1}}""", "application/json")));
    }

    [Fact]
    public async Task Undefined_property_passes_the_message_on_unchanged()
    {
        AssertJson("""{"a":{}}""", await Json(await Post("/json/missing", """{"a":{}}""", "application/json")));
    }

    [Fact]
    public async Task Missing_parent_of_the_property_is_a_flow_error()
    {
        var response = await Post("/json/missing", "{}", "application/json");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
    }
}
