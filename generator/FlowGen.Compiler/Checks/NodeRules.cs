using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using FlowGen.Compiler.Binding;
using FlowGen.Compiler.Diagnostics;
using FlowGen.Compiler.Emit;
using FlowGen.Compiler.Json;
using FlowGen.Compiler.Model;
using FlowGen.Compiler.Nodes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace FlowGen.Compiler.Checks;

/// <summary>
/// What an http response would do with constant values: a status Node.js refuses or HTTP cannot answer with, a body
/// a 204 or 304 drops, a header or cookie the response refuses, a boolean payload it cannot send. The values come
/// from the response node itself and from change nodes, followed to the response by <see cref="MessageFacts"/>.
/// </summary>
internal static class NodeRules
{
    public static void Run(LoweredFlow flow, List<DiagnosticInfo> diagnostics)
    {
        var graph = flow.Graph;
        var reported = new HashSet<(string, TextSpan)>();
        void Report(DiagnosticDescriptor descriptor, TextSpan span, params string[] arguments)
        {
            if (reported.Add((descriptor.Id, span))) diagnostics.Add(DiagnosticInfo.Create(descriptor, graph.Locate(span), arguments));
        }

        IReadOnlyDictionary<FlowNode, List<MessageFact[]>>? facts = null;
        foreach (var node in graph.Nodes)
        {
            if (node.Type != NodeTypes.HttpResponse || !flow.Nodes.ContainsKey(node)) continue;
            CheckNodeHeaders(node, Report);
            var status = NodeStatus(node);
            if (status is { } s && s.Value is { } value) CheckStatus(node, node, value, s.At!, Report);

            facts ??= MessageFacts.Compute(flow);
            if (!facts.TryGetValue(node, out var arriving)) continue;
            foreach (var variant in arriving) CheckMessage(graph.Text, node, status, variant, Report);
        }
    }

    /// <summary>
    /// The node's own status as HttpResponseCompiler folds it: null when it defers to msg.statusCode, a value when it
    /// is a constant, (no value) when it comes from the environment.
    /// </summary>
    internal static (double? Value, JsonSyntax? At)? NodeStatus(FlowNode node)
    {
        switch (node.Json["statusCode"])
        {
            case JsonStringSyntax s when ConfigText.EnvName(s.Value) is not null:
                return (null, s);
            case JsonStringSyntax s:
                var parsed = JsNumbers.ParseInt(s.Value);
                return double.IsNaN(parsed) || parsed == 0 ? null : (parsed, s);
            case JsonNumberSyntax n:
                var truncated = System.Math.Truncate(n.Value);
                return truncated == 0 || double.IsNaN(truncated) ? null : (truncated, n);
            default:
                return null;
        }
    }

    private static void CheckStatus(FlowNode setter, FlowNode response, double status, JsonSyntax at, System.Action<DiagnosticDescriptor, TextSpan, string[]> report)
    {
        string? problem = null;
        if (status < 100 || status > 999 || double.IsNaN(status)) problem = "Node-RED fails the response with ERR_HTTP_INVALID_STATUS_CODE and never answers";
        else if (status < 200) problem = "a 1xx status is informational and cannot answer a request";
        else if (status > 599) problem = "HTTP status codes end at 599, so clients cannot interpret it";
        if (problem is null) return;
        report(FlowDiagnostics.InvalidStatusCode, at.Span, new[] { setter.Syntax.DisplayName, JsNumbers.ToJsString(status), response.Syntax.DisplayName, problem });
    }

    /// <summary>The status msg.statusCode gives (parseInt, numbers truncated), when the fact is a constant it can be read from.</summary>
    internal static double? MessageStatus(MessageFact fact)
    {
        if (fact.Kind != FactKind.Constant) return null;
        double parsed;
        switch (fact.Type)
        {
            case "num":
                parsed = System.Math.Truncate(JsNumbers.ToNumber(fact.Text));
                break;
            case "str":
                parsed = JsNumbers.ParseInt(fact.Text);
                break;
            case "json" when fact.Json is JsonNumberSyntax n:
                parsed = System.Math.Truncate(n.Value);
                break;
            case "json" when fact.Json is JsonObjectSyntax:
                return null;
            case "json":
                parsed = JsNumbers.ParseInt(MessageValues.ToJsString(fact.Json!));
                break;
            default:
                return null;
        }
        return double.IsNaN(parsed) || parsed == 0 ? 200 : parsed;
    }

