using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using FlowGen.Compiler.Binding;
using FlowGen.Compiler.Diagnostics;
using FlowGen.Compiler.Emit;
using FlowGen.Compiler.Json;
using FlowGen.Compiler.Model;
using FlowGen.Compiler.Nodes;

namespace FlowGen.Compiler.Checks;

/// <summary>
/// Every request an http in node receives must be answered by one http response. Copies of a message (several wires
/// on an output, a switch that checks all rules) answer for each other: one copy reaching a response is enough, and
/// two copies reaching responses answer twice. Exclusive outcomes (each output of a switch that stops at the first
/// match, a node's errors) must each be answered on their own.
/// </summary>
internal static class PathRules
{
    /// <summary>Node types that start flows by themselves, so no http in needs to reach them.</summary>
    private static readonly HashSet<string> Starters = new() { NodeTypes.HttpIn, "catch", "link in", "status", "complete", "inject" };

    public static void Run(LoweredFlow flow, List<DiagnosticInfo> diagnostics)
    {
        var graph = flow.Graph;
        var reached = new HashSet<FlowNode>();
        var reported = new HashSet<string>();
        void Report(string key, Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor, SourceLocation location, params string[] arguments)
        {
            if (reported.Add(descriptor.Id + "|" + key)) diagnostics.Add(DiagnosticInfo.Create(descriptor, location, arguments));
        }

        foreach (var node in graph.Nodes)
        {
            if (node.Type != NodeTypes.HttpIn || !flow.Nodes.TryGetValue(node, out var context) || context.Route is not { } route) continue;
            var request = $"{route.Method.ToUpperInvariant()} {route.Url}";
            var walker = new Walker(flow, request, Report);
            var outcome = walker.Visit(node);
            reached.UnionWith(walker.Visited);

            if (!walker.Visited.Any(n => n.Type == NodeTypes.HttpResponse))
            {
                // A loop with no exit already says why nothing answers: one diagnostic for one mistake.
                if (!walker.FoundDeadLoop) Report(node.Id, FlowDiagnostics.HttpInWithoutResponse, node.Syntax.Location, node.Syntax.DisplayName, request);
                continue;
            }
            foreach (var (end, reason) in outcome.Ends)
            {
                Report(end.Id + "|" + reason, FlowDiagnostics.PathWithoutResponse, end.Syntax.Location, request, end.Syntax.DisplayName, reason);
            }
            if (outcome.Kind == OutcomeKind.Loop)
            {
                Report(outcome.LoopTarget!.Id, FlowDiagnostics.LoopWithoutExit, outcome.LoopTarget.Syntax.Location, request, outcome.LoopTarget.Syntax.DisplayName);
            }
        }

        foreach (var node in graph.Nodes)
        {
            CheckTabs(graph, node, diagnostics);
            if (reached.Contains(node) || Starters.Contains(node.Type)) continue;
            diagnostics.Add(node.Type == NodeTypes.HttpResponse
                ? DiagnosticInfo.Create(FlowDiagnostics.UnreachableResponse, node.Syntax.Location, node.Syntax.DisplayName)
                : DiagnosticInfo.Create(FlowDiagnostics.UnreachableNode, node.Syntax.Location, node.Syntax.DisplayName));
        }
    }

    /// <summary>Node-RED delivers nothing over a wire to another tab.</summary>
    private static void CheckTabs(FlowGraph graph, FlowNode node, List<DiagnosticInfo> diagnostics)
    {
        if (node.Json["wires"] is not JsonArraySyntax ports) return;
        foreach (var wire in ports.Items.OfType<JsonArraySyntax>().SelectMany(p => p.Items).OfType<JsonStringSyntax>())
        {
            var target = node.Outputs.SelectMany(t => t).FirstOrDefault(t => t.Id == wire.Value);
            if (target is not null && target.Syntax.Z != node.Syntax.Z)
            {
                diagnostics.Add(DiagnosticInfo.Create(FlowDiagnostics.WireAcrossTabs, graph.Locate(wire.Span), node.Syntax.DisplayName, target.Syntax.DisplayName));
            }
        }
    }

