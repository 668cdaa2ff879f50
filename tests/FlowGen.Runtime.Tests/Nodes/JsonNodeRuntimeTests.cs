using System;
using System.Text;

namespace FlowGen.Runtime.Tests.Nodes;

/// <summary>The json node's conversions against Node-RED 4.1's 70-JSON.js.</summary>
public sealed class JsonNodeRuntimeTests
{
    private static readonly JsPath Payload = JsPath.ForMessage("payload");

    private static FlowMessage Message(object? payload) => MustacheRuntimeTests.Message(payload);

    [Fact]
    public void Toggle_parses_strings_and_buffers()
    {
        var msg = Message("{\"a\":[1,2]}");
        JsonNode.Toggle(msg, Payload, 0);
        Assert.Equal("{\"a\":[1,2]}", JsJson.Stringify(msg["payload"]));

        msg = Message(Encoding.UTF8.GetBytes("\"é\""));
        JsonNode.Toggle(msg, Payload, 0);
        Assert.Equal("é", msg["payload"]);

        msg = Message("1962");
        JsonNode.Toggle(msg, Payload, 0);
        Assert.Equal(1962d, msg["payload"]);
    }

    [Fact]
    public void Toggle_stringifies_everything_else()
    {
        var msg = Message(null);
        msg["payload"] = null;
        JsonNode.Toggle(msg, Payload, 0);
        Assert.Equal("null", msg["payload"]);

        msg = Message(true);
        JsonNode.Toggle(msg, Payload, 0);
        Assert.Equal("true", msg["payload"]);

        msg = Message(2019d);
        JsonNode.Toggle(msg, Payload, 0);
        Assert.Equal("2019", msg["payload"]);

        msg = Message(JsArray.Of(1d, 2d, 3d));
        JsonNode.Toggle(msg, Payload, 0);
        Assert.Equal("[1,2,3]", msg["payload"]);

        msg = Message(new DateTime(2026, 11, 22, 10, 0, 0, DateTimeKind.Utc));
        JsonNode.Toggle(msg, Payload, 0);
        Assert.Equal("\"2026-11-22T10:00:00.000Z\"", msg["payload"]);
    }

    [Fact]
    public void Pretty_indents_by_the_given_width()
    {
        var payload = new JsObject();
        payload["a"] = JsArray.Of(1d);
        var msg = Message(payload);
        JsonNode.ToJsonString(msg, Payload, 4);
        Assert.Equal("{\n    \"a\": [\n        1\n    ]\n}", msg["payload"]);
    }

    [Fact]
    public void Str_leaves_strings_and_buffers_unchanged()
    {
        var msg = Message("not json");
        JsonNode.ToJsonString(msg, Payload, 0);
        Assert.Equal("not json", msg["payload"]);

        var bytes = new byte[] { 1, 2 };
        msg = Message(bytes);
        JsonNode.ToJsonString(msg, Payload, 0);
        Assert.Same(bytes, msg["payload"]);
    }

    [Fact]
    public void Obj_parses_strings_and_leaves_values_unchanged()
    {
        var msg = Message("true");
        JsonNode.ToObject(msg, Payload);
        Assert.Equal(true, msg["payload"]);

        var obj = new JsObject();
        msg = Message(obj);
        JsonNode.ToObject(msg, Payload);
        Assert.Same(obj, msg["payload"]);

        msg = Message(5d);
        JsonNode.ToObject(msg, Payload);
        Assert.Equal(5d, msg["payload"]);
    }

    [Fact]
    public void Undefined_property_is_left_alone()
    {
        var msg = Message(null);
        JsonNode.Toggle(msg, Payload, 0);
        JsonNode.ToJsonString(msg, Payload, 0);
        JsonNode.ToObject(msg, Payload);
        Assert.False(msg.ContainsKey("payload"));
    }

    [Fact]
    public void Parse_error_is_a_flow_error_with_the_javascript_message()
    {
        var msg = Message("not json");
        var error = Assert.Throws<FlowError>(() => JsonNode.Toggle(msg, Payload, 0));
        Assert.Equal("Unexpected token 'o', \"not json\" is not valid JSON", error.Message);
        Assert.Equal("not json", msg["payload"]);

        error = Assert.Throws<FlowError>(() => JsonNode.ToObject(Message(Encoding.UTF8.GetBytes("{\"a\":1,}")), Payload));
        Assert.StartsWith("Expected double-quoted property name in JSON at position 7", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_parent_throws_the_path_type_error()
    {
        var error = Assert.Throws<JsTypeError>(() => JsonNode.Toggle(Message(new JsObject()), JsPath.ForMessage("payload.a.b"), 0));
        Assert.Equal("Cannot read properties of undefined (reading 'b')", error.Message);
    }

    [Fact]
    public void Deep_property_is_converted_in_place()
    {
        var payload = new JsObject();
        payload["inner"] = "[1]";
        var msg = Message(payload);
        JsonNode.Toggle(msg, JsPath.ForMessage("payload.inner"), 0);
        Assert.Equal("{\"inner\":[1]}", JsJson.Stringify(msg["payload"]));
    }

    [Fact]
    public void Value_that_cannot_be_stringified_is_node_red_s_conversion_error()
    {
        var payload = new JsObject();
        payload["self"] = payload;
        var error = Assert.Throws<FlowError>(() => JsonNode.ToJsonString(Message(payload), Payload, 0));
        Assert.Equal("Failed to convert payload", error.Message);
    }
}
