using System;

namespace FlowGen.Runtime;

/// <summary>
/// The responses the OpenAPI operation of one flow endpoint declares, as FlowGen folded them at build time: a static
/// table per bound endpoint, attached to the endpoint as metadata. The run-time guard checks an http response node's
/// answer against it before anything is sent; no document is read at run time.
/// </summary>
public sealed class ResponseContract
{
    public ResponseContract(string operation, DeclaredResponse[] responses)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(responses);
        Operation = operation;
        Responses = responses;
    }

    /// <summary>The operation for logs: its operationId with method and path, or method and path.</summary>
    public string Operation { get; }

    /// <summary>The declared responses in document order.</summary>
    public DeclaredResponse[] Responses { get; }

    /// <summary>The response that describes a status, as OpenAPI picks it: the exact code, else its range ("4XX"), else "default".</summary>
    public DeclaredResponse? Find(int status)
    {
        DeclaredResponse? range = null, fallback = null;
        foreach (var response in Responses)
        {
            if (response.IsExact(status)) return response;
            if (response.IsRangeOf(status)) range ??= response;
            else if (response.IsDefault) fallback ??= response;
        }
        return range ?? fallback;
    }

    public override string ToString() => Operation;
}

/// <summary>One declared response: its key, the headers it declares, and its media types (none: no body may be sent).</summary>
public sealed class DeclaredResponse
{
    private const int Exact = 0, InRange = 1, Default = 2;
    private readonly int _kind;
    private readonly int _code;

    /// <param name="key">A status ("200"), a range ("4XX") or "default".</param>
    /// <param name="headers">The declared headers, with whether each is required.</param>
    /// <param name="content">The declared media types ("application/json", "text/*"); empty when the response has no body.</param>
    public DeclaredResponse(string key, (string Name, bool Required)[] headers, string[] content)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(content);
        Key = key;
        Headers = headers;
        Content = content;
        if (key == "default") _kind = Default;
        else if (key.Length == 3 && key[0] is >= '1' and <= '5' && key[1] is 'X' or 'x' && key[2] is 'X' or 'x') (_kind, _code) = (InRange, key[0] - '0');
        else if (int.TryParse(key, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var code)) (_kind, _code) = (Exact, code);
        else throw new ArgumentException($"'{key}' is not a status code, a range such as 4XX, or default", nameof(key));
    }

    public string Key { get; }

    public (string Name, bool Required)[] Headers { get; }

    public string[] Content { get; }

    internal bool IsExact(int status) => _kind == Exact && _code == status;

    internal bool IsRangeOf(int status) => _kind == InRange && _code == status / 100;

    internal bool IsDefault => _kind == Default;

    /// <summary>Whether the response declares the header; names compare case-insensitively, as HTTP's do.</summary>
    internal bool Declares(string header)
    {
        foreach (var (name, _) in Headers)
        {
            if (string.Equals(name, header, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    /// <summary>
    /// The declared media type a sent content type matches: the same type and subtype (parameters such as charset
    /// aside), or a declared range ("text/*", "*/*"); null when none does.
    /// </summary>
    internal string? Accepts(string contentType)
    {
        var sent = MediaTypes.Essence(contentType);
        foreach (var declared in Content)
        {
            var range = MediaTypes.Essence(declared);
            if (range == sent || range == "*/*") return declared;
            if (range.EndsWith("/*", StringComparison.Ordinal) && sent.StartsWith(range[..^1], StringComparison.Ordinal)) return declared;
        }
        return null;
    }

    public override string ToString() => Key;
}
