using System.Collections.Generic;
using System.Linq;
using FlowGen.Compiler.Diagnostics;
using FlowGen.Compiler.Json;
using FlowGen.Compiler.Model;
using FlowGen.Compiler.Nodes;
using Microsoft.CodeAnalysis.Text;

namespace FlowGen.Compiler.Binding;

/// <summary>A bound flow file: the nodes that run, their wiring, and where things are in the file.</summary>
public sealed class FlowGraph
{
    public FlowGraph(string path, string displayPath, SourceText text, IReadOnlyList<FlowTab> tabs, IReadOnlyDictionary<string, FlowNodeSyntax> groups, IReadOnlyList<FlowNode> nodes)
    {
        Groups = groups;
        Path = path;
        DisplayPath = displayPath;
        Text = text;
        Tabs = tabs;
        Nodes = nodes;
    }

    public string Path { get; }

    /// <summary>The path relative to the project, for generated code: the same on every machine.</summary>
    public string DisplayPath { get; }

    /// <summary>"flows/api.flow.json(12,5)": a location as generated code names it.</summary>
    public string Describe(SourceLocation location) =>
        $"{DisplayPath}({location.LineSpan.Start.Line + 1},{location.LineSpan.Start.Character + 1})";

    public SourceText Text { get; }

    public IReadOnlyList<FlowTab> Tabs { get; }

    /// <summary>Groups by id: they carry env lists and nest through their own "g".</summary>
    public IReadOnlyDictionary<string, FlowNodeSyntax> Groups { get; }

    /// <summary>Nodes that run, in file order.</summary>
    public IReadOnlyList<FlowNode> Nodes { get; }

    public SourceLocation Locate(TextSpan span) => FlowReader.Locate(Path, Text, span);
}

