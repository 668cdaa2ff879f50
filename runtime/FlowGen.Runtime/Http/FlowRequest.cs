using System;
using System.Collections.Generic;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace FlowGen.Runtime;

/// <summary>
/// msg.req: the parts of the Express request flows read. Every property but body and files is computed the first
/// time a flow touches it (most flows read one header or none), so an unread request costs one small object.
/// Message clones share it, as Node-RED's cloneMessage shares msg.req. For an http in node bound to an OpenAPI
/// operation, the declared parameters in params, query, headers and cookies have the types the contract gives them.
/// </summary>
public sealed class FlowRequest : JsObject
{
    private const int Params = 1 << 0;
    private const int Query = 1 << 1;
    private const int Headers = 1 << 2;
    private const int Cookies = 1 << 3;
    private const int SignedCookies = 1 << 4;
    private const int Method = 1 << 5;
    private const int Url = 1 << 6;
    private const int OriginalUrl = 1 << 7;
    private const int Path = 1 << 8;
    private const int BaseUrl = 1 << 9;
    private const int Hostname = 1 << 10;
    private const int Ip = 1 << 11;
    private const int Protocol = 1 << 12;
    private const int Secure = 1 << 13;
    private const int Xhr = 1 << 14;
    private const int All = (1 << 15) - 1;

    /// <summary>The lazy properties in the order they are listed when the whole object is read.</summary>
    private static readonly (string Key, int Bit)[] Order =
    {
        ("params", Params), ("query", Query), ("headers", Headers), ("cookies", Cookies), ("signedCookies", SignedCookies),
        ("method", Method), ("url", Url), ("originalUrl", OriginalUrl), ("path", Path), ("baseUrl", BaseUrl),
        ("hostname", Hostname), ("ip", Ip), ("protocol", Protocol), ("secure", Secure), ("xhr", Xhr),
    };

    private readonly HttpContext _http;
    private readonly HttpInOptions _options;
    private JsObject? _params;
    private JsObject? _query;
    private readonly RequestInput? _typed;
    private int _pending = All;