    private static void CheckNodeHeaders(FlowNode node, System.Action<DiagnosticDescriptor, TextSpan, string[]> report)
    {
        if (node.Json["headers"] is not JsonObjectSyntax headers) return;
        foreach (var header in headers.Properties)
        {
            if (!HttpSyntax.IsToken(header.Name))
            {
                report(FlowDiagnostics.InvalidHeaderName, header.NameSpan, new[] { node.Syntax.DisplayName, header.Name });
            }
            if (header.Value is JsonStringSyntax s && ConfigText.EnvName(s.Value) is null && MessageValues.InvalidHeaderCharacter(s.Value) is var bad and >= 0)
            {
                report(FlowDiagnostics.InvalidHeaderValue, s.Span, new[] { node.Syntax.DisplayName, header.Name, MessageValues.DescribeCharacter(s.Value[bad]) });
            }
        }
    }

    /// <summary>The constants a message carries into the response.</summary>
    private static void CheckMessage(SourceText text, FlowNode response, (double? Value, JsonSyntax? At)? nodeStatus, MessageFact[] facts, System.Action<DiagnosticDescriptor, TextSpan, string[]> report)
    {
        var name = response.Syntax.DisplayName;

        // The node's status wins; msg.statusCode counts only when the node has none.
        double? status = null;
        if (nodeStatus is { } fromNode) status = fromNode.Value;
        else
        {
            var statusFact = facts[MessageFacts.StatusCode];
            status = statusFact.Kind == FactKind.Absent ? 200 : MessageStatus(statusFact);
            if (statusFact.Kind == FactKind.Constant && status is { } fromMessage)
            {
                CheckStatus(statusFact.Node!, response, fromMessage, statusFact.At!, report);
            }
        }

        var payload = facts[MessageFacts.Payload];
        if (IsBoolean(payload))
        {
            var value = payload.Type == "bool"
                ? (string.Equals(payload.Text, "true", System.StringComparison.OrdinalIgnoreCase) ? "true" : "false")
                : ((JsonBooleanSyntax)payload.Json!).Value ? "true" : "false";
            report(FlowDiagnostics.BooleanPayload, payload.At!.Span, new[] { payload.Node!.Syntax.DisplayName, value, name });
        }
        else if (status is 204 or 304 && HasBody(payload))
        {
            report(FlowDiagnostics.BodyWithoutContent, payload.At!.Span,
                new[] { payload.Node!.Syntax.DisplayName, name, ((int)status.Value).ToString(CultureInfo.InvariantCulture) });
        }

        var headers = facts[MessageFacts.Headers];
        if (headers is { Kind: FactKind.Constant, Json: JsonObjectSyntax headerObject } && headers.Type == "json")
        {
            var nodeHeaders = response.Json["headers"] is JsonObjectSyntax h ? new HashSet<string>(h.Properties.Select(p => p.Name)) : new HashSet<string>();
            foreach (var header in MessageValues.Properties(headerObject))
            {
                // A msg header spelled exactly like a node header is not used.
                if (nodeHeaders.Contains(header.Name)) continue;
                var setter = headers.Node!.Syntax.DisplayName;
                if (!HttpSyntax.IsToken(header.Name))
                {
                    report(FlowDiagnostics.InvalidHeaderName, headers.Locate(text, new JsonStringSyntax(header.NameSpan, header.Name)), new[] { setter, header.Name });
                }
                var values = header.Value is JsonArraySyntax array ? array.Items : new[] { header.Value };
                foreach (var value in values)
                {
                    var valueText = MessageValues.ToJsString(value);
                    if (MessageValues.InvalidHeaderCharacter(valueText) is var bad and >= 0)
                    {
                        report(FlowDiagnostics.InvalidHeaderValue, headers.Locate(text, value), new[] { setter, header.Name, MessageValues.DescribeCharacter(valueText[bad]) });
                        break;
                    }
                }
            }
        }

        var cookies = facts[MessageFacts.Cookies];
        if (cookies is { Kind: FactKind.Constant, Json: JsonObjectSyntax cookieObject } && cookies.Type == "json")
        {
            foreach (var (cookie, at, problem) in MessageCookies.Check(cookieObject))
            {
                report(FlowDiagnostics.InvalidCookie, cookies.Locate(text, at), new[] { cookies.Node!.Syntax.DisplayName, cookie, problem });
            }
        }
    }

    internal static bool IsBoolean(MessageFact fact) =>
        fact.Kind == FactKind.Constant && (fact.Type == "bool" || (fact.Type == "json" && fact.Json is JsonBooleanSyntax));

    /// <summary>Whether the response would write a non-empty body for the payload, were the status to allow one.</summary>
    internal static bool HasBody(MessageFact fact) => fact.Kind switch
    {
        FactKind.NonEmptyText => true,
        FactKind.Constant => fact.Type switch
        {
            "str" => fact.Text.Length > 0,
            "num" => true,
            "json" => fact.Json is not JsonStringSyntax { Value.Length: 0 },
            "bin" => fact.Json is JsonArraySyntax { Items.Count: > 0 } || fact.Json is JsonStringSyntax { Value.Length: > 0 },
            _ => false,
        },
        _ => false,
    };
}
