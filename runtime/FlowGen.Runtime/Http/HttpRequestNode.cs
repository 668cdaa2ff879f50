using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Polly;
using Polly.Timeout;

namespace FlowGen.Runtime;

/// <summary>
/// What an http request node's call came to: a response (a 4xx or 5xx is a response too), an error, or nothing
/// (Node-RED only warns about a non-http URL).
/// </summary>
public readonly struct HttpRequestResult
{
    private HttpRequestResult(bool success, FlowError? error, bool catchable, bool continues, string? payload, object? status)
    {
        IsSuccess = success;
        Error = error;
        IsCatchable = catchable;
        ContinuesOnOutput = continues;
        ErrorPayload = payload;
        ErrorStatus = status;
    }

    internal static HttpRequestResult Success() => new(true, null, false, false, null, null);

    /// <summary>A failed call (connection, timeout, redirects, ...): Node-RED reports it and, unless senderr, sends the message on.</summary>
    internal static HttpRequestResult RequestFailed(FlowError error, string payload, object? status) => new(false, error, true, true, payload, status);

    /// <summary>An error before any call (no URL, invalid payload for the query): reported, nothing sent on.</summary>
    internal static HttpRequestResult Failed(FlowError error) => new(false, error, true, false, FlowError.MessageOf(error), error.Code is { } code ? code : JsUndefined.Value);

    /// <summary>Node-RED only warns (a URL with another transport): nothing is reported and nothing sent.</summary>
    internal static HttpRequestResult Dropped(FlowError error) => new(false, error, false, false, FlowError.MessageOf(error), error.Code is { } code ? code : JsUndefined.Value);

    /// <summary>The response is on the message.</summary>
    public bool IsSuccess { get; }

    /// <summary>What went wrong, for catch nodes or the fail branch; null on success.</summary>
    public FlowError? Error { get; }

    /// <summary>Node-RED reports the error with node.error(err, msg), so catch nodes receive it.</summary>
    public bool IsCatchable { get; }

    /// <summary>Node-RED also sends the message on its output (unless senderr), with the error as payload.</summary>
    public bool ContinuesOnOutput { get; }

    /// <summary>msg.payload of an error sent on: "&lt;error&gt; : &lt;url&gt;".</summary>
    public string? ErrorPayload { get; }

    /// <summary>msg.statusCode of an error sent on: the error code ("ECONNREFUSED", "ETIMEDOUT", ...).</summary>
    public object? ErrorStatus { get; }

    /// <summary>Puts the error on the message as Node-RED does before sending it on: payload and statusCode.</summary>
    public void ApplyTo(FlowMessage msg)
    {
        ArgumentNullException.ThrowIfNull(msg);
        msg["payload"] = ErrorPayload;
        msg["statusCode"] = ErrorStatus;
    }

    /// <summary>
    /// For the fail branch: payload and statusCode as <see cref="ApplyTo(FlowMessage)"/>, and msg.error as a catch
    /// node would build it (message, code when there is one, source).
    /// </summary>
    public void ApplyTo(FlowMessage msg, FlowNodeInfo node)
    {
        ArgumentNullException.ThrowIfNull(node);
        ApplyTo(msg);
        var error = new JsObject();
        error["message"] = Error is null ? "" : FlowError.MessageOf(Error);
        if (Error?.Code is { } code) error["code"] = code;
        var source = new JsObject();
        source["id"] = node.Id;
        source["type"] = node.Type;
        source["name"] = node.Name;
        source["count"] = 1d;
        error["source"] = source;
        msg["error"] = error;
    }
}

/// <summary>One attempt's response, read whole (Node-RED reads the body into a Buffer).</summary>
internal sealed class HttpRequestAttempt
{
    public required int Status { get; init; }

    public required JsObject Headers { get; init; }

    public required List<string> SetCookies { get; init; }

    public required byte[] Body { get; init; }

    public required string Url { get; init; }

    public required JsArray Redirects { get; init; }

    public TimeSpan? RetryAfter { get; init; }
}

/// <summary>An error of the call that is never retried (a refused host, a bad header).</summary>
internal sealed class HttpRequestNodeException : Exception
{
    public HttpRequestNodeException(string message, string code) : base(message) => Code = code;

    public string Code { get; }
}

/// <summary>
/// Node-RED 4.1's http request node (21-httprequest.js over got) on HttpClient: URL from the node or msg.url, the
/// method (or msg.method with "use"), headers from msg.headers (after the request-node marker rule) and the
/// node's list, cookies, credentials from configuration, the body from msg.payload, redirects with redirectList,
/// and the response on msg. FlowGen adds Dify's retries, fail branch, body kinds and API keys. Retries and the
/// timeout of each attempt are a Polly pipeline; the incoming request's cancellation cancels the call.
/// </summary>
public static class HttpRequestNode
{
    internal static readonly ResiliencePropertyKey<int> RetriesKey = new("FlowGen.HttpRequest.Retries");

    private const int MaxRedirects = 21;

    private static readonly HashSet<string> FirstValueOnly = new(StringComparer.Ordinal)
    {
        "age", "authorization", "content-length", "content-type", "etag", "expires", "from", "host", "if-modified-since",
        "if-unmodified-since", "last-modified", "location", "max-forwards", "proxy-authorization", "referer", "retry-after",
        "server", "user-agent",
    };

