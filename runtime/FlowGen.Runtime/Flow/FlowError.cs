using System;

namespace FlowGen.Runtime;

/// <summary>An error a node raises for a message, as Node-RED's node.error(err, msg): catchable by catch nodes.</summary>
public sealed class FlowError : Exception
{
    public FlowError(string message, string? code = null) : base(message) => Code = code;

    /// <summary>Node-RED's err.code, e.g. ERR_HTTP_INVALID_STATUS_CODE.</summary>
    public string? Code { get; }

    /// <summary>
    /// The text Node-RED puts in msg.error.message for an error: String(err). A FlowError carries that text already;
    /// a JavaScript error shows its class name first ("TypeError: ...").
    /// </summary>
    public static string MessageOf(Exception error) => error switch
    {
        FlowError flow => flow.Message,
        JsTypeError type => "TypeError: " + type.Message,
        JsRangeError range => "RangeError: " + range.Message,
        JsonParseException parse => "SyntaxError: " + parse.Message,
        _ => "Error: " + error.Message,
    };

    /// <summary>err.code, copied to msg.error.code when the error has one.</summary>
    public static string? CodeOf(Exception error) => error switch
    {
        FlowError flow => flow.Code,
        JsPathException path => path.Code,
        _ => null,
    };
}
