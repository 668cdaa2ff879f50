namespace FlowGen.Runtime.Tests.Http;

public sealed class RequestContentTypeTests
{
    [Fact]
    public void Splits_type_subtype_suffix_and_parameters()
    {
        Assert.True(RequestContentType.TryParse("Application/Vnd.Api+JSON; Charset=\"UTF-8\"; q=1", out var type));
        Assert.Equal("application", type!.Type);
        Assert.Equal("vnd.api", type.Subtype);
        Assert.Equal("json", type.Suffix);
        Assert.Equal("application/vnd.api+json", type.MediaType);
        Assert.Equal("utf-8", type.Charset);
        Assert.Equal("1", type.Parameters["q"]);
    }

    [Theory]
    [InlineData("text")]
    [InlineData("text/")]
    [InlineData("/plain")]
    [InlineData("text/plain; charset")]
    [InlineData("text/plain; charset=\"open")]
    [InlineData("text/plain;; a=b")]
    [InlineData("te xt/plain")]
    [InlineData("text/pl*ain")]
    public void Rejects_what_content_type_or_media_typer_reject(string header)
    {
        Assert.False(RequestContentType.TryParse(header, out _));
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("text/csv", true)]
    [InlineData("application/xml", true)]
    [InlineData("image/svg+xml", true)]
    [InlineData("application/vnd.api+json", true)]
    [InlineData("application/octet-stream", false)]
    [InlineData("application/cbor", false)]
    [InlineData("application/x-protobuf", false)]
    [InlineData("image/png", false)]
    [InlineData("multipart/form-data; boundary=x", false)]
    public void Raw_reader_chooses_text_or_bytes(string? header, bool text)
    {
        RequestContentType? type = null;
        if (header is not null) Assert.True(RequestContentType.TryParse(header, out type));
        Assert.Equal(text, BodyParser.IsText(type));
    }
}