    /// <param name="http">The request.</param>
    /// <param name="options">The http in node's configuration (route parameter names).</param>
    /// <param name="body">req.body; <see cref="JsUndefined.Value"/> leaves it absent, as for GET.</param>
    /// <param name="query">req.query when it is already parsed (GET's payload is the same object).</param>
    /// <param name="parameters">req.params when already decoded (see <see cref="TryDecodeParams"/>).</param>
    /// <param name="files">req.files for multipart uploads.</param>
    /// <param name="typed">The request as contract validation typed it: its query, cookies and headers replace Node-RED's texts.</param>
    public FlowRequest(HttpContext http, HttpInOptions options, object? body, JsObject? query = null, JsObject? parameters = null, JsArray? files = null, RequestInput? typed = null)
        : base(hasLazyProperties: true)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        _http = http;
        _options = options;
        _query = query;
        _params = parameters;
        _typed = typed;
        if (body is not JsUndefined) SetOwn("body", body);
        if (files is not null) SetOwn("files", files);
    }

    /// <summary>Node-RED's cloneMessage never copies msg.req.</summary>
    public override bool SharedWhenCloned => true;

    protected override void Materialize(string key)
    {
        if (_pending == 0) return;
        var bit = BitOf(key);
        if (bit != 0 && (_pending & bit) != 0) Produce(key, bit);
    }

    protected override void MaterializeAll()
    {
        if (_pending == 0) return;
        foreach (var (key, bit) in Order)
        {
            if ((_pending & bit) != 0) Produce(key, bit);
        }
    }

    private static int BitOf(string key) => key switch
    {
        "params" => Params,
        "query" => Query,
        "headers" => Headers,
        "cookies" => Cookies,
        "signedCookies" => SignedCookies,
        "method" => Method,
        "url" => Url,
        "originalUrl" => OriginalUrl,
        "path" => Path,
        "baseUrl" => BaseUrl,
        "hostname" => Hostname,
        "ip" => Ip,
        "protocol" => Protocol,
        "secure" => Secure,
        "xhr" => Xhr,
        _ => 0,
    };

    private void Produce(string key, int bit)
    {
        _pending &= ~bit;
        SetOwn(key, Compute(bit));
    }

    private object? Compute(int bit)
    {
        var request = _http.Request;
        switch (bit)
        {
            case Params:
                return _params ?? ParamsFromRouteValues(_http, _options);
            case Query:
                return _query ?? QueryString.Parse(RequestTarget.QueryOf(request));
            case Headers:
                return Typed(HeadersOf(request), _typed?.TypedHeaders);
            case Cookies:
                return _typed?.CookiesIfParsed ?? RequestCookies.Parse(CookieHeader(request));
            case SignedCookies:
                return new JsObject();
            case Method:
                return request.Method;
            case Url:
                return RequestTarget.Of(_http).Url;
            case OriginalUrl:
                return RequestTarget.Of(_http).OriginalUrl;
            case Path:
                return RequestTarget.Of(_http).Path;
            case BaseUrl:
                return request.PathBase.HasValue ? request.PathBase.Value : "";
            case Hostname:
                return HostnameOf(request.Headers.Host.Count > 0 ? request.Headers.Host[0] : null);
            case Ip:
                return _http.Connection.RemoteIpAddress?.ToString() ?? (object)JsUndefined.Value;
            case Protocol:
                return request.IsHttps ? "https" : "http";
            case Secure:
                return request.IsHttps;
            case Xhr:
                return string.Equals(Joined(request.Headers["X-Requested-With"]), "xmlhttprequest", StringComparison.OrdinalIgnoreCase);
            default:
                return JsUndefined.Value;
        }
    }

    /// <summary>
    /// Node's IncomingMessage.headers: lower-case names; set-cookie always an array; repeated cookie headers joined
    /// with "; "; repeats of the headers Node keeps once (content-type, host, authorization, ...) dropped; any
    /// other repeat joined with ", ".
    /// </summary>
    public static JsObject HeadersOf(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var headers = new JsObject(request.Headers.Count);
        foreach (var (name, values) in request.Headers)
        {
            var key = name.ToLowerInvariant();
            headers[key] = HeaderValue(key, values);
        }
        return headers;
    }

    /// <summary>One header of <see cref="HeadersOf"/>, by its lower-case name.</summary>
    internal static object HeaderValue(string key, Microsoft.Extensions.Primitives.StringValues values)
    {
        if (key == "set-cookie")
        {
            var list = new JsArray(values.Count);
            foreach (var v in values) list.Add(v ?? "");
            return list;
        }
        if (values.Count <= 1) return values.Count == 0 ? "" : values[0] ?? "";
        if (key == "cookie") return string.Join("; ", values.ToArray());
        if (KeptOnce(key)) return values[0] ?? "";
        return string.Join(", ", values.ToArray());
    }

    /// <summary>Node-RED's values with the contract's typed ones laid over them.</summary>
    private static JsObject Typed(JsObject values, JsObject? typed)
    {
        if (typed is null) return values;
        foreach (var (key, value) in typed.Entries) values[key] = value;
        return values;
    }

    private static bool KeptOnce(string name) => name is "content-type" or "content-length" or "user-agent" or "referer" or "host"
        or "authorization" or "proxy-authorization" or "if-modified-since" or "if-unmodified-since" or "from" or "location"
        or "max-forwards" or "retry-after" or "etag" or "last-modified" or "server" or "age" or "expires";

    internal static string? CookieHeader(HttpRequest request)
    {
        var values = request.Headers.Cookie;
        return values.Count switch
        {
            0 => null,
            1 => values[0],
            _ => string.Join("; ", values.ToArray()),
        };
    }

    private static string? Joined(Microsoft.Extensions.Primitives.StringValues values) =>
        values.Count switch { 0 => null, 1 => values[0], _ => string.Join(", ", values.ToArray()) };

    /// <summary>Express's req.hostname: the Host header without its port (an IPv6 literal keeps its brackets); undefined without a Host.</summary>
    public static object HostnameOf(string? host)
    {
        if (string.IsNullOrEmpty(host)) return JsUndefined.Value;
        var offset = host[0] == '[' ? host.IndexOf(']') + 1 : 0;
        var colon = host.IndexOf(':', offset);
        return colon >= 0 ? host.Substring(0, colon) : host;
    }

    /// <summary>
    /// req.params from the route values when no value needed decoding (the path as sent has no '%'): ASP.NET's
    /// values are then exactly the path text Express would decode to the same string.
    /// </summary>
    internal static JsObject ParamsFromRouteValues(HttpContext http, HttpInOptions options)
    {
        var parameters = new JsObject(options.Parameters.Length);
        var routeValues = http.Request.RouteValues;
        foreach (var (routeKey, name) in options.Parameters)
        {
            parameters[name] = routeValues.TryGetValue(routeKey, out var value) && value is string text ? text : JsUndefined.Value;
        }
        return parameters;
    }

    /// <summary>
    /// Express decodes each route parameter with decodeURIComponent ("%2F" is "/", "a%20b" is "a b") and fails the
    /// request with 400 when one does not decode. ASP.NET decodes the path itself but leaves "%2F" encoded, so a
    /// value is decoded again from the path as sent. Returns null (no work needed) when the path has no '%'.
    /// </summary>
    public static bool TryDecodeParams(HttpContext http, HttpInOptions options, out JsObject? parameters, out string? error)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        parameters = null;
        error = null;
        if (options.Parameters.Length == 0 || !RequestTarget.PathHasEscapes(http)) return true;
        var target = RequestTarget.Of(http);

        var rawSegments = target.Path.Split('/');
        var decodedSegments = (http.Request.Path.Value ?? "").Split('/');
        var templateSegments = options.RouteTemplate.Split('/');
        var aligned = rawSegments.Length == decodedSegments.Length;
        var routeValues = http.Request.RouteValues;
        parameters = new JsObject(options.Parameters.Length);
        foreach (var (routeKey, name) in options.Parameters)
        {
            if (!routeValues.TryGetValue(routeKey, out var value) || value is not string text)
            {
                parameters[name] = JsUndefined.Value;
                continue;
            }
            var raw = aligned ? RawValue(templateSegments, rawSegments, routeKey) : null;
            string decoded;
            if (raw is null)
            {
                // Without the text as sent (a parameter inside a segment, or a path ASP.NET normalized), the value
                // ASP.NET decoded only lacks the decoding of "%2F".
                decoded = text.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);
            }
            else if (!UriComponent.TryDecode(raw, out decoded))
            {
                error = $"Failed to decode param '{raw}'";
                return false;
            }
            parameters[name] = decoded;
        }
        return true;
    }

    /// <summary>The path text as sent for a parameter that is a whole segment ("{id}", "{id?}") or the final catch-all.</summary>
    private static string? RawValue(string[] templateSegments, string[] rawSegments, string routeKey)
    {
        for (var i = 0; i < templateSegments.Length; i++)
        {
            var segment = templateSegments[i];
            if (segment == "{" + routeKey + "}" || segment == "{" + routeKey + "?}")
            {
                return i < rawSegments.Length ? rawSegments[i] : null;
            }
            if (segment == "{*" + routeKey + "}")
            {
                return i < rawSegments.Length ? string.Join('/', rawSegments, i, rawSegments.Length - i) : null;
            }
        }
        return null;
    }
}

