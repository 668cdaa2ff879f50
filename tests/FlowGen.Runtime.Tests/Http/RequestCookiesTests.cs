namespace FlowGen.Runtime.Tests.Http;

/// <summary>Expected values come from cookie 0.7.2's parse plus cookie-parser's j: rule.</summary>
public sealed class RequestCookiesTests
{
    [Theory]
    [InlineData("a=1; b=hello%20world; c=", "{\"a\":\"1\",\"b\":\"hello world\",\"c\":\"\"}")]
    [InlineData("q=\"quoted value\"; n=2", "{\"q\":\"quoted value\",\"n\":\"2\"}")]
    [InlineData("a=1; a=2", "{\"a\":\"1\"}")]
    [InlineData(" x = y ; z", "{\"x\":\"y\"}")]
    [InlineData("bad=%E0%A4%A; ok=%41", "{\"bad\":\"%E0%A4%A\",\"ok\":\"A\"}")]
    [InlineData("__proto__=1; constructor=2", "{\"constructor\":\"2\"}")]
    [InlineData("noeq; a=1", "{\"a\":\"1\"}")]
    [InlineData("a=\"", "{\"a\":\"\"}")]
    [InlineData("=v", "{\"\":\"v\"}")]
    [InlineData("a", "{}")]
    [InlineData("", "{}")]
    public void Parses_like_cookie_0_7(string header, string expected)
    {
        Assert.Equal(expected, JsJson.Stringify(RequestCookies.Parse(header)));
    }

    [Fact]
    public void J_prefixed_values_that_parse_to_truthy_json_become_values()
    {
        var cookies = RequestCookies.Parse("j=j:{\"x\":1}; k=j:0; l=j:bad; m=j:[1]; n=j%3A%7B%22y%22%3A2%7D");
        Assert.Equal("{\"j\":{\"x\":1},\"k\":\"j:0\",\"l\":\"j:bad\",\"m\":[1],\"n\":{\"y\":2}}", JsJson.Stringify(cookies));
    }

    [Fact]
    public void No_header_gives_an_empty_object()
    {
        Assert.Equal(0, RequestCookies.Parse(null).Count);
    }
}
