using System.Collections.Generic;
using System.Linq;
using FlowGen.Compiler.Binding;
using FlowGen.Compiler.Diagnostics;
using FlowGen.Compiler.Model;
using FlowGen.Compiler.Nodes;

namespace FlowGen.Compiler.Emit;

/// <summary>A flow file after lowering: every running node's compiled work, ready to check and to emit.</summary>
public sealed class LoweredFlow
{
    internal LoweredFlow(FlowGraph graph, string className, StaticFields fields, IReadOnlyDictionary<FlowNode, NodeLoweringContext> nodes, IReadOnlyList<EndpointInfo> endpoints, IReadOnlyCollection<FlowNode> emitted, bool hasErrors)
    {
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

    /// <summary>Some node could not be compiled (its endpoints are left out; the rest of the file is not).</summary>
    public bool HasErrors { get; }
}

/// <summary>Lowers every running node of a bound flow file through its node compiler.</summary>
public static class FlowLowering
{
    public static LoweredFlow Lower(FlowGraph graph, string className, List<DiagnosticInfo> diagnostics)
    {
        var fields = new StaticFields();
        var lowered = new Dictionary<FlowNode, NodeLoweringContext>();
        var endpoints = new List<EndpointInfo>();
        var hasErrors = false;
        foreach (var node in graph.Nodes)
        {
            var compiler = NodeCompilers.Get(node.Type);
            if (compiler is null) continue;
            var context = new NodeLoweringContext(graph, node, diagnostics, fields);
            compiler.Lower(context);
            hasErrors |= context.HasErrors;
            if (context.HasErrors) node.Broken = true;
            lowered[node] = context;
        }

        var emitted = new HashSet<FlowNode>();
        foreach (var node in graph.Nodes)
        {
            if (node.Type != NodeTypes.HttpIn || !lowered.TryGetValue(node, out var context) || context.Route is not { } route) continue;
            var reach = Reachable(node);
            if (reach.Any(n => n.Broken || !lowered.ContainsKey(n))) continue;
            emitted.UnionWith(reach);
            endpoints.Add(new EndpointInfo(node.Id, node.Syntax.Name, route.Method, route.Url, route.Template, className, FlowEmitter.MethodName(node), node.Syntax.Location, graph.Describe(node.Syntax.Location)));
        }
        return new LoweredFlow(graph, className, fields, lowered, endpoints, emitted, hasErrors || graph.Nodes.Any(n => n.Broken));
    }

    private static HashSet<FlowNode> Reachable(FlowNode start)
    {
        var seen = new HashSet<FlowNode>();
        var stack = new Stack<FlowNode>();
        stack.Push(start);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (!seen.Add(node)) continue;
            foreach (var target in node.Outputs.SelectMany(port => port)) stack.Push(target);
        }
        return seen;
    }
}