/// <summary>The request target as the client sent it (not decoded), split as Express sees it.</summary>
internal readonly record struct RequestTarget(string OriginalUrl, string Url, string Path, string FullPath)
{
    /// <summary>
    /// originalUrl is the target as sent; url and path are relative to the app's PathBase (Express's mount point,
    /// whose text is baseUrl); path has no query. FullPath is the path including the PathBase.
    /// </summary>
    public static RequestTarget Of(HttpContext http)
    {
        var request = http.Request;
        var raw = http.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(raw) || raw[0] != '/')
        {
            raw = request.PathBase.ToUriComponent() + request.Path.ToUriComponent() + request.QueryString.Value;
        }
        var question = raw.IndexOf('?');
        var fullPath = question >= 0 ? raw.Substring(0, question) : raw;
        var query = question >= 0 ? raw.Substring(question) : "";
        var path = fullPath;
        var pathBase = request.PathBase.Value;
        if (!string.IsNullOrEmpty(pathBase))
        {
            // Drop as many segments as the PathBase has: the raw text of the mount point may be encoded differently.
            var baseSegments = pathBase.TrimEnd('/').Split('/').Length - 1;
            var at = 0;
            for (var s = 0; s < baseSegments && at >= 0; s++) at = fullPath.IndexOf('/', at + 1);
            path = at < 0 ? "/" : fullPath.Substring(at);
        }
        if (path.Length == 0) path = "/";
        return new RequestTarget(raw, path + query, path, fullPath);
    }

    /// <summary>Whether the path as sent has a '%' (without building the target's strings).</summary>
    public static bool PathHasEscapes(HttpContext http)
    {
        var raw = http.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(raw) || raw[0] != '/')
        {
            var request = http.Request;
            return (request.PathBase.Value?.Contains('%', StringComparison.Ordinal) ?? false) || (request.Path.Value?.Contains('%', StringComparison.Ordinal) ?? false);
        }
        var question = raw.IndexOf('?');
        return raw.AsSpan(0, question < 0 ? raw.Length : question).Contains('%');
    }

    /// <summary>The query string as sent, without its '?' (null when there is none).</summary>
    public static string? QueryOf(HttpRequest request)
    {
        var value = request.QueryString.Value;
        return string.IsNullOrEmpty(value) ? null : value.Substring(1);
    }
}
