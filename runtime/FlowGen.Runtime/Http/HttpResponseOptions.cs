namespace FlowGen.Runtime;

/// <summary>The configuration of one http response node, folded at build time.</summary>
public sealed class HttpResponseOptions
{
    public HttpResponseOptions(double? statusCode, (string Name, string Value)[] headers)
    {
        StatusCode = statusCode;
        Headers = headers;
    }

    /// <summary>The node's status code; when set it wins over msg.statusCode.</summary>
    public double? StatusCode { get; }

    /// <summary>The node's headers in configuration order.</summary>
    public (string Name, string Value)[] Headers { get; }
}
