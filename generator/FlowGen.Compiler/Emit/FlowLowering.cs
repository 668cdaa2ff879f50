using System.Collections.Generic;
using System.Linq;
using FlowGen.Compiler.Binding;
using FlowGen.Compiler.Diagnostics;
using FlowGen.Compiler.Helpers;
using FlowGen.Compiler.Json;
using FlowGen.Compiler.Model;
using FlowGen.Compiler.Nodes;
using FlowGen.Compiler.OpenApi;

namespace FlowGen.Compiler.Emit;

/// <summary>A flow file after lowering: every running node's compiled work, ready to check and to emit.</summary>
public sealed class LoweredFlow
{
    internal LoweredFlow(FlowGraph graph, string className, StaticFields fields, IReadOnlyDictionary<FlowNode, NodeLoweringContext> nodes, IReadOnlyList<EndpointInfo> endpoints, IReadOnlyCollection<FlowNode> emitted, bool hasErrors, FlowRouting routing, IReadOnlyList<LinkInfo> links)
    {
        Routing = routing;
        Links = links;
        Graph = graph;
        ClassName = className;
        Fields = fields;
        Nodes = nodes;
        Endpoints = endpoints;
        Emitted = emitted;
        HasErrors = hasErrors;
    }

    public FlowGraph Graph { get; }

    public string ClassName { get; }

    internal StaticFields Fields { get; }

    /// <summary>The lowered nodes: what each does, how its outputs fire, whether it raises errors.</summary>
    public IReadOnlyDictionary<FlowNode, NodeLoweringContext> Nodes { get; }

    /// <summary>The endpoints whose every reachable node compiled.</summary>
    public IReadOnlyList<EndpointInfo> Endpoints { get; }

    /// <summary>The nodes those endpoints reach: the ones that become code.</summary>
    public IReadOnlyCollection<FlowNode> Emitted { get; }

    /// <summary>Where each node's errors go (catch nodes) and where its links lead inside this file.</summary>
    public FlowRouting Routing { get; }

    /// <summary>The file's link nodes, for the project-wide link table.</summary>
    public IReadOnlyList<LinkInfo> Links { get; }

    /// <summary>Some node could not be compiled (its endpoints are left out; the rest of the file is not).</summary>
    public bool HasErrors { get; }
}

/// <summary>Lowers every running node of a bound flow file through its node compiler.</summary>
public static class FlowLowering
{
    /// <param name="contract">The project's OpenAPI document, which http in nodes are bound to; null when there is none.</param>
    public static LoweredFlow Lower(FlowGraph graph, string className, List<DiagnosticInfo> diagnostics, ApiDocument? contract = null)
    {
        var fields = new StaticFields(className);
        var routing = FlowRouting.Build(graph);
        var lowered = new Dictionary<FlowNode, NodeLoweringContext>();
        var endpoints = new List<EndpointInfo>();
        var hasErrors = false;
        foreach (var node in graph.Nodes)
        {
            var compiler = NodeCompilers.Get(node.Type);
            if (compiler is null) continue;
            var context = new NodeLoweringContext(graph, node, diagnostics, fields, contract);
            compiler.Lower(context);
            hasErrors |= context.HasErrors;
            if (context.HasErrors) node.Broken = true;
            lowered[node] = context;
        }

        var emitted = new HashSet<FlowNode>();
        foreach (var node in graph.Nodes)
        {
            if (node.Type != NodeTypes.HttpIn || !lowered.TryGetValue(node, out var context) || context.Route is not { } route) continue;
            var reach = Reachable(node, lowered, routing, fields);
            if (reach.Any(n => n.Broken || !lowered.ContainsKey(n))) continue;
            emitted.UnionWith(reach);
            endpoints.Add(new EndpointInfo(node.Id, node.Syntax.Name, route.Method, route.Url, route.Template, className, FlowEmitter.MethodName(node), node.Syntax.Location, graph.Describe(node.Syntax.Location)));
        }
        // Link in nodes are entry points too: link out and link call nodes of any file of the project call them.
        var linkIns = new HashSet<FlowNode>();
        foreach (var node in graph.Nodes)
        {
            if (node.Type != FlowRouting.LinkIn || !lowered.ContainsKey(node)) continue;
            var reach = Reachable(node, lowered, routing, fields);
            if (reach.Any(n => n.Broken || !lowered.ContainsKey(n))) continue;
            emitted.UnionWith(reach);
            linkIns.Add(node);
        }
        var links = Links(graph, className, lowered, emitted, linkIns, routing);
        return new LoweredFlow(graph, className, fields, lowered, endpoints, emitted, hasErrors || graph.Nodes.Any(n => n.Broken), routing, links);
    }

