using System.Collections.Generic;
using System.Linq;
using FlowGen.Compiler.Binding;
using FlowGen.Compiler.Emit;
using FlowGen.Compiler.Json;
using FlowGen.Compiler.Model;
using FlowGen.Compiler.Mustache;
using FlowGen.Compiler.Nodes;
using Microsoft.CodeAnalysis.Text;

namespace FlowGen.Compiler.Checks;

internal enum FactKind
{
    /// <summary>The property is not on the message.</summary>
    Absent,

    /// <summary>A constant a change rule set: its type and configured text (and the parsed value for json).</summary>
    Constant,

    /// <summary>
    /// A value of unknown content that certainly makes a body: a template's text with literal text in it (type str),
    /// or an object or array (type json: a template parsed as JSON, a GET request's query).
    /// </summary>
    NonEmptyText,

    /// <summary>Anything: from the request, computed, or different on different paths.</summary>
    Unknown,
}

/// <summary>What is certainly true of one message property at a point of the flow.</summary>
internal sealed class MessageFact
{
    public static readonly MessageFact Absent = new(FactKind.Absent, null, "", "", null, null);
    public static readonly MessageFact Unknown = new(FactKind.Unknown, null, "", "", null, null);

    public MessageFact(FactKind kind, FlowNode? node, string type, string text, JsonSyntax? at, JsonSyntax? json)
    {
        Kind = kind;
        Node = node;
        Type = type;
        Text = text;
        At = at;
        Json = json;
    }

    public FactKind Kind { get; }

    /// <summary>The node that set the value.</summary>
    public FlowNode? Node { get; }

    /// <summary>The typed-input type of a constant: str, num, bool, json or bin.</summary>
    public string Type { get; }

    /// <summary>The configured text of a constant.</summary>
    public string Text { get; }

    /// <summary>The value in the flow file, where diagnostics point.</summary>
    public JsonSyntax? At { get; }

    /// <summary>For json: the parsed value, with spans inside <see cref="Text"/>.</summary>
    public JsonSyntax? Json { get; }

    /// <summary>
    /// The file span of a part of a json constant: the characters inside the string that holds the JSON when the
    /// file writes it as a string, else the whole value.
    /// </summary>
    public TextSpan Locate(SourceText text, JsonSyntax inner) =>
        At is JsonStringSyntax s && s.Value == Text ? JsonStringPositions.ToFileSpan(text, s.Span, inner.Span.Start, inner.Span.Length) : At!.Span;
}

/// <summary>
/// A forward dataflow over a lowered flow: for payload, statusCode, headers and cookies, whether each is absent, a
/// constant a change node set, or unknown, on the messages that reach a node. Paths that join keep their facts apart
/// (up to <see cref="MaxVariants"/> variants a node, then they merge and what differs becomes unknown), so a constant
/// that is certain on one path into a response is still seen there, and a rule that reads a constant fact is never
/// wrong about the path it came by.
/// </summary>
/// <remarks>
/// Two modes. <see cref="Compute"/> covers the whole file: every http in starts a request, and every other path
/// starter (catch, link in, ...) a message nothing is known of. <see cref="ComputeFrom"/> follows the requests of one
/// http in alone, as PathRules walks them: along wires, from a node that fails to its catch nodes (with what the
/// node had not yet changed), from a link out to its link in nodes, into a link call's subroutine and from its
/// return back out of that link call, and to complete nodes; so the facts at a response are those of that endpoint's
/// requests only.
/// </remarks>
internal sealed class MessageFacts
{
    public const int Payload = 0;
    public const int StatusCode = 1;
    public const int Headers = 2;
    public const int Cookies = 3;
    private const int Count = 4;

    private static readonly string[] Names = { "payload", "statusCode", "headers", "cookies" };

    /// <summary>Nodes that deliver the message they receive without changing these properties.</summary>
    private static readonly HashSet<string> PassThrough = new() { "switch", "junction", "link in", "link out" };

    /// <summary>Path starters that, reached from one endpoint, hand on the message they were given (catch adds only msg.error).</summary>
    private static readonly HashSet<string> ForwardedStarters = new() { FlowRouting.Catch, FlowRouting.LinkIn, FlowRouting.Complete };