/// <summary>
/// Resolves a flow document into a graph the way Node-RED's parseConfig does: tabs and groups applied,
/// disabled nodes and tabs dropped, config nodes set aside, wires resolved.
/// </summary>
public static class FlowBinder
{
    public static FlowGraph Bind(FlowDocument document, string displayPath, SourceText text, List<DiagnosticInfo> diagnostics)
    {
        SourceLocation Locate(JsonSyntax syntax) => FlowReader.Locate(document.Path, text, syntax.Span);

        var tabs = new Dictionary<string, FlowTab>();
        var groups = new Dictionary<string, FlowNodeSyntax>();
        var subflows = new Dictionary<string, FlowNodeSyntax>();
        foreach (var syntax in document.Nodes)
        {
            if (syntax.Type == NodeTypes.Tab && !tabs.ContainsKey(syntax.Id)) tabs[syntax.Id] = new FlowTab(syntax);
            if (syntax.Type == NodeTypes.Group && !groups.ContainsKey(syntax.Id)) groups[syntax.Id] = syntax;
            if (syntax.Type == NodeTypes.Subflow && !subflows.ContainsKey(syntax.Id)) subflows[syntax.Id] = syntax;
        }

        var seen = new Dictionary<string, FlowNodeSyntax>();
        // Nodes that cannot be compiled: a path through one is not compiled either.
        var broken = new HashSet<string>();
        var running = new Dictionary<string, FlowNode>();
        var topLevel = new List<FlowNode>();
        // The flow nodes of each subflow definition, in file order: copied into every instance.
        var inner = new Dictionary<string, List<FlowNodeSyntax>>();
        foreach (var syntax in document.Nodes)
        {
            if (seen.TryGetValue(syntax.Id, out var first))
            {
                diagnostics.Add(DiagnosticInfo.Create(FlowDiagnostics.DuplicateNodeId, Locate(syntax.Json["id"]!), syntax.Id, first.Location.ToString()));
                continue;
            }
            seen[syntax.Id] = syntax;

            switch (syntax.Type)
            {
                case NodeTypes.Tab:
                case NodeTypes.Group:
                case NodeTypes.Comment:
                case NodeTypes.Subflow:
                    continue;
            }

            var definition = syntax.Z is { } z && subflows.ContainsKey(z) ? z : null;
            if (!CheckType(syntax, subflows, Locate, diagnostics))
            {
                if (!syntax.Disabled) broken.Add(syntax.Id);
                continue;
            }
            if (!syntax.HasPosition)
            {
                // A config node: read by the nodes that use it, never run. A node type that only runs is one by mistake.
                if (Nodes.NodeCompilers.Get(syntax.Type) is not null && !syntax.Disabled)
                {
                    diagnostics.Add(DiagnosticInfo.Create(FlowDiagnostics.NodeWithoutPosition, Locate(syntax.Json), syntax.DisplayName));
                }
                continue;
            }
            if (syntax.Disabled) continue;
            // A flow node without z is never started by Node-RED; one whose z names no tab runs on an implicit tab.
            if (syntax.Z is null) continue;
            if (definition is not null)
            {
                if (!inner.TryGetValue(definition, out var list)) inner[definition] = list = new List<FlowNodeSyntax>();
                list.Add(syntax);
                continue;
            }
            tabs.TryGetValue(syntax.Z, out var tab);
            if (tab is { Disabled: true }) continue;

            var node = new FlowNode(syntax, tab);
            running[syntax.Id] = node;
            topLevel.Add(node);
        }

        // Every subflow instance gets its own copy of the definition's nodes, right after it.
        var order = new List<FlowNode>();
        void Expand(FlowNode node, List<string> definitions)
        {
            order.Add(node);
            if (NodeTypes.SubflowDefinitionId(node.Type) is not { } id || !subflows.TryGetValue(id, out var definition)) return;
            if (definitions.Contains(id))
            {
                diagnostics.Add(DiagnosticInfo.Create(FlowDiagnostics.InvalidProperty, Locate(node.Json["type"]!), node.Syntax.DisplayName,
                    $"subflow '{id}' contains an instance of itself, so it would never end; remove that instance"));
                node.Broken = true;
                return;
            }
            node.SubflowDefinition = definition;
            node.Copies = new Dictionary<string, FlowNode>();
            definitions.Add(id);
            if (inner.TryGetValue(id, out var syntaxes))
            {
                foreach (var syntax in syntaxes)
                {
                    var copy = new FlowNode(syntax, node);
                    node.Copies[syntax.Id] = copy;
                    Expand(copy, definitions);
                }
            }
            definitions.RemoveAt(definitions.Count - 1);
        }
        foreach (var node in topLevel) Expand(node, new List<string>());

        void Link(FlowNode from, List<FlowNode> port, FlowNode to)
        {
            port.Add(to);
            to.Inputs.Add(from);
        }

        foreach (var node in order)
        {
            var declared = new List<List<FlowNode>>();
            if (node.SubflowDefinition is not null) node.InstanceWires = declared;
            if (node.Json["wires"] is not JsonArraySyntax ports)
            {
                if (node.Json["wires"] is { } bad)
                {
                    diagnostics.Add(DiagnosticInfo.Create(FlowDiagnostics.MalformedNode, Locate(bad), $"Node '{node.Alias}': \"wires\" must be an array of arrays of node ids"));
                    node.Broken = true;
                }
                continue;
            }
            foreach (var port in ports.Items)
            {
                var targets = new List<FlowNode>();
                declared.Add(targets);
                if (node.SubflowDefinition is null) node.Outputs.Add(targets);
                if (port is not JsonArraySyntax wires)
                {
                    diagnostics.Add(DiagnosticInfo.Create(FlowDiagnostics.MalformedNode, Locate(port), $"Node '{node.Alias}': each output in \"wires\" must be an array of node ids"));
                    node.Broken = true;
                    continue;
                }
                foreach (var wire in wires.Items)
                {
                    if (wire is not JsonStringSyntax target)
                    {
                        diagnostics.Add(DiagnosticInfo.Create(FlowDiagnostics.MalformedNode, Locate(wire), $"Node '{node.Alias}': a wire must name a node id as a string"));
                        node.Broken = true;
                        continue;
                    }
                    // Inside a subflow a wire reaches the same instance's copy; Node-RED drops wires that leave it.
                    var scope = node.Instance?.Copies ?? running;
                    if (scope.TryGetValue(target.Value, out var targetNode))
                    {
                        if (node.SubflowDefinition is null) Link(node, targets, targetNode);
                        else targets.Add(targetNode);
                    }
                    else if (!seen.ContainsKey(target.Value))
                    {
                        diagnostics.Add(DiagnosticInfo.Create(FlowDiagnostics.UnknownWireTarget, Locate(target), node.Syntax.DisplayName, target.Value));
                        node.Broken = true;
                    }
                    else if (broken.Contains(target.Value))
                    {
                        node.Broken = true;
                    }
                    // A wire to a disabled node: Node-RED drops the message silently, and so does FlowGen.
                }
            }
        }

        // A subflow instance hands its input to the nodes its definition's input is wired to, then (pass-through
        // outputs) to what the instance itself is wired to; each inner node wired to a subflow output also sends to
        // what the instance's wire for that output reaches. Outer instances come first in the order, so an inner
        // instance wired to an output already has the outer instance's wires added when its turn comes.
        foreach (var node in order)
        {
            if (node.SubflowDefinition is not { } definition) continue;
            var copies = node.Copies!;
            var input = new List<FlowNode>();
            node.Outputs.Add(input);
            FlowNode? Find(JsonObjectSyntax wire)
            {
                if (wire["id"] is not JsonStringSyntax id)
                {
                    diagnostics.Add(DiagnosticInfo.Create(FlowDiagnostics.MalformedNode, Locate(wire), $"Subflow '{definition.Id}': a port wire needs the \"id\" of a node inside the subflow"));
                    node.Broken = true;
                    return null;
                }
                if (copies.TryGetValue(id.Value, out var copy)) return copy;
                if (id.Value != definition.Id)
                {
                    if (!broken.Contains(id.Value))
                    {
                        diagnostics.Add(DiagnosticInfo.Create(FlowDiagnostics.MalformedNode, Locate(id), $"Subflow '{definition.Id}': a port is wired to '{id.Value}', which is not a node of the subflow"));
                    }
                    node.Broken = true;
                }
                return null;
            }

            if (definition.Json["in"] is JsonArraySyntax { Items.Count: > 0 } ins && ins.Items[0] is JsonObjectSyntax in0 && in0["wires"] is JsonArraySyntax inWires)
            {
                foreach (var wire in inWires.Items.OfType<JsonObjectSyntax>())
                {
                    if (Find(wire) is { } target) Link(node, input, target);
                }
            }
            if (definition.Json["out"] is not JsonArraySyntax outs) continue;
            for (var i = 0; i < outs.Items.Count; i++)
            {
                var reached = i < node.InstanceWires!.Count ? node.InstanceWires[i] : new List<FlowNode>();
                if (outs.Items[i] is not JsonObjectSyntax output || output["wires"] is not JsonArraySyntax outWires) continue;
                foreach (var wire in outWires.Items.OfType<JsonObjectSyntax>())
                {
                    var port = wire["port"] is JsonNumberSyntax n && n.Value >= 0 && n.Value < 1000 ? (int)n.Value : 0;
                    if (wire["id"] is JsonStringSyntax self && self.Value == definition.Id)
                    {
                        // Straight from the subflow's input to this output.
                        foreach (var target in reached) Link(node, input, target);
                        continue;
                    }
                    if (Find(wire) is not { } source) continue;
                    var lists = source.SubflowDefinition is not null ? source.InstanceWires! : source.Outputs;
                    while (lists.Count <= port) lists.Add(new List<FlowNode>());
                    foreach (var target in reached)
                    {
                        if (source.SubflowDefinition is not null) lists[port].Add(target);
                        else Link(source, lists[port], target);
                    }
                }
            }
        }

        return new FlowGraph(document.Path, displayPath, text, tabs.Values.ToList(), groups, order);
    }

