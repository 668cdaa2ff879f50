using System.Linq;
using System.Text;
using System.Threading.Tasks;
using static FlowGen.Runtime.Tests.Http.HttpTestRequests;

namespace FlowGen.Runtime.Tests.Http;

public sealed class MultipartFormTests
{
    private const string Type = "multipart/form-data; boundary=XyZ";

    private static string Part(string disposition, string body, string? contentType = null) =>
        "--XyZ\r\nContent-Disposition: " + disposition + "\r\n" + (contentType is null ? "" : "Content-Type: " + contentType + "\r\n") + "\r\n" + body + "\r\n";

    private static Task<ParsedBody> Upload(string body) => ParseAsync(Type, Encoding.UTF8.GetBytes(body), upload: true);

    [Fact]
    public async Task Text_fields_are_the_payload_and_files_are_req_files()
    {
        var body = Part("form-data; name=\"title\"", "hello")
            + Part("form-data; name=\"tag\"", "a")
            + Part("form-data; name=\"tag\"", "b")
            + Part("form-data; name=\"doc\"; filename=\"C:\\\\docs\\\\notes.txt\"", "file text", "text/plain")
            + Part("form-data; name=\"img\"; filename=\"a.png\"", "\u0001\u0002", "image/png")
            + "--XyZ--\r\n";
        var parsed = await Upload(body);
        Assert.Null(parsed.Rejected);
        Assert.Equal("{\"title\":\"hello\",\"tag\":[\"a\",\"b\"]}", Json(parsed.Value));
        var files = parsed.Files!.Cast<JsObject>().ToList();
        Assert.Equal(2, files.Count);
        Assert.Equal(new[] { "fieldname", "originalname", "encoding", "mimetype", "buffer", "size" }, files[0].Keys.ToArray());
        Assert.Equal("doc", files[0]["fieldname"]);
        Assert.Equal("notes.txt", files[0]["originalname"]);
        Assert.Equal("7bit", files[0]["encoding"]);
        Assert.Equal("text/plain", files[0]["mimetype"]);
        Assert.Equal(Encoding.UTF8.GetBytes("file text"), files[0]["buffer"]);
        Assert.Equal(9d, files[0]["size"]);
        Assert.Equal("image/png", files[1]["mimetype"]);
    }

    [Fact]
    public async Task Bracket_field_names_nest_as_append_field_does()
    {
        var body = Part("form-data; name=\"u[name]\"", "ada")
            + Part("form-data; name=\"u[langs][]\"", "en")
            + Part("form-data; name=\"u[langs][]\"", "fr")
            + Part("form-data; name=\"list[1]\"", "second")
            + Part("form-data; name=\"odd[\"", "kept")
            + "--XyZ--\r\n";
        var parsed = await Upload(body);
        Assert.Equal("{\"u\":{\"name\":\"ada\",\"langs\":[\"en\",\"fr\"]},\"list\":[null,\"second\"],\"odd[\":\"kept\"}", Json(parsed.Value));
        Assert.Empty(parsed.Files!);
    }

    [Fact]
    public async Task Empty_file_inputs_are_dropped_and_empty_filenames_without_octet_stream_are_fields()
    {
        var body = Part("form-data; name=\"f\"; filename=\"\"", "", "application/octet-stream")
            + Part("form-data; name=\"g\"; filename=\"\"", "value")
            + Part("attachment; name=\"skipped\"", "x")
            + "--XyZ--\r\n";
        var parsed = await Upload(body);
        Assert.Equal("{\"g\":\"value\"}", Json(parsed.Value));
        Assert.Empty(parsed.Files!);
    }

    [Fact]
    public async Task Utf8_filenames_read_as_latin1_as_busboy_does_unless_sent_as_filename_star()
    {
        var body = Part("form-data; name=\"a\"; filename=\"é.txt\"", "x")
            + Part("form-data; name=\"b\"; filename*=UTF-8''%C3%A9.txt", "y")
            + "--XyZ--\r\n";
        var files = (await Upload(body)).Files!.Cast<JsObject>().ToList();
        Assert.Equal("Ã©.txt", files[0]["originalname"]);
        Assert.Equal("é.txt", files[1]["originalname"]);
    }

    [Theory]
    [InlineData("multipart/form-data")]
    [InlineData("multipart/mixed; boundary=XyZ")]
    public async Task Missing_boundary_or_other_multipart_types_are_400(string type)
    {
        var parsed = await ParseAsync(type, Encoding.UTF8.GetBytes(Part("form-data; name=\"a\"", "1") + "--XyZ--\r\n"), upload: true);
        Assert.Equal(400, parsed.Rejected?.Status);
    }

    [Fact]
    public async Task Malformed_bodies_and_nameless_parts_are_400()
    {
        Assert.Equal(400, (await Upload("--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nno end")).Rejected?.Status);
        Assert.Equal(400, (await Upload(Part("form-data", "x") + "--XyZ--\r\n")).Rejected?.Status);
    }

    [Fact]
    public async Task A_field_over_one_mebibyte_is_413()
    {
        var body = Part("form-data; name=\"big\"", new string('x', MultipartForm.FieldSizeLimit + 1)) + "--XyZ--\r\n";
        Assert.Equal(413, (await Upload(body)).Rejected?.Status);
    }
}
