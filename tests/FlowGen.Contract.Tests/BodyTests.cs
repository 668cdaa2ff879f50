using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using FlowGen.Contract.Tests.Code;

namespace FlowGen.Contract.Tests;

/// <summary>
/// Request bodies of bound http in nodes: checked against their media type's schema (JSON, urlencoded forms read as
/// the schema's types, +json and text bodies), 415 for a media type the operation does not declare, 400 for a
/// missing required body or a violation; the flow runs only for a body that satisfies the contract.
/// </summary>
[Collection(ContractHostCollection.Name)]
public sealed class BodyTests(ContractTestHost host)
{
    private const string CreatePet = "createPet (POST /pets)";
    private const string CreateShape = "createShape (POST /shapes)";

    private Task<HttpResponseMessage> PostJsonAsync(string url, string json, string mediaType = "application/json") =>
        host.Client.PostAsync(url, new StringContent(json, Encoding.UTF8, mediaType));

    [Fact]
    public async Task A_body_that_satisfies_its_schema_reaches_the_flow_as_sent()
    {
        const string pet = """{"name":"Rex","kind":"dog","kingdom":"animalia","age":null,"weight":12.3,"tags":["good"],"born":"2020-05-01","owner":{"email":"ada@example.org","site":"https://example.org"},"meta":{"chip":"123"},"friends":[{"name":"Tom","kind":7}]}""";

        var response = await PostJsonAsync("/pets", pet);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"params":{},"query":{},"body":""" + pet + ""","cookies":{}}""", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("""[]""", """[{"in":"body","pointer":"","message":"must be an object"}]""")]
    [InlineData("""{"kind":"cat"}""", """[{"in":"body","pointer":"/name","message":"is required"}]""")]
    [InlineData("""{"name":"","kind":"cat"}""", """[{"in":"body","pointer":"/name","message":"must be at least 1 character long"},{"in":"body","pointer":"/name","message":"must match the pattern ^[A-Z]"}]""")]
    [InlineData("""{"name":"Rexxxxxxxxxxxx","kind":"cat"}""", """[{"in":"body","pointer":"/name","message":"must be at most 12 characters long"}]""")]
    [InlineData("""{"name":5,"kind":"cat"}""", """[{"in":"body","pointer":"/name","message":"must be a string"}]""")]
    [InlineData("""{"name":"Rex","kind":"cow"}""", """[{"in":"body","pointer":"/kind","message":"must be one of \"cat\", \"dog\", 7, null"}]""")]
    [InlineData("""{"name":"Rex","kind":"7"}""", """[{"in":"body","pointer":"/kind","message":"must be one of \"cat\", \"dog\", 7, null"}]""")]
    [InlineData("""{"name":"Rex","kind":null,"kingdom":"plantae"}""", """[{"in":"body","pointer":"/kingdom","message":"must be \"animalia\""}]""")]
    [InlineData("""{"name":"Rex","kind":"cat","age":-1}""", """[{"in":"body","pointer":"/age","message":"must be >= 0"}]""")]
    [InlineData("""{"name":"Rex","kind":"cat","age":31}""", """[{"in":"body","pointer":"/age","message":"must be <= 30"}]""")]
    [InlineData("""{"name":"Rex","kind":"cat","age":2.5}""", """[{"in":"body","pointer":"/age","message":"must be an integer or null"}]""")]
    [InlineData("""{"name":"Rex","kind":"cat","age":"2"}""", """[{"in":"body","pointer":"/age","message":"must be an integer or null"}]""")]
    [InlineData("""{"name":"Rex","kind":"cat","weight":0}""", """[{"in":"body","pointer":"/weight","message":"must be > 0"}]""")]
    [InlineData("""{"name":"Rex","kind":"cat","weight":0.25}""", """[{"in":"body","pointer":"/weight","message":"must be a multiple of 0.1"}]""")]
    [InlineData("""{"name":"Rex","kind":"cat","tags":[]}""", """[{"in":"body","pointer":"/tags","message":"must have at least 1 item"}]""")]
    [InlineData("""{"name":"Rex","kind":"cat","tags":["a","b","c","d"]}""", """[{"in":"body","pointer":"/tags","message":"must have at most 3 items"}]""")]
    [InlineData("""{"name":"Rex","kind":"cat","tags":["a","b","a"]}""", """[{"in":"body","pointer":"/tags","message":"must not have duplicate items (items 0 and 2 are equal)"}]""")]
    [InlineData("""{"name":"Rex","kind":"cat","tags":["a",1]}""", """[{"in":"body","pointer":"/tags/1","message":"must be a string"}]""")]
    [InlineData("""{"name":"Rex","kind":"cat","born":"yesterday"}""", """[{"in":"body","pointer":"/born","message":"must be a date (YYYY-MM-DD)"}]""")]
    [InlineData("""{"name":"Rex","kind":"cat","owner":{}}""", """[{"in":"body","pointer":"/owner/email","message":"is required"}]""")]
    [InlineData("""{"name":"Rex","kind":"cat","owner":{"email":"nobody","site":"here"}}""", """[{"in":"body","pointer":"/owner/email","message":"must be an email address"},{"in":"body","pointer":"/owner/site","message":"must be an absolute URI"}]""")]
    [InlineData("""{"name":"Rex","kind":"cat","meta":{}}""", """[{"in":"body","pointer":"/meta","message":"must have at least 1 property"}]""")]
    [InlineData("""{"name":"Rex","kind":"cat","meta":{"a":"1","b":"2","c":"3"}}""", """[{"in":"body","pointer":"/meta","message":"must have at most 2 properties"}]""")]
    [InlineData("""{"name":"Rex","kind":"cat","meta":{"a/b~c":1}}""", """[{"in":"body","pointer":"/meta/a~1b~0c","message":"must be a string"}]""")]
    [InlineData("""{"name":"Rex","kind":"cat","colour":"red"}""", """[{"in":"body","pointer":"/colour","message":"is not allowed: the schema declares no such property"}]""")]
    [InlineData("""{"name":"Rex","kind":"cat","\ud800x":1}""", "[{\"in\":\"body\",\"pointer\":\"/\\uFFFDx\",\"message\":\"is not allowed: the schema declares no such property\"}]")]
    [InlineData("""{"name":"Rex","kind":"cat","friends":[{"name":"Tom","kind":"cat"},{"name":"tom"}]}""", """[{"in":"body","pointer":"/friends/1/name","message":"must match the pattern ^[A-Z]"},{"in":"body","pointer":"/friends/1/kind","message":"is required"}]""")]
    public async Task A_json_body_that_violates_a_keyword_is_a_400_at_the_value_s_pointer(string body, string errors)
    {
        var runs = Recorder.RunsOf("/pets");

        var response = await PostJsonAsync("/pets", body);

        await Problems.AssertViolationsAsync(response, CreatePet, errors);
        Assert.Equal(runs, Recorder.RunsOf("/pets"));
    }

    [Fact]
    public async Task Form_fields_are_read_as_their_property_schema_s_types()
    {
        var response = await host.Client.PostAsync("/pets", new StringContent(
            "name=Rex&age=5&vaccinated=true&scores=1.5&scores=2&owner[visits]=3&extra=4", Encoding.UTF8, "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"params":{},"query":{},"body":{"name":"Rex","age":5,"vaccinated":true,"scores":[1.5,2],"owner":{"visits":3},"extra":"4"},"cookies":{}}""",
            await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_single_form_value_for_an_array_is_a_one_item_array()
    {
        var response = await host.Client.PostAsync("/pets", new StringContent("name=Rex&scores=9", Encoding.UTF8, "application/x-www-form-urlencoded"));

        Assert.Equal("""{"params":{},"query":{},"body":{"name":"Rex","scores":[9]},"cookies":{}}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Form_fields_that_do_not_read_as_their_type_are_violations()
    {
        var response = await host.Client.PostAsync("/pets", new StringContent("age=old&vaccinated=1&scores=x&owner[visits]=31", Encoding.UTF8, "application/x-www-form-urlencoded"));

        await Problems.AssertViolationsAsync(response, CreatePet,
            """[{"in":"body","pointer":"/name","message":"is required"},{"in":"body","pointer":"/age","message":"must be an integer"},{"in":"body","pointer":"/vaccinated","message":"must be a boolean"},{"in":"body","pointer":"/scores/0","message":"must be a number"}]""");
    }

    [Theory]
    [InlineData("text/plain", "The request body is text/plain, which createPet (POST /pets) does not accept; it accepts application/json, application/x-www-form-urlencoded.")]
    [InlineData("application/xml", "The request body is application/xml, which createPet (POST /pets) does not accept; it accepts application/json, application/x-www-form-urlencoded.")]
    public async Task A_body_of_an_undeclared_media_type_is_415(string mediaType, string detail)
    {
        var runs = Recorder.RunsOf("/pets");

        var response = await PostJsonAsync("/pets", "{\"name\":\"Rex\",\"kind\":\"cat\"}", mediaType);

        await Problems.AssertUnsupportedAsync(response, detail);
        Assert.Equal(runs, Recorder.RunsOf("/pets"));
    }

    [Fact]
    public async Task A_body_without_a_content_type_is_415()
    {
        var response = await host.Client.PostAsync("/pets", new ByteArrayContent(Encoding.UTF8.GetBytes("{}")));

        await Problems.AssertUnsupportedAsync(response, "The request body has no Content-Type; createPet (POST /pets) accepts application/json, application/x-www-form-urlencoded.");
    }

    [Fact]
    public async Task A_missing_required_body_is_400()
    {
        var runs = Recorder.RunsOf("/pets");

        var response = await host.Client.PostAsync("/pets", null);

        await Problems.AssertViolationsAsync(response, CreatePet, """[{"in":"body","pointer":"","message":"is required"}]""");
        Assert.Equal(runs, Recorder.RunsOf("/pets"));
    }

    [Fact]
    public async Task A_json_suffix_body_is_checked_as_json_while_the_flow_gets_the_text_node_red_reads()
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, "/pets/6f1c1c4e-5b4a-4f2e-9a59-0c2f8a5b1d11")
        {
            Content = new StringContent("""{"name":null}""", Encoding.UTF8, "application/merge-patch+json"),
        };

        var response = await host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"params":{"petId":"6f1c1c4e-5b4a-4f2e-9a59-0c2f8a5b1d11"},"query":{},"body":"{\"name\":null}","cookies":{}}""", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("{}", """[{"in":"body","pointer":"","message":"must have at least 1 property"}]""")]
    [InlineData("""{"name":1}""", """[{"in":"body","pointer":"/name","message":"must be a string or null"}]""")]
    [InlineData("{name}", """[{"in":"body","pointer":"","message":"is not valid JSON"}]""")]
    public async Task A_json_suffix_body_that_violates_its_schema_is_400(string body, string errors)
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, "/pets/6f1c1c4e-5b4a-4f2e-9a59-0c2f8a5b1d11")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/merge-patch+json"),
        };

        var response = await host.Client.SendAsync(request);

        await Problems.AssertViolationsAsync(response, "patchPet (PATCH /pets/{petId})", errors);
    }

    [Fact]
    public async Task An_optional_body_may_be_left_out()
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, "/pets/6f1c1c4e-5b4a-4f2e-9a59-0c2f8a5b1d11");

        var response = await host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("""{"label":"a","radius":1}""")]
    [InlineData("""{"label":"a","side":2,"color":"#00ff00"}""")]
    [InlineData("""{"label":"a","side":2,"color":255}""")]
    public async Task Bodies_that_satisfy_all_of_any_of_one_of_and_not_are_accepted(string body)
    {
        var response = await PostJsonAsync("/shapes", body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("""{"radius":1}""", """[{"in":"body","pointer":"/label","message":"is required"}]""")]
    [InlineData("""{"label":"a"}""", """[{"in":"body","pointer":"","message":"must match exactly one of the oneOf schemas; it matches none"}]""")]
    [InlineData("""{"label":"a","radius":1,"side":1}""", """[{"in":"body","pointer":"","message":"must match exactly one of the oneOf schemas; it matches 2"}]""")]
    [InlineData("""{"label":"a","radius":1,"hidden":true}""", """[{"in":"body","pointer":"","message":"must not match the schema in not"}]""")]
    [InlineData("""{"label":"a","radius":1,"color":"green"}""", """[{"in":"body","pointer":"/color","message":"must match at least one of the anyOf schemas"}]""")]
    [InlineData("""{"label":"a","radius":1,"color":16777216}""", """[{"in":"body","pointer":"/color","message":"must match at least one of the anyOf schemas"}]""")]
    public async Task A_body_that_breaks_an_applicator_is_400(string body, string errors)
    {
        var response = await PostJsonAsync("/shapes", body);

        await Problems.AssertViolationsAsync(response, CreateShape, errors);
    }

    [Fact]
    public async Task Recursive_schemas_check_every_level()
    {
        var response = await PostJsonAsync("/trees", """{"value":1,"children":[{"value":2,"children":[{"value":3},{"value":"four"}]}]}""");

        await Problems.AssertViolationsAsync(response, "createTree (POST /trees)", """[{"in":"body","pointer":"/children/0/children/1/value","message":"must be an integer"}]""");
    }

    [Fact]
    public async Task A_value_nested_deeper_than_the_limit_is_a_400_not_a_crash()
    {
        var deep = new StringBuilder();
        for (var i = 0; i < 200; i++) deep.Append("{\"value\":1,\"children\":[");
        deep.Append("{\"value\":1}");
        for (var i = 0; i < 200; i++) deep.Append("]}");

        var response = await PostJsonAsync("/trees", deep.ToString());

        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"message\":\"is nested more than 128 levels deep\"", body);
    }

    [Fact]
    public async Task At_most_twenty_violations_are_listed()
    {
        var body = "[" + string.Join(",", Enumerable.Range(0, 30).Select(i => $"\"{i}\"")) + "]";

        var response = await PostJsonAsync("/numbers", body);

        var errors = "[" + string.Join(",", Enumerable.Range(0, 20).Select(i => $$"""{"in":"body","pointer":"/{{i}}","message":"must be an integer"}""")) + "]";
        await Problems.AssertViolationsAsync(response, "postNumbers (POST /numbers)", errors, truncated: true);
    }

    [Fact]
    public async Task A_text_body_is_checked_as_a_string_under_a_media_type_range()
    {
        var ok = await host.Client.PostAsync("/notes", new StringContent("short", Encoding.UTF8, "text/plain"));
        var tooLong = await host.Client.PostAsync("/notes", new StringContent("far too long", Encoding.UTF8, "text/markdown"));
        var json = await PostJsonAsync("/notes", "\"short\"");

        Assert.Equal("""{"params":{},"query":{},"body":"short","cookies":{}}""", await ok.Content.ReadAsStringAsync());
        await Problems.AssertViolationsAsync(tooLong, "postNote (POST /notes)", """[{"in":"body","pointer":"","message":"must be at most 10 characters long"}]""");
        await Problems.AssertUnsupportedAsync(json, "The request body is application/json, which postNote (POST /notes) does not accept; it accepts text/*.");
    }
}
