using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FlowGen.Mutations;

/// <summary>A flow file's nodes as editable JSON, with the graph questions the mutators ask.</summary>
internal sealed class Flow
{
    private int _next;

    public Flow(JsonArray nodes) => Nodes = nodes;

    public JsonArray Nodes { get; }

    public Flow Clone() => new((JsonArray)Nodes.DeepClone());

    public IEnumerable<JsonObject> Objects => Nodes.OfType<JsonObject>();

    /// <summary>Nodes that are part of a flow: a wires array and a position, not disabled.</summary>
    public IEnumerable<JsonObject> FlowNodes => Objects.Where(n => n["wires"] is JsonArray && n["x"] is not null && n["y"] is not null && !IsTrue(n["d"]));

    public IEnumerable<JsonObject> OfType(string type) => FlowNodes.Where(n => Type(n) == type);

    public JsonObject? Get(string id) => Objects.FirstOrDefault(n => Id(n) == id);

    public static string Id(JsonObject node) => Text(node["id"]) ?? "";

    public static string Type(JsonObject node) => Text(node["type"]) ?? "";

    public static string? Text(JsonNode? value) =>
        value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    public static bool IsTrue(JsonNode? value) =>
        value is JsonValue v && (v.GetValueKind() == JsonValueKind.True || (v.GetValueKind() == JsonValueKind.String && v.GetValue<string>() == "true"));

    public static List<List<string>> Wires(JsonObject node) =>
        node["wires"] is JsonArray ports
            ? ports.Select(p => p is JsonArray targets ? targets.Select(Text).Where(t => t is not null).Select(t => t!).ToList() : new List<string>()).ToList()
            : new List<List<string>>();

    public static JsonArray WireArray(IEnumerable<IEnumerable<string>> ports) =>
        new(ports.Select(p => (JsonNode)new JsonArray(p.Select(t => (JsonNode)JsonValue.Create(t)!).ToArray())).ToArray());

    /// <summary>A switch that stops at the first matching rule: its outputs are exclusive.</summary>
    public static bool IsExclusiveSwitch(JsonObject node) => Type(node) == "switch" && !IsTrue(node["checkall"]);

    /// <summary>Every wire into a node: its source, output and place in that output's list.</summary>
    public IEnumerable<(JsonObject Source, int Port, int Index)> WiresInto(string id)
    {
        foreach (var node in FlowNodes)
        {
            var ports = Wires(node);
            for (var p = 0; p < ports.Count; p++)
            {
                for (var i = 0; i < ports[p].Count; i++)
                {
                    if (ports[p][i] == id) yield return (node, p, i);
                }
            }
        }
    }

    /// <summary>The ids a node reaches over wires, itself included.</summary>
    public HashSet<string> Reach(string from) => Walk(from, node => Wires(node).SelectMany(p => p));

    /// <summary>
    /// The ids reached from a node over wires that carry the one message on alone: a node with one target, or an
    /// output of an exclusive switch with one target. A path end there is that request's end, not a copy's.
    /// </summary>
    public HashSet<string> UnambiguousReach(string from) => Walk(from, node =>
    {
        var ports = Wires(node);
        if (IsExclusiveSwitch(node)) return ports.Where(p => p.Count == 1).Select(p => p[0]);
        var all = ports.SelectMany(p => p).ToList();
        return all.Count == 1 ? all : Enumerable.Empty<string>();
    });

    private HashSet<string> Walk(string from, System.Func<JsonObject, IEnumerable<string>> next)
    {
        var byId = new Dictionary<string, JsonObject>();
        foreach (var node in FlowNodes) byId.TryAdd(Id(node), node);
        var seen = new HashSet<string> { from };
        var queue = new Queue<string>();
        queue.Enqueue(from);
        while (queue.Count > 0)
        {
            if (!byId.TryGetValue(queue.Dequeue(), out var node)) continue;
            foreach (var target in next(node))
            {
                if (byId.ContainsKey(target) && seen.Add(target)) queue.Enqueue(target);
            }
        }
        return seen;
    }

    public bool ReachesResponse(string from) => Reach(from).Any(id => Get(id) is { } n && Type(n) == "http response");

    /// <summary>The http in nodes whose requests reach a node.</summary>
    public List<JsonObject> HttpInsReaching(string id) => OfType("http in").Where(h => Reach(Id(h)).Contains(id)).ToList();

    public string NewId(string hint)
    {
        string id;
        do
        {
            id = $"mutant-{hint}-{++_next}";
        }
        while (Get(id) is not null);
        return id;
    }

    /// <summary>A new flow node on a tab, placed below the others.</summary>
    public JsonObject NewNode(string id, string type, string? z, params IEnumerable<string>[] ports)
    {
        var node = new JsonObject
        {
            ["id"] = id,
            ["type"] = type,
            ["name"] = "",
        };
        if (z is not null) node["z"] = z;
        node["x"] = 300;
        node["y"] = 1000 + 40 * _next;
        node["wires"] = WireArray(ports);
        return node;
    }

    /// <summary>A change node with one set rule.</summary>
    public JsonObject NewChange(string id, string? z, string property, string to, string toType, params IEnumerable<string>[] ports)
    {
        var node = NewNode(id, "change", z, ports);
        node["rules"] = new JsonArray(new JsonObject
        {
            ["t"] = "set",
            ["p"] = property,
            ["pt"] = "msg",
            ["to"] = to,
            ["tot"] = toType,
        });
        return node;
    }

    public void Add(JsonObject node) => Nodes.Add(node);
}
