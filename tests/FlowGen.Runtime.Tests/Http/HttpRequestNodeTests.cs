using System;

namespace FlowGen.Runtime.Tests.Http;

public sealed class HttpRequestNodeTests
{
    [Theory]
    // Values computed with hash-sum 2.0.0 under Node.js.
    [InlineData("{\"content-type\":\"application/json; charset=utf-8\",\"set-cookie\":[\"up=1; Path=/\",\"b=2\"],\"x-custom\":\"custom-value\"}", "6f75ae16")]
    [InlineData("{}", "59322f29")]
    [InlineData("{\"a\":\"1\",\"n\":5,\"t\":true,\"z\":null,\"arr\":[1,\"x\"],\"o\":{\"k\":\"v\"}}", "5c385952")]
    public void Marker_is_hash_sum_of_the_headers(string json, string expected)
    {
        Assert.Equal(expected, RequestNodeMarker.Hash(JsJson.Parse(json)));
    }

    [Fact]
    public void Marker_rule_drops_unchanged_headers_and_keeps_changed_ones_without_the_marker()
    {
        var headers = (JsObject)JsJson.Parse("{\"x-a\":\"1\",\"set-cookie\":[\"c=1\"]}")!;
        RequestNodeMarker.Mark(headers);
        var msg = new JsObject { ["headers"] = Js.DeepClone(headers) };
        RequestNodeMarker.Apply(msg);
        Assert.False(msg.ContainsKey("headers"));

        msg = new JsObject { ["headers"] = Js.DeepClone(headers) };
        ((JsObject)msg["headers"]!)["x-b"] = "2";
        RequestNodeMarker.Apply(msg);
        var kept = Assert.IsType<JsObject>(msg["headers"]);
        Assert.False(kept.ContainsKey(RequestNodeMarker.HeaderName));
        Assert.Equal("2", kept["x-b"]);

        // No marker: nothing changes.
        msg = new JsObject { ["headers"] = new JsObject { ["x"] = "1" } };
        RequestNodeMarker.Apply(msg);
        Assert.Equal("1", ((JsObject)msg["headers"]!)["x"]);
    }

    [Theory]
    [InlineData("http://h/p?q=50%&r=%zz&s=%41", "http://h/p?q=50%25&r=%25zz&s=%41")]
    [InlineData("http://h/p?a=%%41", "http://h/p?a=%25%41")]
    [InlineData("http://h/50%", "http://h/50%")]
    [InlineData("http://h/p?", "http://h/p?")]
    public void Stray_percents_in_the_query_become_25(string url, string expected)
    {
        Assert.Equal(expected, HttpRequestNode.EscapeStrayPercents(url));
    }

    [Theory]
    [InlineData("http://h", "/", null)]
    [InlineData("http://u:p@h:81/a b/°?x=\"y\" '#frag", "/a%20b/%C2%B0?x=%22y%22%20%27", "u:p")]
    [InlineData("https://h/p?a=|{}", "/p?a=|{}", null)]
    public void Urls_are_encoded_as_the_WHATWG_parser_does(string url, string pathAndQuery, string? userInfo)
    {
        Assert.True(HttpRequestNode.TryParseUrl(url, out var uri, out var info));
        Assert.Equal(pathAndQuery, uri.PathAndQuery);
        Assert.Equal(userInfo, info);
        Assert.Equal("", uri.UserInfo);
    }

    [Theory]
    [InlineData("ftp://h/x")]
    [InlineData("http:///x")]
    [InlineData("not a url")]
    public void Invalid_urls_are_refused(string url)
    {
        Assert.False(HttpRequestNode.TryParseUrl(url, out _, out _));
    }

    [Fact]
    public void Querystring_stringify_follows_node()
    {
        var payload = JsJson.Parse("{\"a\":1,\"b\":[\"x\",\"y\"],\"c\":\"s p&\",\"d\":null,\"e\":{\"f\":1},\"g\":true}");
        Assert.Equal("a=1&b=x&b=y&c=s%20p%26&d=&e=&g=true", HttpRequestNode.Stringify(payload));
        Assert.Equal("", HttpRequestNode.Stringify(null));
    }

    [Fact]
    public void Options_refuse_more_than_Difys_limits()
    {
        var node = new FlowNodeInfo("n", "http request", "", "f", 1, 1);
        Assert.Throws<ArgumentOutOfRangeException>(() => new HttpRequestOptions(node, "GET", null, retries: 11));
        Assert.Throws<ArgumentOutOfRangeException>(() => new HttpRequestOptions(node, "GET", null, retries: 1, retryIntervalMs: 5001));
        Assert.Equal(10, new HttpRequestOptions(node, "GET", null, retries: 10, retryIntervalMs: 5000).Retries);
    }
}
