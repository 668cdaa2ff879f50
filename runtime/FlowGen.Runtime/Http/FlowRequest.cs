using System;
using Microsoft.AspNetCore.Http;

namespace FlowGen.Runtime;

/// <summary>msg.req: the parts of the Express request flows read (params, query, headers, cookies, body, url, ...).</summary>
public sealed class FlowRequest : JsObject
{
    public FlowRequest(HttpContext http, HttpInOptions options, object? body)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        var request = http.Request;
        var parameters = new JsObject();
        foreach (var (routeKey, name) in options.Parameters)
        {
            if (request.RouteValues.TryGetValue(routeKey, out var value) && value is string text) parameters[name] = text;
        }
        this["params"] = parameters;
        this["query"] = QueryString.Parse(request.QueryString.Value);
        var headers = new JsObject();
        foreach (var (name, values) in request.Headers)
        {
            headers[name.ToLowerInvariant()] = string.Join(", ", values.ToArray());
        }
        this["headers"] = headers;
        this["cookies"] = new JsObject();
        this["body"] = body;
        this["method"] = request.Method;
        var url = request.PathBase + request.Path + request.QueryString;
        this["url"] = url.ToString();
        this["originalUrl"] = url.ToString();
        this["path"] = (request.PathBase + request.Path).ToString();
        this["baseUrl"] = "";
        this["hostname"] = request.Host.Host;
        this["ip"] = http.Connection.RemoteIpAddress?.ToString() ?? "";
        this["protocol"] = request.Scheme;
        this["secure"] = request.IsHttps;
    }
}