    /// <summary>How many different fact vectors a node keeps apart before merging them.</summary>
    private const int MaxVariants = 16;

    private static readonly MessageFact[] Request = { MessageFact.Unknown, MessageFact.Absent, MessageFact.Absent, MessageFact.Absent };
    private static readonly MessageFact[] Anything = { MessageFact.Unknown, MessageFact.Unknown, MessageFact.Unknown, MessageFact.Unknown };

    private readonly LoweredFlow _flow;

    /// <summary>The http in whose requests are followed, or null for the whole file.</summary>
    private readonly FlowNode? _endpoint;

    private readonly Dictionary<Place, List<MessageFact[]>> _in = new();
    private readonly Dictionary<Place, int> _sent = new();
    private readonly Dictionary<FlowNode, List<(int Index, MessageFact Fact)>> _effects = new();
    private readonly Queue<Place> _work = new();
    private readonly HashSet<Place> _queued = new();

    private MessageFacts(LoweredFlow flow, FlowNode? endpoint)
    {
        _flow = flow;
        _endpoint = endpoint;
    }

    /// <summary>The facts on messages arriving at each node that any message reaches: one vector per kind of path.</summary>
    public static IReadOnlyDictionary<FlowNode, List<MessageFact[]>> Compute(LoweredFlow flow) => new MessageFacts(flow, null).Run();

    /// <summary>The facts on the messages of the requests one http in receives, at each node they reach.</summary>
    public static IReadOnlyDictionary<FlowNode, List<MessageFact[]>> ComputeFrom(LoweredFlow flow, FlowNode httpIn) => new MessageFacts(flow, httpIn).Run();

    /// <summary>
    /// The link calls a message is inside, innermost first: where a link out in return mode sends it. Compared by
    /// value, so the same node reached inside the same calls is one place of the dataflow.
    /// </summary>
    private sealed record Calls(FlowNode Call, Calls? Outer)
    {
        /// <summary>
        /// Entering a subroutine from <paramref name="call"/>. A call already on the stack (recursion) returns to the
        /// same places as that frame, so the stack is cut there: the places stay finite.
        /// </summary>
        public static Calls Enter(Calls? calls, FlowNode call)
        {
            for (var frame = calls; frame is not null; frame = frame.Outer)
            {
                if (frame.Call == call) return frame;
            }
            return new Calls(call, calls);
        }
    }

    /// <summary>A node, and for one endpoint the link calls the message is inside.</summary>
    private readonly record struct Place(FlowNode Node, Calls? Calls);

    private Dictionary<FlowNode, List<MessageFact[]>> Run()
    {
        if (_endpoint is { } start)
        {
            // A GET request's payload is its query (Express's req.query): an object, whatever the request.
            var request = _flow.Nodes.TryGetValue(start, out var context) && context.Route?.Method == "get"
                ? new[] { new MessageFact(FactKind.NonEmptyText, start, "json", "{}", start.Json, null), MessageFact.Absent, MessageFact.Absent, MessageFact.Absent }
                : Request;
            Send(new Place(start, null), request, request);
        }
        else
        {
            foreach (var node in _flow.Graph.Nodes)
            {
                if (node.Type == NodeTypes.HttpIn) Send(new Place(node, null), Request, Request);
                // Messages of their own (a catch, a link in, a status report, ...): nothing is known of those.
                else if (NodeTypes.PathStarters.Contains(node.Type)) Send(new Place(node, null), Anything, Anything);
            }
        }
        while (_work.Count > 0)
        {
            var place = _work.Dequeue();
            _queued.Remove(place);
            var node = place.Node;
            if (node.Type == NodeTypes.HttpIn) continue;
            if (_endpoint is null && NodeTypes.PathStarters.Contains(node.Type)) continue;
            // Only the variants that arrived since the node last sent: a merge replaces them all, so send all again.
            var variants = _in[place];
            _sent.TryGetValue(place, out var sent);
            if (sent > variants.Count) sent = 0;
            for (var i = sent; i < variants.Count; i++) Send(place, variants[i], Transfer(node, variants[i]));
            _sent[place] = variants.Count;
        }

        var byNode = new Dictionary<FlowNode, List<MessageFact[]>>();
        foreach (var pair in _in)
        {
            if (!byNode.TryGetValue(pair.Key.Node, out var all)) byNode[pair.Key.Node] = all = new List<MessageFact[]>();
            all.AddRange(pair.Value);
        }
        return byNode;
    }

