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
/// match, a node's errors) must each be answered on their own; a node's errors are answered by the catch nodes in its
/// scope when their paths reach a response. Links are followed like wires: a link out to its link in nodes, a link
/// call into its subroutine and, from the link out that returns, on along the link call's outputs. A link to a link in
/// node of another flow file cannot be followed here (each file is checked on its own) and counts as answered.
/// </summary>
internal static class PathRules
{
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

            if (!walker.External && !walker.Visited.Any(n => n.Type == NodeTypes.HttpResponse))
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

        // Status paths run beside the request without answering it: what they lead to is reached, never required.
        foreach (var node in graph.Nodes.Where(n => n.Type == FlowRouting.Status && reached.Contains(n)).ToList())
        {
            reached.Remove(node);
            Mark(flow, node, reached);
        }

        // A link in no request of this file reaches may be called from another file: what it leads to runs then.
        foreach (var node in graph.Nodes)
        {
            if (node.Type == FlowRouting.LinkIn && !reached.Contains(node)) Mark(flow, node, reached);
        }

        foreach (var node in graph.Nodes)
        {
            CheckTabs(graph, node, diagnostics);
            if (reached.Contains(node) || node.Type == NodeTypes.HttpIn || NodeTypes.PathStarters.Contains(node.Type)) continue;
            diagnostics.Add(node.Type == NodeTypes.HttpResponse
                ? DiagnosticInfo.Create(FlowDiagnostics.UnreachableResponse, node.Syntax.Location, node.Syntax.DisplayName)
                : DiagnosticInfo.Create(FlowDiagnostics.UnreachableNode, node.Syntax.Location, node.Syntax.DisplayName));
        }
    }

    /// <summary>Adds every node a message from <paramref name="start"/> can reach (wires, errors, links) to <paramref name="reached"/>.</summary>
    private static void Mark(LoweredFlow flow, FlowNode start, HashSet<FlowNode> reached)
    {
        var stack = new Stack<FlowNode>();
        stack.Push(start);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (!reached.Add(node)) continue;
            foreach (var next in Next(flow, node)) stack.Push(next);
        }
    }

    /// <summary>Where a message at the node can go next: its wires, its errors' catch nodes, its links.</summary>
    private static IEnumerable<FlowNode> Next(LoweredFlow flow, FlowNode node)
    {
        foreach (var target in node.Outputs.SelectMany(t => t)) yield return target;
        if (flow.Nodes.TryGetValue(node, out var context) && (context.CanFail || context.RaisesErrors || context.ReportsErrors))
        {
            foreach (var handler in flow.Routing.CatchesOf(node)) yield return handler;
        }
        foreach (var target in flow.Routing.LinkTargets(node, out _)) yield return target;
        if (flow.Routing.CallTarget(node) is { } called) yield return called;
        foreach (var complete in flow.Routing.CompletesOf(node)) yield return complete;
        foreach (var status in StatusTargets(flow, node)) yield return status;
    }

    /// <summary>The status nodes that hear of a node that reports status.</summary>
    private static IReadOnlyList<FlowNode> StatusTargets(LoweredFlow flow, FlowNode node) =>
        flow.Fields.StatusReporters.Contains(node) ? flow.Routing.StatusNodesOf(node) : new List<FlowNode>();

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
        private readonly HashSet<(FlowNode, string)> _onPath = new();
        private readonly Dictionary<(FlowNode, string), Outcome> _done = new();

        /// <summary>The link calls whose subroutines the walk is in, innermost last: where a return continues.</summary>
        private readonly List<FlowNode> _calls = new();

        private readonly HashSet<FlowNode> _responsesWalked = new();

        public Walker(LoweredFlow flow, string request, System.Action<string, Microsoft.CodeAnalysis.DiagnosticDescriptor, SourceLocation, string[]> report)
        {
            _flow = flow;
            _request = request;
            _report = report;
        }

        public HashSet<FlowNode> Visited { get; } = new();

        /// <summary>The walk followed a link to another flow file, which it cannot see.</summary>
        public bool External { get; private set; }

        /// <summary>The walk found a loop with no way out (and reported it).</summary>
        public bool FoundDeadLoop { get; private set; }

        public Outcome Visit(FlowNode node)
        {
            Visited.Add(node);
            if (node.Type == NodeTypes.HttpResponse)
            {
                // Its own errors (a refused payload or status) reach the catch nodes in scope.
                if (_responsesWalked.Add(node) && _flow.Nodes.TryGetValue(node, out var response)) _ = Errors(node, response, null).ToList();
                return new Outcome { Kind = OutcomeKind.Answered, Responses = { node } };
            }
            // Inside a subroutine a node leads elsewhere than outside: where its return goes depends on the callers.
            var key = (node, string.Join(",", _calls.Select(c => c.Id)));
            if (_onPath.Contains(key)) return new Outcome { Kind = OutcomeKind.Loop, LoopTarget = node, TouchedLoop = true };
            if (_done.TryGetValue(key, out var known)) return known;

            _onPath.Add(key);
            var outcome = Exclusive(Outcomes(node));
            _onPath.Remove(key);
            if (outcome.Kind == OutcomeKind.Loop && outcome.LoopTarget == node)
            {
                // The cycle closes here and nothing on it leads anywhere else: messages go round for ever.
                _report(node.Id, FlowDiagnostics.LoopWithoutExit, node.Syntax.Location, new[] { _request, node.Syntax.DisplayName });
                FoundDeadLoop = true;
                outcome = new Outcome { Kind = OutcomeKind.Unanswered, Dead = true };
            }
            if (!outcome.TouchedLoop) _done[key] = outcome;
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
            var completes = _flow.Routing.CompletesOf(node);
            foreach (var status in StatusTargets(_flow, node)) Visited.Add(status);
            switch (node.Type)
            {
                case FlowRouting.LinkOut:
                    yield return LinkOut(node);
                    yield break;
                case FlowRouting.LinkCall:
                    yield return LinkCall(node);
                    foreach (var error in Errors(node, context, null)) yield return error;
                    yield break;
            }
            // What becomes of the message on the outputs, for a node whose errors also go on along them.
            Outcome? output = null;
            switch (context.OutputMode)
            {
                case OutputMode.None when completes.Count > 0:
                case OutputMode.Always:
                    // A complete node in scope gets a copy of the message when the node is done: copies of one message.
                    var targets = node.Outputs.SelectMany(t => t).Concat(completes).ToList();
                    yield return targets.Count == 0 ? End(node, "the node has no outgoing wire") : Copies(node, targets.Select(t => (0, t)).ToList(), null);
                    break;
                case OutputMode.None:
                    yield return End(node, node.Type == "debug" ? "a debug node only logs the message" : "the node has no outputs");
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
                    output = all.Count == 0 ? End(node, "none of its outputs is wired") : Copies(node, all, context.ExclusivePorts);
                    yield return output;
                    break;
            }
            if (context.OutputMode == OutputMode.Flags && context.CanFireNothing)
            {
                _report(node.Id, FlowDiagnostics.SwitchCanMatchNothing, node.Syntax.Location, new[] { node.Syntax.DisplayName, _request });
            }
            foreach (var error in Errors(node, context, output)) yield return error;
        }

        /// <summary>
        /// A node's errors: an outcome of their own when the node raises them in normal operation (answered by the
        /// catch nodes in scope, copies of one message); otherwise their catch paths are walked only so that what
        /// they reach counts as reached. When the node's errors also go on along its outputs (<paramref name="output"/>
        /// is what becomes of the message there), a catch path and the output path that both certainly answer answer
        /// one failed request twice.
        /// </summary>
        private IEnumerable<Outcome> Errors(FlowNode node, NodeLoweringContext context, Outcome? output)
        {
            var catches = _flow.Routing.CatchesOf(node);
            if (context.RaisesErrors)
            {
                yield return catches.Count == 0
                    ? End(node, "its errors are not handled by a catch node")
                    : Copies(node, catches.Select(c => (0, c)).ToList(), null);
            }
            else if (context.ErrorsContinueOnOutput && output is not null && catches.Count > 0)
            {
                var caught = Copies(node, catches.Select(c => (0, c)).ToList(), null);
                // Only when both paths answer whatever the message holds: an output path that checks the status
                // code and answers elsewhere (or not at all) for a failure may never meet the catch path's answer.
                if (CertainlyAnswered(output) && CertainlyAnswered(caught))
                {
                    _report(node.Id, FlowDiagnostics.TwoResponses, node.Syntax.Location,
                        new[] { node.Syntax.DisplayName, output.Responses[0].Syntax.DisplayName, caught.Responses[0].Syntax.DisplayName });
                }
            }
            else if (context.CanFail || context.ReportsErrors)
            {
                foreach (var handler in catches) Visit(handler);
            }
        }

        /// <summary>Every way on reaches an http response of this file (no end without one, no loop, no other file).</summary>
        private static bool CertainlyAnswered(Outcome outcome) =>
            outcome.Kind == OutcomeKind.Answered && outcome.Ends.Count == 0 && outcome.Responses.Count > 0;

        /// <summary>A link out: on to its link in nodes (copies of one message), or back to the calling link call.</summary>
        private Outcome LinkOut(FlowNode node)
        {
            if (FlowRouting.IsReturn(node))
            {
                if (_calls.Count == 0) return End(node, "a link out in return mode returns only to a link call, and no link call leads here");
                var caller = _calls[_calls.Count - 1];
                _calls.RemoveAt(_calls.Count - 1);
                try
                {
                    return Outputs(caller);
                }
                finally
                {
                    _calls.Add(caller);
                }
            }
            var targets = _flow.Routing.LinkTargets(node, out var external);
            if (external) External = true;
            if (targets.Count == 0) return external ? new Outcome { Kind = OutcomeKind.Answered } : End(node, "it links to no link in node");
            var outcome = Copies(node, targets.Select(t => (0, t)).ToList(), null);
            // A copy sent to another file may answer: what this file sees cannot be called unanswered.
            return external && outcome.Kind == OutcomeKind.Unanswered ? new Outcome { Kind = OutcomeKind.Answered, Responses = outcome.Responses, TouchedLoop = outcome.TouchedLoop } : outcome;
        }

        /// <summary>A link call: into its subroutine, whose return continues on the link call's outputs.</summary>
        private Outcome LinkCall(FlowNode node)
        {
            var target = _flow.Routing.CallTarget(node);
            if (target is null)
            {
                // A dynamic target, or one in another file: assume it returns.
                if (!FlowRouting.IsDynamic(node)) External = true;
                return Outputs(node);
            }
            // A subroutine that calls itself again: its outcome is the one being worked out.
            if (_calls.Contains(node)) return Outputs(node);
            _calls.Add(node);
            try
            {
                return Visit(target);
            }
            finally
            {
                _calls.RemoveAt(_calls.Count - 1);
            }
        }

        /// <summary>Every wired output of the node, as copies of one message.</summary>
        private Outcome Outputs(FlowNode node)
        {
            var targets = node.Outputs.SelectMany(t => t).ToList();
            return targets.Count == 0 ? End(node, "the node has no outgoing wire") : Copies(node, targets.Select(t => (0, t)).ToList(), null);
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