    /// <summary>Makes the call for <paramref name="msg"/>; <paramref name="renderedUrl"/> is the node's URL template rendered for it.</summary>
    public static async ValueTask<HttpRequestResult> SendAsync(FlowMessage msg, HttpRequestOptions options, string? renderedUrl = null)
    {
        ArgumentNullException.ThrowIfNull(msg);
        ArgumentNullException.ThrowIfNull(options);
        var host = msg.Exchange.Host;

        // url = nodeUrl || msg.url, or the rendered template.
        var nodeUrl = string.IsNullOrEmpty(options.Url) ? null : options.Url;
        var urlValue = nodeUrl is null ? msg["url"] : renderedUrl ?? nodeUrl;
        if (nodeUrl is not null && msg["url"] is string msgUrl && msgUrl.Length > 0 && msgUrl != nodeUrl)
        {
            FlowLog.NodeWarning(host.Logger, options.Node.ToString(), "msg properties can no longer override set node properties. See bit.ly/nr-override-msg-props", msg.Exchange.RequestId);
        }
        if (!Js.ToBoolean(urlValue)) return HttpRequestResult.Failed(new FlowError("No url specified"));
        if (urlValue is not string url) return HttpRequestResult.Failed(new FlowError("TypeError: url.indexOf is not a function"));
        if (url.Contains("://", StringComparison.Ordinal) && !url.StartsWith("http", StringComparison.Ordinal))
        {
            FlowLog.NodeWarning(host.Logger, options.Node.ToString(), "Invalid transport requested", msg.Exchange.RequestId);
            return HttpRequestResult.Dropped(new FlowError("Invalid transport requested", "ERR_INVALID_PROTOCOL"));
        }
        if (!url.StartsWith("http://", StringComparison.Ordinal) && !url.StartsWith("https://", StringComparison.Ordinal))
        {
            url = (options.Tls ? "https://" : "http://") + url;
        }
        url = EscapeStrayPercents(url);

        // Method: the node's, upper-cased; "use" takes msg.method.
        var method = options.Method.ToUpperInvariant();
        if (method.Length == 0) method = "GET";
        var msgMethod = msg["method"];
        if (Js.ToBoolean(msgMethod))
        {
            if (options.Method == "use")
            {
                if (msgMethod is not string m) return HttpRequestResult.Failed(new FlowError("TypeError: msg.method.toUpperCase is not a function"));
                method = m.ToUpperInvariant();
            }
            else
            {
                FlowLog.NodeWarning(host.Logger, options.Node.ToString(), "msg properties can no longer override set node properties. See bit.ly/nr-override-msg-props", msg.Exchange.RequestId);
            }
        }

        var timeout = host.Options.HttpRequestTimeout;
        var requestTimeout = msg["requestTimeout"];
        if (requestTimeout is not JsUndefined)
        {
            var ms = Js.ToNumber(requestTimeout);
            if (double.IsNaN(ms)) FlowLog.NodeWarning(host.Logger, options.Node.ToString(), "Timeout value is not a valid number, ignoring", msg.Exchange.RequestId);
            else if (ms < 1) FlowLog.NodeWarning(host.Logger, options.Node.ToString(), "Timeout value is negative, ignoring", msg.Exchange.RequestId);
            else timeout = TimeSpan.FromMilliseconds(Math.Min(ms, int.MaxValue));
        }

        var headers = BuildHeaders(msg, options);
        var followRedirects = !msg.ContainsKey("followRedirects") || Js.ToBoolean(msg["followRedirects"]);

        // Cookies: a cookie header and msg.cookies go into this call's jar.
        var jar = new CookieJar();
        string? cookieHeader = null;
        for (var i = headers.Count - 1; i >= 0; i--)
        {
            if (!headers[i].Name.Equals("cookie", StringComparison.OrdinalIgnoreCase)) continue;
            cookieHeader ??= Js.ToJsString(headers[i].Value);
            headers.RemoveAt(i);
        }

        var payload = msg["payload"];
        var content = BuildBody(method, payload, options, headers, out var bodyError);
        if (bodyError is not null) return HttpRequestResult.Failed(bodyError);

        if (method == "GET" && payload is not JsUndefined && options.PayloadMode == HttpRequestPayloadMode.Query)
        {
            if (payload is not (JsObject or JsArray or null or byte[] or DateTime)) return HttpRequestResult.Failed(new FlowError("Invalid payload"));
            var query = Stringify(payload);
            url += url.Contains('?', StringComparison.Ordinal) ? (url.EndsWith('?') ? "" : "&") + query : "?" + query;
        }

        if (!TryParseUrl(url, out var target, out var userInfo))
        {
            return HttpRequestResult.Failed(new FlowError("TypeError: Invalid URL", "ERR_INVALID_URL"));
        }
        if (cookieHeader is not null) jar.AddHeader(cookieHeader, target);
        if (msg["cookies"] is JsObject msgCookies)
        {
            try
            {
                jar.AddMessageCookies(msgCookies, target);
            }
            catch (FlowError error)
            {
                return HttpRequestResult.Failed(error);
            }
        }

        // Credentials: configuration first, then the URL's user info for what is missing.
        var configured = host.Outbound.Credentials(options.Node);
        string? user = configured?.User, password = configured?.Password;
        if (userInfo is { } info)
        {
            var colon = info.IndexOf(':', StringComparison.Ordinal);
            var urlUser = Uri.UnescapeDataString(colon < 0 ? info : info[..colon]);
            var urlPassword = colon < 0 ? "" : Uri.UnescapeDataString(info[(colon + 1)..]);
            if (urlUser.Length > 0 && string.IsNullOrEmpty(user)) user = urlUser;
            if (urlPassword.Length > 0 && string.IsNullOrEmpty(password)) password = urlPassword;
        }
        var hasCredentials = configured is not null || !string.IsNullOrEmpty(user) || !string.IsNullOrEmpty(password);
        Digest? digest = null;
        if (hasCredentials)
        {
            switch (options.Auth)
            {
                case HttpRequestAuth.Basic when !string.IsNullOrEmpty(user) || !string.IsNullOrEmpty(password):
                    SetHeader(headers, "Authorization", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes((user ?? "") + ":" + (password ?? ""))));
                    break;
                case HttpRequestAuth.Bearer:
                    SetHeader(headers, "Authorization", "Bearer " + (password ?? ""));
                    break;
                case HttpRequestAuth.Digest:
                    digest = new Digest(user ?? "", password ?? "");
                    break;
            }
        }
        if (options.ApiKeyIn != HttpRequestApiKeyIn.None)
        {
            if (configured?.ApiKey is not { Length: > 0 } apiKey)
            {
                return HttpRequestResult.Failed(new FlowError($"No API key is configured for {options.Node}: set FlowGen:Credentials:{options.Node.Id}:ApiKey", "ERR_NO_CREDENTIALS"));
            }
            if (options.ApiKeyIn == HttpRequestApiKeyIn.Header)
            {
                SetHeader(headers, options.ApiKeyName, apiKey);
            }
            else
            {
                url += (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + ResponseCookies.EncodeUriComponent(options.ApiKeyName) + "=" + ResponseCookies.EncodeUriComponent(apiKey);
                TryParseUrl(url, out target, out _);
            }
        }

        var call = new Call(host.Outbound, options, method, target, url, headers, content, jar, followRedirects, digest);
        var context = ResilienceContextPool.Shared.Get(msg.Exchange.Http.RequestAborted);
        try
        {
            context.Properties.Set(HttpRequestOptions.TimeoutKey, timeout);
            HttpRequestAttempt attempt;
            try
            {
                attempt = await options.Pipeline.ExecuteAsync(static (ctx, call) => call.AttemptAsync(ctx.CancellationToken), context, call).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                var (error, text, code) = Describe(ex, call, timeout);
                msg["retry"] = (double)context.Properties.GetValue(RetriesKey, 0);
                return HttpRequestResult.RequestFailed(error, text + " : " + url, code);
            }
            Output(msg, attempt, options, context.Properties.GetValue(RetriesKey, 0));
            return HttpRequestResult.Success();
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>Retried: transport errors, timeouts, 408, 429 and 5xx; never other statuses or FlowGen's own refusals.</summary>
    internal static bool ShouldRetry(Outcome<HttpRequestAttempt> outcome) => outcome.Exception switch
    {
        null => outcome.Result is { Status: 408 or 429 or >= 500 },
        HttpRequestNodeException => false,
        OperationCanceledException => false,
        TimeoutRejectedException or HttpRequestException or IOException => true,
        _ => false,
    };

    /// <summary>The response on the message, in Node-RED's order.</summary>
    private static void Output(FlowMessage msg, HttpRequestAttempt attempt, HttpRequestOptions options, int retries)
    {
        msg["statusCode"] = JsNumber.Box(attempt.Status);
        msg["headers"] = attempt.Headers;
        msg["responseUrl"] = attempt.Url;
        msg["payload"] = attempt.Body;
        msg["redirectList"] = attempt.Redirects;
        msg["retry"] = JsNumber.Box(retries);
        if (attempt.SetCookies.Count > 0) msg["responseCookies"] = ExtractCookies(attempt.SetCookies);
        RequestNodeMarker.Mark(attempt.Headers);

        if (options.Return == HttpRequestReturn.Binary) return;
        var text = Encoding.UTF8.GetString(attempt.Body);
        msg["payload"] = text;
        if (options.Return != HttpRequestReturn.Object) return;
        if (attempt.Status == 204) text = "{}";
        try
        {
            msg["payload"] = JsJson.Parse(text);
        }
        catch (JsonParseException)
        {
            msg["payload"] = text;
            FlowLog.NodeWarning(msg.Exchange.Host.Logger, options.Node.ToString(), "JSON parse error", msg.Exchange.RequestId);
        }
    }

    /// <summary>In the query, a '%' that does not start two hex digits becomes %25 (Node-RED's repair for got).</summary>
    internal static string EscapeStrayPercents(string url)
    {
        var question = url.IndexOf('?', StringComparison.Ordinal);
        if (question < 0 || question == url.Length - 1 || url.IndexOf('%', question) < 0) return url;
        var sb = StringBuilderCache.Acquire(url.Length + 8);
        sb.Append(url, 0, question + 1);
        for (var i = question + 1; i < url.Length; i++)
        {
            var c = url[i];
            if (c != '%')
            {
                sb.Append(c);
                continue;
            }
            // /(%.?.?)/g: the '%' and up to two characters that are not line terminators.
            var take = 0;
            while (take < 2 && i + 1 + take < url.Length && url[i + 1 + take] is not ('\n' or '\r' or '\u2028' or '\u2029')) take++;
            var valid = take == 2 && Uri.IsHexDigit(url[i + 1]) && Uri.IsHexDigit(url[i + 2]);
            sb.Append(valid ? "%" : "%25").Append(url, i + 1, take);
            i += take;
        }
        return StringBuilderCache.ToStringAndRelease(sb);
    }

    /// <summary>
    /// Parses an http(s) URL and percent-encodes its path and query as the WHATWG URL parser does (the fragment
    /// is dropped, valid escapes are kept). The user info is returned apart and left out of the request URI.
    /// </summary>
    internal static bool TryParseUrl(string url, out Uri uri, out string? userInfo)
    {
        uri = null!;
        userInfo = null;
        var hash = url.IndexOf('#', StringComparison.Ordinal);
        if (hash >= 0) url = url[..hash];
        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd < 0) return false;
        var scheme = url[..schemeEnd].ToLowerInvariant();
        if (scheme is not ("http" or "https")) return false;
        var authorityStart = schemeEnd + 3;
        var authorityEnd = url.IndexOfAny(new[] { '/', '?', '\\' }, authorityStart);
        if (authorityEnd < 0) authorityEnd = url.Length;
        var authority = url[authorityStart..authorityEnd];
        var at = authority.LastIndexOf('@');
        if (at >= 0)
        {
            userInfo = authority[..at];
            authority = authority[(at + 1)..];
        }
        if (authority.Length == 0) return false;
        var rest = url[authorityEnd..].Replace('\\', '/');
        var question = rest.IndexOf('?', StringComparison.Ordinal);
        var path = question < 0 ? rest : rest[..question];
        var query = question < 0 ? null : rest[(question + 1)..];
        if (path.Length == 0) path = "/";
        var text = StringBuilderCache.Acquire(url.Length + 16).Append(scheme).Append("://").Append(authority);
        Encode(text, path, isQuery: false);
        if (query is not null)
        {
            text.Append('?');
            Encode(text, query, isQuery: true);
        }
        return Uri.TryCreate(StringBuilderCache.ToStringAndRelease(text), new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true }, out uri!)
            && uri.IsAbsoluteUri;
    }

