using System;

namespace FlowGen.Runtime;

/// <summary>
/// A JavaScript <c>TypeError</c>, raised where Node-RED's JavaScript would throw one, with V8's message text
/// (for example <c>Cannot read properties of undefined (reading 'b')</c>).
/// </summary>
public sealed class JsTypeError : Exception
{
    /// <summary>Creates the error with a JavaScript-style message.</summary>
    public JsTypeError(string message)
        : base(message)
    {
    }

    /// <summary>The JavaScript error name, <c>TypeError</c>.</summary>
    public string Name => "TypeError";
}

/// <summary>
/// A JavaScript <c>RangeError</c>, for example <c>Invalid array length</c>.
/// </summary>
public sealed class JsRangeError : Exception
{
    /// <summary>Creates the error with a JavaScript-style message.</summary>
    public JsRangeError(string message)
        : base(message)
    {
    }

    /// <summary>The JavaScript error name, <c>RangeError</c>.</summary>
    public string Name => "RangeError";
}

/// <summary>
/// Thrown by <see cref="JsJson.Parse(string)"/> on invalid JSON, with the message Node.js 20 (V8 11) gives
/// for <c>JSON.parse</c>, for example <c>Unexpected token 'o', "not json" is not valid JSON</c> or
/// <c>Expected ',' or '}' after property value in JSON at position 9</c>.
/// </summary>
public sealed class JsonParseException : FormatException
{
    /// <summary>Creates the exception.</summary>
    public JsonParseException(string message, int position)
        : base(message)
    {
        Position = position;
    }

    /// <summary>The UTF-16 offset in the parsed text where the error was found.</summary>
    public int Position { get; }

    /// <summary>The JavaScript error name: <c>JSON.parse</c> throws a <c>SyntaxError</c>.</summary>
    public string Name => "SyntaxError";
}

/// <summary>
/// Node-RED's <c>INVALID_EXPR</c> error: a property expression that does not parse (thrown by
/// <see cref="JsPath.Parse"/>, message <c>Invalid property expression: ...</c>), or a nested
/// <c>[msg.x]</c> reference that cannot be resolved at run time (message
/// <c>Invalid expression started at position N</c>).
/// </summary>
public sealed class JsPathException : FormatException
{
    /// <summary>Creates the exception.</summary>
    public JsPathException(string message)
        : base(message)
    {
    }

    /// <summary>Node-RED's error code, always <c>INVALID_EXPR</c>.</summary>
    public string Code => "INVALID_EXPR";
}
