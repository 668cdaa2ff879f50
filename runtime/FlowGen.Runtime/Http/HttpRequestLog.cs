using Microsoft.Extensions.Logging;

namespace FlowGen.Runtime;

public static partial class FlowLog
{
    /// <summary>A node's warning (Node-RED's node.warn), such as http request's "JSON parse error".</summary>
    [LoggerMessage(EventId = 20, Level = LogLevel.Warning, Message = "{Node} {Warning} (request-id {RequestId})")]
    internal static partial void NodeWarning(ILogger logger, string node, string warning, string requestId);
}
