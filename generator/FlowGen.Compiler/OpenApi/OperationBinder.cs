using System;
using System.Collections.Generic;
using System.Linq;
using FlowGen.Compiler.Json;
using FlowGen.Compiler.Mustache;
using FlowGen.Compiler.Nodes;
using Microsoft.CodeAnalysis.Text;

namespace FlowGen.Compiler.OpenApi;

/// <summary>
/// Matches an http in node to the operation of the OpenAPI document it implements: explicitly by operationId, else
/// by method and path, where Node-RED's ":id" stands for OpenAPI's "{id}" (the names may differ; the place counts).
/// </summary>
public static class OperationBinder
{
    /// <summary>The node field that names its operation explicitly.</summary>
    public const string OperationIdField = "operationId";

    /// <summary>
    /// The operationId the node names, if any: its <c>operationId</c> field, or a line <c>operationId: name</c> in its
    /// description (<c>info</c>), which Node-RED's editor keeps for every node when it edits and exports a flow.
    /// </summary>
    public static NamedOperation? ExplicitOperationId(JsonObjectSyntax node)
    {
        if (node[OperationIdField] is JsonStringSyntax field && field.Value.Trim().Length > 0) return new NamedOperation(field.Value.Trim(), field, -1);
        if (node["info"] is JsonStringSyntax info)
        {
            var lineStart = 0;
            foreach (var line in info.Value.Split('\n'))
            {
                var trimmed = line.TrimStart();
                var at = lineStart + (line.Length - trimmed.Length);
                lineStart += line.Length + 1;
                if (!trimmed.StartsWith(OperationIdField + ":", StringComparison.Ordinal)) continue;
                var rest = trimmed.Substring(OperationIdField.Length + 1);
                var id = rest.Trim();
                if (id.Length > 0) return new NamedOperation(id, info, at + OperationIdField.Length + 1 + (rest.Length - rest.TrimStart().Length));
            }
        }
        return null;
    }

    /// <summary>
    /// The operation for a route: the one named by <paramref name="operationId"/> when given (null if the document
    /// has none of that name), else the one with the same method and path shape.
    /// </summary>
    public static ApiOperation? Find(ApiDocument document, HttpRoute route, string? operationId)
    {
        if (operationId is not null) return document.Operations.FirstOrDefault(o => o.OperationId == operationId);
        var shape = Shape(route.Template);
        return document.Operations.FirstOrDefault(o => o.Method == route.Method && SameShape(Shape(o.Path), shape));
    }

    /// <summary>Whether the operation is implemented by a route (for "operation with no flow").</summary>
    public static bool Matches(ApiOperation operation, string method, string routeTemplate) =>
        operation.Method == method && SameShape(Shape(operation.Path), Shape(routeTemplate));

    /// <summary>
    /// The parameter names of an OpenAPI path or ASP.NET route template, in order: "/ranges/{from}-{to}" -> from, to;
    /// "{*rest}" and "{id?}" give rest and id; "{{" is a literal brace.
    /// </summary>
    public static List<string> PathParameterNames(string path) =>
        ParameterPattern.Matches(path).Cast<System.Text.RegularExpressions.Match>().Select(m => m.Groups[1].Value.TrimStart('*').TrimEnd('?')).ToList();

    private static readonly System.Text.RegularExpressions.Regex ParameterPattern = new(@"(?<!\{)\{([^{}]+)\}");

    /// <summary>
    /// The segments of an ASP.NET route template or an OpenAPI path, with every parameter ("{id}", "{id?}",
    /// "{*rest}") as null: "/users/{id}" -> ["users", null].
    /// </summary>
    private static List<string?> Shape(string path)
    {
        var segments = new List<string?>();
        foreach (var segment in path.Split(new[] { '/' }, StringSplitOptions.RemoveEmptyEntries))
        {
            segments.Add(segment.StartsWith("{", StringComparison.Ordinal) && segment.EndsWith("}", StringComparison.Ordinal) && !segment.StartsWith("{{", StringComparison.Ordinal)
                ? null
                : segment.Replace("{{", "{").Replace("}}", "}"));
        }
        return segments;
    }

    // Express matches paths case-insensitively; so does FlowGen's routing.
    private static bool SameShape(List<string?> a, List<string?> b) =>
        a.Count == b.Count && a.Zip(b, (x, y) => x is null ? y is null : y is not null && string.Equals(x, y, StringComparison.OrdinalIgnoreCase)).All(same => same);
}

/// <summary>An operationId a node names, and where it is written.</summary>
/// <param name="At">The <c>operationId</c> field's value, or the node's description that has the <c>operationId:</c> line.</param>
/// <param name="Offset">Where the id starts inside the description's text; -1 for the field, whose whole value is the id.</param>
public sealed record NamedOperation(string Id, JsonStringSyntax At, int Offset)
{
    /// <summary>The span of the id in the flow file.</summary>
    public TextSpan Locate(SourceText text) => Offset < 0 ? At.Span : JsonStringPositions.ToFileSpan(text, At.Span, Offset, Id.Length);
}
