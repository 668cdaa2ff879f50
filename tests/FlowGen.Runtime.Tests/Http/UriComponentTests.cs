namespace FlowGen.Runtime.Tests.Http;

public sealed class UriComponentTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a%20b", "a b")]
    [InlineData("%2F%3f%26", "/?&")]
    [InlineData("%C3%A9", "é")]
    [InlineData("%F0%9F%98%80", "😀")]
    public void Decodes_like_decodeURIComponent(string input, string expected)
    {
        Assert.True(UriComponent.TryDecode(input, out var decoded));
        Assert.Equal(expected, decoded);
    }

    [Theory]
    [InlineData("%")]
    [InlineData("%2")]
    [InlineData("%ZZ")]
    [InlineData("%E0%A4%A")]
    [InlineData("%C3")]
    [InlineData("%C0%AF")]
    [InlineData("%ED%A0%80")]
    [InlineData("%F4%90%80%80")]
    [InlineData("%80")]
    public void Fails_where_decodeURIComponent_throws(string input)
    {
        Assert.False(UriComponent.TryDecode(input, out var decoded));
        Assert.Equal(input, decoded);
    }
}
