using System;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;

namespace FlowGen.EndToEnd.Tests;

/// <summary>
/// Flows/template-nodes.flow.json: templates compiled at build time answer as Node-RED 4.1's template node
/// (mustache.js 4.2.0) does. Expected texts were rendered by mustache.js 4.2.0 under Node-RED's lookup rules.
/// </summary>
[Collection(FlowHostCollection.Name)]
public sealed class TemplateNodeTests(FlowTestHost host)
{
    private Task<HttpResponseMessage> PostJson(string path, string json) =>
        host.Client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    private static async Task<string> Text(HttpResponseMessage response, string contentType = "text/plain; charset=utf-8")
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType?.ToString());
        return await response.Content.ReadAsStringAsync();
    }

    private static async Task<JsonNode?> Json(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        return JsonNode.Parse(await response.Content.ReadAsStringAsync());
    }

    private static void AssertJson(string expected, JsonNode? actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual), actual?.ToJsonString());

    [Fact]
    public async Task Full_template_escapes_iterates_and_converts_like_mustache_js()
    {
        var body = """
            {"user": {"name": "Ada", "role": "<admin>"}, "html": "<a href=\"/x?a=1&b=2\">it's `q`</a>", "n": 42, "neg": -0.5,
             "frac": 1e21, "flag": true, "off": 0, "none": null, "list": [1, "two", null, {"k": 1}, [3, 4]],
             "orders": [{"id": 1, "items": ["pen", "ink"]}, {"id": 2, "items": []}]}
            """;
        var text = await Text(await PostJson("/template/render", body));

        Assert.Equal(
            "Hi Ada (&lt;admin&gt;)!\n" +
            "esc: &lt;a href&#x3D;&quot;&#x2F;x?a&#x3D;1&amp;b&#x3D;2&quot;&gt;it&#39;s &#x60;q&#x60;&lt;&#x2F;a&gt; raw: <a href=\"/x?a=1&b=2\">it's `q`</a> amp: <a href=\"/x?a=1&b=2\">it's `q`</a>\n" +
            "num: 42 neg: -0.5 frac: 1e+21 bool: true off: 0 null: [] missing: []\n" +
            "list: 1,two,,[object Object],3,4 obj: [object Object] len: 5 char: d nlen: 3\n" +
            "  * #1 [pen][ink] for Ada\n" +
            "  * #2 (empty) for Ada\n" +
            "user: Ada/&lt;admin&gt;\n" +
            "flag on, n=42, off is falsy\n" +
            "delims: 42 {{payload.n}}\n" +
            "back: 42", text);
    }

    [Fact]
    public async Task Falsy_values_skip_sections_and_show_inverted_ones()
    {
        var text = await Text(await PostJson("/template/render", """{"user": {"name": "Bo"}, "html": "plain", "n": 0, "flag": false, "off": "", "list": [], "orders": []}"""));

        Assert.Equal(
            "Hi Bo ()!\nesc: plain raw: plain amp: plain\nnum: 0 neg:  frac:  bool: false off:  null: [] missing: []\n" +
            "list:  obj: [object Object] len: 0 char: o nlen: 2\n  no orders\nuser: Bo/\n, off is falsy\ndelims: 0 {{payload.n}}\nback: 0", text);
    }

    [Fact]
    public async Task Missing_values_render_empty()
    {
        var text = await Text(await PostJson("/template/render", "{}"));

        Assert.Equal(
            "Hi  ()!\nesc:  raw:  amp: \nnum:  neg:  frac:  bool:  off:  null: [] missing: []\nlist:  obj:  len:  char:  nlen: \n" +
            "  no orders\n\n, off is falsy\ndelims:  {{payload.n}}\nback: ", text);
    }

    [Fact]
    public async Task Template_without_tags_is_the_seed_html_page()
    {
        var response = await host.Client.GetAsync("/template/page");
        var text = await Text(response, "text/html; charset=utf-8");

        Assert.Equal("<!DOCTYPE html>\n<html>\n<head>\n    <title>Simple HTML Example</title>\n</head>\n<body>\n    <h1>This is a Header</h1>\n    <p>This is a paragraph of text under the header.</p>\n</body>\n</html>", text);
    }

    [Fact]
    public async Task Json_output_escapes_control_characters_of_top_level_strings_and_parses()
    {
        var json = await Json(await PostJson("/template/json", """{"text": "line1\nline2\ttab \\ back \"q\"", "raw": "ok", "n": 1.5, "items": ["a", "b"]}"""));

        AssertJson("""{"text":"line1\nline2\ttab \\ back &quot;q&quot;","raw":"ok","n":1.5,"items":["a","b","end"]}""", json);
    }

    [Fact]
    public async Task Json_output_that_does_not_parse_is_a_flow_error()
    {
        // {{{ }}} leaves the quotes raw, which breaks the JSON: Node-RED drops the message with a catchable error.
        var response = await PostJson("/template/json", """{"text": "x", "raw": "say \"hi\"", "n": 1, "items": []}""");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("\"success\":false", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Constant_json_output_is_a_fresh_value()
    {
        AssertJson("""{"ok":true,"list":[1,"two",null]}""", await Json(await host.Client.GetAsync("/template/const-json")));
        AssertJson("""{"ok":true,"list":[1,"two",null]}""", await Json(await host.Client.GetAsync("/template/const-json")));
    }

    [Fact]
    public async Task Env_tags_read_the_environment_after_the_message()
    {
        var text = await Text(await PostJson("/template/env", """{"env": {"PATH": "mine/own"}}"""), "text/html; charset=utf-8");

        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        Assert.Equal($"path={path.Replace("/", "&#x2F;", StringComparison.Ordinal)}|unset=[]|mine=mine&#x2F;own", text);
    }

    [Fact]
    public async Task Section_items_push_contexts_and_fall_back_to_the_parent()
    {
        var text = await Text(await PostJson("/template/items", """[{"name": "a"}, {"x": 1}, "str", 5, true, [1]]"""), "text/html; charset=utf-8");

        Assert.Equal("a;;;;;;", text);
    }

    [Fact]
    public async Task Null_section_item_fails_the_lookup_as_in_javascript()
    {
        // mustache.js reads null["name"]: "Cannot read properties of null (reading 'name')", a flow error.
        var response = await PostJson("/template/items", """[{"name": "a"}, null]""");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
    }

    [Fact]
    public async Task Empty_plain_template_outputs_msg_template()
    {
        var text = await Text(await host.Client.GetAsync("/template/chain?who=Ada%20%26%20co"), "text/html; charset=utf-8");

        Assert.Equal("Hello Ada &amp; co", text);
    }

    [Fact]
    public async Task Deep_output_field_creates_its_parents()
    {
        AssertJson("""{"name":"x<y","out":{"text":"x&lt;y!"}}""", await Json(await PostJson("/template/deep", """{"name": "x<y"}""")));
    }

    [Fact]
    public async Task Plain_syntax_is_literal()
    {
        var text = await Text(await host.Client.GetAsync("/template/plain?name=Ada"), "text/html; charset=utf-8");

        Assert.Equal("Hello {{payload.name}} -- {{{raw}}}", text);
    }
}
