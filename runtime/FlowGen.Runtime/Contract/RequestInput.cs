using System;
using Microsoft.AspNetCore.Http;

namespace FlowGen.Runtime;

/// <summary>
/// A request as an operation's generated validation code sees it: each parameter's value as Node-RED would give it to
/// the flow (decoded path parameters, the parsed query, headers, cookies) and the parsed body; and where that code puts
/// the typed values back, so that msg.req.params, msg.req.query, msg.req.headers and msg.req.cookies carry them.
/// </summary>
public sealed class RequestInput
{
    private readonly HttpContext _http;
    private readonly JsObject _params;
    private JsObject? _query;
    private JsObject? _cookies;
    private JsObject? _headers;

    internal RequestInput(HttpContext http, JsObject parameters, JsObject? query, object? body, bool hasBody, string? declaredMediaType)
    {
        _http = http;
        _params = parameters;
        _query = query;
        Body = body;
        HasBody = hasBody;
        DeclaredMediaType = declaredMediaType;
    }

    /// <summary>The parsed body (the payload), which form coercion may replace with typed values.</summary>
    public object? Body { get; set; }

    /// <summary>Whether the request carries a body (a non-zero Content-Length or a chunked body).</summary>
    public bool HasBody { get; }

    /// <summary>The operation's media type the body's Content-Type matched ("application/json", "text/*"), or null.</summary>
    public string? DeclaredMediaType { get; }

    /// <summary>Whether the body is a urlencoded form, whose values are text to read as their schema says.</summary>
    public bool IsForm => Body is JsObject && MediaType() == "application/x-www-form-urlencoded";

    /// <summary>msg.req.params[name]: the decoded text, or undefined.</summary>
    public object? Path(string name) => _params[name];

    /// <summary>msg.req.query[name]: a text, an array of texts for a repeated name, an object for bracket keys, or undefined.</summary>
    public object? Query(string name) => ParsedQuery[name];

    /// <summary>msg.req.headers[name]: a header's value as Node.js joins repeated lines, or undefined.</summary>
    public object? Header(string name)
    {
        var values = _http.Request.Headers[name];
        if (values.Count == 0) return JsUndefined.Value;
        return FlowRequest.HeaderValue(name.ToLowerInvariant(), values);
    }

    /// <summary>msg.req.cookies[name]: the decoded value (a "j:" value parsed), or undefined.</summary>
    public object? Cookie(string name) => ParsedCookies[name];

    public void SetPath(string name, object? value) => _params[name] = value;

    public void SetQuery(string name, object? value) => ParsedQuery[name] = value;

    /// <summary>Sets a typed header under its lower-case name, as msg.req.headers has it.</summary>
    public void SetHeader(string name, object? value) => (_headers ??= new JsObject())[name] = value;

    public void SetCookie(string name, object? value) => ParsedCookies[name] = value;

    /// <summary>
    /// The body as a JSON value for its schema: the parsed JSON or form, a text body as a string, a body declared as
    /// JSON that Node-RED read as text (a +json type) parsed here. False when there is nothing to check against a
    /// schema (bytes, multipart) or the JSON is malformed (reported).
    /// </summary>
    public bool TryBody(RequestErrors errors, out object? value)
    {
        ArgumentNullException.ThrowIfNull(errors);
        value = Body;
        switch (Body)
        {
            case string text when IsJsonMediaType(MediaType()):
                if (RequestValues.TryParseJson(text, out value)) return true;
                errors.Fail("is not valid JSON");
                return false;
            case string or JsObject or JsArray:
                return !(Body is JsObject && MediaType() is { } media && media.StartsWith("multipart/", StringComparison.Ordinal));
            default:
                return false;
        }
    }

    /// <summary>req.params with the typed values.</summary>
    internal JsObject Parameters => _params;

    /// <summary>req.query, when validation read it.</summary>
    internal JsObject? QueryIfParsed => _query;

    /// <summary>req.cookies, when validation read them.</summary>
    internal JsObject? CookiesIfParsed => _cookies;

    /// <summary>The typed headers by lower-case name, laid over req.headers.</summary>
    internal JsObject? TypedHeaders => _headers;

    private JsObject ParsedQuery => _query ??= QueryString.Parse(RequestTarget.QueryOf(_http.Request));

    private JsObject ParsedCookies => _cookies ??= RequestCookies.Parse(FlowRequest.CookieHeader(_http.Request));

    private string? MediaType()
    {
        var header = _http.Request.ContentType;
        return header is not null && RequestContentType.TryParse(header, out var type) ? type!.MediaType : null;
    }

    /// <summary>application/json and the structured suffix +json.</summary>
    internal static bool IsJsonMediaType(string? mediaType) =>
        mediaType is not null && (mediaType == "application/json" || mediaType.EndsWith("+json", StringComparison.Ordinal));
}
