using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace FlowGen.Runtime.Tests.Http;

public sealed class HttpResponseNodeTests
{
    private static readonly FlowHost Host = new(new ServiceCollection().BuildServiceProvider());

    private static (FlowMessage Msg, DefaultHttpContext Http) Message(object? payload, string method = "GET")
    {
        var http = new DefaultHttpContext();
        http.Request.Method = method;
        http.Response.Body = new MemoryStream();
        var msg = new FlowMessage(new FlowExchange(http, Host)) { ["payload"] = payload };
        return (msg, http);
    }

    private static HttpResponseOptions Node(double? status = null, params (string, string)[] headers) => new(status, headers);

    private static string Body(HttpContext http) => Encoding.UTF8.GetString(((MemoryStream)http.Response.Body).ToArray());

    [Theory]
    [InlineData("404", 404)]
    [InlineData("404.7", 404)]
    [InlineData("abc", 200)]
    [InlineData(0d, 200)]
    [InlineData(201.9, 201)]
    public async Task Msg_status_code_is_parsed_like_parseInt(object status, int expected)
    {
        var (msg, http) = Message("x");
        msg["statusCode"] = status;

        await HttpResponseNode.SendAsync(msg, Node());

        Assert.Equal(expected, http.Response.StatusCode);
    }

    [Fact]
    public async Task Node_status_wins_over_msg_status()
    {
        var (msg, http) = Message("x");
        msg["statusCode"] = 404d;

        await HttpResponseNode.SendAsync(msg, Node(201));

        Assert.Equal(201, http.Response.StatusCode);
    }

    [Theory]
    [InlineData(99d)]
    [InlineData(1000d)]
    public async Task Status_outside_100_to_999_is_a_flow_error_and_nothing_is_sent(double status)
    {
        var (msg, http) = Message("x");
        msg["statusCode"] = status;

        var error = await Assert.ThrowsAsync<FlowError>(() => HttpResponseNode.SendAsync(msg, Node()).AsTask());

        Assert.Equal("ERR_HTTP_INVALID_STATUS_CODE", error.Code);
        Assert.False(msg.Exchange.Responded);
        Assert.Equal("", Body(http));
    }

    [Fact]
    public async Task Boolean_payload_is_a_flow_error()
    {
        var (msg, _) = Message(true);

        var error = await Assert.ThrowsAsync<FlowError>(() => HttpResponseNode.SendAsync(msg, Node()).AsTask());

        Assert.Equal("ERR_INVALID_ARG_TYPE", error.Code);
        Assert.False(msg.Exchange.Responded);
    }

    [Fact]
    public async Task Msg_header_differing_only_in_case_replaces_the_node_header_and_exact_spelling_does_not()
    {
        var (msg, http) = Message("x");
        msg["headers"] = new JsObject { ["X-Both"] = "frommsg", ["x-node"] = "ignored", ["x-num"] = 5d, ["x-arr"] = JsArray.Of("a", "b") };

        await HttpResponseNode.SendAsync(msg, Node(null, ("x-both", "fromnode"), ("x-node", "node")));

        Assert.Equal("frommsg", http.Response.Headers["x-both"].ToString());
        Assert.Equal("node", http.Response.Headers["x-node"].ToString());
        Assert.Equal("5", http.Response.Headers["x-num"].ToString());
        Assert.Equal(new[] { "a", "b" }, http.Response.Headers["x-arr"].ToArray());
    }

    [Theory]
    [InlineData("text/plain", "hi", "text/plain; charset=utf-8")]
    [InlineData("text/plain; charset=iso-8859-1", "hi", "text/plain; charset=utf-8")]
    [InlineData("application/xml", "hi", "application/xml; charset=utf-8")]
    [InlineData("application/vnd.api+json", "{}", "application/vnd.api+json; charset=utf-8")]
    public async Task A_set_content_type_gets_charset_utf8_for_text_payloads(string type, string payload, string expected)
    {
        var (msg, http) = Message(payload);

        await HttpResponseNode.SendAsync(msg, Node(null, ("Content-Type", type)));

        Assert.Equal(expected, http.Response.ContentType);
    }

    [Fact]
    public async Task Object_payload_with_a_set_content_type_gets_no_nosniff()
    {
        var (msg, http) = Message(new JsObject { ["a"] = 1d });

        await HttpResponseNode.SendAsync(msg, Node(null, ("content-type", "application/hal+json")));

        Assert.Equal("application/hal+json; charset=utf-8", http.Response.ContentType);
        Assert.False(http.Response.Headers.ContainsKey("X-Content-Type-Options"));
        Assert.Equal("{\"a\":1}", Body(http));
    }

