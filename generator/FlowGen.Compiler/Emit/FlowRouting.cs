using System.Collections.Generic;
using System.Linq;
using FlowGen.Compiler.Binding;
using FlowGen.Compiler.Json;
using FlowGen.Compiler.Model;

namespace FlowGen.Compiler.Emit;

/// <summary>
/// Where errors and links go inside one flow file, decided at build time: the catch nodes that answer each node's
/// errors (Node-RED's Flow.handleError), and the link in nodes each link out and link call of the file reaches.
/// Link targets in other files are resolved by the project-wide step (RegistrationEmitter).
/// </summary>
public sealed class FlowRouting
{
    public const string Catch = "catch";
    public const string LinkIn = "link in";
    public const string LinkOut = "link out";
    public const string LinkCall = "link call";
    public const string Status = "status";
    public const string Complete = "complete";

    /// <summary>
    /// Compiled node types whose input handler calls done() when it finishes without error, so that complete nodes
    /// hear of it (checked against Node-RED 4.1's sources): change, template, json, http response, http request,
    /// link in, link out (link and return mode), debug, file in, and catch, status and complete themselves. Not: switch
    /// (never calls done), link call (done when its subroutine returns), junctions, subflow instances and C# code nodes.
    /// </summary>
    public static readonly ISet<string> CallsDone = new HashSet<string>
    {
        "change", "template", "json", "http response", "http request", LinkIn, LinkOut, "debug", "file in", Catch, Status, Complete,
    };

    private readonly FlowGraph _graph;
    private readonly Dictionary<FlowNode, IReadOnlyList<FlowNode>> _catches = new();
    private readonly Dictionary<string, FlowNode> _linkIns = new();
    // The file's node syntaxes once each, in file order (a subflow's inner nodes appear once per instance in the graph).
    private readonly List<FlowNodeSyntax> _syntaxes;
    private readonly HashSet<string> _innerIds = new();

    private FlowRouting(FlowGraph graph)
    {
        _graph = graph;
        foreach (var node in graph.Nodes)
        {
            if (node.Type == LinkIn) _linkIns[node.Id] = node;
            if (node.Instance is not null) _innerIds.Add(node.Alias);
        }
        _syntaxes = graph.Nodes.Select(n => n.Syntax).Distinct().OrderBy(s => s.Json.Span.Start).ToList();
    }

    public static FlowRouting Build(FlowGraph graph) => new(graph);

    /// <summary>The catch nodes that receive this node's errors, in the order Node-RED gives them their copies.</summary>
    public IReadOnlyList<FlowNode> CatchesOf(FlowNode node)
    {
        if (_catches.TryGetValue(node, out var known)) return known;
        var result = ComputeCatches(node);
        _catches[node] = result;
        return result;
    }

    private readonly Dictionary<FlowNode, IReadOnlyList<FlowNode>> _statuses = new();
    private readonly Dictionary<FlowNode, IReadOnlyList<FlowNode>> _completes = new();

    /// <summary>
    /// The status nodes that receive this node's status reports (Node-RED's Flow.handleStatus: scope all, a list of
    /// ids or "group", nearest group first). Inside a subflow the instance's copies get the first chance; when none is
    /// in scope, the level above gets it with the instance as the reporting node.
    /// </summary>
    public IReadOnlyList<FlowNode> StatusNodesOf(FlowNode node)
    {
        if (_statuses.TryGetValue(node, out var known)) return known;
        var result = Fallback(node, reporting => InScope(Status, reporting).Select(c => c.Node).ToList());
        _statuses[node] = result;
        return result;
    }

    /// <summary>
    /// The complete nodes told when this node finishes its work without error (Node-RED's Flow.handleComplete: each
    /// complete node whose scope lists the node), with the same subflow fallback; none for a node that never calls done().
    /// </summary>
    public IReadOnlyList<FlowNode> CompletesOf(FlowNode node)
    {
        if (_completes.TryGetValue(node, out var known)) return known;
        var result = CallsDone.Contains(node.Type)
            ? Fallback(node, reporting => InScope(Complete, reporting)
                // The editor drops from a complete node's scope the nodes it is wired to: they would loop.
                .Where(c => c.Node.Json["scope"] is JsonArraySyntax && !c.Node.Outputs.Any(port => port.Contains(reporting))).Select(c => c.Node).ToList())
            : new List<FlowNode>();
        _completes[node] = result;
        return result;
    }

