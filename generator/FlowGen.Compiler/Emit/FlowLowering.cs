using System.Collections.Generic;
using FlowGen.Compiler.Binding;
using FlowGen.Compiler.Diagnostics;
using FlowGen.Compiler.Model;
using FlowGen.Compiler.Nodes;

namespace FlowGen.Compiler.Emit;

/// <summary>A flow file after lowering: every running node's compiled work, ready to check and to emit.</summary>
public sealed class LoweredFlow
{
    internal LoweredFlow(FlowGraph graph, string className, StaticFields fields, IReadOnlyDictionary<FlowNode, NodeLoweringContext> nodes, IReadOnlyList<EndpointInfo> endpoints, bool hasErrors)
    {
        Graph = graph;
        ClassName = className;
        Fields = fields;
        Nodes = nodes;
        Endpoints = endpoints;
        HasErrors = hasErrors;
    }

    public FlowGraph Graph { get; }

    public string ClassName { get; }

    internal StaticFields Fields { get; }

    /// <summary>The lowered nodes: what each does, how its outputs fire, whether it raises errors.</summary>
    public IReadOnlyDictionary<FlowNode, NodeLoweringContext> Nodes { get; }

    public IReadOnlyList<EndpointInfo> Endpoints { get; }

    /// <summary>Some node could not be compiled: the file is not emitted.</summary>
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
            lowered[node] = context;
            if (node.Type == NodeTypes.HttpIn && !context.HasErrors && context.Route is { } route)
            {
                endpoints.Add(new EndpointInfo(node.Id, node.Syntax.Name, route.Method, route.Url, route.Template, className, FlowEmitter.MethodName(node), node.Syntax.Location, graph.Describe(node.Syntax.Location)));
            }
        }
        return new LoweredFlow(graph, className, fields, lowered, endpoints, hasErrors);
    }
}
