using System.Linq;
using System.Net;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using static FlowGen.Runtime.Tests.Http.HttpTestRequests;

namespace FlowGen.Runtime.Tests.Http;

public sealed class FlowRequestTests
{
    private static FlowRequest Request(HttpContext http, HttpInOptions? options = null, object? body = null) =>
        new(http, options ?? Options("post", "/x"), body ?? JsUndefined.Value);

    [Fact]
    public void Headers_follow_nodes_rules()
    {
        var http = Create("GET", "/x");
        http.Request.Headers["X-Multi"] = new[] { "1", "2" };
        http.Request.Headers["Set-Cookie"] = "one=1";
        http.Request.Headers.Cookie = new[] { "a=1", "b=2" };
        http.Request.Headers["Authorization"] = new[] { "first", "second" };
        var headers = (JsObject)Request(http)["headers"]!;
        Assert.Equal("1, 2", headers["x-multi"]);
        Assert.Equal("[\"one=1\"]", Json(headers["set-cookie"]));
        Assert.Equal("a=1; b=2", headers["cookie"]);
        Assert.Equal("first", headers["authorization"]);
        Assert.Equal("example.com:8080", headers["host"]);
        Assert.All(headers.Keys, k => Assert.Equal(k.ToLowerInvariant(), k));
    }

    [Fact]
    public void Cookies_come_from_every_cookie_header()
    {
        var http = Create("GET", "/x");
        http.Request.Headers.Cookie = new[] { "a=1; b=hello%20world", "c=j:{\"x\":1}" };
        var request = Request(http);
        Assert.Equal("{\"a\":\"1\",\"b\":\"hello world\",\"c\":{\"x\":1}}", Json(request["cookies"]));
        Assert.Equal("{}", Json(request["signedCookies"]));
    }

    [Fact]
    public void Properties_are_computed_when_first_read()
    {
        var http = Create("GET", "/x");
        var request = Request(http);
        http.Request.Headers["X-Late"] = "seen";
        Assert.Equal("seen", ((JsObject)request["headers"]!)["x-late"]);
        http.Request.Headers["X-Later"] = "not seen";
        Assert.Equal(JsUndefined.Value, ((JsObject)request["headers"]!)["x-later"]);
    }

    [Fact]
    public void Writes_and_deletes_stick()
    {
        var request = Request(Create("GET", "/x"));
        request["method"] = "changed";
        Assert.True(request.Remove("query"));
        Assert.Equal("changed", request["method"]);
        Assert.False(request.ContainsKey("query"));
        Assert.DoesNotContain("query", request.Keys);
    }

    [Fact]
    public void Enumeration_lists_every_property_and_get_has_no_body()
    {
        var request = Request(Create("GET", "/x"));
        Assert.Equal(
            new[] { "params", "query", "headers", "cookies", "signedCookies", "method", "url", "originalUrl", "path", "baseUrl", "hostname", "ip", "protocol", "secure", "xhr" },
            request.Keys.ToArray());
        Assert.False(request.ContainsKey("body"));
        var post = Request(Create("POST", "/x"), body: "text");
        Assert.Equal("text", post["body"]);
    }

    [Fact]
    public void Url_parts_are_as_sent_and_relative_to_the_path_base()
    {
        var http = Create("GET", "/api/p/a%20b?q=1&r=%41");
        http.Request.PathBase = "/api";
        http.Request.Path = "/p/a b";
        var request = Request(http);
        Assert.Equal("/api/p/a%20b?q=1&r=%41", request["originalUrl"]);
        Assert.Equal("/p/a%20b?q=1&r=%41", request["url"]);
        Assert.Equal("/p/a%20b", request["path"]);
        Assert.Equal("/api", request["baseUrl"]);
        Assert.Equal("{\"q\":\"1\",\"r\":\"A\"}", Json(request["query"]));
    }

    [Fact]
    public void Connection_facts()
    {
        var http = Create("DELETE", "/x");
        http.Connection.RemoteIpAddress = IPAddress.Parse("::ffff:127.0.0.1");
        http.Request.Headers["X-Requested-With"] = "XMLHttpRequest";
        var request = Request(http);
        Assert.Equal("DELETE", request["method"]);
        Assert.Equal("example.com", request["hostname"]);
        Assert.Equal("::ffff:127.0.0.1", request["ip"]);
        Assert.Equal("http", request["protocol"]);
        Assert.Equal(false, request["secure"]);
        Assert.Equal(true, request["xhr"]);

        var https = Create("GET", "/x");
        https.Request.Scheme = "https";
        Assert.Equal("https", Request(https)["protocol"]);
        Assert.Equal(true, Request(https)["secure"]);
        Assert.Equal(false, Request(https)["xhr"]);
        Assert.Equal(JsUndefined.Value, Request(https)["ip"]);
    }

    [Theory]
    [InlineData("example.com", "example.com")]
    [InlineData("example.com:80", "example.com")]
    [InlineData("[::1]:8080", "[::1]")]
    [InlineData("[::1]", "[::1]")]
    public void Hostname_drops_the_port(string host, string expected)
    {
        Assert.Equal(expected, FlowRequest.HostnameOf(host));
        Assert.Equal(JsUndefined.Value, FlowRequest.HostnameOf(""));
    }

