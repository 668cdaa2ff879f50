using System.Collections.Generic;
using System.Linq;
using System.Text;
using FlowGen.Compiler.Diagnostics;
using FlowGen.Compiler.Emit;
using FlowGen.Compiler.Json;

namespace FlowGen.Compiler.Nodes;

/// <summary>
/// http in: the start of an endpoint. Its route becomes an ASP.NET Core route template; the request becomes the
/// message (payload, req) in the runtime. The entry method itself is written by the emitter, with the request checks of
/// the OpenAPI operation the node is bound to (RequestValidationEmitter). Typed parameters get no route constraints:
/// a constraint that does not match makes the route not match, a 404, where the contract's answer is a 400 that says
/// which parameter is wrong.
/// </summary>
public sealed class HttpInCompiler : NodeCompiler
{
    /// <summary>The methods Node-RED registers a route for: lower-case only; "GET", "head" and "options" register nothing.</summary>
    private static readonly HashSet<string> Methods = new() { "get", "post", "put", "delete", "patch" };

    public override string Type => "http in";

    public override void Lower(NodeLoweringContext context)
    {
        context.OutputMode = OutputMode.Always;
        var route = Route(context);
        if (route is null) return;
        context.Route = route;
        if (context.Contract is { } contract)
        {
            context.Operation = OpenApi.OperationBinder.Find(contract, route, OpenApi.OperationBinder.ExplicitOperationId(context.Json)?.Id);
            if (context.Operation is { } operation) OpenApi.RequestValidationEmitter.ReportProblems(context, contract, operation);
        }
        var (method, url, template, parameters) = (route.Method, route.Url, route.Template, route.Parameters);
        var upload = context.GetBool("upload") && method == "post";
        var skip = context.GetBool("skipBodyParsing");
        var parameterList = parameters.Select(p => $"({CSharp.String(p.RouteKey)}, {CSharp.String(p.Name)})").ToList();
        context.StaticField("global::FlowGen.Runtime.HttpInOptions",
            $"new({CSharp.String(method)}, {CSharp.String(url)}, {CSharp.String(template)}, upload: {CSharp.Bool(upload)}, skipBodyParsing: {CSharp.Bool(skip)}, parameters: {CSharp.Array("(string RouteKey, string Name)", parameterList)})",
            "Options");
    }

    /// <summary>The options field the emitter's entry method passes to the runtime.</summary>
    public static string OptionsField(string methodName) => methodName + "_Options";

    /// <summary>Validates method and url and converts the url to a route template.</summary>
    private static HttpRoute? Route(NodeLoweringContext context)
    {
        var methodSyntax = context.Json["method"];
        var method = methodSyntax is null ? "get" : (methodSyntax as JsonStringSyntax)?.Value;
        if (method is null || !Methods.Contains(method))
        {
            var hint = method is not null && Methods.Contains(method.ToLowerInvariant())
                ? $"the method must be written in lower case ('{method.ToLowerInvariant()}'): Node-RED registers no route for '{method}'"
                : $"method '{method}' is not one of get, post, put, delete, patch: Node-RED registers no route for it";
            context.Report(FlowDiagnostics.InvalidHttpIn, methodSyntax, context.NodeName, hint);
            return null;
        }
        var urlSyntax = context.Json["url"] as JsonStringSyntax;
        var url = urlSyntax?.Value.Trim() ?? "";
        if (url.Length == 0)
        {
            context.Report(FlowDiagnostics.InvalidHttpIn, (JsonSyntax?)urlSyntax ?? context.Json, context.NodeName, "the URL is missing: Node-RED registers no route without one");
            return null;
        }
        if (Binding.ConfigText.EnvName(url) is not null)
        {
            context.Report(FlowDiagnostics.InvalidHttpIn, urlSyntax, context.NodeName, $"the URL '{url}' comes from an environment variable, but FlowGen maps routes at build time; write the path in the node");
            return null;
        }
        if (url[0] != '/') url = "/" + url;
        var template = ToRouteTemplate(url, out var parameters, out var error);
        if (template is null)
        {
            context.Report(FlowDiagnostics.InvalidHttpIn, urlSyntax, context.NodeName, error!);
            return null;
        }
        return new HttpRoute(method, url, template, parameters);
    }

    /// <summary>
    /// Express route path (path-to-regexp 0.1) to ASP.NET Core route template: ":id" -> "{id}", ":id?" -> "{id?}",
    /// a "*" segment -> a catch-all whose value Node-RED exposes as params["0"].
    /// </summary>
    public static string? ToRouteTemplate(string url, out List<(string RouteKey, string Name)> parameters, out string? error)
    {
        parameters = new List<(string, string)>();
        error = null;
        var sb = new StringBuilder();
        var wildcards = 0;
        var segments = url.Split('/');
        for (var s = 1; s < segments.Length; s++)
        {
            var segment = segments[s];
            sb.Append('/');
            if (segment == "*")
            {
                if (s != segments.Length - 1)
                {
                    error = $"the URL '{url}' has '*' before its last segment, which FlowGen cannot route; put the wildcard last";
                    return null;
                }
                var key = "__wildcard" + wildcards.ToString(System.Globalization.CultureInfo.InvariantCulture);
                parameters.Add((key, wildcards.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                wildcards++;
                sb.Append("{*").Append(key).Append('}');
                continue;
            }
            for (var i = 0; i < segment.Length; i++)
            {
                var c = segment[i];
                if (c == ':')
                {
                    var start = i + 1;
                    var end = start;
                    while (end < segment.Length && (char.IsLetterOrDigit(segment[end]) || segment[end] == '_')) end++;
                    if (end == start)
                    {
                        error = $"the URL '{url}' has ':' without a parameter name";
                        return null;
                    }
                    var name = segment.Substring(start, end - start);
                    if (end < segment.Length && segment[end] == '(')
                    {
                        error = $"the URL '{url}' uses a regular expression on parameter ':{name}', which FlowGen does not route; match the value with a switch node";
                        return null;
                    }
                    var optional = end < segment.Length && segment[end] == '?';
                    if (optional && (end + 1 != segment.Length || s != segments.Length - 1))
                    {
                        error = $"the URL '{url}' has the optional parameter ':{name}?' before its end, which FlowGen cannot route; make it the last segment";
                        return null;
                    }
                    parameters.Add((name, name));
                    sb.Append('{').Append(name).Append(optional ? "?}" : "}");
                    i = optional ? end : end - 1;
                }
                else if (c == '*' || c == '(' || c == ')' || c == '?' || c == '+')
                {
                    error = $"the URL '{url}' uses '{c}' inside a segment, which FlowGen cannot route; use a plain path, ':name' parameters or a final '*'";
                    return null;
                }
                else if (c == '{' || c == '}')
                {
                    sb.Append(c).Append(c);
                }
                else
                {
                    sb.Append(c);
                }
            }
        }
        var template = sb.ToString();
        // "/x/" and "/x" are the same route in Express.
        if (template.Length > 1 && template.EndsWith("/", System.StringComparison.Ordinal)) template = template.TrimEnd('/');
        return template.Length == 0 ? "/" : template;
    }
}