    [Fact]
    public async Task Absent_payload_sends_an_empty_body_with_no_type_or_etag()
    {
        var (msg, http) = Message(JsUndefined.Value);

        await HttpResponseNode.SendAsync(msg, Node(null, ("Content-Type", "text/plain")));

        Assert.Equal(0, http.Response.ContentLength);
        Assert.Null(http.Response.ContentType);
        Assert.False(http.Response.Headers.ContainsKey("ETag"));
    }

    [Fact]
    public async Task User_content_length_is_replaced_by_the_real_length()
    {
        var (msg, http) = Message("abcdef");
        msg["headers"] = new JsObject { ["content-length"] = "2" };

        await HttpResponseNode.SendAsync(msg, Node());

        Assert.Equal(6, http.Response.ContentLength);
    }

    [Theory]
    [InlineData(204)]
    [InlineData(304)]
    public async Task No_content_statuses_drop_body_and_type(int status)
    {
        var (msg, http) = Message(new JsObject { ["x"] = 1d });

        await HttpResponseNode.SendAsync(msg, Node(status));

        Assert.Equal(status, http.Response.StatusCode);
        Assert.Null(http.Response.ContentType);
        Assert.Null(http.Response.ContentLength);
        Assert.Equal("", Body(http));
    }

    [Fact]
    public async Task A_second_response_is_a_flow_error()
    {
        var (msg, _) = Message("x");
        await HttpResponseNode.SendAsync(msg, Node());

        var error = await Assert.ThrowsAsync<FlowError>(() => HttpResponseNode.SendAsync(msg.Clone(), Node()).AsTask());

        Assert.Equal("ERR_HTTP_HEADERS_SENT", error.Code);
    }

    [Theory]
    [InlineData("bad name", "value")]
    [InlineData("x-ok", "line\r\nbreak")]
    public async Task Invalid_headers_are_flow_errors(string name, string value)
    {
        var (msg, _) = Message("x");
        msg["headers"] = new JsObject { [name] = value };

        await Assert.ThrowsAsync<FlowError>(() => HttpResponseNode.SendAsync(msg, Node()).AsTask());
        Assert.False(msg.Exchange.Responded);
    }

    [Fact]
    public async Task ETags_can_be_switched_off()
    {
        var services = new ServiceCollection();
        services.Configure<FlowOptions>(o => o.ETags = false);
        var host = new FlowHost(services.BuildServiceProvider());
        var http = new DefaultHttpContext();
        http.Request.Method = "GET";
        // The tag the body would have: without ETags the server cannot match it.
        http.Request.Headers.IfNoneMatch = HttpResponseNode.WeakETag(Encoding.UTF8.GetBytes("body"));
        http.Response.Body = new MemoryStream();
        var msg = new FlowMessage(new FlowExchange(http, host)) { ["payload"] = "body" };

        await HttpResponseNode.SendAsync(msg, Node());

        Assert.False(http.Response.Headers.ContainsKey("ETag"));
        Assert.Equal(200, http.Response.StatusCode);
        Assert.Equal("body", Body(http));
    }

    [Fact]
    public async Task Cookies_follow_a_set_cookie_header_from_msg_headers_in_order()
    {
        var (msg, http) = Message("x");
        msg["headers"] = JsJson.Parse("{\"Set-Cookie\":[\"a=1\",\"b=2\"]}");
        msg["cookies"] = JsJson.Parse("{\"c\":\"3\",\"d\":{\"value\":\"4\",\"path\":\"/x\"}}");

        await HttpResponseNode.SendAsync(msg, Node());

        Assert.Equal(new[] { "a=1", "b=2", "c=3; Path=/", "d=4; Path=/x" }, http.Response.Headers.SetCookie.ToArray());
    }

    [Fact]
    public async Task Cookies_alone_are_the_set_cookie_header()
    {
        var (msg, http) = Message("x");
        msg["cookies"] = JsJson.Parse("{\"c\":\"3\"}");

        await HttpResponseNode.SendAsync(msg, Node());

        Assert.Equal(new[] { "c=3; Path=/" }, http.Response.Headers.SetCookie.ToArray());
    }

    [Fact]
    public void Weak_etag_of_the_empty_body_matches_express()
    {
        Assert.Equal("W/\"0-2jmj7l5rSw0yVb/vlWAYkK/YBwk\"", HttpResponseNode.WeakETag(Array.Empty<byte>()));
        Assert.Equal("W/\"5-qvTGHdzF6KLavt4PO0gs2a6pQ00\"", HttpResponseNode.WeakETag(Encoding.UTF8.GetBytes("hello")));
        // The length is hexadecimal, as the etag package writes it.
        Assert.StartsWith("W/\"1e240-", HttpResponseNode.WeakETag(new byte[123456]));
    }
}