    /// <summary>Delivers what a node does with a message (<paramref name="input"/> in, <paramref name="output"/> out) to where it goes next.</summary>
    private void Send(Place place, MessageFact[] input, MessageFact[] output)
    {
        var node = place.Node;
        var context = _flow.Nodes.TryGetValue(node, out var lowered) ? lowered : null;
        if (_endpoint is null)
        {
            if (context?.OutputMode == OutputMode.None) return;
            foreach (var target in node.Outputs.SelectMany(port => port)) Join(new Place(target, place.Calls), output);
            return;
        }

        var routing = _flow.Routing;
        if (node.Type == FlowRouting.LinkCall && routing.CallTarget(node) is { } subroutine)
        {
            // The message goes into the subroutine as it is; it comes out of this node's outputs when it returns.
            Join(new Place(subroutine, Calls.Enter(place.Calls, node)), input);
        }
        else if (FlowRouting.IsReturn(node))
        {
            if (place.Calls is { } calls)
            {
                foreach (var target in calls.Call.Outputs.SelectMany(port => port)) Join(new Place(target, calls.Outer), output);
            }
        }
        else if (node.Type == FlowRouting.LinkOut)
        {
            foreach (var target in routing.LinkTargets(node, out _)) Join(new Place(target, place.Calls), output);
        }
        else if (context?.OutputMode != OutputMode.None)
        {
            foreach (var target in node.Outputs.SelectMany(port => port)) Join(new Place(target, place.Calls), output);
        }

        // An http response fails only on values the node rules report, or when it answers twice (FLOW106): its catch
        // paths are not part of what the endpoint answers.
        if (context is not null && node.Type != NodeTypes.HttpResponse && (context.CanFail || context.RaisesErrors || context.ReportsErrors))
        {
            var failed = Failed(input, output);
            foreach (var handler in routing.CatchesOf(node)) Join(new Place(handler, place.Calls), failed);
        }
        foreach (var complete in routing.CompletesOf(node)) Join(new Place(complete, place.Calls), output);
    }

    /// <summary>
    /// The message a catch node gets from a node that failed: what the node had not changed is as it arrived; what
    /// it may have changed before failing is unknown.
    /// </summary>
    private static MessageFact[] Failed(MessageFact[] input, MessageFact[] output)
    {
        var failed = (MessageFact[])input.Clone();
        for (var i = 0; i < Count; i++)
        {
            if (!ReferenceEquals(input[i], output[i])) failed[i] = MessageFact.Unknown;
        }
        return failed;
    }

    /// <summary>Adds facts to a place's input as a variant of their own, and queues the place when its input changed.</summary>
    private void Join(Place place, MessageFact[] facts)
    {
        if (!Add(place, facts)) return;
        if (_queued.Add(place)) _work.Enqueue(place);
    }

    /// <summary>Adds facts to a place's input as a variant of their own; true when the input changed.</summary>
    private bool Add(Place place, MessageFact[] facts)
    {
        if (!_in.TryGetValue(place, out var variants))
        {
            _in[place] = new List<MessageFact[]> { (MessageFact[])facts.Clone() };
            return true;
        }
        foreach (var known in variants)
        {
            if (Same(known, facts)) return false;
        }
        if (variants.Count < MaxVariants)
        {
            variants.Add((MessageFact[])facts.Clone());
            return true;
        }
        // Too many kinds of path: keep one vector, unknown wherever they differ.
        var merged = (MessageFact[])variants[0].Clone();
        foreach (var other in variants) Merge(merged, other);
        Merge(merged, facts);
        if (variants.Count == 1 && Same(variants[0], merged)) return false;
        variants.Clear();
        variants.Add(merged);
        _sent[place] = int.MaxValue;
        return true;
    }

