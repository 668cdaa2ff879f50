using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using static FlowGen.Runtime.Tests.Http.HttpTestRequests;

namespace FlowGen.Runtime.Tests.Http;

public sealed class BodyParserTests
{
    [Theory]
    [InlineData("application/json", "{\"a\":1,\"b\":[true,null]}", "{\"a\":1,\"b\":[true,null]}")]
    [InlineData("application/json; charset=utf-8", "[1,\"two\"]", "[1,\"two\"]")]
    [InlineData("Application/JSON", " \r\n\t{\"a\":1}", "{\"a\":1}")]
    [InlineData("application/json", "", "{}")]
    [InlineData("application/json", "\uFEFF{\"bom\":true}", "{\"bom\":true}")]
    public async Task Json_objects_and_arrays_are_parsed(string type, string body, string expected)
    {
        var parsed = await ParseAsync(type, body);
        Assert.Null(parsed.Rejected);
        Assert.Equal(expected, Json(parsed.Value));
    }

    [Theory]
    [InlineData("\"abc\"")]
    [InlineData("5")]
    [InlineData("null")]
    [InlineData("true")]
    [InlineData("   ")]
    [InlineData("{bad json")]
    [InlineData("[1,]")]
    public async Task Json_that_is_not_a_strict_object_or_array_is_400(string body)
    {
        var parsed = await ParseAsync("application/json", body);
        Assert.Equal(StatusCodes.Status400BadRequest, parsed.Rejected?.Status);
    }

    [Fact]
    public async Task Json_without_any_body_is_the_empty_string_from_the_raw_reader()
    {
        var http = Create("POST", "/x", "application/json");
        var parsed = await BodyParser.ParseAsync(http, Options("post", "/x"), new FlowOptions());
        Assert.Equal("", parsed.Value);
    }

    [Fact]
    public async Task A_chunked_json_body_without_content_length_is_parsed()
    {
        var http = Create("POST", "/x", "application/json", Bytes("{\"a\":1}"), declareLength: false);
        var parsed = await BodyParser.ParseAsync(http, Options("post", "/x"), new FlowOptions());
        Assert.Equal("{\"a\":1}", Json(parsed.Value));
    }

    [Fact]
    public async Task Json_over_the_limit_is_413_whether_declared_or_read()
    {
        Assert.Equal(413, (await ParseAsync("application/json", "{\"a\":\"0123456789\"}", limit: 10)).Rejected?.Status);
        var http = Create("POST", "/x", "application/json", Bytes("{\"a\":\"0123456789\"}"), declareLength: false);
        var parsed = await BodyParser.ParseAsync(http, Options("post", "/x"), new FlowOptions { MaxParsedBodyBytes = 10 });
        Assert.Equal(413, parsed.Rejected?.Status);
        Assert.Null((await ParseAsync("application/json", "{\"a\":\"01\"}", limit: 10)).Rejected);
    }

    [Theory]
    [InlineData("application/json; charset=latin1")]
    [InlineData("application/json; charset=utf8")]
    [InlineData("application/json; charset=utf-32")]
    [InlineData("application/x-www-form-urlencoded; charset=iso-8859-1")]
    public async Task Unsupported_charsets_are_415(string type)
    {
        Assert.Equal(415, (await ParseAsync(type, "{}")).Rejected?.Status);
    }

    [Fact]
    public async Task Json_in_utf16_is_decoded_with_its_byte_order()
    {
        var little = await ParseAsync("application/json; charset=utf-16le", Encoding.Unicode.GetBytes("{\"a\":\"é\"}"));
        Assert.Equal("{\"a\":\"é\"}", Json(little.Value));
        var guessed = await ParseAsync("application/json; charset=utf-16", Encoding.BigEndianUnicode.GetBytes("{\"a\":1}"));
        Assert.Equal("{\"a\":1}", Json(guessed.Value));
        var bom = await ParseAsync("application/json; charset=utf-16", Encoding.BigEndianUnicode.GetPreamble().Concat(Encoding.BigEndianUnicode.GetBytes("[2]")).ToArray());
        Assert.Equal("[2]", Json(bom.Value));
    }

