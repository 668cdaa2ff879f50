using System;
using System.Threading.Tasks;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace FlowGen.Runtime;

/// <summary>ret: what msg.payload becomes.</summary>
public enum HttpRequestReturn
{
    /// <summary>"txt": the body as a UTF-8 string.</summary>
    Text,

    /// <summary>"bin": the body as a Buffer.</summary>
    Binary,

    /// <summary>"obj": the body parsed as JSON (the text when it is not JSON).</summary>
    Object,
}

/// <summary>paytoqs: what a GET does with msg.payload.</summary>
public enum HttpRequestPayloadMode
{
    /// <summary>false / "ignore": not sent.</summary>
    Ignore,

    /// <summary>true / "query": an object payload is appended to the query string.</summary>
    Query,

    /// <summary>"body": sent as the body of the GET.</summary>
    Body,
}

/// <summary>authType: how configured credentials are sent.</summary>
public enum HttpRequestAuth
{
    Basic,
    Digest,
    Bearer,
}

/// <summary>FlowGen's bodyKind (Dify's body types); <see cref="NodeRed"/> keeps Node-RED's rules.</summary>
public enum HttpRequestBodyKind
{
    NodeRed,
    Json,
    FormUrlEncoded,
    FormData,
    RawText,
    Binary,
}

/// <summary>FlowGen's apiKeyIn: where the configured API key goes.</summary>
public enum HttpRequestApiKeyIn
{
    None,
    Header,
    Query,
}

/// <summary>
/// One entry of the node's headers list. A name or value is either a constant (keyType/valueType "other" or a
/// preset such as "Accept") or a message property read for each message (type "msg").
/// </summary>
public sealed class HttpRequestHeaderEntry
{
    public HttpRequestHeaderEntry(string? name, JsPath? namePath, string? value, JsPath? valuePath)
    {
        Name = name;
        NamePath = namePath;
        Value = value;
        ValuePath = valuePath;
    }

    public string? Name { get; }

    public JsPath? NamePath { get; }

    public string? Value { get; }

    public JsPath? ValuePath { get; }
}

/// <summary>An http request node's configuration, folded at build time.</summary>
public sealed class HttpRequestOptions
{
    /// <summary>Dify's limits: at most 10 retries, at most 5000 ms apart.</summary>
    public const int MaxRetries = 10;

    public const int MaxRetryIntervalMs = 5000;

    internal static readonly ResiliencePropertyKey<TimeSpan> TimeoutKey = new("FlowGen.HttpRequest.Timeout");

    public HttpRequestOptions(
        FlowNodeInfo node,
        string method,
        string? url,
        HttpRequestReturn ret = HttpRequestReturn.Text,
        HttpRequestPayloadMode payloadMode = HttpRequestPayloadMode.Ignore,
        HttpRequestHeaderEntry[]? headers = null,
        HttpRequestAuth auth = HttpRequestAuth.Basic,
        bool tls = false,
        int retries = 0,
        int retryIntervalMs = 0,
        HttpRequestBodyKind bodyKind = HttpRequestBodyKind.NodeRed,
        HttpRequestApiKeyIn apiKeyIn = HttpRequestApiKeyIn.None,
        string apiKeyName = "")
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(method);
        if (retries is < 0 or > MaxRetries) throw new ArgumentOutOfRangeException(nameof(retries));
        if (retryIntervalMs is < 0 or > MaxRetryIntervalMs) throw new ArgumentOutOfRangeException(nameof(retryIntervalMs));
        Node = node;
        Method = method;
        Url = url;
        Return = ret;
        PayloadMode = payloadMode;
        Headers = headers ?? Array.Empty<HttpRequestHeaderEntry>();
        Auth = auth;
        Tls = tls;
        Retries = retries;
        RetryInterval = TimeSpan.FromMilliseconds(retryIntervalMs);
        BodyKind = bodyKind;
        ApiKeyIn = apiKeyIn;
        ApiKeyName = apiKeyName;
        Pipeline = BuildPipeline();
    }

    public FlowNodeInfo Node { get; }

    /// <summary>The node's method as configured: upper-cased at run time; "use" takes msg.method.</summary>
    public string Method { get; }

    /// <summary>The node's URL (a mustache template is rendered by the generated code); null to use msg.url.</summary>
    public string? Url { get; }

    public HttpRequestReturn Return { get; }

    public HttpRequestPayloadMode PayloadMode { get; }

    public HttpRequestHeaderEntry[] Headers { get; }

    public HttpRequestAuth Auth { get; }

    /// <summary>A tls-config node is set: a URL without a scheme gets https://.</summary>
    public bool Tls { get; }

    public int Retries { get; }

    public TimeSpan RetryInterval { get; }

    public HttpRequestBodyKind BodyKind { get; }

    public HttpRequestApiKeyIn ApiKeyIn { get; }

    public string ApiKeyName { get; }

    /// <summary>Retries (when configured) around a timeout per attempt.</summary>
    internal ResiliencePipeline<HttpRequestAttempt> Pipeline { get; }

    private ResiliencePipeline<HttpRequestAttempt> BuildPipeline()
    {
        var builder = new ResiliencePipelineBuilder<HttpRequestAttempt>();
        if (Retries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpRequestAttempt>
            {
                MaxRetryAttempts = Retries,
                Delay = RetryInterval,
                BackoffType = DelayBackoffType.Constant,
                UseJitter = false,
                ShouldHandle = static args => new ValueTask<bool>(HttpRequestNode.ShouldRetry(args.Outcome)),
                DelayGenerator = static args => new ValueTask<TimeSpan?>(args.Outcome.Result?.RetryAfter is { } after
                    ? TimeSpan.FromMilliseconds(Math.Min(after.TotalMilliseconds, MaxRetryIntervalMs))
                    : null),
                OnRetry = static args =>
                {
                    args.Context.Properties.Set(HttpRequestNode.RetriesKey, args.AttemptNumber + 1);
                    return default;
                },
            });
        }
        builder.AddTimeout(new TimeoutStrategyOptions
        {
            TimeoutGenerator = static args => new ValueTask<TimeSpan>(args.Context.Properties.GetValue(TimeoutKey, TimeSpan.FromMinutes(2))),
        });
        return builder.Build();
    }
}