    private static bool Same(MessageFact[] a, MessageFact[] b)
    {
        for (var i = 0; i < Count; i++)
        {
            if (!ReferenceEquals(a[i], b[i])) return false;
        }
        return true;
    }

    private static void Merge(MessageFact[] into, MessageFact[] other)
    {
        for (var i = 0; i < Count; i++)
        {
            if (!ReferenceEquals(into[i], other[i])) into[i] = MessageFact.Unknown;
        }
    }

    private MessageFact[] Transfer(FlowNode node, MessageFact[] input)
    {
        // A subflow instance hands the message to the copies of its definition's nodes, which the graph wires in.
        if (PassThrough.Contains(node.Type) || NodeTypes.SubflowDefinitionId(node.Type) is not null) return input;
        if (_endpoint is not null && ForwardedStarters.Contains(node.Type)) return input;
        // What has no output changes nothing on its way (a debug node before a complete node, a response).
        if (_flow.Nodes.TryGetValue(node, out var context) && context.OutputMode == OutputMode.None) return input;
        if (!_effects.TryGetValue(node, out var effects))
        {
            effects = node.Type switch
            {
                "change" => ChangeEffects(node),
                "template" => TargetEffects(node, "field", TemplateFact(node)),
                "json" => TargetEffects(node, "property", MessageFact.Unknown),
                _ => new List<(int, MessageFact)> { (-1, MessageFact.Unknown) },
            };
            _effects[node] = effects;
        }
        if (effects.Count == 0) return input;
        var output = (MessageFact[])input.Clone();
        foreach (var (index, fact) in effects)
        {
            if (index >= 0)
            {
                output[index] = fact;
                continue;
            }
            for (var i = 0; i < Count; i++) output[i] = MessageFact.Unknown;
        }
        return output;
    }

    /// <summary>
    /// Which tracked property a message path writes: its index for the property itself, (-1, true) when it may be
    /// any of them or a part of one (which makes that one unknown), (-1, false) when it touches none.
    /// </summary>
    private static (int Index, bool Whole) Target(string pathText)
    {
        var path = PropertyPath.ParseMessagePath(pathText, out _);
        if (path is null || path.Parts.Count == 0) return (-1, false);
        var first = path.Parts[0];
        if (first.Key is null) return first.Nested is null ? (-1, false) : (-2, false);
        var index = System.Array.IndexOf(Names, first.Key);
        if (index < 0) return (-1, false);
        return (index, path.Parts.Count == 1);
    }

    /// <summary>The effect of writing a fact to a message path.</summary>
    private static void Write(List<(int, MessageFact)> effects, string pathText, MessageFact fact)
    {
        var (index, whole) = Target(pathText);
        if (index == -2) effects.Add((-1, MessageFact.Unknown));
        else if (index >= 0) effects.Add((index, whole ? fact : MessageFact.Unknown));
    }

    private static List<(int, MessageFact)> TargetEffects(FlowNode node, string property, MessageFact fact)
    {
        var effects = new List<(int, MessageFact)>();
        var text = node.Json[property] is JsonStringSyntax { Value.Length: > 0 } s ? s.Value : "payload";
        Write(effects, text, fact);
        return effects;
    }

    /// <summary>
    /// A template's output: a non-empty text when the template writes literal text (mustache output, not parsed
    /// as JSON), or an object or array when it is parsed as JSON and starts with { or [; otherwise unknown.
    /// </summary>
    private static MessageFact TemplateFact(FlowNode node)
    {
        if (node.Json["template"] is not JsonStringSyntax template || ConfigText.EnvName(template.Value) is not null) return MessageFact.Unknown;
        var output = node.Json["output"] is JsonStringSyntax { Value.Length: > 0 } o ? o.Value : "str";
        var mustache = (node.Json["syntax"] is JsonStringSyntax { Value.Length: > 0 } s ? s.Value : "mustache") == "mustache";
        if (output == "json")
        {
            var first = template.Value.TrimStart();
            return first.StartsWith("{", System.StringComparison.Ordinal) || first.StartsWith("[", System.StringComparison.Ordinal)
                ? new MessageFact(FactKind.NonEmptyText, node, "json", template.Value, template, null)
                : MessageFact.Unknown;
        }
        if (!mustache) return template.Value.Length > 0 ? new MessageFact(FactKind.NonEmptyText, node, "str", template.Value, template, null) : MessageFact.Unknown;
        var nodes = MustacheParser.Parse(template.Value, out _);
        if (nodes is null) return MessageFact.Unknown;
        foreach (var part in nodes)
        {
            if (part is MustacheText { Text.Length: > 0 }) return new MessageFact(FactKind.NonEmptyText, node, "str", template.Value, template, null);
        }
        return MessageFact.Unknown;
    }

