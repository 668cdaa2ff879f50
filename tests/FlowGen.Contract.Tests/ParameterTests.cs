using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using FlowGen.Contract.Tests.Code;

namespace FlowGen.Contract.Tests;

/// <summary>
/// Path, query, header and cookie parameters of bound http in nodes: read as their schema's types (the flow sees
/// numbers, booleans and arrays where Node-RED gives strings), checked, and a violation answered 400 before the flow runs.
/// </summary>
[Collection(ContractHostCollection.Name)]
public sealed class ParameterTests(ContractTestHost host)
{
    private const string GetItem = "getItem (GET /items/{itemId})";

    private async Task<HttpResponseMessage> GetAsync(string url, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
        return await host.Client.SendAsync(request);
    }

    [Fact]
    public async Task Every_kind_of_parameter_reaches_the_flow_with_its_declared_type()
    {
        var response = await GetAsync(
            "/items/42?limit=5&ratio=0.75&flag=true&sort=asc&q=abc&tags=a&tags=b&ids=1&ids=2&maybe=7&other=5",
            ("x-rate", "3"), ("x-codes", "1, 2"), ("x-trace", "0123abcd"), ("Authorization", "Bearer token"),
            ("Cookie", "session=6f1c1c4e-5b4a-4f2e-9a59-0c2f8a5b1d11; visits=4"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(
            """{"params":{"id":42},"query":{"limit":5,"ratio":0.75,"flag":true,"sort":"asc","q":"abc","tags":["a","b"],"ids":[1,2],"maybe":7,"other":"5"},"rate":3,"codes":[1,2],"trace":"0123abcd","cookies":{"session":"6f1c1c4e-5b4a-4f2e-9a59-0c2f8a5b1d11","visits":4}}""",
            await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_text_that_does_not_read_as_the_first_declared_type_stays_a_string_when_strings_are_allowed()
    {
        var response = await GetAsync("/items/1?maybe=seven");

        Assert.Equal("""{"params":{"id":1},"query":{"maybe":"seven"},"cookies":{}}""", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/items/abc", """[{"in":"path","name":"itemId","message":"must be an integer"}]""")]
    [InlineData("/items/1.5", """[{"in":"path","name":"itemId","message":"must be an integer"}]""")]
    [InlineData("/items/0", """[{"in":"path","name":"itemId","message":"must be >= 1"}]""")]
    [InlineData("/items/1?limit=0", """[{"in":"query","name":"limit","message":"must be >= 1"}]""")]
    [InlineData("/items/1?limit=101", """[{"in":"query","name":"limit","message":"must be <= 100"}]""")]
    [InlineData("/items/1?limit=ten", """[{"in":"query","name":"limit","message":"must be an integer"}]""")]
    [InlineData("/items/1?limit=", """[{"in":"query","name":"limit","message":"must be an integer"}]""")]
    [InlineData("/items/1?limit=1&limit=2", """[{"in":"query","name":"limit","message":"must be given once"}]""")]
    [InlineData("/items/1?ratio=1", """[{"in":"query","name":"ratio","message":"must be < 1"}]""")]
    [InlineData("/items/1?ratio=0", """[{"in":"query","name":"ratio","message":"must be > 0"}]""")]
    [InlineData("/items/1?ratio=0.3", """[{"in":"query","name":"ratio","message":"must be a multiple of 0.25"}]""")]
    [InlineData("/items/1?flag=yes", """[{"in":"query","name":"flag","message":"must be a boolean"}]""")]
    [InlineData("/items/1?sort=up", """[{"in":"query","name":"sort","message":"must be one of \"asc\", \"desc\""}]""")]
    [InlineData("/items/1?q=a", """[{"in":"query","name":"q","message":"must be at least 2 characters long"}]""")]
    [InlineData("/items/1?q=abcdef", """[{"in":"query","name":"q","message":"must be at most 5 characters long"}]""")]
    [InlineData("/items/1?q=ab1", """[{"in":"query","name":"q","message":"must match the pattern ^[a-z]+$"}]""")]
    [InlineData("/items/1?tags=a", """[{"in":"query","name":"tags","message":"must have at least 2 items"}]""")]
    [InlineData("/items/1?tags=a&tags=b&tags=c&tags=d", """[{"in":"query","name":"tags","message":"must have at most 3 items"}]""")]
    [InlineData("/items/1?tags=a&tags=b&tags=a", """[{"in":"query","name":"tags","message":"must not have duplicate items (items 0 and 2 are equal)"}]""")]
    [InlineData("/items/1?ids=1&ids=x&ids=2.5", """[{"in":"query","name":"ids","pointer":"/1","message":"must be an integer"},{"in":"query","name":"ids","pointer":"/2","message":"must be an integer"}]""")]
    [InlineData("/items/1?ids[a]=1", """[{"in":"query","name":"ids","pointer":"/0","message":"must be an integer"}]""")]
    [InlineData("/items/abc?limit=0&flag=maybe", """[{"in":"path","name":"itemId","message":"must be an integer"},{"in":"query","name":"limit","message":"must be >= 1"},{"in":"query","name":"flag","message":"must be a boolean"}]""")]
    public async Task A_violating_path_or_query_parameter_is_a_400_that_says_what_is_wrong(string url, string errors)
    {
        var runs = Recorder.RunsOf("/items/1") + Recorder.RunsOf("/items/abc") + Recorder.RunsOf("/items/0") + Recorder.RunsOf("/items/1.5");

        var response = await GetAsync(url);

        await Problems.AssertViolationsAsync(response, GetItem, errors);
        Assert.Equal(runs, Recorder.RunsOf("/items/1") + Recorder.RunsOf("/items/abc") + Recorder.RunsOf("/items/0") + Recorder.RunsOf("/items/1.5"));
    }

    [Theory]
    [InlineData("x-rate", "11", """[{"in":"header","name":"x-rate","message":"must be <= 10"}]""")]
    [InlineData("x-rate", "fast", """[{"in":"header","name":"x-rate","message":"must be an integer"}]""")]
    [InlineData("x-codes", "1,x", """[{"in":"header","name":"x-codes","pointer":"/1","message":"must be an integer"}]""")]
    [InlineData("x-trace", "XYZ", """[{"in":"header","name":"x-trace","message":"must match the pattern ^[0-9a-f]{8}$"}]""")]
    [InlineData("Cookie", "session=nope", """[{"in":"cookie","name":"session","message":"must be a UUID"}]""")]
    [InlineData("Cookie", "visits=-1", """[{"in":"cookie","name":"visits","message":"must be >= 0"}]""")]
    public async Task A_violating_header_or_cookie_is_a_400_that_says_what_is_wrong(string header, string value, string errors)
    {
        var response = await GetAsync("/items/7", (header, value));

        await Problems.AssertViolationsAsync(response, GetItem, errors);
    }

    [Fact]
    public async Task Accept_content_type_and_authorization_header_parameters_are_ignored_as_openapi_says()
    {
        var response = await GetAsync("/items/7", ("Authorization", "not a number"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Missing_required_parameters_are_violations_in_every_place()
    {
        var runs = Recorder.RunsOf("/search");

        var response = await GetAsync("/search");

        await Problems.AssertViolationsAsync(response, "search (GET /search)",
            """[{"in":"query","name":"term","message":"is required"},{"in":"header","name":"x-tenant","message":"is required"},{"in":"cookie","name":"region","message":"is required"}]""");
        Assert.Equal(runs, Recorder.RunsOf("/search"));
    }

    [Fact]
    public async Task Required_parameters_given_let_the_flow_run()
    {
        var runs = Recorder.RunsOf("/search");

        var response = await GetAsync("/search?term=cat", ("x-tenant", "acme"), ("Cookie", "region=eu"));

        Assert.Equal("""{"params":{},"query":{"term":"cat"},"cookies":{"region":"eu"}}""", await response.Content.ReadAsStringAsync());
        Assert.Equal(runs + 1, Recorder.RunsOf("/search"));
    }

    [Fact]
    public async Task Path_parameters_are_matched_by_place_when_the_flow_names_them_differently()
    {
        var response = await GetAsync("/ranges/3-7?days=2024-02-29");

        Assert.Equal("""{"params":{"a":3,"b":7},"query":{"days":["2024-02-29"]},"cookies":{}}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Violations_name_the_parameter_as_the_document_does()
    {
        var response = await GetAsync("/ranges/3-x?days=2024-02-29&days=2023-02-29");

        await Problems.AssertViolationsAsync(response, "getRange (GET /ranges/{from}-{to})",
            """[{"in":"path","name":"to","message":"must be an integer"},{"in":"query","name":"days","pointer":"/1","message":"must be a date (YYYY-MM-DD)"}]""");
    }

    [Fact]
    public async Task Array_path_parameters_and_cookies_are_comma_separated()
    {
        var response = await GetAsync("/lists/1,2,3", ("Cookie", "picks=true,false"));

        Assert.Equal("""{"params":{"ids":[1,2,3]},"query":{},"cookies":{"picks":[true,false]}}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Array_path_parameters_are_checked_as_arrays()
    {
        var response = await GetAsync("/lists/1,2,3,4", ("Cookie", "picks=true,maybe"));

        await Problems.AssertViolationsAsync(response, "getList (GET /lists/{ids})",
            """[{"in":"path","name":"ids","message":"must have at most 3 items"},{"in":"cookie","name":"picks","pointer":"/1","message":"must be a boolean"}]""");
    }

    [Fact]
    public async Task Head_gets_the_400_without_a_body()
    {
        using var request = new HttpRequestMessage(HttpMethod.Head, "/items/abc");

        var response = await host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("day=2024-02-29")]
    [InlineData("at=2024-01-31T23:59:60.123%2B01:30")]
    [InlineData("at=2024-01-31t10:00:00z")]
    [InlineData("mail=ada.lovelace%2Bnotes@example.org")]
    [InlineData("site=https://example.org/a?b=c")]
    [InlineData("site=urn:isbn:0451450523")]
    [InlineData("key=6F1C1C4E-5B4A-4F2E-9A59-0C2F8A5B1D11")]
    [InlineData("small=-2147483648")]
    [InlineData("big=9223372036854775807")]
    [InlineData("note=not%20a%20host%20name")]
    public async Task Valid_formats_are_accepted(string query)
    {
        var response = await GetAsync("/formats?" + query);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("day=2023-02-29", "day", "must be a date (YYYY-MM-DD)")]
    [InlineData("day=2024-2-1", "day", "must be a date (YYYY-MM-DD)")]
    [InlineData("at=2024-01-31%2010:00:00Z", "at", "must be a date-time (RFC 3339)")]
    [InlineData("at=2024-01-31T10:00:00", "at", "must be a date-time (RFC 3339)")]
    [InlineData("at=2024-01-31T24:00:00Z", "at", "must be a date-time (RFC 3339)")]
    [InlineData("mail=ada", "mail", "must be an email address")]
    [InlineData("mail=ada@-example.org", "mail", "must be an email address")]
    [InlineData("mail=a%20b@example.org", "mail", "must be an email address")]
    [InlineData("site=/relative/path", "site", "must be an absolute URI")]
    [InlineData("site=https://exa%20mple.org", "site", "must be an absolute URI")]
    [InlineData("key=6f1c1c4e5b4a4f2e9a590c2f8a5b1d11", "key", "must be a UUID")]
    [InlineData("small=2147483648", "small", "must be a 32-bit integer (int32)")]
    [InlineData("big=1e30", "big", "must be a 64-bit integer (int64)")]
    public async Task Invalid_formats_are_violations(string query, string name, string message)
    {
        var response = await GetAsync("/formats?" + query);

        await Problems.AssertViolationsAsync(response, "checkFormats (GET /formats)", $$"""[{"in":"query","name":"{{name}}","message":"{{message}}"}]""");
    }
}
