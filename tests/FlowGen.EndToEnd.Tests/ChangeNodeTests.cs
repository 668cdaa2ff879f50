using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;

namespace FlowGen.EndToEnd.Tests;

/// <summary>The change node end to end: Flows/change-rules.flow.json served through the test server.</summary>
[Collection(FlowHostCollection.Name)]
public sealed class ChangeNodeTests(FlowTestHost host)
{
    private async Task<(HttpStatusCode Status, string Body)> PostJson(string path, string json)
    {
        var response = await host.Client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task<(HttpStatusCode Status, string Body)> Get(string path)
    {
        var response = await host.Client.GetAsync(path);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static void AssertJson(string expected, string actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), JsonNode.Parse(actual)), $"expected {expected}\nactual   {actual}");

    [Fact]
    public async Task Rules_apply_in_order_to_the_same_message()
    {
        var (status, body) = await PostJson("/change/transform",
            """{"name":"Ada  Love\tlace","flag":"on","secret":1,"old":{"k":1},"items":["a"],"title":"banana","code":"42"}""");

        Assert.Equal(HttpStatusCode.OK, status);
        // set creates parents; re replaces every match; an exact str match becomes the typed (bool) value; delete;
        // move; set from msg sees earlier rules; an index past the end leaves holes; $& in a literal replacement;
        // an exact num match becomes the number; num is Number(text); json.
        AssertJson("""
            {"name":"Ada-Love-lace","flag":true,"items":["a",null,"x"],"title":"b[a]n[a]n[a]","code":7,
             "meta":{"by":"flowgen"},"renamed":{"k":1},"copy":"Ada-Love-lace","count":16,"list":[1,"two",{"three":3}]}
            """, body);
    }

    [Fact]
    public async Task Partial_matches_keep_the_string_type_and_non_strings_are_left_alone()
    {
        var (_, body) = await PostJson("/change/transform", """{"flag":"on and on","code":"x42x","name":5,"meta":"flat"}""");

        // "on and on" is not exactly "on": replaced inside and kept a string; a number is not searched; meta is a
        // string so meta.by cannot be set.
        AssertJson("""
            {"flag":"true and true","code":"x7x","name":5,"meta":"flat","copy":5,"items":[null,null,"x"],"count":16,"list":[1,"two",{"three":3}]}
            """, body);
    }

    [Fact]
    public async Task Regex_groups_named_groups_and_literal_searches_follow_javascript()
    {
        var (_, body) = await PostJson("/change/regex",
            """{"email":"ada@example.com","digits":"a1b22","dots":"a.b.c","number":5,"bool":true,"empty":"ab"}""");

        AssertJson("""
            {"email":"example at ada (ada@example.com) $3 $","digits":"a#b##","dots":"a!b!c","number":"five","bool":"yes","empty":"-a-b-"}
            """, body);
    }

    [Fact]
    public async Task Literal_number_and_boolean_searches_also_replace_inside_strings()
    {
        var (_, body) = await PostJson("/change/regex", """{"number":"a5b","bool":"is true","empty":""}""");

        AssertJson("""{"number":"afiveb","bool":"is yes","empty":"-"}""", body);
    }

    [Fact]
    public async Task Missing_source_deletes_the_target_and_a_missing_parent_skips_the_rule()
    {
        var (status, body) = await Get("/change/missing");

        Assert.Equal(HttpStatusCode.OK, status);
        AssertJson("""{"keep":true}""", body);
    }

    [Fact]
    public async Task Move_into_a_child_out_of_a_child_and_of_a_missing_property()
    {
        var (_, body) = await Get("/change/move-into-child");

        AssertJson("""{"foo":"bar","up":{"v":1}}""", body);
    }

    [Fact]
    public async Task Set_from_msg_is_a_reference_unless_deep_copied()
    {
        var (_, body) = await Get("/change/deep-copy");

        AssertJson("""{"src":{"v":"changed"},"ref":{"v":"changed"},"deep":{"v":"original"}}""", body);
    }

    [Fact]
    public async Task From_a_message_property_searches_its_text()
    {
        var (_, body) = await Get("/change/from-message?find=a");

        // The literal from msg is escaped: "." in the text is not a wildcard, and every match is replaced with $&.
        AssertJson("""{"find":"a","text":"<a>.b.<a> is undefined","other":"a.b.a"}""", body);
    }

    [Fact]
    public async Task An_undefined_from_reports_an_error_and_still_sends_the_message_with_the_rule_applied()
    {
        var (status, body) = await Get("/change/from-message");

        // Node-RED logs "Invalid 'from' property: unsupported type: undefined" and, having no search pattern, then
        // replaces the first "undefined" in the text (with $& still expanded); the message still reaches the response.
        Assert.Equal(HttpStatusCode.OK, status);
        AssertJson("""{"text":"a.b.a is <undefined>","other":"a.b.a"}""", body);
    }

    [Fact]
    public async Task Legacy_single_rule_nodes_still_work()
    {
        var (_, body) = await Get("/change/legacy?q=foo%20boo");

        Assert.Equal("f[oo] b[oo]", body);
    }

    [Fact]
    public async Task Each_rule_sees_the_previous_rules_and_can_set_the_status()
    {
        var response = await host.Client.GetAsync("/change/order");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("a that [new]", await response.Content.ReadAsStringAsync());
    }
}