    private static List<FlowNode> Fallback(FlowNode node, System.Func<FlowNode, List<FlowNode>> atLevel)
    {
        var reporting = node;
        while (true)
        {
            var result = atLevel(reporting);
            if (result.Count > 0 || reporting.Instance is not { } instance) return result;
            reporting = instance;
        }
    }

    private List<FlowNode> ComputeCatches(FlowNode failing)
    {
        // Node-RED's Subflow.handleError: the catch nodes of the failing node's own level (its subflow instance's
        // copies, or its tab) get the first chance; when none of them handles the error, the level above tries,
        // with the subflow instance as the reporting node, up to the tab. The error's source stays the failing node.
        var reporting = failing;
        while (true)
        {
            var result = CatchesAt(reporting);
            if (result.Count > 0 || reporting.Instance is not { } instance) return result;
            reporting = instance;
        }
    }

    /// <summary>Flow.handleError on one level: the catch nodes beside the reporting node that handle its error.</summary>
    private List<FlowNode> CatchesAt(FlowNode reporting)
    {
        // The level's catch nodes in file order (inside a subflow: the same instance's copies), then stably:
        // scoped (an id list or "group"), unscoped, uncaught.
        var ordered = _graph.Nodes
            .Where(n => n.Type == Catch && n.Instance == reporting.Instance && n.Syntax.Z == reporting.Syntax.Z)
            .Select((n, index) => (Node: n, Index: index))
            .OrderBy(c => Truthy(c.Node.Json["scope"]) ? 0 : Truthy(c.Node.Json["uncaught"]) ? 2 : 1)
            .ThenBy(c => c.Index)
            .Select(c => c.Node)
            .ToList();
        var candidates = Candidates(ordered, reporting);
        var result = new List<FlowNode>();
        var handled = false;
        var handledByUncaught = false;
        foreach (var (node, _, _) in candidates.OrderBy(c => c.Distance).ThenBy(c => c.Index))
        {
            // An uncaught catch fires only when no catch before it has.
            if (Truthy(node.Json["uncaught"]) && !handledByUncaught)
            {
                if (handled) continue;
                handledByUncaught = true;
            }
            result.Add(node);
            handled = true;
        }
        return result;
    }

    private List<(FlowNode Node, int Distance, int Index)> Candidates(List<FlowNode> ordered, FlowNode reporting)
    {
        var candidates = new List<(FlowNode Node, int Distance, int Index)>();
        var reportingGroup = reporting.Syntax.Group;
        foreach (var candidate in ordered)
        {
            var scope = candidate.Json["scope"];
            var catchGroup = candidate.Syntax.Group;
            var groupScope = scope is JsonStringSyntax { Value: "group" };
            if (catchGroup is not null && groupScope && reportingGroup is null) continue;
            // Inside a subflow the scope names inner ids, which Node-RED maps to this instance's copies: the catch and
            // the reporting node are copies of the same instance, so the ids in the file compare directly.
            if (scope is JsonArraySyntax ids && !ids.Items.OfType<JsonStringSyntax>().Any(id => id.Value == reporting.Alias)) continue;
            var distance = 0;
            if (reportingGroup is not null)
            {
                // Walk out from the reporting node's group to the catch node's group.
                var containing = GroupOf(reportingGroup);
                var steps = 0;
                while (containing is not null && containing.Id != catchGroup && steps++ < 1000)
                {
                    distance++;
                    containing = containing.Group is { } outer ? GroupOf(outer) : null;
                }
                if (containing is null && catchGroup is not null && groupScope) continue;
            }
            candidates.Add((candidate, distance, candidates.Count));
        }
        return candidates;
    }

    /// <summary>The level's nodes of one type (status, complete) in scope of the reporting node, nearest group first.</summary>
    private List<(FlowNode Node, int Distance, int Index)> InScope(string type, FlowNode reporting)
    {
        var level = _graph.Nodes.Where(n => n.Type == type && n.Instance == reporting.Instance && n.Syntax.Z == reporting.Syntax.Z).ToList();
        return Candidates(level, reporting).OrderBy(c => c.Distance).ThenBy(c => c.Index).ToList();
    }

    private FlowNodeSyntax? GroupOf(string id) => _graph.Groups.TryGetValue(id, out var group) ? group : null;