    private enum OutcomeKind
    {
        Answered,
        Unanswered,

        /// <summary>The only way on leads back into the path being walked.</summary>
        Loop,
    }

    /// <summary>What can become of one message (with its copies) from a node on.</summary>
    private sealed class Outcome
    {
        public OutcomeKind Kind;

        /// <summary>Where a path ends without an answer, and why.</summary>
        public List<(FlowNode Node, string Reason)> Ends = new();

        /// <summary>The http response nodes that one message and its copies reach together.</summary>
        public List<FlowNode> Responses = new();

        public FlowNode? LoopTarget;

        /// <summary>Unanswered because of a loop with no exit, already reported as such.</summary>
        public bool Dead;

        /// <summary>Computed while a loop was open: valid only on this walk.</summary>
        public bool TouchedLoop;
    }

    private sealed class Walker
    {
        private readonly LoweredFlow _flow;
        private readonly string _request;
        private readonly System.Action<string, Microsoft.CodeAnalysis.DiagnosticDescriptor, SourceLocation, string[]> _report;
        private readonly HashSet<FlowNode> _onPath = new();
        private readonly Dictionary<FlowNode, Outcome> _done = new();

        public Walker(LoweredFlow flow, string request, System.Action<string, Microsoft.CodeAnalysis.DiagnosticDescriptor, SourceLocation, string[]> report)
        {
            _flow = flow;
            _request = request;
            _report = report;
        }

        public HashSet<FlowNode> Visited { get; } = new();

        /// <summary>The walk found a loop with no way out (and reported it).</summary>
        public bool FoundDeadLoop { get; private set; }

        public Outcome Visit(FlowNode node)
        {
            Visited.Add(node);
            if (node.Type == NodeTypes.HttpResponse) return new Outcome { Kind = OutcomeKind.Answered, Responses = { node } };
            if (_onPath.Contains(node)) return new Outcome { Kind = OutcomeKind.Loop, LoopTarget = node, TouchedLoop = true };
            if (_done.TryGetValue(node, out var known)) return known;

            _onPath.Add(node);
            var outcome = Exclusive(Outcomes(node));
            _onPath.Remove(node);
            if (outcome.Kind == OutcomeKind.Loop && outcome.LoopTarget == node)
            {
                // The cycle closes here and nothing on it leads anywhere else: messages go round for ever.
                _report(node.Id, FlowDiagnostics.LoopWithoutExit, node.Syntax.Location, new[] { _request, node.Syntax.DisplayName });
                FoundDeadLoop = true;
                outcome = new Outcome { Kind = OutcomeKind.Unanswered, Dead = true };
            }
            if (!outcome.TouchedLoop) _done[node] = outcome;
            return outcome;
        }

        /// <summary>The separate things that can happen to a message at this node; each must be answered.</summary>
        private IEnumerable<Outcome> Outcomes(FlowNode node)
        {
            if (!_flow.Nodes.TryGetValue(node, out var context))
            {
                yield return End(node, "FlowGen does not compile this node");
                yield break;
            }
            switch (context.OutputMode)
            {
                case OutputMode.None:
                    yield return End(node, node.Type == "debug" ? "a debug node only logs the message" : "the node has no outputs");
                    break;
                case OutputMode.Always:
                    var targets = node.Outputs.SelectMany(t => t).ToList();
                    yield return targets.Count == 0 ? End(node, "the node has no outgoing wire") : Copies(node, targets.Select(t => (0, t)).ToList(), null);
                    break;
                case OutputMode.Flags when context.OutputsAreExclusive:
                    for (var port = 0; port < OutputCount(node); port++)
                    {
                        var portTargets = port < node.Outputs.Count ? node.Outputs[port] : new List<FlowNode>();
                        yield return portTargets.Count == 0
                            ? End(node, $"its output {(port + 1).ToString(CultureInfo.InvariantCulture)} is not wired")
                            : Copies(node, portTargets.Select(t => (port, t)).ToList(), null);
                    }
                    break;
                case OutputMode.Flags:
                    var all = node.Outputs.SelectMany((t, port) => t.Select(target => (port, target))).ToList();
                    yield return all.Count == 0 ? End(node, "none of its outputs is wired") : Copies(node, all, context.ExclusivePorts);
                    break;
            }
            if (context.OutputMode == OutputMode.Flags && context.CanFireNothing)
            {
                _report(node.Id, FlowDiagnostics.SwitchCanMatchNothing, node.Syntax.Location, new[] { node.Syntax.DisplayName, _request });
            }
            if (context.RaisesErrors) yield return End(node, "its errors are not handled by a catch node");
        }

