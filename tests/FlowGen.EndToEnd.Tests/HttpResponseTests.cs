using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;

namespace FlowGen.EndToEnd.Tests;

[Collection(FlowHostCollection.Name)]
public sealed class HttpResponseTests(FlowTestHost host)
{
    private HttpClient Client => host.Client;

    [Fact]
    public async Task Json_body_is_echoed_as_json_with_nosniff_and_a_weak_etag()
    {
        var response = await Client.PostAsync("/response/echo", new StringContent("{\"a\":[1,2.5,\"x\"],\"b\":null}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("{\"a\":[1,2.5,\"x\"],\"b\":null}", await response.Content.ReadAsStringAsync());
        // Express's weak ETag: W/"<length in hex>-<27 characters of base64 SHA-1>".
        Assert.Matches("^W/\"1a-[A-Za-z0-9+/]{27}\"$", response.Headers.ETag?.ToString());
    }

    [Fact]
    public async Task Text_payload_is_sent_as_html_unless_a_type_is_set_and_the_node_status_wins()
    {
        var echoed = await Client.PostAsync("/response/echo", new StringContent("hello", Encoding.UTF8, "text/plain"));
        Assert.Equal("text/html; charset=utf-8", echoed.Content.Headers.ContentType?.ToString());
        Assert.Equal("hello", await echoed.Content.ReadAsStringAsync());

        var created = await Client.PutAsync("/response/created/7", new StringContent("made", Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("text/plain; charset=utf-8", created.Content.Headers.ContentType?.ToString());
        Assert.Equal("node", Assert.Single(created.Headers.GetValues("x-both")));
        Assert.Equal(4, created.Content.Headers.ContentLength);
    }

    [Fact]
    public async Task Buffer_payload_is_sent_as_octet_stream()
    {
        var bytes = new byte[] { 0, 1, 2, 0x7f, 0x80, 0xfe, 0xff, 0x0a };
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");

        var response = await Client.PostAsync("/response/echo", content);

        Assert.Equal("application/octet-stream", response.Content.Headers.ContentType?.ToString());
        Assert.Equal(bytes, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Matching_if_none_match_gets_304_without_body()
    {
        var first = await Client.GetAsync("/response/query?v=1");
        var etag = first.Headers.ETag!.ToString();

        using var conditional = new HttpRequestMessage(HttpMethod.Get, "/response/query?v=1");
        conditional.Headers.TryAddWithoutValidation("If-None-Match", etag);
        var second = await Client.SendAsync(conditional);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Empty(await second.Content.ReadAsByteArrayAsync());
        Assert.Null(second.Content.Headers.ContentType);

        using var star = new HttpRequestMessage(HttpMethod.Get, "/response/query?v=2");
        star.Headers.TryAddWithoutValidation("If-None-Match", "*");
        Assert.Equal(HttpStatusCode.NotModified, (await Client.SendAsync(star)).StatusCode);
    }

    [Fact]
    public async Task Head_runs_the_get_flow_and_sends_headers_only()
    {
        var response = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/response/query?a=1"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal(9, response.Content.Headers.ContentLength);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Options_is_answered_with_the_allowed_methods()
    {
        var response = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Options, "/response/query"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("GET,HEAD", string.Join(",", response.Content.Headers.Allow));
        Assert.Equal("GET,HEAD", await response.Content.ReadAsStringAsync());
        Assert.Equal("text/html; charset=utf-8", response.Content.Headers.ContentType?.ToString());
    }

    [Fact]
    public async Task Wrong_method_on_a_known_path_is_405_and_unknown_paths_404()
    {
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await Client.DeleteAsync("/response/query")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync("/response/nowhere")).StatusCode);
    }

    [Fact]
    public async Task Routes_ignore_case_and_a_trailing_slash_like_express()
    {
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync("/Response/QUERY")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync("/response/query/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync("/response/opt")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync("/response/opt/5")).StatusCode);
    }

    [Fact]
    public async Task With_two_responses_the_first_wire_answers()
    {
        var response = await Client.GetAsync("/response/twice");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Theory]
    [InlineData("/response/none")]
    [InlineData("/response/bad-status")]
    [InlineData("/response/disabled")]
    public async Task A_flow_that_does_not_answer_gets_the_automatic_500(string path)
    {
        var response = await Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        var requestId = Assert.Single(response.Headers.GetValues("request-id"));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.False(body.RootElement.GetProperty("success").GetBoolean());
        Assert.Equal(500, body.RootElement.GetProperty("code").GetInt32());
        Assert.Equal(requestId, body.RootElement.GetProperty("request-id").GetString());
        Assert.Equal("Internal Server Error", body.RootElement.GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_disabled_tab_registers_no_route()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync("/disabled-tab")).StatusCode);
    }

    [Fact]
    public async Task Malformed_json_body_is_400_with_a_problem_body()
    {
        var response = await Client.PostAsync("/response/echo", new StringContent("{bad", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Contains("malformed", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/response/wild/a/b/c", "a/b/c")]
    [InlineData("/response/wild/x", "x")]
    public async Task A_final_star_captures_the_rest_of_the_path_as_params_0(string path, string captured)
    {
        var response = await Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("{\"0\":\"" + captured + "\"}", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_final_star_needs_the_slash_before_it_as_in_express()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync("/response/wild")).StatusCode);
    }
}