    /// <summary>
    /// A link out's targets in this file: its own links and every link in here that names it, in the order Node-RED
    /// builds its wires. <paramref name="external"/> tells whether it also names nodes outside this file.
    /// Inside a subflow instance only the same instance's copies are reached: Node-RED's remapSubflowNodes maps the
    /// wires to the instance's copies and drops the rest. A link out on a tab does not reach the link in nodes of a
    /// subflow definition (only their copies exist at run time, under other ids).
    /// </summary>
    public IReadOnlyList<FlowNode> LinkTargets(FlowNode linkOut, out bool external)
    {
        external = false;
        var result = new List<FlowNode>();
        if (linkOut.Type != LinkOut || !IsLinkMode(linkOut)) return result;
        foreach (var id in TargetIds(linkOut))
        {
            if (_linkIns.TryGetValue(id, out var target)) result.Add(target);
            else if (!_innerIds.Contains(id)) external = true;
        }
        return result;
    }

    /// <summary>
    /// Ids a link out delivers to at run time: Node-RED's linkWires for this node, in insertion order over the file;
    /// for a copy inside a subflow instance, the ids of the same instance's copies only.
    /// </summary>
    public IEnumerable<string> TargetIds(FlowNode linkOut)
    {
        var ids = new List<string>();
        foreach (var syntax in _syntaxes)
        {
            if (syntax.Type == LinkIn && LinkIds(syntax.Json).Contains(linkOut.Alias) && !ids.Contains(syntax.Id)) ids.Add(syntax.Id);
            else if (syntax.Id == linkOut.Alias)
            {
                foreach (var id in LinkIds(syntax.Json)) if (!ids.Contains(id)) ids.Add(id);
            }
        }
        if (linkOut.Instance is not { Copies: { } copies }) return ids;
        return ids.Where(copies.ContainsKey).Select(id => copies[id].Id).ToList();
    }

    /// <summary>
    /// The id a static link call calls at run time: links[0]; inside a subflow instance, remapSubflowNodes turns a
    /// links value naming one node of the definition (a string or a one-item array) into that instance's copy's id.
    /// </summary>
    public static string? CallTargetId(FlowNode linkCall)
    {
        var id = StaticTarget(linkCall.Json);
        if (id is null || linkCall.Instance is not { Copies: { } copies }) return id;
        var single = linkCall.Json["links"] is JsonStringSyntax or JsonArraySyntax { Items.Count: 1 };
        return single && copies.TryGetValue(id, out var copy) ? copy.Id : id;
    }

    /// <summary>A static link call's target in this file; null for a dynamic call or a target in another file.</summary>
    public FlowNode? CallTarget(FlowNode linkCall) =>
        linkCall.Type == LinkCall && !IsDynamic(linkCall) && CallTargetId(linkCall) is { } id && _linkIns.TryGetValue(id, out var target) ? target : null;

    /// <summary>Whether this file holds a link in with the id.</summary>
    public bool HasLinkIn(string id) => _linkIns.ContainsKey(id);

    /// <summary>Whether the id names a node of a subflow definition in this file (never a node at run time).</summary>
    public bool IsInnerId(string id) => _innerIds.Contains(id);

    /// <summary>The link call's static target: links as a string, or links[0].</summary>
    public static string? StaticTarget(JsonObjectSyntax json) => json["links"] switch
    {
        JsonStringSyntax s => s.Value,
        JsonArraySyntax { Items.Count: > 0 } a => (a.Items[0] as JsonStringSyntax)?.Value,
        _ => null,
    };

    public static bool IsDynamic(FlowNode linkCall) => linkCall.Json["linkType"] is JsonStringSyntax { Value: "dynamic" };

    /// <summary>n.mode || "link".</summary>
    public static string Mode(FlowNode linkOut) => linkOut.Json["mode"] is JsonStringSyntax { Value.Length: > 0 } s ? s.Value : "link";

    public static bool IsLinkMode(FlowNode linkOut) => Mode(linkOut) == "link";

    public static bool IsReturn(FlowNode node) => node.Type == LinkOut && Mode(node) == "return";

    /// <summary>The string ids of a node's links array.</summary>
    public static List<string> LinkIds(JsonObjectSyntax json) =>
        json["links"] is JsonArraySyntax links ? links.Items.OfType<JsonStringSyntax>().Select(s => s.Value).ToList() : new List<string>();

    /// <summary>JavaScript truthiness of a JSON value.</summary>
    public static bool Truthy(JsonSyntax? syntax) => syntax switch
    {
        JsonBooleanSyntax b => b.Value,
        JsonStringSyntax s => s.Value.Length > 0,
        JsonNumberSyntax n => n.Value != 0 && !double.IsNaN(n.Value),
        JsonObjectSyntax or JsonArraySyntax => true,
        _ => false,
    };
}