        /// <summary>How many outputs the node has: its wires, or more when the editor recorded unwired outputs.</summary>
        private static int OutputCount(FlowNode node) =>
            System.Math.Max(node.Outputs.Count, node.Json["outputs"] is JsonNumberSyntax n ? (int)n.Value : 0);

        private static Outcome End(FlowNode node, string reason) =>
            new() { Kind = OutcomeKind.Unanswered, Ends = { (node, reason) } };

        /// <summary>Copies of one message: one answering copy answers for all; two answering copies answer twice.</summary>
        private Outcome Copies(FlowNode from, List<(int Port, FlowNode Target)> targets, HashSet<(int, int)>? exclusive)
        {
            var visited = targets.Select(t => (t.Port, Outcome: Visit(t.Target))).ToList();
            var outcomes = visited.Select(v => v.Outcome).ToList();
            var result = new Outcome { TouchedLoop = outcomes.Any(o => o.TouchedLoop) };
            var answering = visited.Where(v => v.Outcome.Responses.Count > 0).ToList();
            result.Responses = answering.Take(1).SelectMany(v => v.Outcome.Responses).ToList();
            // Two copies that can travel together and both reach a response answer the request twice.
            var twice = answering.SelectMany((a, i) => answering.Skip(i + 1).Select(b => (a, b)))
                .FirstOrDefault(p => exclusive is null || !(exclusive.Contains((p.a.Port, p.b.Port)) || exclusive.Contains((p.b.Port, p.a.Port))));
            if (twice.a.Outcome is not null)
            {
                _report(from.Id, FlowDiagnostics.TwoResponses, from.Syntax.Location,
                    new[] { from.Syntax.DisplayName, twice.a.Outcome.Responses[0].Syntax.DisplayName, twice.b.Outcome.Responses[0].Syntax.DisplayName });
            }
            // Upstream nodes see one answer from here, so one duplication is reported once, where it arises.
            if (outcomes.Any(o => o.Kind == OutcomeKind.Answered))
            {
                result.Kind = OutcomeKind.Answered;
            }
            else if (outcomes.FirstOrDefault(o => o.Kind == OutcomeKind.Loop) is { } loop)
            {
                result.Kind = OutcomeKind.Loop;
                result.LoopTarget = loop.LoopTarget;
            }
            else
            {
                result.Kind = OutcomeKind.Unanswered;
                result.Ends = outcomes.SelectMany(o => o.Ends).ToList();
                result.Dead = outcomes.Any(o => o.Dead);
            }
            return result;
        }

        /// <summary>Exclusive outcomes: each must be answered; a branch that loops back is answered by the others.</summary>
        private static Outcome Exclusive(IEnumerable<Outcome> all)
        {
            var outcomes = all.ToList();
            var result = new Outcome
            {
                TouchedLoop = outcomes.Any(o => o.TouchedLoop),
                Responses = outcomes.OrderByDescending(o => o.Responses.Count).FirstOrDefault()?.Responses ?? new List<FlowNode>(),
                Ends = outcomes.SelectMany(o => o.Ends).ToList(),
                Dead = outcomes.Any(o => o.Dead),
            };
            if (result.Ends.Count > 0 || result.Dead) result.Kind = OutcomeKind.Unanswered;
            else if (outcomes.Any(o => o.Kind == OutcomeKind.Answered)) result.Kind = OutcomeKind.Answered;
            else
            {
                result.Kind = OutcomeKind.Loop;
                result.LoopTarget = outcomes.FirstOrDefault(o => o.LoopTarget is not null)?.LoopTarget;
            }
            return result;
        }
    }
}
