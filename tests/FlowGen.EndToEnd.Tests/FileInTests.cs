using System.Net;
using System.Threading.Tasks;

namespace FlowGen.EndToEnd.Tests;

[Collection(FlowHostCollection.Name)]
public sealed class FileInTests(FlowTestHost host)
{
    [Fact]
    public async Task A_fixed_file_is_read_as_a_utf8_string()
    {
        var response = await host.Client.GetAsync("/file/static");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("héllo file\n", await response.Content.ReadAsStringAsync());
        Assert.Equal("text/html; charset=utf-8", response.Content.Headers.ContentType!.ToString());
    }

    [Fact]
    public async Task The_utf8_encoding_drops_the_byte_order_mark_and_msg_filename_is_set()
    {
        var body = await host.Client.GetStringAsync("/file/bom");

        Assert.Equal("[with bom] bom.txt", body);
    }

    [Fact]
    public async Task A_file_named_by_the_request_is_served_as_a_buffer_with_the_content_type_a_change_node_sets()
    {
        var response = await host.Client.GetAsync("/file/serve?name=pages/index.html");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.Equal("<h1>Page</h1>\n"u8.ToArray(), await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("nope.html", "ENOENT")]
    [InlineData("pages", "EISDIR")]
    [InlineData("../secret-outside-root.txt", "EACCES")]
    [InlineData("pages/../../secret-outside-root.txt", "EACCES")]
    [InlineData("%2Fetc%2Fpasswd", "EACCES")]
    public async Task Missing_files_and_names_outside_the_root_are_errors_with_Node_codes(string name, string code)
    {
        var response = await host.Client.GetAsync("/file/serve?name=" + name);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(code, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_missing_file_without_sendError_is_a_flow_error_answered_by_the_automatic_500()
    {
        var response = await host.Client.GetAsync("/file/missing");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("\"success\":false", await response.Content.ReadAsStringAsync());
    }
}
