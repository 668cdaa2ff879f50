using Microsoft.Extensions.Logging;

namespace FlowGen.Runtime;

/// <summary>Logging for flow nodes through the app's ILogger.</summary>
public static partial class FlowLog
{
    /// <summary>The debug node: logs the value at Debug level; formats nothing when Debug is off.</summary>
    public static void Debug(FlowMessage msg, FlowNodeInfo node, object? value)
    {
        var logger = msg.Exchange.Host.Logger;
        if (!logger.IsEnabled(LogLevel.Debug)) return;
        DebugValue(logger, node.ToString(), JsJson.Stringify(value) ?? "undefined");
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "{Node} {Value}")]
    private static partial void DebugValue(ILogger logger, string node, string value);

    [LoggerMessage(EventId = 2, Level = LogLevel.Error, Message = "{Node} {Error} (request-id {RequestId})")]
    internal static partial void UncaughtError(ILogger logger, string node, string error, string requestId);

    [LoggerMessage(EventId = 3, Level = LogLevel.Error, Message = "The flow ended without sending a response; answered 500 (request-id {RequestId})")]
    internal static partial void NoResponse(ILogger logger, string requestId);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "{Node} rejected the request body: {Reason} (request-id {RequestId})")]
    internal static partial void BodyRejected(ILogger logger, string node, string reason, string requestId);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "{Node} Message exceeded maximum number of catches (request-id {RequestId})")]
    internal static partial void CatchLoop(ILogger logger, string node, string requestId);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "{Node} Missing return node information (request-id {RequestId})")]
    internal static partial void MissingReturn(ILogger logger, string node, string requestId);

    [LoggerMessage(EventId = 7, Level = LogLevel.Warning, Message = "http response: No response object (request-id {RequestId})")]
    internal static partial void NoResponseObject(ILogger logger, string requestId);
}
