using System;

namespace FlowGen.Runtime;

/// <summary>
/// Node-RED's json node (70-JSON.js) on one message property. A string or Buffer is parsed (a Buffer as its
/// UTF-8 text), any other value (object, array, number, boolean, null, Date) is stringified; an undefined property
/// leaves the message unchanged. Reading a property below a missing parent throws the path's TypeError; a parse
/// error is a flow error with V8's JSON.parse message. JSON Schema validation (msg.schema) is not supported.
/// </summary>
public static class JsonNode
{
    /// <summary>The message Node-RED gives when the value cannot be stringified (a cycle).</summary>
    public const string StringifyFailed = "Failed to convert payload";

    /// <summary>action "": parse strings and Buffers, stringify everything else.</summary>
    public static void Toggle(FlowMessage msg, JsPath property, int indent)
    {
        ArgumentNullException.ThrowIfNull(property);
        var value = property.Get(msg);
        if (value is JsUndefined) return;
        if (value is string or byte[]) Parse(msg, property, value);
        else Stringify(msg, property, value, indent);
    }

    /// <summary>action "str": always a JSON string; a string or Buffer is left as it is.</summary>
    public static void ToJsonString(FlowMessage msg, JsPath property, int indent)
    {
        ArgumentNullException.ThrowIfNull(property);
        var value = property.Get(msg);
        if (value is JsUndefined or string or byte[]) return;
        Stringify(msg, property, value, indent);
    }

    /// <summary>action "obj": always a value; a string or Buffer is parsed, anything else is left as it is.</summary>
    public static void ToObject(FlowMessage msg, JsPath property)
    {
        ArgumentNullException.ThrowIfNull(property);
        var value = property.Get(msg);
        if (value is string or byte[]) Parse(msg, property, value);
    }

    private static void Parse(FlowMessage msg, JsPath property, object value)
    {
        // Node-RED: try { set(JSON.parse(value)) } catch (e) { done(e.message) }.
        try
        {
            var parsed = value is byte[] bytes ? JsJson.Parse(bytes) : JsJson.Parse((string)value);
            property.Set(msg, parsed);
        }
        catch (JsonParseException ex)
        {
            throw new FlowError(ex.Message);
        }
        catch (JsTypeError ex)
        {
            throw new FlowError(ex.Message);
        }
        catch (JsRangeError ex)
        {
            throw new FlowError(ex.Message);
        }
    }

    private static void Stringify(FlowMessage msg, JsPath property, object? value, int indent)
    {
        // Node-RED: try { set(JSON.stringify(value, null, indent)) } catch { done("Failed to convert payload") }.
        try
        {
            property.Set(msg, JsJson.Stringify(value, indent));
        }
        catch (JsTypeError)
        {
            throw new FlowError(StringifyFailed);
        }
        catch (JsRangeError)
        {
            throw new FlowError(StringifyFailed);
        }
    }
}
