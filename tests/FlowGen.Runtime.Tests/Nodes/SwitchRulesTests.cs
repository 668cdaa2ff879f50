using System;
using System.Text.RegularExpressions;
using FlowGen.Runtime;
using static FlowGen.Runtime.Tests.Nodes.NodeTestMessages;

namespace FlowGen.Runtime.Tests.Nodes;

public sealed class SwitchRulesTests
{
    private static object? V(string json) => JsJson.Parse(json);

    [Fact]
    public void Read_treats_a_missing_parent_as_undefined()
    {
        var msg = Message("""{"payload":{"a":1}}""");

        Assert.Equal(1.0, SwitchRules.Read(msg, Path("payload.a")));
        Assert.Same(JsUndefined.Value, SwitchRules.Read(msg, Path("payload.b.c")));
    }

    [Theory]
    [InlineData("4", "3", "5", true)]
    [InlineData("4", "5", "3", true)]
    [InlineData("5", "3", "5", true)]
    [InlineData("\"d\"", "\"c\"", "\"e\"", true)]
    [InlineData("12", "3", "5", false)]
    [InlineData("null", "-1", "1", true)]
    public void Between_is_inclusive_in_either_order(string a, string b, string c, bool expected)
    {
        Assert.Equal(expected, SwitchRules.Between(V(a), V(b), V(c)));
    }

    [Theory]
    [InlineData("\"Hello World\"", "\"World\"", true)]
    [InlineData("[1,2]", "1", true)]
    [InlineData("{\"a\":1}", "\"object\"", true)]
    [InlineData("\"abc\"", "\"\"", true)]
    [InlineData("\"abc\"", "\"d\"", false)]
    public void Contains_searches_the_string_form(string a, string b, bool expected)
    {
        Assert.Equal(expected, SwitchRules.Contains(V(a), V(b)));
    }

    [Fact]
    public void Matches_uses_the_string_form_and_dynamic_patterns_follow_the_case_flag()
    {
        Assert.True(SwitchRules.Matches(12.0, new Regex("^1")));
        Assert.True(SwitchRules.Matches("oneTWOthree", (object)"two", ignoreCase: true));
        Assert.False(SwitchRules.Matches("oneTWOthree", (object)"two", ignoreCase: false));
        Assert.True(SwitchRules.Matches("anything", JsUndefined.Value, ignoreCase: false));
        var error = Assert.Throws<FlowError>(() => SwitchRules.Matches("x", (object)"(", ignoreCase: false));
        Assert.StartsWith("SyntaxError: Invalid regular expression: /(/", error.Message);
    }

    [Theory]
    [InlineData("\"\"", true, false)]
    [InlineData("[]", true, false)]
    [InlineData("{}", true, false)]
    [InlineData("\"1\"", false, true)]
    [InlineData("[1]", false, true)]
    [InlineData("{\"a\":1}", false, true)]
    [InlineData("0", false, false)]
    [InlineData("false", false, false)]
    [InlineData("null", false, false)]
    public void Empty_and_not_empty(string a, bool empty, bool notEmpty)
    {
        Assert.Equal(empty, SwitchRules.IsEmpty(V(a)));
        Assert.Equal(notEmpty, SwitchRules.IsNotEmpty(V(a)));
    }

    [Fact]
    public void Empty_knows_buffers_undefined_and_dates()
    {
        Assert.True(SwitchRules.IsEmpty(Array.Empty<byte>()));
        Assert.True(SwitchRules.IsNotEmpty(new byte[1]));
        Assert.False(SwitchRules.IsEmpty(JsUndefined.Value));
        Assert.False(SwitchRules.IsNotEmpty(JsUndefined.Value));
        Assert.True(SwitchRules.IsEmpty(DateTime.UnixEpoch));
    }

    [Theory]
    [InlineData("\"s\"", "string", true)]
    [InlineData("1", "number", true)]
    [InlineData("true", "boolean", true)]
    [InlineData("[1]", "array", true)]
    [InlineData("[1]", "object", false)]
    [InlineData("{}", "object", true)]
    [InlineData("null", "object", false)]
    [InlineData("null", "null", true)]
    [InlineData("\"{\\\"a\\\":1}\"", "json", true)]
    [InlineData("\"Hello\"", "json", false)]
    [InlineData("5", "json", true)]
    [InlineData("null", "json", true)]
    [InlineData("[1]", "json", true)]
    [InlineData("{}", "json", false)]
    public void IsType_follows_node_red(string a, string type, bool expected)
    {
        Assert.Equal(expected, SwitchRules.IsType(V(a), type));
    }

    [Fact]
    public void IsType_number_excludes_nan_and_counts_infinity_and_buffers_are_not_objects()
    {
        Assert.False(SwitchRules.IsType(double.NaN, "number"));
        Assert.True(SwitchRules.IsType(double.PositiveInfinity, "number"));
        Assert.True(SwitchRules.IsType(new byte[1], "buffer"));
        Assert.False(SwitchRules.IsType(new byte[1], "object"));
        Assert.True(SwitchRules.IsType(JsUndefined.Value, "undefined"));
        Assert.False(SwitchRules.IsType("s", (string?)null));
    }

    [Theory]
    [InlineData("{\"a\":1}", "\"a\"", true)]
    [InlineData("{\"b\":1}", "\"a\"", false)]
    [InlineData("{\"1\":1}", "1", true)]
    [InlineData("{\"a\":1}", "{}", false)]
    [InlineData("null", "\"a\"", false)]
    [InlineData("\"abc\"", "\"length\"", true)]
    [InlineData("\"abc\"", "2", true)]
    [InlineData("\"abc\"", "3", false)]
    [InlineData("[1,2]", "\"1\"", true)]
    [InlineData("5", "\"a\"", false)]
    public void HasKey_is_own_property(string a, string key, bool expected)
    {
        Assert.Equal(expected, SwitchRules.HasKey(V(a), V(key)));
    }

    [Fact]
    public void Head_tail_and_index_use_msg_parts()
    {
        var msg = Message("""{"parts":{"id":"x","index":2,"count":5}}""");

        Assert.True(SwitchRules.Head(msg, 3.0));
        Assert.False(SwitchRules.Head(msg, 2.0));
        Assert.True(SwitchRules.Tail(msg, 3.0));
        Assert.False(SwitchRules.Tail(msg, 2.0));
        Assert.True(SwitchRules.Index(msg, 1.0, 2.0));
        Assert.False(SwitchRules.Index(msg, 3.0, 4.0));
    }

    [Fact]
    public void Head_without_msg_parts_is_a_type_error()
    {
        var error = Assert.Throws<JsTypeError>(() => SwitchRules.Head(Message("{}"), 1.0));

        Assert.Equal("TypeError: Cannot read properties of undefined (reading 'index')", FlowError.MessageOf(error));
    }

    [Fact]
    public void Previous_starts_null_and_keeps_a_copy()
    {
        var previous = new SwitchPrevious();
        Assert.Null(previous.Value);
        var value = (JsObject)V("""{"a":1}""")!;

        previous.Update(value);
        value["a"] = 2.0;

        Assert.Equal("""{"a":1}""", JsJson.Stringify(previous.Value));
    }
}