    private static void Encode(StringBuilder sb, string text, bool isQuery)
    {
        Span<byte> bytes = stackalloc byte[4];
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var encode = c <= 0x20 || c == 0x7f || c == '"' || c == '<' || c == '>' || c > 0x7e
                || (isQuery ? c == '\'' : c is '`' or '{' or '}');
            if (!encode)
            {
                sb.Append(c);
                continue;
            }
            int count;
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                count = Encoding.UTF8.GetBytes(text.AsSpan(i, 2), bytes);
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                count = Encoding.UTF8.GetBytes("\uFFFD", bytes);
            }
            else
            {
                count = Encoding.UTF8.GetBytes(text.AsSpan(i, 1), bytes);
            }
            for (var k = 0; k < count; k++) sb.Append('%').Append(bytes[k].ToString("X2", CultureInfo.InvariantCulture));
        }
    }

    /// <summary>The URL as WHATWG serialises it (got's response.url): user info kept, default port dropped.</summary>
    internal static string Serialize(Uri uri, string? userInfo)
    {
        var sb = StringBuilderCache.Acquire().Append(uri.Scheme).Append("://");
        if (!string.IsNullOrEmpty(userInfo)) sb.Append(userInfo).Append('@');
        sb.Append(uri.Host);
        if (!uri.IsDefaultPort) sb.Append(':').Append(uri.Port.ToString(CultureInfo.InvariantCulture));
        return StringBuilderCache.ToStringAndRelease(sb.Append(uri.PathAndQuery));
    }

    // ---- headers ----------------------------------------------------------------------------------------------

    /// <summary>msg.headers (after the marker rule), then the node's list, which wins; an empty value deletes.</summary>
    private static List<(string Name, object? Value)> BuildHeaders(FlowMessage msg, HttpRequestOptions options)
    {
        var headers = new List<(string Name, object? Value)>();
        RequestNodeMarker.Apply(msg);
        if (msg["headers"] is JsObject fromMessage)
        {
            foreach (var (name, value) in fromMessage.Entries) UpdateHeader(headers, name, value);
        }
        else if (msg["headers"] is JsArray array)
        {
            for (var i = 0; i < array.Count; i++) UpdateHeader(headers, i.ToString(CultureInfo.InvariantCulture), array[i]);
        }
        foreach (var entry in options.Headers)
        {
            var name = entry.Name;
            if (entry.NamePath is { } namePath)
            {
                name = namePath.TryGet(msg, out var found) && found is not JsUndefined ? Js.ToJsString(found) : null;
            }
            if (string.IsNullOrEmpty(name)) continue;
            object? value = entry.Value;
            if (entry.ValuePath is { } valuePath)
            {
                value = valuePath.TryGet(msg, out var found) ? found : JsUndefined.Value;
            }
            UpdateHeader(headers, name, value);
        }
        return headers;
    }

    /// <summary>Node-RED's updateHeader: every spelling of the name is removed; a truthy value is added under this spelling.</summary>
    private static void UpdateHeader(List<(string Name, object? Value)> headers, string name, object? value)
    {
        headers.RemoveAll(h => h.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
        if (Js.ToBoolean(value)) headers.Add((name, value));
    }

    private static void SetHeader(List<(string Name, object? Value)> headers, string name, string value)
    {
        headers.RemoveAll(h => h.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
        headers.Add((name, value));
    }

    private static object? FindHeader(List<(string Name, object? Value)> headers, string name)
    {
        foreach (var (n, v) in headers)
        {
            if (n.Equals(name, StringComparison.OrdinalIgnoreCase)) return v;
        }
        return null;
    }

    private static string[] HeaderValues(object? value) => value is JsArray array
        ? array.ConvertAll(Js.ToJsString).ToArray()
        : new[] { Js.ToJsString(value) };

    /// <summary>A header name must be a token and a value must not contain CR, LF or other control characters.</summary>
    private static void CheckHeader(string name, string[] values)
    {
        if (!HeaderValidation.IsToken(name)) throw new HttpRequestNodeException($"Header name must be a valid HTTP token [\"{name}\"]", "ERR_INVALID_HTTP_TOKEN");
        foreach (var value in values)
        {
            if (!HeaderValidation.IsValidValue(value)) throw new HttpRequestNodeException($"Invalid character in header content [\"{name}\"]", "ERR_INVALID_CHAR");
        }
    }

    // ---- body -------------------------------------------------------------------------------------------------

    /// <summary>A factory for the request content (one per attempt, over the same bytes), or null for no body.</summary>
    private static Func<HttpContent>? BuildBody(string method, object? payload, HttpRequestOptions options, List<(string Name, object? Value)> headers, out FlowError? error)
    {
        error = null;
        if (payload is JsUndefined || method == "HEAD") return null;
        if (method == "GET")
        {
            if (options.PayloadMode != HttpRequestPayloadMode.Body) return null;
            if (options.BodyKind == HttpRequestBodyKind.NodeRed)
            {
                // GET with paytoqs "body": JSON, a number's text, a string or a Buffer; no content type is added.
                byte[]? getBody = payload switch
                {
                    string s => Encoding.UTF8.GetBytes(s),
                    byte[] b => b,
                    double d => Encoding.UTF8.GetBytes(Js.FormatNumber(d)),
                    bool => null,
                    _ => Encoding.UTF8.GetBytes(JsJson.Stringify(payload) ?? ""),
                };
                return getBody is null ? null : Bytes(getBody);
            }
        }

        var contentType = FindHeader(headers, "content-type");
        switch (options.BodyKind)
        {
            case HttpRequestBodyKind.Json:
                DefaultContentType(headers, "application/json");
                return Bytes(Encoding.UTF8.GetBytes(payload as string ?? JsJson.Stringify(payload) ?? ""));
            case HttpRequestBodyKind.FormUrlEncoded:
                DefaultContentType(headers, "application/x-www-form-urlencoded");
                return Bytes(Encoding.UTF8.GetBytes(payload as string ?? Stringify(payload)));
            case HttpRequestBodyKind.RawText:
                DefaultContentType(headers, "text/plain");
                return Bytes(payload switch
                {
                    byte[] b => b,
                    string s => Encoding.UTF8.GetBytes(s),
                    JsObject or JsArray or null => Encoding.UTF8.GetBytes(JsJson.Stringify(payload) ?? ""),
                    _ => Encoding.UTF8.GetBytes(Js.ToJsString(payload)),
                });
            case HttpRequestBodyKind.Binary:
                DefaultContentType(headers, "application/octet-stream");
                switch (payload)
                {
                    case byte[] b: return Bytes(b);
                    case string s: return Bytes(Encoding.UTF8.GetBytes(s));
                    default:
                        error = new FlowError("A binary body needs a Buffer or string payload, not " + Js.TypeOf(payload), "ERR_INVALID_PAYLOAD");
                        return null;
                }
            case HttpRequestBodyKind.FormData:
                if (payload is not JsObject form)
                {
                    error = new FlowError("A form-data body needs an object payload, not " + Js.TypeOf(payload), "ERR_INVALID_PAYLOAD");
                    return null;
                }
                return Multipart(form, headers);
        }

        // Node-RED's rules.
        if (Js.LooseEquals(contentType, "multipart/form-data") && Js.TypeOf(payload) == "object" && payload is not (byte[] or null))
        {
            return payload is JsObject obj ? Multipart(obj, headers) : Multipart(new JsObject(), headers);
        }
        switch (payload)
        {
            case string s:
                return Bytes(Encoding.UTF8.GetBytes(s));
            case byte[] b:
                return Bytes(b);
            case double d:
                return Bytes(Encoding.UTF8.GetBytes(Js.FormatNumber(d)));
        }
        if (Js.LooseEquals(contentType, "application/x-www-form-urlencoded"))
        {
            return Bytes(Encoding.UTF8.GetBytes(Stringify(payload)));
        }
        if (contentType is null) headers.Add(("Content-Type", "application/json"));
        return Bytes(Encoding.UTF8.GetBytes(JsJson.Stringify(payload) ?? ""));
    }

    private static void DefaultContentType(List<(string Name, object? Value)> headers, string value)
    {
        if (FindHeader(headers, "content-type") is null) headers.Add(("Content-Type", value));
    }

    private static Func<HttpContent> Bytes(byte[] body) => () => new ByteArrayContent(body);

    /// <summary>
    /// form-data as Node-RED builds it: strings and Buffers as they are, <c>{value, options}</c> as a file part
    /// (options.filename, options.contentType), anything else as its JSON; null and undefined are skipped. The
    /// content type gets the boundary.
    /// </summary>
    private static Func<HttpContent> Multipart(JsObject form, List<(string Name, object? Value)> headers)
    {
        headers.RemoveAll(h => h.Name.Equals("content-type", StringComparison.OrdinalIgnoreCase));
        var parts = new List<(string Name, byte[] Bytes, string? FileName, string? ContentType)>();
        foreach (var (name, value) in form.Entries)
        {
            switch (value)
            {
                case null or JsUndefined:
                    continue;
                case string s:
                    parts.Add((name, Encoding.UTF8.GetBytes(s), null, null));
                    break;
                case byte[] b:
                    parts.Add((name, b, null, "application/octet-stream"));
                    break;
                case JsObject file when file.ContainsKey("value"):
                    var fileOptions = file["options"] as JsObject;
                    var fileName = fileOptions?["filename"] is string f ? f : null;
                    var type = fileOptions?["contentType"] is string t ? t : null;
                    var bytes = file["value"] switch
                    {
                        byte[] fb => fb,
                        var other => Encoding.UTF8.GetBytes(Js.ToJsString(other)),
                    };
                    parts.Add((name, bytes, fileName, type ?? (fileName is not null || file["value"] is byte[] ? "application/octet-stream" : null)));
                    break;
                default:
                    parts.Add((name, Encoding.UTF8.GetBytes(JsJson.Stringify(value) ?? ""), null, null));
                    break;
            }
        }
        return () =>
        {
            var content = new MultipartFormDataContent("--------------------------" + Guid.NewGuid().ToString("N")[..24]);
            foreach (var (name, bytes, fileName, type) in parts)
            {
                var part = new ByteArrayContent(bytes);
                if (type is not null) part.Headers.TryAddWithoutValidation("Content-Type", type);
                if (fileName is not null) content.Add(part, Quote(name), Quote(fileName));
                else content.Add(part, Quote(name));
            }
            return content;
        };
    }

    private static string Quote(string text) => "\"" + text.Replace("\"", "%22", StringComparison.Ordinal) + "\"";

    /// <summary>Node.js's querystring.stringify: own keys; arrays repeat the key; objects and null give an empty value.</summary>
    internal static string Stringify(object? value)
    {
        if (value is not (JsObject or JsArray)) return "";
        var sb = new StringBuilder();
        IEnumerable<KeyValuePair<string, object?>> entries = value is JsObject o ? o.Entries : ArrayEntries((JsArray)value);
        foreach (var (key, item) in entries)
        {
            var name = ResponseCookies.EncodeUriComponent(key) + "=";
            if (item is JsArray items)
            {
                for (var i = 0; i < items.Count; i++)
                {
                    if (sb.Length > 0) sb.Append('&');
                    sb.Append(name).Append(ResponseCookies.EncodeUriComponent(Primitive(items[i])));
                }
                continue;
            }
            if (sb.Length > 0) sb.Append('&');
            sb.Append(name).Append(ResponseCookies.EncodeUriComponent(Primitive(item)));
        }
        return sb.ToString();
    }

    private static IEnumerable<KeyValuePair<string, object?>> ArrayEntries(JsArray array)
    {
        for (var i = 0; i < array.Count; i++) yield return new(i.ToString(CultureInfo.InvariantCulture), array[i]);
    }

    private static string Primitive(object? value) => value switch
    {
        string s => s,
        double d => double.IsFinite(d) ? Js.FormatNumber(d) : "",
        bool b => b ? "true" : "false",
        _ => "",
    };

    // ---- the call ---------------------------------------------------------------------------------------------

    /// <summary>One message's call: what every attempt sends, and the redirect loop of an attempt.</summary>
    private sealed class Call
    {
        private readonly OutboundHttp _outbound;
        private readonly HttpRequestOptions _options;
        private readonly string _method;
        private readonly Uri _target;
        private readonly List<(string Name, object? Value)> _headers;
        private readonly Func<HttpContent>? _content;
        private readonly CookieJar _jar;
        private readonly bool _followRedirects;
        private readonly Digest? _digest;

        public Call(OutboundHttp outbound, HttpRequestOptions options, string method, Uri target, string url, List<(string Name, object? Value)> headers, Func<HttpContent>? content, CookieJar jar, bool followRedirects, Digest? digest)
        {
            _outbound = outbound;
            _options = options;
            _method = method;
            _target = target;
            Url = url;
            _headers = headers;
            _content = content;
            _jar = jar;
            _followRedirects = followRedirects;
            _digest = digest;
        }

        public string Url { get; }

        /// <summary>The host the last attempt tried to reach, for error texts.</summary>
        public Uri? Current { get; private set; }

        public async ValueTask<HttpRequestAttempt> AttemptAsync(CancellationToken cancellationToken)
        {
            // Header values from messages must not split the request: no CR, LF or other control characters.
            foreach (var (name, value) in _headers) CheckHeader(name, HeaderValues(value));
            var uri = _target;
            var method = _method;
            var content = _content;
            var headers = _headers;
            var redirects = new JsArray();
            string? authorization = null;
            var jar = _jar.Copy();
            var client = _outbound.Client();
            while (true)
            {
                Current = uri;
                if (!_outbound.IsAllowed(uri))
                {
                    throw new HttpRequestNodeException($"The host {uri.Host} is not in the allowed outbound hosts (FlowOptions.AllowedOutboundHosts)", "ERR_HOST_NOT_ALLOWED");
                }
                using var request = new HttpRequestMessage(HttpMethod.Parse(method), uri);
                var requestContent = content?.Invoke();
                string? contentType = null;
                foreach (var (name, value) in headers)
                {
                    var values = HeaderValues(value);
                    if (name.Equals("content-type", StringComparison.OrdinalIgnoreCase)) { contentType = values[0]; continue; }
                    // The body's real length is sent; a stale content-length (an upstream's, say) never is.
                    if (name.Equals("content-length", StringComparison.OrdinalIgnoreCase) || name.Equals("transfer-encoding", StringComparison.OrdinalIgnoreCase)) continue;
                    if (name.Equals("host", StringComparison.OrdinalIgnoreCase)) { request.Headers.Host = values[0]; continue; }
                    request.Headers.TryAddWithoutValidation(name, values);
                }
                if (authorization is not null)
                {
                    request.Headers.Remove("Authorization");
                    request.Headers.TryAddWithoutValidation("Authorization", authorization);
                }
                if (jar.Header(uri) is { } cookies) request.Headers.TryAddWithoutValidation("Cookie", cookies);
                if (requestContent is null && contentType is not null && method is not ("GET" or "HEAD"))
                {
                    requestContent = new ByteArrayContent(Array.Empty<byte>());
                }
                if (requestContent is not null)
                {
                    if (requestContent is MultipartFormDataContent) { }
                    else if (contentType is not null) requestContent.Headers.TryAddWithoutValidation("Content-Type", contentType);
                    request.Content = requestContent;
                }

                HttpResponseMessage response;
                try
                {
                    response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
                }
                catch (ArgumentException ex)
                {
                    throw new HttpRequestNodeException(ex.Message, "ERR_INVALID_ARG_VALUE");
                }
                using (response)
                {
                    var status = (int)response.StatusCode;
                    if (status == 401 && _digest is not null && authorization is null && FirstHeader(response, "www-authenticate") is { } challenge)
                    {
                        authorization = _digest.Header(method, uri.PathAndQuery, challenge);
                        continue;
                    }
                    var setCookies = NoSetCookies;
                    if (response.Headers.NonValidated.TryGetValues("Set-Cookie", out var setCookieValues))
                    {
                        setCookies = new List<string>(setCookieValues.Count);
                        foreach (var value in setCookieValues) setCookies.Add(value);
                    }
                    foreach (var cookie in setCookies) jar.AddSetCookie(cookie, uri);

                    var location = FirstHeader(response, "location");
                    if (_followRedirects && location is not null && status is 300 or 301 or 302 or 303 or 307 or 308)
                    {
                        var hop = new JsObject();
                        hop["location"] = location;
                        if (setCookies.Count > 0) hop["cookies"] = ExtractCookies(setCookies);
                        if (redirects.Count >= MaxRedirects)
                        {
                            throw new MaxRedirectsException();
                        }
                        redirects.Add(hop);
                        if (!TryResolve(uri, location, out var next))
                        {
                            throw new HttpRequestNodeException("Invalid URL", "ERR_INVALID_URL");
                        }
                        if (status == 303 && method is not ("GET" or "HEAD"))
                        {
                            method = "GET";
                            content = null;
                            headers = headers.FindAll(h => !h.Name.Equals("content-type", StringComparison.OrdinalIgnoreCase));
                        }
                        if (next.Host != uri.Host || next.Port != uri.Port)
                        {
                            // got drops credentials when a redirect leaves the host.
                            headers = headers.FindAll(h => !h.Name.Equals("authorization", StringComparison.OrdinalIgnoreCase));
                            authorization = null;
                        }
                        uri = next;
                        continue;
                    }

                    var body = method == "HEAD" || status is 204 or 304
                        ? Array.Empty<byte>()
                        : await ReadBodyAsync(response.Content, cancellationToken).ConfigureAwait(false);
                    return new HttpRequestAttempt
                    {
                        Status = status,
                        Headers = ResponseHeaders(response),
                        SetCookies = setCookies,
                        Body = body,
                        Url = Serialize(uri, null),
                        Redirects = redirects,
                        RetryAfter = RetryAfter(response),
                    };
                }
            }
        }
    }

    /// <summary>The Set-Cookie lines of a response without any: shared, never changed.</summary>
    private static readonly List<string> NoSetCookies = new(0);

    private sealed class MaxRedirectsException : Exception
    {
        public MaxRedirectsException() : base("Redirected 21 times. Aborting.") { }
    }

    private static bool TryResolve(Uri current, string location, out Uri next)
    {
        string absolute;
        if (location.Contains("://", StringComparison.Ordinal)) absolute = location;
        else if (location.StartsWith("//", StringComparison.Ordinal)) absolute = current.Scheme + ":" + location;
        else
        {
            var origin = current.Scheme + "://" + current.Authority;
            if (location.StartsWith('/')) absolute = origin + location;
            else if (location.StartsWith('?')) absolute = origin + current.AbsolutePath + location;
            else
            {
                var path = current.AbsolutePath;
                absolute = origin + path[..(path.LastIndexOf('/') + 1)] + location;
            }
        }
        return TryParseUrl(EscapeStrayPercents(absolute), out next, out _);
    }

    /// <summary>Reads the whole body once: into an array of the announced length, or growing when there is none.</summary>
    private static async Task<byte[]> ReadBodyAsync(HttpContent content, CancellationToken cancellationToken)
    {
        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            if (content.Headers.ContentLength is long length && length <= Array.MaxLength)
            {
                var buffer = new byte[length];
                await stream.ReadExactlyAsync(buffer, cancellationToken).ConfigureAwait(false);
                return buffer;
            }
            using var memory = new MemoryStream();
            await stream.CopyToAsync(memory, cancellationToken).ConfigureAwait(false);
            return memory.ToArray();
        }
    }

    private static string? FirstHeader(HttpResponseMessage response, string name)
    {
        if (response.Headers.NonValidated.TryGetValues(name, out var values) || response.Content.Headers.NonValidated.TryGetValues(name, out values))
        {
            foreach (var value in values) return value;
        }
        return null;
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        if (FirstHeader(response, "retry-after") is not { } text) return null;
        if (int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)) return TimeSpan.FromSeconds(seconds);
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
        {
            var wait = date - DateTimeOffset.UtcNow;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }
        return null;
    }

    /// <summary>Response headers as Node.js gives them: lower-case names, set-cookie an array, repeats joined.</summary>
    private static JsObject ResponseHeaders(HttpResponseMessage response)
    {
        // Sized for every header and the x-node-red-request-node marker added later.
        var headers = new JsObject(response.Headers.NonValidated.Count + response.Content.Headers.NonValidated.Count + 1);
        void Add(string rawName, HeaderStringValues values)
        {
            var name = LowerCaseName(rawName);
            foreach (var value in values)
            {
                if (name == "set-cookie")
                {
                    if (headers[name] is not JsArray list) headers[name] = list = new JsArray();
                    list.Add(value);
                }
                else if (headers[name] is string existing)
                {
                    if (!FirstValueOnly.Contains(name)) headers[name] = existing + (name == "cookie" ? "; " : ", ") + value;
                }
                else
                {
                    headers[name] = value;
                }
            }
        }
        foreach (var header in response.Headers.NonValidated) Add(header.Key, header.Value);
        foreach (var header in response.Content.Headers.NonValidated) Add(header.Key, header.Value);
        return headers;
    }

    private static readonly string[] CommonResponseHeaders =
    {
        "content-type", "content-length", "date", "server", "connection", "transfer-encoding", "cache-control", "etag",
        "last-modified", "location", "set-cookie", "keep-alive", "vary", "expires",
    };

    /// <summary>A header name in lower case; the names most responses carry without a new string each time.</summary>
    private static string LowerCaseName(string name)
    {
        foreach (var common in CommonResponseHeaders)
        {
            if (name.Equals(common, StringComparison.OrdinalIgnoreCase)) return common;
        }
        return name.ToLowerInvariant();
    }

    /// <summary>responseCookies / redirectList cookies: each Set-Cookie parsed by cookie.parse, keyed by name, with its value as "value".</summary>
    private static JsObject ExtractCookies(List<string> setCookies)
    {
        var cookies = new JsObject();
        foreach (var line in setCookies)
        {
            var eq = line.IndexOf('=', StringComparison.Ordinal);
            if (eq < 0) continue;
            var key = line[..eq].Trim();
            if (key.Length == 0) continue;
            var parsed = ParseCookie(line);
            parsed.TryGetValue(key, out var value);
            parsed.Remove(key);
            parsed["value"] = value ?? JsUndefined.Value;
            cookies[key] = parsed;
        }
        return cookies;
    }

    /// <summary>cookie 0.7's parse: name=value pairs split on ';', trimmed, quotes dropped, '%' values decoded, first wins.</summary>
    private static JsObject ParseCookie(string text)
    {
        var result = new JsObject();
        foreach (var pair in text.Split(';'))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq < 0) continue;
            var key = pair[..eq].Trim(' ', '\t');
            if (key.Length == 0 || result.ContainsKey(key)) continue;
            var value = pair[(eq + 1)..].Trim(' ', '\t');
            if (value.Length >= 2 && value[0] == '"' && value[^1] == '"') value = value[1..^1];
            if (value.Contains('%', StringComparison.Ordinal) && UriComponent.TryDecode(value, out var decoded)) value = decoded;
            result[key] = value;
        }
        return result;
    }

    // ---- errors -----------------------------------------------------------------------------------------------

    /// <summary>
    /// The error as Node-RED reports it: the catch message (got's error string, or "no response from server" for
    /// a timeout), the text sent on as payload (before " : url"), and the code sent as statusCode.
    /// </summary>
    private static (FlowError Error, string Text, object? Code) Describe(Exception ex, Call call, TimeSpan timeout)
    {
        var where = call.Current ?? new Uri("http://localhost/");
        var hostPort = where.Host + ":" + where.Port.ToString(CultureInfo.InvariantCulture);
        switch (ex)
        {
            case TimeoutRejectedException:
                var ms = Js.FormatNumber(Math.Round(timeout.TotalMilliseconds));
                return (new FlowError("no response from server"), $"TimeoutError: Timeout awaiting 'request' for {ms}ms", "ETIMEDOUT");
            case MaxRedirectsException:
                return Request("MaxRedirectsError: Redirected 21 times. Aborting.", "ERR_TOO_MANY_REDIRECTS");
            case HttpRequestNodeException own:
                return Request("RequestError: " + own.Message, own.Code);
            case HttpRequestException http:
                if (Find<SocketException>(http) is { } socket)
                {
                    return socket.SocketErrorCode switch
                    {
                        SocketError.ConnectionRefused => Request($"RequestError: connect ECONNREFUSED {hostPort}", "ECONNREFUSED"),
                        SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => Request($"RequestError: getaddrinfo ENOTFOUND {where.Host}", "ENOTFOUND"),
                        SocketError.ConnectionReset => Request("RequestError: read ECONNRESET", "ECONNRESET"),
                        SocketError.TimedOut => Request($"RequestError: connect ETIMEDOUT {hostPort}", "ETIMEDOUT"),
                        SocketError.NetworkUnreachable => Request($"RequestError: connect ENETUNREACH {hostPort}", "ENETUNREACH"),
                        SocketError.HostUnreachable => Request($"RequestError: connect EHOSTUNREACH {hostPort}", "EHOSTUNREACH"),
                        SocketError.ConnectionAborted => Request("RequestError: socket hang up", "ECONNRESET"),
                        _ => Request("RequestError: " + socket.Message, "E" + socket.SocketErrorCode.ToString().ToUpperInvariant()),
                    };
                }
                return http.HttpRequestError switch
                {
                    HttpRequestError.ResponseEnded => Request("RequestError: socket hang up", "ECONNRESET"),
                    HttpRequestError.NameResolutionError => Request($"RequestError: getaddrinfo ENOTFOUND {where.Host}", "ENOTFOUND"),
                    HttpRequestError.SecureConnectionError => Request("RequestError: " + (http.InnerException?.Message ?? http.Message), "EPROTO"),
                    HttpRequestError.InvalidResponse => Request("RequestError: Parse Error: " + http.Message, "HPE_INVALID_CONSTANT"),
                    _ => Request("RequestError: " + http.Message, "ERR_REQUEST"),
                };
            case IOException:
                return Request("ReadError: The server aborted pending request", "ECONNRESET");
            default:
                return Request("RequestError: " + ex.Message, "ERR_REQUEST");
        }

        static (FlowError, string, object?) Request(string text, string code) => (new FlowError(text, code), text, code);
    }

    private static T? Find<T>(Exception ex) where T : Exception
    {
        for (Exception? e = ex; e is not null; e = e.InnerException)
        {
            if (e is T found) return found;
        }
        return null;
    }

    // ---- cookies and digest -------------------------------------------------------------------------------------

    /// <summary>
    /// The per-message cookie jar (tough-cookie, simplified): cookies from the cookie header and msg.cookies, and
    /// those set by responses on the way, are sent to later requests on the same host and path.
    /// </summary>
    private sealed class CookieJar
    {
        private readonly List<(string Name, string Value, string Host, string Path)> _cookies = new();

        public CookieJar Copy()
        {
            var copy = new CookieJar();
            copy._cookies.AddRange(_cookies);
            return copy;
        }

        public void AddHeader(string header, Uri uri)
        {
            foreach (var pair in header.Split(';'))
            {
                var eq = pair.IndexOf('=', StringComparison.Ordinal);
                if (eq < 0) continue;
                var name = pair[..eq].Trim(' ', '\t');
                if (name.Length == 0) continue;
                var value = pair[(eq + 1)..].Trim(' ', '\t');
                if (value.Length >= 2 && value[0] == '"' && value[^1] == '"') value = value[1..^1];
                Set(name, value, uri.Host, DefaultPath(uri));
            }
        }

        public void AddMessageCookies(JsObject cookies, Uri uri)
        {
            foreach (var (name, cookie) in cookies.Entries)
            {
                if (cookie is null or JsUndefined || (cookie is JsObject { } o && o["value"] is null)) continue;
                string value;
                if (cookie is JsObject obj)
                {
                    var raw = Js.ToJsString(obj["value"]);
                    if (obj["encode"] is false)
                    {
                        foreach (var c in raw)
                        {
                            if (c < 0x21 || c == '"' || c == ',' || c == ';' || c == '\\' || c > 0x7e) throw new FlowError("TypeError: argument val is invalid");
                        }
                        value = raw;
                    }
                    else
                    {
                        value = ResponseCookies.EncodeUriComponent(raw);
                    }
                }
                else
                {
                    value = ResponseCookies.EncodeUriComponent(Js.ToJsString(cookie));
                }
                Set(name, value, uri.Host, DefaultPath(uri));
            }
        }

        public void AddSetCookie(string line, Uri uri)
        {
            var parts = line.Split(';');
            var eq = parts[0].IndexOf('=', StringComparison.Ordinal);
            if (eq < 0) return;
            var name = parts[0][..eq].Trim();
            if (name.Length == 0) return;
            var value = parts[0][(eq + 1)..].Trim();
            var path = DefaultPath(uri);
            for (var i = 1; i < parts.Length; i++)
            {
                var attribute = parts[i].Trim();
                if (attribute.StartsWith("path=", StringComparison.OrdinalIgnoreCase) && attribute.Length > 5 && attribute[5] == '/') path = attribute[5..];
            }
            Set(name, value, uri.Host, path);
        }

        private void Set(string name, string value, string host, string path)
        {
            _cookies.RemoveAll(c => c.Name == name && c.Host == host && c.Path == path);
            _cookies.Add((name, value, host, path));
        }

        public string? Header(Uri uri)
        {
            var sb = new StringBuilder();
            var requestPath = uri.AbsolutePath;
            foreach (var (name, value, host, path) in _cookies)
            {
                if (!host.Equals(uri.Host, StringComparison.OrdinalIgnoreCase)) continue;
                var matches = requestPath == path || (requestPath.StartsWith(path, StringComparison.Ordinal) && (path.EndsWith('/') || requestPath[path.Length] == '/'));
                if (!matches) continue;
                if (sb.Length > 0) sb.Append("; ");
                sb.Append(name).Append('=').Append(value);
            }
            return sb.Length == 0 ? null : sb.ToString();
        }

        private static string DefaultPath(Uri uri)
        {
            var path = uri.AbsolutePath;
            var last = path.LastIndexOf('/');
            return last <= 0 ? "/" : path[..last];
        }
    }

    /// <summary>Digest authentication as Node-RED builds it (MD5, MD5-sess, SHA-256, SHA-512-256; qop=auth).</summary>
    private sealed class Digest
    {
        private readonly string _user;
        private readonly string _password;

        public Digest(string user, string password)
        {
            _user = user;
            _password = password;
        }

        public string? Header(string method, string path, string challengeText)
        {
            var challenge = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (System.Text.RegularExpressions.Match match in System.Text.RegularExpressions.Regex.Matches(challengeText, "([a-z0-9_-]+)=(?:\"([^\"]+)\"|([a-z0-9_-]+))", System.Text.RegularExpressions.RegexOptions.IgnoreCase))
            {
                challenge[match.Groups[1].Value] = match.Groups[2].Success ? match.Groups[2].Value : match.Groups[3].Value;
            }
            if (!challenge.TryGetValue("nonce", out var nonce) || !challenge.TryGetValue("realm", out var realm)) return null;
            challenge.TryGetValue("algorithm", out var algorithm);
            challenge.TryGetValue("qop", out var qopText);
            var qop = qopText is not null && System.Text.RegularExpressions.Regex.IsMatch(qopText, @"(^|,)\s*auth\s*($|,)") ? "auth" : null;
            var nc = qop is null ? null : "00000001";
            var cnonce = qop is null ? null : Guid.NewGuid().ToString("N");
            var ha1 = Hash(algorithm, _user + ":" + realm + ":" + _password);
            if (algorithm is not null && algorithm.EndsWith("-sess", StringComparison.OrdinalIgnoreCase)) ha1 = Hash(algorithm, ha1 + ":" + nonce + ":" + cnonce);
            var ha2 = Hash(algorithm, method + ":" + path);
            var response = qop is not null
                ? Hash(algorithm, ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":" + qop + ":" + ha2)
                : Hash(algorithm, ha1 + ":" + nonce + ":" + ha2);
            challenge.TryGetValue("opaque", out var opaque);
            var parts = new List<string>();
            void Quoted(string key, string? value) { if (!string.IsNullOrEmpty(value)) parts.Add(key + "=\"" + value + "\""); }
            void Plain(string key, string? value) { if (!string.IsNullOrEmpty(value)) parts.Add(key + "=" + value); }
            Quoted("username", _user);
            Quoted("realm", realm);
            Quoted("nonce", nonce);
            Quoted("uri", path);
            Plain("qop", qop);
            Quoted("response", response);
            Plain("nc", nc);
            Quoted("cnonce", cnonce);
            Plain("algorithm", algorithm);
            Quoted("opaque", opaque);
            return "Digest " + string.Join(", ", parts);
        }

        private static string Hash(string? algorithm, string value)
        {
            var name = (algorithm ?? "").ToLowerInvariant();
            if (name.EndsWith("-sess", StringComparison.Ordinal)) name = name[..^5];
            var bytes = Encoding.UTF8.GetBytes(value);
            return name switch
            {
                "sha-256" => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)),
                "sha-512-256" => Convert.ToHexStringLower(System.Security.Cryptography.SHA512.HashData(bytes))[..64],
                _ => Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(bytes)),
            };
        }
    }
}
