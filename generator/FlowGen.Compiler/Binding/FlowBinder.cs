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
        foreach (var syntax in document.Nodes)
        {
            if (syntax.Type == NodeTypes.Tab && !tabs.ContainsKey(syntax.Id)) tabs[syntax.Id] = new FlowTab(syntax);
            if (syntax.Type == NodeTypes.Group && !groups.ContainsKey(syntax.Id)) groups[syntax.Id] = syntax;
        }

        var seen = new Dictionary<string, FlowNodeSyntax>();
        // Nodes that cannot be compiled: a path through one is not compiled either.
        var broken = new HashSet<string>();
        var running = new Dictionary<string, FlowNode>();
        var order = new List<FlowNode>();
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
                    continue;
            }

            if (!CheckType(syntax, Locate, diagnostics))
            {
                if (!syntax.Disabled) broken.Add(syntax.Id);
                continue;
            }
            if (!syntax.HasPosition) continue; // a config node: read by the nodes that use it, never run
            if (syntax.Disabled) continue;
            // A flow node without z is never started by Node-RED; one whose z names no tab runs on an implicit tab.
            if (syntax.Z is null) continue;
            tabs.TryGetValue(syntax.Z, out var tab);
            if (tab is { Disabled: true }) continue;

            var node = new FlowNode(syntax, tab);
            running[syntax.Id] = node;
            order.Add(node);
        }

        foreach (var node in order)
        {
            if (node.Json["wires"] is not JsonArraySyntax ports)
            {
                if (node.Json["wires"] is { } bad)
                {
                    diagnostics.Add(DiagnosticInfo.Create(FlowDiagnostics.MalformedNode, Locate(bad), $"Node '{node.Id}': \"wires\" must be an array of arrays of node ids"));
                    node.Broken = true;
                }
                continue;
            }
            foreach (var port in ports.Items)
            {
                var targets = new List<FlowNode>();
                node.Outputs.Add(targets);
                if (port is not JsonArraySyntax wires)
                {
                    diagnostics.Add(DiagnosticInfo.Create(FlowDiagnostics.MalformedNode, Locate(port), $"Node '{node.Id}': each output in \"wires\" must be an array of node ids"));
                    node.Broken = true;
                    continue;
                }
                foreach (var wire in wires.Items)
                {
                    if (wire is not JsonStringSyntax target)
                    {
                        diagnostics.Add(DiagnosticInfo.Create(FlowDiagnostics.MalformedNode, Locate(wire), $"Node '{node.Id}': a wire must name a node id as a string"));
                        node.Broken = true;
                        continue;
                    }
                    if (running.TryGetValue(target.Value, out var targetNode))
                    {
                        targets.Add(targetNode);
                        targetNode.Inputs.Add(node);
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

        return new FlowGraph(document.Path, displayPath, text, tabs.Values.ToList(), groups, order);
    }

    private static bool CheckType(FlowNodeSyntax syntax, System.Func<JsonSyntax, SourceLocation> locate, List<DiagnosticInfo> diagnostics)
    {
        var type = syntax.Type;
        if (NodeCompilers.IsSupported(type) || type == NodeTypes.Junction || NodeTypes.IgnoredConfigTypes.Contains(type)) return true;
        var at = locate(syntax.Json["type"]!);
        // Disabled nodes of types Node-RED knows are harmless; unknown types stop a whole Node-RED runtime.
        if (type == NodeTypes.Function)
        {
            if (!syntax.Disabled) diagnostics.Add(DiagnosticInfo.Create(FlowDiagnostics.FunctionNode, at, syntax.DisplayName));
        }
        else if (NodeTypes.NotYetSupported.TryGetValue(type, out var hint) || type == NodeTypes.Subflow || type.StartsWith("subflow:", System.StringComparison.Ordinal))
        {
            if (!syntax.Disabled) diagnostics.Add(DiagnosticInfo.Create(FlowDiagnostics.UnsupportedNodeType, at, syntax.DisplayName, type, hint ?? "subflows are not compiled yet"));
        }
        else
        {
            diagnostics.Add(DiagnosticInfo.Create(FlowDiagnostics.UnknownNodeType, at, syntax.DisplayName, type));
        }
        return false;
    }
}