    [Fact]
    public void Params_come_from_route_values_and_missing_optionals_are_undefined()
    {
        var http = Create("GET", "/u/42");
        http.Request.RouteValues["id"] = "42";
        var options = new HttpInOptions("get", "/u/:id/:opt?", "/u/{id}/{opt?}", false, false, new[] { ("id", "id"), ("opt", "opt") });
        Assert.True(FlowRequest.TryDecodeParams(http, options, out var decoded, out _));
        Assert.Null(decoded);
        var parameters = (JsObject)new FlowRequest(http, options, JsUndefined.Value)["params"]!;
        Assert.Equal("{\"id\":\"42\"}", Json(parameters));
        Assert.True(parameters.ContainsKey("opt"));
    }

    [Fact]
    public void Params_are_decoded_from_the_path_as_sent_like_express()
    {
        // Kestrel decodes the path but keeps %2F; %252F arrives as "%2F" too, so the raw text decides.
        var http = Create("GET", "/u/a%2Fb/%252F/rest/x%2Fy");
        http.Request.Path = "/u/a%2Fb/%2F/rest/x%2Fy";
        http.Request.RouteValues["id"] = "a%2Fb";
        http.Request.RouteValues["other"] = "%2F";
        http.Request.RouteValues["__wildcard0"] = "rest/x%2Fy";
        var options = new HttpInOptions("get", "/u/:id/:other/*", "/u/{id}/{other}/{*__wildcard0}", false, false, new[] { ("id", "id"), ("other", "other"), ("__wildcard0", "0") });
        Assert.True(FlowRequest.TryDecodeParams(http, options, out var parameters, out _));
        Assert.Equal("{\"0\":\"rest/x/y\",\"id\":\"a/b\",\"other\":\"%2F\"}", Json(parameters));
    }

    [Fact]
    public void A_param_that_does_not_decode_fails_the_request()
    {
        var http = Create("GET", "/u/%E0%A4%A");
        http.Request.RouteValues["id"] = "%E0%A4%A";
        var options = new HttpInOptions("get", "/u/:id", "/u/{id}", false, false, new[] { ("id", "id") });
        Assert.False(FlowRequest.TryDecodeParams(http, options, out _, out var error));
        Assert.Contains("%E0%A4%A", error);
    }

    [Fact]
    public void Clones_share_the_request()
    {
        var request = Request(Create("GET", "/x"));
        Assert.Same(request, Js.DeepClone(request));
    }

    [Fact]
    public async Task Get_payload_is_req_query_itself_and_the_body_is_never_read()
    {
        var http = Create("GET", "/x?a=1&a=2&b[c]=d", "application/json", Bytes("{\"ignored\":true}"));
        var msg = await HttpInNode.ReceiveAsync(http, Host(), Options("get", "/x"), Node());
        Assert.NotNull(msg);
        Assert.Equal(new[] { "_msgid", "req", "payload" }, msg!.Keys.ToArray());
        Assert.Matches("^[0-9a-f]{16}$", (string)msg["_msgid"]!);
        Assert.Equal("{\"a\":[\"1\",\"2\"],\"b\":{\"c\":\"d\"}}", Json(msg["payload"]));
        Assert.Same(msg["payload"], ((JsObject)msg["req"]!)["query"]);
        Assert.Equal(0, http.Request.Body.Position);
    }

    [Fact]
    public async Task Post_payload_is_req_body_and_uploads_fill_req_files()
    {
        var body = "--B\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a.txt\"\r\n\r\nabc\r\n--B\r\nContent-Disposition: form-data; name=\"t\"\r\n\r\nv\r\n--B--\r\n";
        var http = Create("POST", "/up", "multipart/form-data; boundary=B", Bytes(body));
        var msg = await HttpInNode.ReceiveAsync(http, Host(), Options("post", "/up", upload: true), Node());
        var request = (JsObject)msg!["req"]!;
        Assert.Same(msg["payload"], request["body"]);
        Assert.Equal("{\"t\":\"v\"}", Json(msg["payload"]));
        Assert.Equal("a.txt", ((JsObject)((JsArray)request["files"]!)[0]!)["originalname"]);
    }

    [Fact]
    public async Task Rejected_bodies_and_params_are_answered_without_a_message()
    {
        var http = Create("POST", "/x", "application/json", Bytes("{bad"));
        http.Response.Body = new System.IO.MemoryStream();
        Assert.Null(await HttpInNode.ReceiveAsync(http, Host(), Options("post", "/x"), Node()));
        Assert.Equal(400, http.Response.StatusCode);
        Assert.Equal("application/problem+json; charset=utf-8", http.Response.ContentType);

        var param = Create("GET", "/u/%E0");
        param.Response.Body = new System.IO.MemoryStream();
        param.Request.RouteValues["id"] = "%E0";
        var options = new HttpInOptions("get", "/u/:id", "/u/{id}", false, false, new[] { ("id", "id") });
        Assert.Null(await HttpInNode.ReceiveAsync(param, Host(), options, Node()));
        Assert.Equal(400, param.Response.StatusCode);
    }

    private static FlowHost Host() => new(new ServiceCollection().BuildServiceProvider());

    private static FlowNodeInfo Node() => new("n1", "http in", "", "test.flow.json", 1, 1);
}
