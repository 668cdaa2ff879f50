using System;

namespace FlowGen.Runtime;

/// <summary>The configuration of one http in node, folded at build time.</summary>
public sealed class HttpInOptions
{
    public HttpInOptions(string method, string url, string routeTemplate, bool upload, bool skipBodyParsing, (string RouteKey, string Name)[] parameters)
    {
        Method = method;
        Url = url;
        RouteTemplate = routeTemplate;
        Upload = upload;
        SkipBodyParsing = skipBodyParsing;
        Parameters = parameters;
        if (routeTemplate.EndsWith("}", StringComparison.Ordinal) && parameters.Length > 0
            && routeTemplate.EndsWith("{*" + parameters[^1].RouteKey + "}", StringComparison.Ordinal))
        {
            TrailingWildcard = parameters[^1].RouteKey;
        }
    }

    /// <summary>
    /// The route value of a final "*" segment: Express's "/a/*" needs the "/" after "a" ("/a/" and "/a/x" match,
    /// "/a" does not), while an ASP.NET Core catch-all also matches "/a".
    /// </summary>
    public string? TrailingWildcard { get; }

    /// <summary>Node-RED's lower-case method: get, post, put, delete, patch.</summary>
    public string Method { get; }

    /// <summary>The node's URL as configured (Express syntax).</summary>
    public string Url { get; }

    public string RouteTemplate { get; }

    /// <summary>Parse multipart/form-data uploads (POST only).</summary>
    public bool Upload { get; }

    /// <summary>Leave the body unparsed: the payload is the raw bytes.</summary>
    public bool SkipBodyParsing { get; }

    /// <summary>Route values to msg.req.params names ("*" segments are params["0"], ...).</summary>
    public (string RouteKey, string Name)[] Parameters { get; }
}
