namespace FlowGen.Runtime;

/// <summary>The configuration of one http response node, folded at build time.</summary>
public sealed class HttpResponseOptions
{
    public HttpResponseOptions(double? statusCode, (string Name, string Value)[] headers, bool checksContract = false)
    {
        StatusCode = statusCode;
        Headers = headers;
        ChecksContract = checksContract;
    }

    /// <summary>The node's status code; when set it wins over msg.statusCode.</summary>
    public double? StatusCode { get; }

    /// <summary>The node's headers in configuration order.</summary>
    public (string Name, string Value)[] Headers { get; }

    /// <summary>
    /// The project has an OpenAPI document, so the answer is checked against the operation of the endpoint it answers
    /// (<see cref="ResponseGuard"/>). False in projects without one: their responses pay nothing for the guard.
    /// </summary>
    public bool ChecksContract { get; }
}