    [Fact]
    public async Task Gzip_and_deflate_json_and_forms_are_inflated()
    {
        var gzip = Create("POST", "/x", "application/json", Compress("{\"z\":1}", s => new GZipStream(s, CompressionLevel.Fastest)));
        gzip.Request.Headers.ContentEncoding = "GZIP";
        Assert.Equal("{\"z\":1}", Json((await BodyParser.ParseAsync(gzip, Options("post", "/x"), new FlowOptions())).Value));

        var deflate = Create("POST", "/x", "application/x-www-form-urlencoded", Compress("a=1", s => new ZLibStream(s, CompressionLevel.Fastest)));
        deflate.Request.Headers.ContentEncoding = "deflate";
        Assert.Equal("{\"a\":\"1\"}", Json((await BodyParser.ParseAsync(deflate, Options("post", "/x"), new FlowOptions())).Value));
    }

    [Fact]
    public async Task Inflated_size_counts_against_the_limit()
    {
        var big = "{\"a\":\"" + new string('x', 1000) + "\"}";
        var gzip = Create("POST", "/x", "application/json", Compress(big, s => new GZipStream(s, CompressionLevel.Optimal)));
        gzip.Request.Headers.ContentEncoding = "gzip";
        var parsed = await BodyParser.ParseAsync(gzip, Options("post", "/x"), new FlowOptions { MaxParsedBodyBytes = 500 });
        Assert.Equal(413, parsed.Rejected?.Status);
    }

    [Fact]
    public async Task Unknown_or_corrupt_content_encoding_is_rejected_for_parsed_types_only()
    {
        var br = Create("POST", "/x", "application/json", Bytes("{}"));
        br.Request.Headers.ContentEncoding = "br";
        Assert.Equal(415, (await BodyParser.ParseAsync(br, Options("post", "/x"), new FlowOptions())).Rejected?.Status);

        var corrupt = Create("POST", "/x", "application/json", Bytes("not gzip at all"));
        corrupt.Request.Headers.ContentEncoding = "gzip";
        Assert.Equal(400, (await BodyParser.ParseAsync(corrupt, Options("post", "/x"), new FlowOptions())).Rejected?.Status);

        // Node-RED's raw reader does not inflate: a gzip text body is its bytes read as UTF-8.
        var text = Create("POST", "/x", "text/plain", Bytes("plain"));
        text.Request.Headers.ContentEncoding = "br";
        Assert.Equal("plain", (await BodyParser.ParseAsync(text, Options("post", "/x"), new FlowOptions())).Value);
    }

    [Fact]
    public async Task Urlencoded_bodies_use_qs_with_body_parser_options()
    {
        var parsed = await ParseAsync("application/x-www-form-urlencoded", "a=1&b=two&b=three&c%5Bd%5D=e&sp=x+y");
        Assert.Equal("{\"a\":\"1\",\"b\":[\"two\",\"three\"],\"c\":{\"d\":\"e\"},\"sp\":\"x y\"}", Json(parsed.Value));
        Assert.Equal("{}", Json((await ParseAsync("application/x-www-form-urlencoded", "")).Value));
        Assert.Equal("{\"a\":[{\"b\":\"1\"},\"2\"]}", Json((await ParseAsync("application/x-www-form-urlencoded", "a[b]=1&a=2")).Value));
    }

    [Fact]
    public async Task Urlencoded_limits_are_413_for_parameters_and_400_for_depth()
    {
        var thousand = string.Join("&", Enumerable.Range(0, 1000).Select(i => "k" + i + "=v"));
        Assert.Null((await ParseAsync("application/x-www-form-urlencoded", thousand)).Rejected);
        Assert.Equal(413, (await ParseAsync("application/x-www-form-urlencoded", thousand + "&x=1")).Rejected?.Status);
        var deep = "a" + string.Concat(Enumerable.Repeat("[x]", 33)) + "=1";
        Assert.Equal(400, (await ParseAsync("application/x-www-form-urlencoded", deep)).Rejected?.Status);
        Assert.Equal(413, (await ParseAsync("application/x-www-form-urlencoded", "a=0123456789", limit: 5)).Rejected?.Status);
    }

    [Fact]
    public async Task Text_is_read_as_utf8_whatever_the_charset_says_as_node_red_does()
    {
        Assert.Equal("héllo ✓", (await ParseAsync("text/plain", "héllo ✓")).Value);
        Assert.Equal("héllo", (await ParseAsync("text/plain; charset=iso-8859-1", Bytes("héllo"))).Value);
        Assert.Equal("bom", (await ParseAsync("text/plain", new byte[] { 0xEF, 0xBB, 0xBF, (byte)'b', (byte)'o', (byte)'m' })).Value);
        Assert.Equal("\ufffd\ufffd\u0000", (await ParseAsync("application/vnd.custom", new byte[] { 0xff, 0xfe, 0x00 })).Value);
    }