    private static bool CheckType(FlowNodeSyntax syntax, IReadOnlyDictionary<string, FlowNodeSyntax> subflows, System.Func<JsonSyntax, SourceLocation> locate, List<DiagnosticInfo> diagnostics)
    {
        var type = syntax.Type;
        if (NodeTypes.SubflowDefinitionId(type) is { } definition)
        {
            if (subflows.ContainsKey(definition)) return true;
            // Node-RED counts an instance of a missing definition as a missing type and starts no flow at all.
            diagnostics.Add(DiagnosticInfo.Create(FlowDiagnostics.UnknownNodeType, locate(syntax.Json["type"]!), syntax.DisplayName, type));
            return false;
        }
        if (NodeCompilers.IsSupported(type) || type == NodeTypes.Junction || NodeTypes.IgnoredConfigTypes.Contains(type)) return true;
        var at = locate(syntax.Json["type"]!);
        // Disabled nodes of types Node-RED knows are harmless; unknown types stop a whole Node-RED runtime.
        if (type == NodeTypes.Function)
        {
            if (!syntax.Disabled) diagnostics.Add(DiagnosticInfo.Create(FlowDiagnostics.FunctionNode, at, syntax.DisplayName));
        }
        else if (NodeTypes.NotYetSupported.TryGetValue(type, out var hint))
        {
            if (!syntax.Disabled) diagnostics.Add(DiagnosticInfo.Create(FlowDiagnostics.UnsupportedNodeType, at, syntax.DisplayName, type, hint));
        }
        else
        {
            diagnostics.Add(DiagnosticInfo.Create(FlowDiagnostics.UnknownNodeType, at, syntax.DisplayName, type));
        }
        return false;
    }
}
