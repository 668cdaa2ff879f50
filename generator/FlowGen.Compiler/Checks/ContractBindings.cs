using System;
using System.Collections.Generic;
using System.Linq;
using FlowGen.Compiler.Binding;
using FlowGen.Compiler.Diagnostics;
using FlowGen.Compiler.Emit;
using FlowGen.Compiler.Nodes;
using FlowGen.Compiler.OpenApi;

namespace FlowGen.Compiler.Checks;

/// <summary>An http in node and the operation of the OpenAPI document it implements, for the project-wide binding rules.</summary>
public sealed record OperationBinding(string NodeName, SourceLocation Location, ApiOperation Operation);

/// <summary>
/// Which operation each http in node implements, checked: an http in the document does not describe (FLOW310), an
/// operationId the document does not have (FLOW311), an operation without a flow (FLOW312, project-wide), an
/// operationId naming the operation of another route (FLOW313).
/// </summary>
/// <remarks>
/// Two http in nodes implementing one operation is an error, with no diagnostic of its own because the existing ones
/// already cover every way it can happen: on one route (the same method and path shape, however each was bound) FLOW103
/// reports the second node claiming the route; on two routes, at least one of them names the operation with an
/// operationId while answering another route, which is FLOW313.
/// </remarks>
public static class ContractBindings
{
    /// <summary>The rules one flow file can decide alone.</summary>
    internal static void Run(LoweredFlow flow, List<DiagnosticInfo> diagnostics)
    {
        var graph = flow.Graph;
        foreach (var node in graph.Nodes)
        {
            if (node.Type != NodeTypes.HttpIn || !flow.Nodes.TryGetValue(node, out var context) || context.Route is not { } route || context.Contract is not { } document) continue;
            var named = OperationBinder.ExplicitOperationId(node.Json);
            if (context.Operation is not { } operation)
            {
                diagnostics.Add(named is null
                    ? DiagnosticInfo.Create(FlowDiagnostics.HttpInWithoutOperation, node.Syntax.Location, node.Syntax.DisplayName, Request(route), FileName(document), route.Method.ToUpperInvariant())
                    : DiagnosticInfo.Create(FlowDiagnostics.UnknownOperationId, graph.Locate(named.Locate(graph.Text)), node.Syntax.DisplayName, named.Id, FileName(document), Suggestion(document, route, named.Id)));
            }
            else if (named is not null && !OperationBinder.Matches(operation, route.Method, route.Template))
            {
                diagnostics.Add(DiagnosticInfo.Create(FlowDiagnostics.OperationOfAnotherRoute, graph.Locate(named.Locate(graph.Text)), node.Syntax.DisplayName, Request(route), operation.DisplayName));
            }
        }
    }

    /// <summary>Adds the operation each http in node of a lowered flow file implements.</summary>
    public static void Collect(LoweredFlow flow, ICollection<OperationBinding> bindings)
    {
        foreach (var node in flow.Graph.Nodes)
        {
            if (node.Type != NodeTypes.HttpIn || !flow.Nodes.TryGetValue(node, out var context) || context.Route is null || context.Operation is not { } operation) continue;
            bindings.Add(new OperationBinding(node.Syntax.DisplayName, node.Syntax.Location, operation));
        }
    }

    /// <summary>The rule that needs every flow file of the project: an operation no http in implements, at the operation in the document.</summary>
    public static IEnumerable<DiagnosticInfo> ProjectRules(ApiDocument document, IReadOnlyCollection<OperationBinding> bindings)
    {
        var implemented = new HashSet<ApiOperation>(bindings.Select(b => b.Operation));
        foreach (var operation in document.Operations)
        {
            if (!implemented.Contains(operation)) yield return DiagnosticInfo.Create(FlowDiagnostics.OperationWithoutFlow, operation.Location, operation.DisplayName);
        }
    }

    private static string Request(HttpRoute route) => $"{route.Method.ToUpperInvariant()} {route.Url}";

    private static string FileName(ApiDocument document) => System.IO.Path.GetFileName(document.Path);

    /// <summary>What the user probably meant: the same id in another case, else the operation of the node's own route.</summary>
    private static string Suggestion(ApiDocument document, HttpRoute route, string id)
    {
        if (document.Operations.FirstOrDefault(o => string.Equals(o.OperationId, id, StringComparison.OrdinalIgnoreCase)) is { OperationId: { } near })
        {
            return $"operationIds are case-sensitive: did you mean '{near}'?";
        }
        if (OperationBinder.Find(document, route, null) is { } own)
        {
            return $"the document's operation for {Request(route)} is {own.DisplayName}: name that one, or remove the operationId to bind the node by its method and path";
        }
        var ids = document.Operations.Select(o => o.OperationId).Where(o => o is { Length: > 0 }).Take(5).ToList();
        return ids.Count == 0
            ? "the document names no operation: remove the operationId to bind the node by its method and path"
            : $"name one of its operations ({string.Join(", ", ids.Select(i => "'" + i + "'"))}{(document.Operations.Count(o => o.OperationId is { Length: > 0 }) > ids.Count ? ", ..." : "")})";
    }
}
