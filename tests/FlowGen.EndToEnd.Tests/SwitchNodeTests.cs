using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;

namespace FlowGen.EndToEnd.Tests;

/// <summary>The switch node end to end: Flows/switch-rules.flow.json served through the test server.</summary>
[Collection(FlowHostCollection.Name)]
public sealed class SwitchNodeTests(FlowTestHost host)
{
    private async Task<(HttpStatusCode Status, string Body)> Get(string path)
    {
        var response = await host.Client.GetAsync(path);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task<string> PostValue(string path, string valueJson)
    {
        var response = await host.Client.PostAsync(path, new StringContent("{\"value\":" + valueJson + "}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    [Theory]
    [InlineData("?v=zero", "eq zero")]
    [InlineData("?v=-3", "lt 0")]
    [InlineData("?v=1", "btwn 10 1")]
    [InlineData("?v=10", "btwn 10 1")]
    [InlineData("?v=05", "btwn 10 1")]
    [InlineData("?v=11", "hask length")]
    [InlineData("?v=100", "gte 100")]
    [InlineData("?v=1e3", "gte 100")]
    [InlineData("?v=xxabcxx", "cont abc")]
    [InlineData("?v=Y42", "regex y-digits")]
    [InlineData("", "null")]
    [InlineData("?v=a&v=b", "hask length")]
    public async Task First_matching_rule_wins_with_checkall_false(string query, string expected)
    {
        var (status, body) = await Get("/switch/classify" + query);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(expected, body);
    }

    [Theory]
    [InlineData("true", "true")]
    [InlineData("false", "false")]
    [InlineData("null", "null")]
    [InlineData("\"\"", "empty")]
    [InlineData("[]", "empty")]
    [InlineData("{}", "empty")]
    [InlineData("0", "number")]
    [InlineData("\"[1,2]\"", "json string")]
    [InlineData("\"12\"", "json string")]
    [InlineData("\"hello\"", "string")]
    [InlineData("[1,2]", "array")]
    [InlineData("[1]", "json string")] // JSON.parse([1]) parses "1": Node-RED's istype json accepts it, and that rule comes first
    [InlineData("{\"a\":1}", "non-empty object")]
    public async Task Type_rules(string value, string expected)
    {
        Assert.Equal(expected, await PostValue("/switch/type", value));
    }

    [Theory]
    [InlineData("1", new[] { 0, 3 })]
    [InlineData("2", new[] { 1, 2 })]
    [InlineData("3", new[] { 1 })]
    public async Task Else_fires_when_nothing_matched_since_the_previous_else(string v, int[] fired)
    {
        for (var port = 0; port < 4; port++)
        {
            var (status, body) = await Get($"/switch/else/{port}?v={v}");
            if (System.Array.IndexOf(fired, port) >= 0)
            {
                Assert.Equal(HttpStatusCode.OK, status);
                Assert.Equal($"port {port}", body);
            }
            else
            {
                // That output did not fire, so nothing answered: FlowGen's automatic 500.
                Assert.Equal(HttpStatusCode.InternalServerError, status);
            }
        }
    }

    [Fact]
    public async Task Boolean_false_checkall_checks_every_rule()
    {
        var (status, body) = await Get("/switch/checkall-boolean?s=ab");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("second rule fired", body);
    }

    [Fact]
    public async Task Prev_compares_with_the_previous_message_property()
    {
        // The first message compares with null (1 > null); then 0 > 1 is false; then 2 > 0.
        Assert.Equal(HttpStatusCode.OK, (await Get("/switch/prev?v=1")).Status);
        Assert.Equal(HttpStatusCode.InternalServerError, (await Get("/switch/prev?v=0")).Status);
        var (status, body) = await Get("/switch/prev?v=2");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("rising", body);
    }

    [Fact]
    public async Task Head_without_msg_parts_is_a_flow_error_and_nothing_is_sent()
    {
        var (status, body) = await Get("/switch/head");

        Assert.Equal(HttpStatusCode.InternalServerError, status);
        Assert.Contains("\"success\":false", body);
    }

    [Theory]
    [InlineData("?s=abc&re=B", "neither")]
    [InlineData("?s=abc&re=%5Eab", "pattern matched")]
    [InlineData("?s=abc&other=abc&re=x", "equal to other")]
    [InlineData("?s=abc&other=abc", "pattern matched")]
    public async Task Values_from_the_message_are_read_per_request(string query, string expected)
    {
        // A missing re is undefined, and new RegExp(undefined) matches everything.
        var (status, body) = await Get("/switch/dynamic" + query);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(expected, body);
    }

    [Fact]
    public async Task An_invalid_pattern_from_the_message_is_a_flow_error()
    {
        var (status, _) = await Get("/switch/dynamic?s=abc&re=(");

        Assert.Equal(HttpStatusCode.InternalServerError, status);
    }

    [Theory]
    [InlineData("{\"a\":{\"b\":\" 5 \"}}", "== 5")]
    [InlineData("{\"a\":{\"b\":[5]}}", "== 5")]
    [InlineData("{\"a\":{\"b\":1}}", "== true")]
    [InlineData("{\"a\":{\"b\":\"1\"}}", "== true")]
    [InlineData("{\"a\":{}}", "null or undefined")]
    [InlineData("{}", "null or undefined")]
    [InlineData("{\"a\":{\"b\":true}}", "== true")]
    [InlineData("{\"a\":{\"b\":\"x\"}}", "else")]
    public async Task Comparisons_are_javascript_loose_and_a_missing_parent_is_undefined(string json, string expected)
    {
        var response = await host.Client.PostAsync("/switch/loose", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected, await response.Content.ReadAsStringAsync());
    }
}
