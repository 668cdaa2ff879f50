using System.Collections.Generic;
using FlowGen.Compiler.Diagnostics;
using FlowGen.Compiler.Json;

namespace FlowGen.Compiler.Model;

/// <summary>A flow file after reading: its nodes in file order, with the JSON of each.</summary>
public sealed class FlowDocument
{
    public FlowDocument(string path, IReadOnlyList<FlowNodeSyntax> nodes)
    {
        Path = path;
        Nodes = nodes;
    }

    public string Path { get; }

    public IReadOnlyList<FlowNodeSyntax> Nodes { get; }
}

/// <summary>One object of the export array: the fields every node has, and its whole JSON.</summary>
public sealed class FlowNodeSyntax
{
    public FlowNodeSyntax(string id, string type, JsonObjectSyntax json, SourceLocation location)
    {
        Id = id;
        Type = type;
        Json = json;
        Location = location;
    }

    public string Id { get; }

    public string Type { get; }

    public JsonObjectSyntax Json { get; }

    /// <summary>Where the node starts in the file.</summary>
    public SourceLocation Location { get; }

    public string? Z => (Json["z"] as JsonStringSyntax)?.Value;

    public string? Group => (Json["g"] as JsonStringSyntax)?.Value;

    public string Name => (Json["name"] as JsonStringSyntax)?.Value ?? "";

    /// <summary>Node-RED drops nodes with "d": true.</summary>
    public bool Disabled => Json["d"] is JsonBooleanSyntax { Value: true };

    /// <summary>Without x and y an object is a config node in Node-RED, not a flow node.</summary>
    public bool HasPosition => Json["x"] is not null && Json["y"] is not null;

    /// <summary>How diagnostics name the node: its name when it has one, else its type and id.</summary>
    public string DisplayName => Name.Length > 0 ? $"{Name}" : $"{Type} {Id}";
}

/// <summary>A tab or subflow container.</summary>
public sealed class FlowTab
{
    public FlowTab(FlowNodeSyntax syntax) => Syntax = syntax;

    public FlowNodeSyntax Syntax { get; }

    public string Id => Syntax.Id;

    public string Label => (Syntax.Json["label"] as JsonStringSyntax)?.Value ?? "";

    public bool Disabled => Syntax.Json["disabled"] is JsonBooleanSyntax { Value: true };
}

/// <summary>A flow node after binding: its outputs resolved to the nodes they reach.</summary>
public sealed class FlowNode
{
    public FlowNode(FlowNodeSyntax syntax, FlowTab? tab)
    {
        Syntax = syntax;
        Tab = tab;
        Id = syntax.Id;
        ContainerPath = syntax.Z ?? "";
    }

    /// <summary>
    /// A node of a subflow definition copied into one instance, as Node-RED's Subflow does: the id is
    /// "&lt;instanceId&gt;-&lt;innerId&gt;", the syntax (and so every diagnostic) is the definition's inner node.
    /// </summary>
    public FlowNode(FlowNodeSyntax syntax, FlowNode instance)
    {
        Syntax = syntax;
        Tab = instance.Tab;
        Instance = instance;
        Id = instance.Id + "-" + syntax.Id;
        ContainerPath = instance.ContainerPath + "/" + instance.Alias;
    }

    public FlowNodeSyntax Syntax { get; }

    /// <summary>The tab the node runs on; for a node inside a subflow, the tab of the outermost instance.</summary>
    public FlowTab? Tab { get; }

    /// <summary>The node's id at run time: its own, or "&lt;instanceId&gt;-&lt;innerId&gt;" inside a subflow instance.</summary>
    public string Id { get; }

    /// <summary>The id in the flow file (Node-RED's _alias for a node inside a subflow).</summary>
    public string Alias => Syntax.Id;

    /// <summary>The subflow instance this node is a copy for, or null for a node of a tab.</summary>
    public FlowNode? Instance { get; }

    /// <summary>
    /// The node a catch on the tab sees as the reporter of this node's errors when no catch inside the enclosing
    /// subflow instances handles them (Node-RED reports them by the instance): the outermost instance, or the node.
    /// </summary>
    public FlowNode ReportingNode => Instance?.ReportingNode ?? this;

    /// <summary>Node-RED's flow path: the tab id, then the ids (aliases) of the enclosing subflow instances.</summary>
    public string ContainerPath { get; }

    /// <summary>NR_NODE_PATH: the flow path and the node's id in the file.</summary>
    public string Path => ContainerPath + "/" + Alias;

    /// <summary>For a subflow instance: its definition.</summary>
    public FlowNodeSyntax? SubflowDefinition { get; internal set; }

    /// <summary>For a subflow instance: its "wires", one list per subflow output, before they are given to the inner nodes.</summary>
    internal List<List<FlowNode>>? InstanceWires { get; set; }

    /// <summary>For a subflow instance: its copies of the definition's nodes, by their id in the file.</summary>
    internal Dictionary<string, FlowNode>? Copies { get; set; }

    public string Type => Syntax.Type;

    public JsonObjectSyntax Json => Syntax.Json;

    /// <summary>One list per output port, in wire order.</summary>
    public List<List<FlowNode>> Outputs { get; } = new();

    /// <summary>The nodes wired into this one.</summary>
    public List<FlowNode> Inputs { get; } = new();

    /// <summary>
    /// The node, or a wire from it, has an error: the endpoints whose paths reach it are not compiled, while the
    /// file's other endpoints still are.
    /// </summary>
    public bool Broken { get; set; }
}
