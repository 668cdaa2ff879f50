using System;
using System.Text.RegularExpressions;

namespace FlowGen.Runtime.Tests.Http;

public sealed class ResponseCookiesTests
{
    private static string Single(JsObject cookies) => Assert.Single(ResponseCookies.Build(cookies));

    [Fact]
    public void String_value_gets_the_default_path()
    {
        Assert.Equal("simple=v1; Path=/", Single(new JsObject { ["simple"] = "v1" }));
    }

    [Fact]
    public void Options_are_written_in_express_order_with_max_age_in_seconds()
    {
        var cookie = Single(new JsObject
        {
            ["full"] = new JsObject
            {
                ["value"] = "v2", ["path"] = "/p07", ["domain"] = "example.com", ["maxAge"] = 60000d,
                ["httpOnly"] = true, ["secure"] = true, ["sameSite"] = "strict",
            },
        });

        Assert.Matches(new Regex(@"^full=v2; Max-Age=60; Domain=example\.com; Path=/p07; Expires=\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} GMT; HttpOnly; Secure; SameSite=Strict$"), cookie);
    }

    [Fact]
    public void Values_are_url_encoded_and_objects_become_j_json()
    {
        Assert.Equal("spaced=a%20b%3Bc; Path=/", Single(new JsObject { ["spaced"] = new JsObject { ["value"] = "a b;c" } }));
        Assert.Equal("o=j%3A%7B%22a%22%3A1%7D; Path=/", Single(new JsObject { ["o"] = new JsObject { ["value"] = new JsObject { ["a"] = 1d } } }));
        Assert.Equal("u=undefined; Path=/", Single(new JsObject { ["u"] = new JsObject { ["path"] = "/" } }));
        Assert.Equal("n=42; Path=/", Single(new JsObject { ["n"] = 42d }));
    }

    [Fact]
    public void Null_clears_the_cookie_at_the_epoch()
    {
        Assert.Equal("gone=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT", Single(new JsObject { ["gone"] = null }));
        Assert.Equal("gone=; Domain=example.com; Path=/p; Expires=Thu, 01 Jan 1970 00:00:00 GMT",
            Single(new JsObject { ["gone"] = new JsObject { ["value"] = null, ["path"] = "/p", ["domain"] = "example.com" } }));
    }

    [Fact]
    public void Expires_must_be_a_date()
    {
        var at = new DateTime(2030, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        Assert.Equal("d=x; Path=/; Expires=Wed, 02 Jan 2030 03:04:05 GMT", Single(new JsObject { ["d"] = new JsObject { ["value"] = "x", ["expires"] = at } }));
        Assert.Throws<FlowError>(() => ResponseCookies.Build(new JsObject { ["d"] = new JsObject { ["value"] = "x", ["expires"] = "tomorrow" } }));
    }

    [Fact]
    public void A_max_age_that_is_not_a_number_is_a_flow_error()
    {
        var error = Assert.Throws<FlowError>(() => ResponseCookies.Build(new JsObject { ["c"] = new JsObject { ["value"] = "v", ["maxAge"] = "soon" } }));
        Assert.Contains("option maxAge is invalid", error.Message);
        Assert.Contains("Max-Age=2", Single(new JsObject { ["c"] = new JsObject { ["value"] = "v", ["maxAge"] = "2500" } }));
    }

    [Theory]
    [InlineData(true, "Strict")]
    [InlineData("lax", "Lax")]
    [InlineData("None", "None")]
    public void SameSite_values(object sameSite, string expected)
    {
        Assert.EndsWith("; SameSite=" + expected, Single(new JsObject { ["c"] = new JsObject { ["value"] = "v", ["sameSite"] = sameSite } }));
    }

    [Fact]
    public void Unknown_same_site_is_a_flow_error()
    {
        Assert.Throws<FlowError>(() => ResponseCookies.Build(new JsObject { ["c"] = new JsObject { ["value"] = "v", ["sameSite"] = "sometimes" } }));
    }

    [Fact]
    public void Encode_uri_component_keeps_the_javascript_unreserved_set()
    {
        Assert.Equal("a-_.!~*'()%20%2F%C3%A9%F0%9F%98%80", ResponseCookies.EncodeUriComponent("a-_.!~*'() /é😀"));
    }

    [Fact]
    public void Values_are_encoded_even_with_encode_false_as_the_cookie_package_does()
    {
        Assert.Equal("c=a%20b; Path=/", Single(new JsObject { ["c"] = new JsObject { ["value"] = "a b", ["encode"] = false } }));
        Assert.Throws<FlowError>(() => ResponseCookies.Build(new JsObject { ["c"] = new JsObject { ["value"] = "v", ["encode"] = true } }));
    }

    [Theory]
    [InlineData("my cookie", null, null)]
    [InlineData("", null, null)]
    [InlineData("c", "bad_host!", null)]
    [InlineData("c", null, "/a;b")]
    [InlineData("c", null, "/a\n")]
    [InlineData("c", "example.com\n", null)]
    public void Names_domains_and_paths_follow_the_cookie_package(string name, string? domain, string? path)
    {
        var options = new JsObject { ["value"] = "v" };
        if (domain is not null) options["domain"] = domain;
        if (path is not null) options["path"] = path;

        Assert.Throws<FlowError>(() => ResponseCookies.Build(new JsObject { [name] = options }));
    }
}