    /// <summary>
    /// The nodes a message from <paramref name="start"/> can reach: along wires, from a node that reports errors to
    /// the catch nodes that answer them, and along links inside the file.
    /// </summary>
    private static HashSet<FlowNode> Reachable(FlowNode start, Dictionary<FlowNode, NodeLoweringContext> lowered, FlowRouting routing, StaticFields fields)
    {
        var seen = new HashSet<FlowNode>();
        var stack = new Stack<FlowNode>();
        stack.Push(start);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (!seen.Add(node)) continue;
            foreach (var target in node.Outputs.SelectMany(port => port)) stack.Push(target);
            if (lowered.TryGetValue(node, out var context) && (context.CanFail || context.RaisesErrors || context.ReportsErrors))
            {
                foreach (var handler in routing.CatchesOf(node)) stack.Push(handler);
            }
            foreach (var target in routing.LinkTargets(node, out _)) stack.Push(target);
            if (routing.CallTarget(node) is { } called) stack.Push(called);
            foreach (var complete in routing.CompletesOf(node)) stack.Push(complete);
            if (fields.StatusReporters.Contains(node)) foreach (var status in routing.StatusNodesOf(node)) stack.Push(status);
        }
        return seen;
    }

    private static List<LinkInfo> Links(FlowGraph graph, string className, Dictionary<FlowNode, NodeLoweringContext> lowered, HashSet<FlowNode> emitted, HashSet<FlowNode> linkIns, FlowRouting routing)
    {
        var links = new List<LinkInfo>();
        foreach (var node in graph.Nodes)
        {
            // A link node with errors has none of its links compiled: they would only repeat its diagnostics.
            if (!lowered.TryGetValue(node, out var context) || context.HasErrors) continue;
            // The flow a link in is registered on: its tab, or the subflow instance it is a copy for.
            var tab = node.Instance?.Id ?? node.Syntax.Z ?? "";
            var references = new List<LinkReference>();
            if (node.Instance is not null)
            {
                // A copy inside a subflow instance: its links are resolved here to the runtime ids Node-RED remaps them
                // to, and a link in copy is reached only through them (never by a link out naming the definition's id).
                var at = graph.Locate((node.Json["links"] ?? node.Json).Span);
                if (node.Type == FlowRouting.LinkOut) references.AddRange(routing.TargetIds(node).Select(id => new LinkReference(id, at)));
                else if (node.Type == FlowRouting.LinkCall && FlowRouting.CallTargetId(node) is { } called) references.Add(new LinkReference(called, at));
            }
            else if (node.Json["links"] is JsonArraySyntax array)
            {
                // Ids of a subflow definition's nodes never exist at run time: Node-RED drops those links silently.
                foreach (var item in array.Items.OfType<JsonStringSyntax>())
                {
                    if (!routing.IsInnerId(item.Value)) references.Add(new LinkReference(item.Value, graph.Locate(item.Span)));
                }
            }
            else if (node.Json["links"] is JsonStringSyntax single && node.Type == FlowRouting.LinkCall)
            {
                references.Add(new LinkReference(single.Value, graph.Locate(single.Span)));
            }
            switch (node.Type)
            {
                case FlowRouting.LinkIn:
                    // Node-RED registers a link in under its name, or its id when it has none.
                    links.Add(new LinkInfo(LinkKind.In, node.Id, node.Syntax.Name.Length > 0 ? node.Syntax.Name : node.Id, tab, className,
                        FlowEmitter.MethodName(node), linkIns.Contains(node), references.ToEquatableArray(), node.Syntax.Location, node.Instance is not null));
                    break;
                case FlowRouting.LinkOut when FlowRouting.IsLinkMode(node):
                    links.Add(new LinkInfo(LinkKind.Out, node.Id, node.Syntax.Name, tab, className, FlowEmitter.MethodName(node), emitted.Contains(node), references.ToEquatableArray(), node.Syntax.Location));
                    break;
                case FlowRouting.LinkCall:
                    var dynamic = FlowRouting.IsDynamic(node);
                    links.Add(new LinkInfo(dynamic ? LinkKind.DynamicCall : LinkKind.Call, node.Id, node.Syntax.Name, tab, className, FlowEmitter.MethodName(node), emitted.Contains(node),
                        dynamic ? EquatableArray<LinkReference>.Empty : references.Take(1).ToEquatableArray(), node.Syntax.Location));
                    break;
            }
        }
        return links;
    }
}
