using System;
using System.Collections.Generic;
using System.Linq;
using FlowGen.Compiler.Binding;
using FlowGen.Compiler.Diagnostics;
using FlowGen.Compiler.Emit;
using FlowGen.Compiler.Model;
using FlowGen.Compiler.Nodes;
using FlowGen.Compiler.OpenApi;

namespace FlowGen.Compiler.Checks;

/// <summary>An http in node and the operation of the OpenAPI document it implements, for the project-wide binding rules.</summary>
/// <param name="Request">"GET /users/:id", as messages name the node's route.</param>
/// <param name="Template">The node's ASP.NET route template.</param>
public sealed record OperationBinding(string NodeName, string Request, string Method, string Template, SourceLocation Location, ApiOperation Operation);

/// <summary>
/// Which operation each http in node implements, checked: an http in the document does not describe (FLOW310), an
/// operationId the document does not have (FLOW311), an operation without a flow (FLOW312, project-wide), one
/// operation implemented by two http in nodes (FLOW313), an operationId naming another route's operation (FLOW314).
/// Two nodes on one route are FLOW103's to report, so FLOW313 is only for nodes on different routes: an operation is
/// one method on one path, and a second route would answer requests the document does not describe.
/// </summary>
public static class ContractBindings
{
    /// <summary>The rules one flow file can decide alone.</summary>
    internal static void Run(LoweredFlow flow, List<DiagnosticInfo> diagnostics)
    {
        var graph = flow.Graph;
        var owners = new Dictionary<ApiOperation, (FlowNode Node, HttpRoute Route)>();
        foreach (var node in graph.Nodes)
        {
            if (node.Type != NodeTypes.HttpIn || !flow.Nodes.TryGetValue(node, out var context) || context.Route is not { } route || context.Contract is not { } document) continue;
            var request = Request(route);
            var named = OperationBinder.ExplicitOperationId(node.Json);
            if (context.Operation is not { } operation)
            {
                diagnostics.Add(named is null
                    ? DiagnosticInfo.Create(FlowDiagnostics.HttpInWithoutOperation, node.Syntax.Location, node.Syntax.DisplayName, request, FileName(document), route.Method.ToUpperInvariant())
                    : DiagnosticInfo.Create(FlowDiagnostics.UnknownOperationId, graph.Locate(named.Locate(graph.Text)), node.Syntax.DisplayName, named.Id, FileName(document), Suggestion(document, route, named.Id)));
                continue;
            }
            if (named is not null && !OperationBinder.Matches(operation, route.Method, route.Template))
            {
                diagnostics.Add(DiagnosticInfo.Create(FlowDiagnostics.OperationOfAnotherRoute, graph.Locate(named.Locate(graph.Text)), node.Syntax.DisplayName, request, operation.DisplayName));
            }
            if (!owners.TryGetValue(operation, out var owner))
            {
                owners[operation] = (node, route);
            }
            else if (!OperationBinder.SameRoute(owner.Route.Method, owner.Route.Template, route.Method, route.Template))
            {
                diagnostics.Add(DiagnosticInfo.Create(FlowDiagnostics.OperationImplementedTwice, node.Syntax.Location,
                    node.Syntax.DisplayName, request, operation.DisplayName, owner.Node.Syntax.DisplayName, Request(owner.Route), owner.Node.Syntax.Location.ToString()));
            }
        }
    }

    /// <summary>Adds the operation each http in node of a lowered flow file implements.</summary>
    public static void Collect(LoweredFlow flow, ICollection<OperationBinding> bindings)
    {
        foreach (var node in flow.Graph.Nodes)
        {
            if (node.Type != NodeTypes.HttpIn || !flow.Nodes.TryGetValue(node, out var context) || context.Route is not { } route || context.Operation is not { } operation) continue;
            bindings.Add(new OperationBinding(node.Syntax.DisplayName, Request(route), route.Method, route.Template, node.Syntax.Location, operation));
        }
    }

    /// <summary>
    /// The rules that need every flow file of the project: an operation no http in implements (located at the operation
    /// in the document), and one operation implemented in two files (at the first such node of each file after the first,
    /// by path; two in one file are that file's own FLOW313).
    /// </summary>
    public static IEnumerable<DiagnosticInfo> ProjectRules(ApiDocument document, IReadOnlyCollection<OperationBinding> bindings)
    {
        foreach (var operation in document.Operations)
        {
            var implementing = bindings.Where(b => b.Operation == operation)
                .OrderBy(b => b.Location.Path, StringComparer.Ordinal).ThenBy(b => b.Location.Span.Start).ToList();
            if (implementing.Count == 0)
            {
                yield return DiagnosticInfo.Create(FlowDiagnostics.OperationWithoutFlow, operation.Location, operation.DisplayName);
                continue;
            }
            var owner = implementing[0];
            foreach (var file in implementing.GroupBy(b => b.Location.Path).Where(f => f.Key != owner.Location.Path))
            {
                var first = file.First();
                if (OperationBinder.SameRoute(owner.Method, owner.Template, first.Method, first.Template)) continue;
                yield return DiagnosticInfo.Create(FlowDiagnostics.OperationImplementedTwice, first.Location,
                    first.NodeName, first.Request, operation.DisplayName, owner.NodeName, owner.Request, owner.Location.ToString());
            }
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
