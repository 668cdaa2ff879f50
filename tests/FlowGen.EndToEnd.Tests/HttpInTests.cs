using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;

namespace FlowGen.EndToEnd.Tests;

/// <summary>The request side of http in, through the compiled flows of Flows/httpin-request.flow.json.</summary>
[Collection(FlowHostCollection.Name)]
public sealed class HttpInTests(FlowTestHost host)
{
    [Fact]
    public async Task Get_query_is_the_payload()
    {
        var response = await host.Client.GetAsync("/httpin/query?a=1&a=2&user[name]=ada&sp=x+y%20z&bad=%E0%A4&flag&deep[a][b][c][d][e][f]=1");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(
            "{\"a\":[\"1\",\"2\"],\"user\":{\"name\":\"ada\"},\"sp\":\"x y z\",\"bad\":\"%E0%A4\",\"flag\":\"\",\"deep\":{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":{\"[f]\":\"1\"}}}}}}}",
            await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Get_without_query_is_an_empty_object_and_head_runs_the_flow()
    {
        var response = await host.Client.GetAsync("/httpin/query");
        Assert.Equal("{}", await response.Content.ReadAsStringAsync());
        var head = await host.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/httpin/query?a=1"));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal("application/json; charset=utf-8", head.Content.Headers.ContentType?.ToString());
    }

    [Fact]
    public async Task A_route_param_that_does_not_decode_is_400()
    {
        Assert.Equal(HttpStatusCode.OK, (await host.Client.GetAsync("/httpin/users/a%2Fb")).StatusCode);
        var response = await host.Client.GetAsync("/httpin/users/%E0%A4");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(response.Headers.Contains("request-id"));
    }

    [Fact]
    public async Task Post_json_is_parsed_and_echoed()
    {
        var response = await host.Client.PostAsync("/httpin/echo", new StringContent("{\"name\":\"ada\",\"n\":1,\"list\":[1,2]}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("{\"name\":\"ada\",\"n\":1,\"list\":[1,2]}", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Put_gzip_json_is_inflated()
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true)) gzip.Write(Encoding.UTF8.GetBytes("[1,\"two\"]"));
        var content = new ByteArrayContent(buffer.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        content.Headers.ContentEncoding.Add("gzip");
        var response = await host.Client.PutAsync("/httpin/echo", content);
        Assert.Equal("[1,\"two\"]", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Empty_json_body_is_an_empty_object()
    {
        var response = await host.Client.PostAsync("/httpin/echo", new StringContent("", Encoding.UTF8, "application/json"));
        Assert.Equal("{}", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Post_urlencoded_is_parsed_with_qs()
    {
        var response = await host.Client.PostAsync("/httpin/echo", new StringContent("a=1&b=two&b=three&c%5Bd%5D=e&sp=x+y", Encoding.UTF8, "application/x-www-form-urlencoded"));
        Assert.Equal("{\"a\":\"1\",\"b\":[\"two\",\"three\"],\"c\":{\"d\":\"e\"},\"sp\":\"x y\"}", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Post_text_and_xml_are_strings()
    {
        var text = await host.Client.PostAsync("/httpin/echo", new StringContent("héllo ✓", Encoding.UTF8, "text/plain"));
        Assert.Equal("text/html; charset=utf-8", text.Content.Headers.ContentType?.ToString());
        Assert.Equal("héllo ✓", await text.Content.ReadAsStringAsync());
        var xml = await host.Client.PutAsync("/httpin/echo", new StringContent("<a>1</a>", Encoding.UTF8, "application/xml"));
        Assert.Equal("<a>1</a>", await xml.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Post_binary_is_a_buffer()
    {
        var bytes = new byte[] { 0, 1, 2, 0xff, 0xfe, 0x7f, 0x80 };
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        var response = await host.Client.PostAsync("/httpin/echo", content);
        Assert.Equal("application/octet-stream", response.Content.Headers.ContentType?.ToString());
        Assert.Equal(bytes, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Skip_body_parsing_echoes_the_raw_bytes()
    {
        var response = await host.Client.PostAsync("/httpin/raw", new StringContent("{\"a\":1}", Encoding.UTF8, "application/json"));
        Assert.Equal("application/octet-stream", response.Content.Headers.ContentType?.ToString());
        Assert.Equal("{\"a\":1}", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("{bad json", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("\"just a string\"", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("{}", "application/json; charset=latin1", HttpStatusCode.UnsupportedMediaType)]
    public async Task Rejected_bodies_are_client_errors_with_a_problem(string body, string type, HttpStatusCode status)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", type);
        var response = await host.Client.PostAsync("/httpin/echo", content);
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal((int)status, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Equal(response.Headers.GetValues("request-id").Single(), problem.RootElement.GetProperty("request-id").GetString());
    }

    [Fact]
    public async Task Json_over_five_megabytes_is_413()
    {
        var big = "{\"a\":\"" + new string('x', 5 * 1024 * 1024) + "\"}";
        var response = await host.Client.PostAsync("/httpin/echo", new StringContent(big, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Too_many_form_parameters_is_413()
    {
        var form = string.Join("&", Enumerable.Range(0, 1001).Select(i => "k" + i + "=v"));
        var response = await host.Client.PostAsync("/httpin/echo", new StringContent(form, Encoding.UTF8, "application/x-www-form-urlencoded"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Multipart_upload_fields_are_the_payload()
    {
        using var form = new MultipartFormDataContent("boundary42");
        form.Add(new StringContent("hello"), "title");
        form.Add(new StringContent("a"), "tag");
        form.Add(new StringContent("b"), "tag");
        form.Add(new ByteArrayContent(new byte[] { 1, 2, 3 }), "file", "data.bin");
        var response = await host.Client.PostAsync("/httpin/upload", form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("{\"title\":\"hello\",\"tag\":[\"a\",\"b\"]}", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Malformed_multipart_is_400_and_multipart_without_upload_is_a_buffer()
    {
        var broken = new ByteArrayContent(Encoding.UTF8.GetBytes("--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nno end"));
        broken.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=b");
        Assert.Equal(HttpStatusCode.BadRequest, (await host.Client.PostAsync("/httpin/upload", broken)).StatusCode);

        using var form = new MultipartFormDataContent("boundary42") { { new StringContent("x"), "a" } };
        var echoed = await host.Client.PostAsync("/httpin/echo", form);
        Assert.Equal("application/octet-stream", echoed.Content.Headers.ContentType?.ToString());
    }

    [Fact]
    public async Task Msg_req_exposes_params_headers_cookies_and_url_parts()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/httpin/req/a%20b%2Fc?q=search%20term");
        request.Headers.Add("X-Client", "cli/1.0");
        request.Headers.Add("X-Requested-With", "XMLHttpRequest");
        request.Headers.Add("Cookie", "session=abc%20123; prefs=j:{\"dark\":true}; session=ignored");
        var response = await host.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        Assert.Equal("a b/c", root.GetProperty("id").GetString());
        Assert.Equal("cli/1.0", root.GetProperty("client").GetString());
        Assert.Equal("abc 123", root.GetProperty("session").GetString());
        Assert.True(root.GetProperty("prefs").GetProperty("dark").GetBoolean());
        Assert.Equal("localhost", root.GetProperty("host").GetString());
        Assert.Equal("/httpin/req/a%20b%2Fc?q=search%20term", root.GetProperty("url").GetString());
        Assert.Equal("/httpin/req/a%20b%2Fc", root.GetProperty("path").GetString());
        Assert.Equal("GET", root.GetProperty("method").GetString());
        Assert.Equal("search term", root.GetProperty("q").GetString());
        Assert.True(root.GetProperty("xhr").GetBoolean());
    }
}
