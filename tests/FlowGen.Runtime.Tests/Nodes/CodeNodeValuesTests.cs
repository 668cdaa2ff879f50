using System;
using FlowGen.Runtime;

namespace FlowGen.Runtime.Tests.Nodes;

public sealed class CodeNodeValuesTests
{
    [Fact]
    public void Strings_are_JavaScript_strings_and_a_missing_value_needs_a_nullable_parameter()
    {
        Assert.Equal("12", CodeNodeValues.ToText(12d, false, "msg.a", "a"));
        Assert.Equal("[object Object]", CodeNodeValues.ToText(new JsObject(), false, "msg.a", "a"));
        Assert.Null(CodeNodeValues.ToText(JsUndefined.Value, true, "msg.a", "a"));
        var error = Assert.Throws<FlowError>(() => CodeNodeValues.ToText(JsUndefined.Value, false, "msg.a", "a"));
        Assert.Equal("TypeError: msg.a is undefined, but parameter 'a' needs a string", error.Message);
    }

    [Fact]
    public void Numbers_and_booleans_follow_JavaScript_conversions()
    {
        Assert.Equal(16, CodeNodeValues.ToNumber("0x10"));
        Assert.True(double.IsNaN(CodeNodeValues.ToNumber("abc")));
        Assert.Null(CodeNodeValues.ToNullableNumber(null));
        Assert.True(CodeNodeValues.ToBoolean("x"));
        Assert.False(CodeNodeValues.ToBoolean(""));
        Assert.Null(CodeNodeValues.ToNullableBoolean(JsUndefined.Value));
    }

    [Theory]
    [InlineData("4", 4)]
    [InlineData(7d, 7)]
    public void Integers_must_be_whole_and_in_range(object value, double expected)
    {
        Assert.Equal(expected, CodeNodeValues.ToInteger(value, int.MinValue, int.MaxValue, "msg.q", "q", "int"));
    }

    [Theory]
    [InlineData(1.5d)]
    [InlineData("abc")]
    [InlineData(300d)]
    public void Integers_that_do_not_fit_are_flow_errors(object value)
    {
        var error = Assert.Throws<FlowError>(() => CodeNodeValues.ToInteger(value, byte.MinValue, byte.MaxValue, "msg.q", "q", "byte"));
        Assert.Contains("parameter 'q' cannot take as byte", error.Message);
    }

    [Fact]
    public void Object_array_buffer_and_date_parameters_need_that_type()
    {
        var obj = new JsObject();
        Assert.Same(obj, CodeNodeValues.ToValue<JsObject>(obj, false, "msg.p", "p", "an object"));
        Assert.Null(CodeNodeValues.ToValue<JsArray>(null, true, "msg.p", "p", "an array"));
        Assert.Contains("needs a Buffer", Assert.Throws<FlowError>(() => CodeNodeValues.ToValue<byte[]>("x", true, "msg.p", "p", "a Buffer")).Message);
        Assert.Equal(new DateTime(2020, 1, 1), CodeNodeValues.ToDate(new DateTime(2020, 1, 1), "msg.d", "d"));
        Assert.Null(CodeNodeValues.ToNullableDate(null, "msg.d", "d"));
        Assert.Throws<FlowError>(() => CodeNodeValues.ToDate("2020", "msg.d", "d"));
    }

    [Fact]
    public void Object_results_must_be_message_values_and_dotnet_numbers_become_numbers()
    {
        Assert.Equal(3d, CodeNodeValues.FromObject(3, "M"));
        Assert.Equal(2.5d, CodeNodeValues.FromObject(2.5m, "M"));
        Assert.Equal("s", CodeNodeValues.FromObject("s", "M"));
        Assert.Contains("returned a Uri", Assert.Throws<FlowError>(() => CodeNodeValues.FromObject(new Uri("http://x"), "M")).Message);
    }

    [Fact]
    public void Assign_sets_the_property_and_fails_on_a_primitive_parent()
    {
        var msg = NodeTestMessages.Message("{\"payload\": {}, \"s\": \"x\"}");
        CodeNodeValues.Assign(msg, JsPath.ForMessage("payload.total"), 3d);

        Assert.Equal("{\"total\":3}", JsJson.Stringify(msg["payload"]));
        Assert.Throws<FlowError>(() => CodeNodeValues.Assign(msg, JsPath.ForMessage("s.x"), 1d));
    }
}
