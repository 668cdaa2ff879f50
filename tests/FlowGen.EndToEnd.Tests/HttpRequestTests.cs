using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using FlowGen.Runtime;
using JsonNode = System.Text.Json.Nodes.JsonNode;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FlowGen.EndToEnd.Tests;

/// <summary>The loopback upstream and an app serving the flows (Flows/http-request.flow.json) that call it.</summary>
public sealed class HttpRequestHost : IAsyncLifetime
{
    private readonly List<WebApplication> _apps = new();

    public LoopbackUpstream Upstream { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Upstream = await LoopbackUpstream.StartAsync();
        Environment.SetEnvironmentVariable("FLOWGEN_E2E_UPSTREAM", Upstream.BaseUrl);
        Client = await StartAppAsync(options =>
        {
            // By node name (the request nodes are named after their routes) and, below, by node id from configuration.
            options.HttpRequestCredentials["basic"] = new HttpRequestCredentials { User = "ada", Password = "s3cret:x" };
            options.HttpRequestCredentials["bearer"] = new HttpRequestCredentials { Password = "tok-123" };
            options.HttpRequestCredentials["apikey-header"] = new HttpRequestCredentials { ApiKey = "key-1" };
            options.HttpRequestCredentials["apikey-query"] = new HttpRequestCredentials { ApiKey = "k y" };
        });
    }

    /// <summary>Another app over the same flows with other options (allow-list, factory).</summary>
    public async Task<HttpClient> StartAppAsync(Action<FlowOptions> configure, Action<IServiceCollection>? services = null)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["FlowGen:Credentials:hr_digest_req:User"] = "dig",
            ["FlowGen:Credentials:hr_digest_req:Password"] = "pw",
        });
        builder.Services.Configure(configure);
        services?.Invoke(builder.Services);
        var app = builder.Build();
        app.MapFlows();
        await app.StartAsync();
        _apps.Add(app);
        return app.GetTestClient();
    }

    public async Task DisposeAsync()
    {
        foreach (var app in _apps) await app.DisposeAsync();
        await Upstream.DisposeAsync();
    }
}

/// <summary>http request against a real upstream on 127.0.0.1.</summary>
public sealed class HttpRequestTests(HttpRequestHost host) : IClassFixture<HttpRequestHost>
{
    private string Up => host.Upstream.BaseUrl;