    /// <summary>A change node's rules in order: constants set, deletes make absent, everything else unknown.</summary>
    private static List<(int, MessageFact)> ChangeEffects(FlowNode node)
    {
        var effects = new List<(int, MessageFact)>();
        foreach (var rule in ChangeRules(node))
        {
            switch (rule.T)
            {
                case "set":
                    Write(effects, rule.P, Constant(node, rule));
                    break;
                case "delete":
                    Write(effects, rule.P, MessageFact.Absent);
                    break;
                case "move":
                    Write(effects, rule.P, MessageFact.Unknown);
                    Write(effects, rule.To, MessageFact.Unknown);
                    break;
                default:
                    Write(effects, rule.P, MessageFact.Unknown);
                    break;
            }
        }
        return effects;
    }

    /// <summary>The value a set rule writes, when it is a constant of the flow file.</summary>
    private static MessageFact Constant(FlowNode node, ChangeRule rule)
    {
        if (rule.Tot is not ("str" or "num" or "bool" or "json" or "bin") || ConfigText.EnvName(rule.To) is not null) return MessageFact.Unknown;
        JsonSyntax? json = null;
        if (rule.Tot is "json" or "bin")
        {
            json = JsonParser.Parse(rule.To, out _);
            if (json is null) return MessageFact.Unknown;
        }
        return new MessageFact(FactKind.Constant, node, rule.Tot, rule.To, rule.ToSyntax ?? node.Json, json);
    }

    private sealed class ChangeRule
    {
        public string T = "";
        public string P = "";
        public string To = "";
        public JsonSyntax? ToSyntax;
        public string Tot = "str";
    }

    /// <summary>A change node's rules as ChangeCompiler reads them (the form before rules existed included).</summary>
    private static IEnumerable<ChangeRule> ChangeRules(FlowNode node)
    {
        var json = node.Json;
        if (json["rules"] is JsonArraySyntax array)
        {
            foreach (var item in array.Items)
            {
                if (item is not JsonObjectSyntax obj) continue;
                var tot = (obj["tot"] as JsonStringSyntax)?.Value;
                yield return Migrated(new ChangeRule
                {
                    T = (obj["t"] as JsonStringSyntax)?.Value ?? "",
                    P = TypedValueEmitter.ValueText(obj["p"]) ?? "",
                    To = TypedValueEmitter.ValueText(obj["to"]) ?? "",
                    ToSyntax = obj["to"],
                    Tot = string.IsNullOrEmpty(tot) ? "str" : tot!,
                }, hasTot: !string.IsNullOrEmpty(tot));
            }
        }
        else if (json["rules"] is null or JsonNullSyntax)
        {
            var action = (json["action"] as JsonStringSyntax)?.Value ?? "";
            yield return Migrated(new ChangeRule
            {
                T = action == "replace" ? "set" : action,
                P = TypedValueEmitter.ValueText(json["property"]) ?? "",
                To = TypedValueEmitter.ValueText(json["to"]) ?? "",
                ToSyntax = json["to"],
            }, hasTot: false);
        }
    }

    /// <summary>A set rule without tot whose value starts with "msg." copies that message property.</summary>
    private static ChangeRule Migrated(ChangeRule rule, bool hasTot)
    {
        if (rule.T == "set" && !hasTot && rule.To.StartsWith("msg.", System.StringComparison.Ordinal))
        {
            rule.To = rule.To.Substring(4);
            rule.Tot = "msg";
        }
        return rule;
    }
}