    [Theory]
    [InlineData("application/xml", "<a>1</a>")]
    [InlineData("image/svg+xml", "<svg/>")]
    [InlineData("application/vnd.api+json", "{\"not\":\"parsed\"}")]
    [InlineData("text/csv", "a,b")]
    [InlineData(null, "raw body")]
    [InlineData("application/x-www-form-urlencoded-not", "a=1")]
    public async Task Text_like_types_are_strings(string? type, string body)
    {
        Assert.Equal(body, (await ParseAsync(type, body)).Value);
    }

    [Theory]
    [InlineData("application/octet-stream")]
    [InlineData("application/cbor")]
    [InlineData("application/x-protobuf")]
    [InlineData("image/png")]
    [InlineData("multipart/form-data; boundary=x")]
    public async Task Binary_types_are_buffers(string type)
    {
        var bytes = new byte[] { 0, 1, 2, 0xff, 0xfe, 0x7f, 0x80 };
        Assert.Equal(bytes, Assert.IsType<byte[]>((await ParseAsync(type, bytes)).Value));
    }

    [Fact]
    public async Task No_body_is_the_empty_string_or_an_empty_buffer()
    {
        Assert.Equal("", (await ParseAsync((string?)null, (byte[]?)null)).Value);
        Assert.Equal("", (await ParseAsync("text/plain", (byte[]?)null)).Value);
        Assert.Empty(Assert.IsType<byte[]>((await ParseAsync("application/octet-stream", (byte[]?)null)).Value));
    }

    [Fact]
    public async Task A_content_type_that_does_not_parse_is_400()
    {
        Assert.Equal(400, (await ParseAsync("not a type", "x")).Rejected?.Status);
        Assert.Equal(400, (await ParseAsync("text/plain; charset", (byte[]?)null)).Rejected?.Status);
    }

    [Fact]
    public async Task Skip_body_parsing_gives_raw_bytes_on_the_configured_path_only()
    {
        var http = Create("POST", "/raw", "application/json", Bytes("{\"a\":1}"));
        var raw = await BodyParser.ParseAsync(http, Options("post", "/raw", skip: true), new FlowOptions());
        Assert.Equal(Bytes("{\"a\":1}"), Assert.IsType<byte[]>(raw.Value));

        var slash = Create("POST", "//raw/", "text/plain", Bytes("t"));
        Assert.IsType<byte[]>((await BodyParser.ParseAsync(slash, Options("post", "/raw", skip: true), new FlowOptions())).Value);

        // Node-RED compares the path case-sensitively, while routing is not: /RAW is parsed normally.
        var upper = Create("POST", "/RAW", "application/json", Bytes("{\"a\":1}"));
        Assert.Equal("{\"a\":1}", Json((await BodyParser.ParseAsync(upper, Options("post", "/raw", skip: true), new FlowOptions())).Value));

        // A url with parameters never equals a request path, so Node-RED parses those bodies.
        var param = Create("POST", "/raw/5", "application/json", Bytes("{\"a\":1}"));
        Assert.IsType<JsObject>((await BodyParser.ParseAsync(param, Options("post", "/raw/:id", skip: true), new FlowOptions())).Value);
    }

    [Fact]
    public async Task Kestrels_body_size_limit_is_413()
    {
        var http = Create("POST", "/x", "text/plain", Bytes("x"));
        http.Request.Body = new TooLargeStream();
        Assert.Equal(413, (await BodyParser.ParseAsync(http, Options("post", "/x"), new FlowOptions())).Rejected?.Status);
    }

    [Fact]
    public async Task A_body_longer_than_its_content_length_is_400()
    {
        var http = Create("POST", "/x", "text/plain", Bytes("abcdef"));
        http.Request.ContentLength = 3;
        Assert.Equal(400, (await BodyParser.ParseAsync(http, Options("post", "/x"), new FlowOptions())).Rejected?.Status);
    }

    private static byte[] Compress(string text, Func<Stream, Stream> compressor)
    {
        using var output = new MemoryStream();
        using (var stream = compressor(output))
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            stream.Write(bytes, 0, bytes.Length);
        }
        return output.ToArray();
    }
}
