using System.Linq;
using FlowGen.Compiler.Binding;
using FlowGen.Compiler.Json;
using FlowGen.Compiler.Nodes;

namespace FlowGen.Compiler.Tests;

public sealed class JsonParserTests
{
    [Fact]
    public void Values_keep_their_spans()
    {
        var text = "{\"a\": [1, \"x\\n\", true, null], \"b\": -2.5e3}";
        var root = Assert.IsType<JsonObjectSyntax>(JsonParser.Parse(text, out var error));
        Assert.Null(error);
        var a = Assert.IsType<JsonArraySyntax>(root["a"]);
        Assert.Equal("\"x\\n\"", text.Substring(a.Items[1].Span.Start, a.Items[1].Span.Length));
        Assert.Equal("x\n", ((JsonStringSyntax)a.Items[1]).Value);
        Assert.Equal(-2500, ((JsonNumberSyntax)root["b"]!).Value);
    }

    [Theory]
    [InlineData("", 0, "empty")]
    [InlineData("[1,]", 3, "expected a value")]
    [InlineData("{\"a\" 1}", 5, "expected ':'")]
    [InlineData("[\"abc", 1, "Unterminated string")]
    [InlineData("[01]", 2, "expected ',' or ']'")]
    [InlineData("[1] x", 4, "after the end")]
    [InlineData("[tru]", 1, "Unexpected 'tru'")]
    [InlineData("{'a': 1}", 1, "double quotes")]
    public void Errors_say_what_and_where(string text, int position, string message)
    {
        Assert.Null(JsonParser.Parse(text, out var error));
        Assert.NotNull(error);
        Assert.Equal(position, error!.Span.Start);
        Assert.Contains(message, error.Message);
    }
}

public sealed class PropertyPathTests
{
    [Theory]
    [InlineData("payload", "payload")]
    [InlineData("msg.payload.a", "payload|a")]
    [InlineData("a.0.b", "a|#0|b")]
    [InlineData("a.0", "a|0")]
    [InlineData("a[0][\"b c\"]", "a|#0|b c")]
    [InlineData("a['x'].y", "a|x|y")]
    [InlineData("a[\"0\"]", "a|0")]
    [InlineData("a.b-c", "a|b-c")]
    [InlineData("a[msg.topic].b", "a|[topic]|b")]
    public void Parses_like_Node_RED(string text, string expected)
    {
        var path = PropertyPath.ParseMessagePath(text, out var error);
        Assert.True(path is not null, error);
        Assert.Equal(expected, string.Join("|", path!.Parts.Select(p => p.Key ?? (p.Nested is { } n ? "[" + n.Text + "]" : "#" + p.Index))));
    }

    [Theory]
    [InlineData("", "zero-length")]
    [InlineData(".a", "unexpected .")]
    [InlineData("a..b", "unexpected .")]
    [InlineData("a.", "unterminated")]
    [InlineData("a b", "unexpected ' '")]
    [InlineData("a[b]", "unexpected b")]
    [InlineData("a[-1]", "unexpected -")]
    [InlineData("a[\"x\"", "unexpected array expression")]
    [InlineData("a[\"x", "unterminated")]
    [InlineData("a[\"\"]", "zero-length string")]
    public void Rejects_what_Node_RED_rejects(string text, string message)
    {
        Assert.Null(PropertyPath.Parse(text, out var error));
        Assert.Contains(message, error);
    }
}

public sealed class RouteTemplateTests
{
    [Theory]
    [InlineData("/users/:id", "/users/{id}", "id=id")]
    [InlineData("/users/:id/:name", "/users/{id}/{name}", "id=id,name=name")]
    [InlineData("/opt/:id?", "/opt/{id?}", "id=id")]
    [InlineData("/wild/*", "/wild/{*__wildcard0}", "__wildcard0=0")]
    [InlineData("/flights/:from-:to", "/flights/{from}-{to}", "from=from,to=to")]
    [InlineData("/x/", "/x", "")]
    [InlineData("/", "/", "")]
    public void Express_paths_become_route_templates(string url, string template, string parameters)
    {
        Assert.Equal(template, HttpInCompiler.ToRouteTemplate(url, out var ps, out var error));
        Assert.Null(error);
        Assert.Equal(parameters, string.Join(",", ps.Select(p => p.RouteKey + "=" + p.Name)));
    }

    [Theory]
    [InlineData("/a/*/b", "before its last segment")]
    [InlineData("/u/:id(\\d+)", "regular expression")]
    [InlineData("/u/:id?/x", "optional parameter")]
    [InlineData("/a*b", "inside a segment")]
    public void Unroutable_paths_are_explained(string url, string message)
    {
        Assert.Null(HttpInCompiler.ToRouteTemplate(url, out _, out var error));
        Assert.Contains(message, error);
    }
}

public sealed class JsNumbersTests
{
    [Theory]
    [InlineData("", 0)]
    [InlineData(" 12 ", 12)]
    [InlineData("0x10", 16)]
    [InlineData("1e3", 1000)]
    [InlineData("-1.5", -1.5)]
    [InlineData(".5", 0.5)]
    [InlineData("5.", 5)]
    public void Number_of_text(string text, double expected) => Assert.Equal(expected, JsNumbers.ToNumber(text));

    [Theory]
    [InlineData("abc")]
    [InlineData("12px")]
    [InlineData("0x")]
    [InlineData("-0x10")]
    public void Number_of_non_numbers_is_NaN(string text) => Assert.True(double.IsNaN(JsNumbers.ToNumber(text)));

    [Theory]
    [InlineData("404", 404)]
    [InlineData("404.7", 404)]
    [InlineData("  42abc", 42)]
    [InlineData("0x1F", 31)]
    [InlineData("-7", -7)]
    public void ParseInt_of_text(string text, double expected) => Assert.Equal(expected, JsNumbers.ParseInt(text));

    [Theory]
    [InlineData(42, "42")]
    [InlineData(1.5, "1.5")]
    [InlineData(1e21, "1e+21")]
    [InlineData(123456789012345680000d, "123456789012345680000")]
    [InlineData(1e-7, "1e-7")]
    [InlineData(0.000001, "0.000001")]
    [InlineData(-0.1, "-0.1")]
    [InlineData(0.30000000000000004, "0.30000000000000004")]
    public void Numbers_print_like_JavaScript(double value, string expected) => Assert.Equal(expected, JsNumbers.ToJsString(value));
}