    private async Task<JsonObject> Call(string route, object input, HttpClient? client = null)
    {
        var response = await (client ?? host.Client).PostAsync("/hr/" + route, new StringContent(JsonSerializer.Serialize(input), Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadGateway, $"{(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    private static JsonObject Echo(JsonObject result) => result["payload"]!.AsObject();

    [Fact]
    public async Task Posts_an_object_as_json_and_outputs_status_headers_and_url()
    {
        var result = await Call("obj", new { url = Up + "/echo/post", method = "post", body = new { a = 1, b = new[] { "x", "y" } } });
        Assert.Equal(200, (int)result["statusCode"]!);
        var echo = Echo(result);
        Assert.Equal("POST", (string?)echo["method"]);
        Assert.Equal("{\"a\":1,\"b\":[\"x\",\"y\"]}", (string?)echo["body"]);
        Assert.Equal("application/json", (string?)echo["headers"]!["content-type"]);
        Assert.Equal(Up + "/echo/post", (string?)result["responseUrl"]);
        Assert.Empty(result["redirectList"]!.AsArray());
        Assert.Equal(0, (int)result["retry"]!);
        var headers = result["headers"]!.AsObject();
        Assert.Equal("application/json; charset=utf-8", (string?)headers["content-type"]);
        Assert.Matches("^[0-9a-f]{8,}$", (string?)headers["x-node-red-request-node"]);
        Assert.False(result.ContainsKey("responseCookies"));
    }

    [Fact]
    public async Task Strings_and_numbers_go_as_they_are_without_a_content_type()
    {
        var echo = Echo(await Call("obj", new { url = Up + "/echo/s", method = "put", body = "hello" }));
        Assert.Equal("PUT", (string?)echo["method"]);
        Assert.Equal("hello", (string?)echo["body"]);
        Assert.Null(echo["headers"]!["content-type"]);
        echo = Echo(await Call("obj", new { url = Up + "/echo/n", method = "post", body = 0 }));
        Assert.Equal("0", (string?)echo["body"]);
        echo = Echo(await Call("obj", new { url = Up + "/echo/f", method = "post", headers = new Dictionary<string, string> { ["content-type"] = "application/x-www-form-urlencoded" }, body = new { foo = "1 2 3", bar = "" } }));
        Assert.Equal("foo=1%202%203&bar=", (string?)echo["body"]);
        echo = Echo(await Call("obj", new { url = Up + "/echo/t", method = "post", headers = new Dictionary<string, string> { ["Content-Type"] = "text/plain" }, body = new { a = 1 } }));
        Assert.Equal("{\"a\":1}", (string?)echo["body"]);
        Assert.Equal("text/plain", (string?)echo["headers"]!["content-type"]);
    }

    /// <summary>The flow's Activity is current while its nodes run, so an outbound call is traced inside the flow.</summary>
    [Fact]
    public async Task The_outbound_call_is_traced_inside_the_flow_activity()
    {
        var activities = new System.Collections.Concurrent.ConcurrentQueue<System.Diagnostics.Activity>();
        using var listener = new System.Diagnostics.ActivityListener
        {
            ShouldListenTo = source => source.Name is FlowGen.Runtime.FlowTelemetry.Name or "System.Net.Http",
            Sample = (ref System.Diagnostics.ActivityCreationOptions<System.Diagnostics.ActivityContext> _) => System.Diagnostics.ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activities.Enqueue,
        };
        System.Diagnostics.ActivitySource.AddActivityListener(listener);

        await Call("txt", new { url = Up + "/text", method = "get" });

        static bool Inside(System.Diagnostics.Activity a) => a.Source.Name == "System.Net.Http"
            && a.Parent?.Source.Name == FlowGen.Runtime.FlowTelemetry.Name && (string?)a.Parent.GetTagItem("flowgen.flow") == "hr_txt_in";
        for (var i = 0; i < 100 && !activities.Any(Inside); i++) await Task.Delay(20);
        Assert.Contains(activities, Inside);
    }

    [Fact]
    public async Task Ret_modes_give_text_buffers_and_parsed_json()
    {
        Assert.Equal("plain text from upstream", (string?)(await Call("txt", new { url = Up + "/text", method = "get" }))["payload"]);
        var buffer = (await Call("bin", new { url = Up + "/binary", method = "get" }))["payload"]!;
        Assert.Equal("Buffer", (string?)buffer["type"]);
        Assert.Equal(new[] { 0, 1, 2, 127, 128, 254, 255, 10 }, buffer["data"]!.AsArray().Select(n => (int)n!).ToArray());
        Assert.Equal("plain text from upstream", (string?)(await Call("obj", new { url = Up + "/text", method = "get" }))["payload"]);
        var noContent = await Call("obj", new { url = Up + "/status/204", method = "delete" });
        Assert.Equal(204, (int)noContent["statusCode"]!);
        Assert.Equal("{}", noContent["payload"]!.ToJsonString());
        var head = await Call("txt", new { url = Up + "/binary", method = "head" });
        Assert.Equal("", (string?)head["payload"]);
    }

    [Fact]
    public async Task Error_statuses_are_outputs_not_errors()
    {
        var result = await Call("obj", new { url = Up + "/status/404", method = "get" });
        Assert.Equal(404, (int)result["statusCode"]!);
        Assert.Equal(404, (int)result["payload"]!["status"]!);
        Assert.Equal("404", (string?)result["headers"]!["x-upstream-status"]);
    }

    [Fact]
    public async Task Url_template_escapes_as_mustache_and_header_list_wins_over_msg_headers()
    {
        var result = await Call("template", new
        {
            upstream = Up,
            q = "a b&c/d",
            tag = "blue",
            headers = new Dictionary<string, string> { ["X-Drop"] = "gone", ["x-trace"] = "from-msg", ["X-Kept"] = "kept" },
        });
        var echo = Echo(result);
        Assert.Equal("/echo/t", (string?)echo["path"]);
        // {{q}} HTML-escapes: "&amp;" and "&#x2F;" put a '#' in the URL, so the rest is a fragment, as in Node-RED.
        Assert.Equal("?esc=a%20b&amp;c&", (string?)echo["query"]);
        var headers = echo["headers"]!.AsObject();
        Assert.Equal("trace-1", (string?)headers["x-trace"]);
        Assert.Equal("blue", (string?)headers["x-from"]);
        Assert.Equal("application/json", (string?)headers["accept"]);
        Assert.Equal("kept", (string?)headers["x-kept"]);
        Assert.False(headers.ContainsKey("x-drop"));
    }

    [Fact]
    public async Task Stray_percent_signs_in_the_query_are_escaped_and_others_encoded()
    {
        var echo = Echo(await Call("obj", new { url = Up + "/echo/q?q=50%&r=%zz&s=%41&t=°|", method = "get" }));
        Assert.Equal("?q=50%25&r=%25zz&s=%41&t=%C2%B0|", (string?)echo["query"]);
    }

    [Fact]
    public async Task Paytoqs_query_appends_an_object_payload_and_rejects_others()
    {
        var echo = Echo(await Call("paytoqs", new { url = Up + "/echo/q?z=0", body = new { a = 1, b = new[] { "x", "y" }, c = "s p" } }));
        Assert.Equal("?z=0&a=1&b=x&b=y&c=s%20p", (string?)echo["query"]);
        Assert.Equal(0, (int)echo["length"]!);
        // "Invalid payload" is reported and nothing is sent on: the flow ends without an answer.
        var response = await host.Client.PostAsync("/hr/paytoqs", new StringContent(JsonSerializer.Serialize(new { url = Up + "/echo/q", body = "text" }), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
    }

    [Fact]
    public async Task Paytoqs_body_sends_the_payload_with_a_get()
    {
        var echo = Echo(await Call("paybody", new { url = Up + "/echo/b", body = new { a = 1 } }));
        Assert.Equal("GET", (string?)echo["method"]);
        Assert.Equal("{\"a\":1}", (string?)echo["body"]);
        Assert.Null(echo["headers"]!["content-type"]);
    }

    [Fact]
    public async Task Redirects_are_followed_with_redirect_list_and_cookies()
    {
        var result = await Call("obj", new { url = Up + "/redirect/3", method = "get" });
        Assert.Equal(200, (int)result["statusCode"]!);
        Assert.Equal(Up + "/echo/redirected", (string?)result["responseUrl"]);
        var list = result["redirectList"]!.AsArray();
        Assert.Equal(new[] { "/redirect/2", "/redirect/1", "/echo/redirected" }, list.Select(h => (string?)h!["location"]).ToArray());
        Assert.Equal("v3", (string?)list[0]!["cookies"]!["hop3"]!["value"]);
        Assert.Equal("/", (string?)list[0]!["cookies"]!["hop3"]!["Path"]);
        Assert.Equal("hop3=v3; hop2=v2; hop1=v1", (string?)Echo(result)["headers"]!["cookie"]);

        var stopped = await Call("obj", new { url = Up + "/redirect/2", method = "get", followRedirects = false });
        Assert.Equal(302, (int)stopped["statusCode"]!);
        Assert.Empty(stopped["redirectList"]!.AsArray());
        Assert.Equal(Up + "/redirect/2", (string?)stopped["responseUrl"]);

        var post = Echo(await Call("obj", new { url = Up + "/redirect/1?code=303", method = "post", body = "x" }));
        Assert.Equal("GET", (string?)post["method"]);
        Assert.Equal(0, (int)post["length"]!);
    }

    [Fact]
    public async Task More_than_21_redirects_is_an_error_sent_on()
    {
        var result = await Call("obj", new { url = Up + "/redirect/22", method = "get" });
        Assert.Equal("ERR_TOO_MANY_REDIRECTS", (string?)result["statusCode"]);
        Assert.Equal("MaxRedirectsError: Redirected 21 times. Aborting. : " + Up + "/redirect/22", (string?)result["payload"]);
    }

    [Fact]
    public async Task A_refused_connection_is_sent_on_with_the_error_code()
    {
        var url = $"http://127.0.0.1:{host.Upstream.ClosedPort}/x";
        var result = await Call("obj", new { url, method = "get" });
        Assert.Equal("ECONNREFUSED", (string?)result["statusCode"]);
        Assert.Equal($"RequestError: connect ECONNREFUSED 127.0.0.1:{host.Upstream.ClosedPort} : {url}", (string?)result["payload"]);
        // The success fields are not set.
        Assert.False(result.ContainsKey("responseUrl"));
    }

    [Fact]
    public async Task Message_timeout_is_ETIMEDOUT()
    {
        var result = await Call("obj", new { url = Up + "/slow/3000", method = "get", requestTimeout = 100 });
        Assert.Equal("ETIMEDOUT", (string?)result["statusCode"]);
        Assert.Equal($"TimeoutError: Timeout awaiting 'request' for 100ms : {Up}/slow/3000", (string?)result["payload"]);
        var fast = await Call("obj", new { url = Up + "/slow/10", method = "get", requestTimeout = 2000 });
        Assert.Equal(200, (int)fast["statusCode"]!);
        // Not a number, or below 1: ignored.
        Assert.Equal(200, (int)(await Call("obj", new { url = Up + "/slow/10", method = "get", requestTimeout = "soon" }))["statusCode"]!);
        Assert.Equal(200, (int)(await Call("obj", new { url = Up + "/slow/10", method = "get", requestTimeout = 0 }))["statusCode"]!);
    }

    [Fact]
    public async Task A_reset_in_the_middle_of_the_body_is_ECONNRESET()
    {
        var result = await Call("txt", new { url = Up + "/reset", method = "get" });
        Assert.Equal("ECONNRESET", (string?)result["statusCode"]);
        Assert.StartsWith("ReadError: ", (string?)result["payload"]);
    }

    [Fact]
    public async Task Retries_on_5xx_until_success_with_the_interval_between_attempts()
    {
        var key = "r-" + Guid.NewGuid().ToString("N");
        var result = await Call("retry", new { url = $"{Up}/flaky/{key}/2", method = "get" });
        Assert.Equal(200, (int)result["statusCode"]!);
        Assert.Equal(3, (int)result["payload"]!["attempt"]!);
        Assert.Equal(2, (int)result["retry"]!);
        var calls = host.Upstream.Calls(key);
        Assert.Equal(3, calls.Count);
        for (var i = 1; i < calls.Count; i++) Assert.True(Stopwatch.GetElapsedTime(calls[i - 1], calls[i]) >= TimeSpan.FromMilliseconds(40));
    }

    [Fact]
    public async Task Retries_give_up_after_the_maximum_and_output_the_last_response()
    {
        var key = "g-" + Guid.NewGuid().ToString("N");
        var result = await Call("retry", new { url = $"{Up}/flaky/{key}/10", method = "get" });
        Assert.Equal(503, (int)result["statusCode"]!);
        Assert.Equal(4, (int)result["payload"]!["attempt"]!);
        Assert.Equal(3, (int)result["retry"]!);
        Assert.Equal(4, host.Upstream.Calls(key).Count);
    }

    [Fact]
    public async Task Other_4xx_are_never_retried_but_408_and_429_are()
    {
        var key = "n-" + Guid.NewGuid().ToString("N");
        var result = await Call("retry", new { url = $"{Up}/flaky/{key}/1?status=404", method = "get" });
        Assert.Equal(404, (int)result["statusCode"]!);
        Assert.Single(host.Upstream.Calls(key));
        foreach (var status in new[] { 408, 429 })
        {
            key = "t-" + Guid.NewGuid().ToString("N");
            result = await Call("retry", new { url = $"{Up}/flaky/{key}/1?status={status}", method = "get" });
            Assert.Equal(200, (int)result["statusCode"]!);
            Assert.Equal(2, host.Upstream.Calls(key).Count);
        }
    }

    [Fact]
    public async Task Transport_errors_and_timeouts_are_retried()
    {
        var result = await Call("retry", new { url = $"http://127.0.0.1:{host.Upstream.ClosedPort}/x", method = "get" });
        Assert.Equal("ECONNREFUSED", (string?)result["statusCode"]);
        Assert.Equal(3, (int)result["retry"]!);
        result = await Call("retry", new { url = Up + "/slow/2000", method = "get", requestTimeout = 50 });
        Assert.Equal("ETIMEDOUT", (string?)result["statusCode"]);
        Assert.Equal(3, (int)result["retry"]!);
    }

    [Fact]
    public async Task Retry_after_is_honoured_over_the_interval()
    {
        var key = "a-" + Guid.NewGuid().ToString("N");
        var result = await Call("retry-after", new { url = $"{Up}/flaky/{key}/1?status=429&retryAfter=1", method = "get" });
        Assert.Equal(200, (int)result["statusCode"]!);
        var calls = host.Upstream.Calls(key);
        Assert.Equal(2, calls.Count);
        Assert.True(Stopwatch.GetElapsedTime(calls[0], calls[1]) >= TimeSpan.FromMilliseconds(900));
    }

    [Fact]
    public async Task The_fail_branch_gets_errors_and_the_first_output_successes()
    {
        var url = $"http://127.0.0.1:{host.Upstream.ClosedPort}/down";
        var response = await host.Client.PostAsync("/hr/fail", new StringContent(JsonSerializer.Serialize(new { url, method = "get" }), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        var failed = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("ECONNREFUSED", (string?)failed["statusCode"]);
        Assert.Equal(1, (int)failed["retry"]!);
        Assert.Equal($"RequestError: connect ECONNREFUSED 127.0.0.1:{host.Upstream.ClosedPort}", (string?)failed["error"]!["message"]);
        Assert.Equal("ECONNREFUSED", (string?)failed["error"]!["code"]);
        Assert.Equal("hr_fail_req", (string?)failed["error"]!["source"]!["id"]);
        Assert.Equal("http request", (string?)failed["error"]!["source"]!["type"]);

        var ok = await Call("fail", new { url = Up + "/status/503", method = "get" });
        Assert.Equal(503, (int)ok["statusCode"]!);
    }

    [Fact]
    public async Task Body_kinds_set_body_and_content_type()
    {
        var json = Echo(await Call("body-json", new { url = Up + "/echo/j", method = "post", body = new { a = 1 } }));
        Assert.Equal("{\"a\":1}", (string?)json["body"]);
        Assert.Equal("application/json", (string?)json["headers"]!["content-type"]);

        var form = Echo(await Call("body-form-urlencoded", new { url = Up + "/echo/u", method = "post", body = new { a = 1, b = "x y" } }));
        Assert.Equal("a=1&b=x%20y", (string?)form["body"]);
        Assert.Equal("application/x-www-form-urlencoded", (string?)form["headers"]!["content-type"]);

        var multipart = Echo(await Call("body-form-data", new { url = Up + "/echo/m", method = "post", body = new { other = "123", file = new { value = "file text", options = new { filename = "f.txt", contentType = "text/plain" } } } }));
        Assert.StartsWith("multipart/form-data; boundary=", (string?)multipart["headers"]!["content-type"]);
        var body = (string)multipart["body"]!;
        Assert.Contains("name=\"other\"", body);
        Assert.Contains("123", body);
        Assert.Contains("filename=\"f.txt\"", body);
        Assert.Contains("Content-Type: text/plain", body);
        Assert.Contains("file text", body);

        var raw = Echo(await Call("body-raw-text", new { url = Up + "/echo/r", method = "post", body = 42 }));
        Assert.Equal("42", (string?)raw["body"]);
        Assert.Equal("text/plain", (string?)raw["headers"]!["content-type"]);

        var binary = Echo(await Call("body-binary", new { url = Up + "/echo/b", method = "put", body = "bytes" }));
        Assert.Equal("bytes", (string?)binary["body"]);
        Assert.Equal("application/octet-stream", (string?)binary["headers"]!["content-type"]);
        // An object is no binary body: reported, nothing sent on, so the flow ends without an answer.
        var wrong = await host.Client.PostAsync("/hr/body-binary", new StringContent(JsonSerializer.Serialize(new { url = Up + "/echo/b", method = "put", body = new { a = 1 } }), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.InternalServerError, wrong.StatusCode);
    }

    [Fact]
    public async Task Credentials_come_from_options_and_configuration()
    {
        var basic = Echo(await Call("basic", new { url = Up + "/echo/a", method = "get" }));
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("ada:s3cret:x")), (string?)basic["headers"]!["authorization"]);
        var bearer = Echo(await Call("bearer", new { url = Up + "/echo/a", method = "get" }));
        Assert.Equal("Bearer tok-123", (string?)bearer["headers"]!["authorization"]);
        // URL user info fills in for a node without configured credentials.
        var fromUrl = Echo(await Call("obj", new { url = Up.Replace("http://", "http://us%20er:p%40ss@") + "/echo/a", method = "get" }));
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("us er:p@ss")), (string?)fromUrl["headers"]!["authorization"]);
    }

    [Fact]
    public async Task Digest_answers_the_challenge()
    {
        var result = await Call("digest", new { url = Up + "/digest", method = "get" });
        Assert.Equal(200, (int)result["statusCode"]!);
        var header = (string)result["payload"]!["authorization"]!;
        var parts = System.Text.RegularExpressions.Regex.Matches(header, "(\\w+)=\"?([^\",]+)\"?").ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
        static string Md5(string s) => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(s)));
        var expected = Md5($"{Md5("dig:flows:pw")}:abc123:00000001:{parts["cnonce"]}:auth:{Md5("GET:/digest")}");
        Assert.Equal("dig", parts["username"]);
        Assert.Equal("xyz", parts["opaque"]);
        Assert.Equal(expected, parts["response"]);
    }

    [Fact]
    public async Task Api_key_goes_in_a_header_or_the_query()
    {
        var header = Echo(await Call("apikey-header", new { url = Up + "/echo/k", method = "get" }));
        Assert.Equal("key-1", (string?)header["headers"]!["x-api-key"]);
        var query = Echo(await Call("apikey-query", new { url = Up + "/echo/k?a=1", method = "get" }));
        Assert.Equal("?a=1&key=k%20y", (string?)query["query"]);
    }

    [Fact]
    public async Task Cookies_from_the_message_and_the_cookie_header_are_sent_and_response_cookies_parsed()
    {
        var echo = Echo(await Call("obj", new
        {
            url = Up + "/echo/c",
            method = "get",
            headers = new Dictionary<string, string> { ["cookie"] = "h1=x; h2=y" },
            cookies = new Dictionary<string, object?> { ["c1"] = "v 1", ["c2"] = new { value = "v=2" }, ["gone"] = null },
        }));
        Assert.Equal("h1=x; h2=y; c1=v%201; c2=v%3D2", (string?)echo["headers"]!["cookie"]);

        var result = await Call("obj", new { url = Up + "/headers", method = "get" });
        Assert.Equal("1", (string?)result["responseCookies"]!["up"]!["value"]);
        Assert.Equal("a b", (string?)result["responseCookies"]!["second"]!["value"]);
        Assert.Equal("/x", (string?)result["responseCookies"]!["second"]!["Path"]);
        Assert.Equal(2, result["headers"]!["set-cookie"]!.AsArray().Count);
    }

    [Fact]
    public async Task Header_values_with_line_breaks_are_refused_before_the_call()
    {
        var key = "crlf-" + Guid.NewGuid().ToString("N");
        var result = await Call("obj", new { url = $"{Up}/flaky/{key}/0", method = "get", headers = new Dictionary<string, string> { ["X-Evil"] = "a\r\nX-Injected: 1" } });
        Assert.Equal("ERR_INVALID_CHAR", (string?)result["statusCode"]);
        Assert.Empty(host.Upstream.Calls(key));
    }

    [Fact]
    public async Task Unchanged_upstream_headers_are_not_copied_to_the_response_and_changed_ones_all_are()
    {
        var dropped = await host.Client.GetAsync("/hr/passthrough");
        Assert.False(dropped.Headers.Contains("X-Custom"));
        Assert.False(dropped.Headers.Contains("Set-Cookie"));
        Assert.False(dropped.Headers.Contains(RequestNodeMarker.HeaderName));
        var copied = await host.Client.GetAsync("/hr/passthrough-modified");
        Assert.Equal("custom-value", copied.Headers.GetValues("X-Custom").Single());
        Assert.Equal("yes", copied.Headers.GetValues("x-added").Single());
        Assert.Equal(2, copied.Headers.GetValues("Set-Cookie").Count());
        Assert.False(copied.Headers.Contains(RequestNodeMarker.HeaderName));
        // The upstream answered chunked; its transfer-encoding is not copied over the host's own framing.
        Assert.NotEqual(true, copied.Headers.TransferEncodingChunked);
        Assert.Equal("{\"ok\":true}", await copied.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_message_with_unchanged_response_headers_sends_none_of_them_upstream()
    {
        // The marker rule on the request side: headers of an earlier response, unchanged, are not sent.
        var first = await Call("obj", new { url = Up + "/headers", method = "get" });
        var headers = first["headers"]!.AsObject();
        var echo = Echo(await Call("obj", new { url = Up + "/echo/m", method = "get", headers }));
        Assert.False(echo["headers"]!.AsObject().ContainsKey("x-custom"));
        headers["x-more"] = "1";
        echo = Echo(await Call("obj", new { url = Up + "/echo/m", method = "get", headers }));
        Assert.Equal("custom-value", (string?)echo["headers"]!["x-custom"]);
        Assert.False(echo["headers"]!.AsObject().ContainsKey(RequestNodeMarker.HeaderName));
    }

    [Fact]
    public async Task A_client_that_goes_away_cancels_the_outbound_call()
    {
        var before = host.Upstream.AbortedSlowCalls;
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => host.Client.PostAsync("/hr/obj",
            new StringContent(JsonSerializer.Serialize(new { url = Up + "/slow/8000", method = "get" }), Encoding.UTF8, "application/json"), cancel.Token));
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (host.Upstream.AbortedSlowCalls == before && DateTime.UtcNow < deadline) await Task.Delay(20);
        Assert.True(host.Upstream.AbortedSlowCalls > before);
    }

    [Fact]
    public async Task The_allow_list_refuses_other_hosts()
    {
        var client = await host.StartAppAsync(o => o.AllowedOutboundHosts.Add("api.example.com"));
        var result = await Call("obj", new { url = Up + "/echo/x", method = "get" }, client);
        Assert.Equal("ERR_HOST_NOT_ALLOWED", (string?)result["statusCode"]);
        var allowed = await host.StartAppAsync(o => o.AllowedOutboundHosts.Add("127.0.0.1"));
        Assert.Equal(200, (int)(await Call("obj", new { url = Up + "/echo/x", method = "get" }, allowed))["statusCode"]!);
        // A redirect may not leave the list either.
        var hop = await Call("obj", new { url = Up + "/redirect/1", method = "get" }, await host.StartAppAsync(o => o.AllowedOutboundHosts.Add("127.0.0.1:" + new Uri(Up).Port)));
        Assert.Equal(200, (int)hop["statusCode"]!);
    }

    [Fact]
    public async Task A_configured_http_client_factory_is_used()
    {
        var counter = new CountingHandler();
        var client = await host.StartAppAsync(_ => { }, services => services.AddFlowGenHttpClient().AddHttpMessageHandler(() => counter));
        var result = await Call("obj", new { url = Up + "/redirect/1", method = "get" }, client);
        Assert.Equal(200, (int)result["statusCode"]!);
        Assert.Single(result["redirectList"]!.AsArray());
        Assert.Equal(2, counter.Count);
    }

    private sealed class CountingHandler : DelegatingHandler
    {
        public int Count;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Count);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
