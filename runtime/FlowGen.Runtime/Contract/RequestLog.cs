using Microsoft.Extensions.Logging;

namespace FlowGen.Runtime;

public static partial class FlowLog
{
    [LoggerMessage(EventId = 20, Level = LogLevel.Warning, Message = "{Node} refused a request: {Reason} (request-id {RequestId})")]
    internal static partial void RequestRefused(ILogger logger, string node, string reason, string requestId);
}
