using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using FlowGen.Compiler.Binding;
using FlowGen.Compiler.Checks;
using FlowGen.Compiler.Emit;
using FlowGen.Compiler.Helpers;
using FlowGen.Compiler.Json;
using FlowGen.Compiler.Model;

namespace FlowGen.Compiler.OpenApi;

/// <summary>
/// Completes the endpoints of a lowered flow file with their OpenAPI side: the responses a bound endpoint's operation
/// declares (the run-time guard's table) and, when the project has no document, the responses each flow can
/// produce (for the document FlowGen generates): the http response nodes its messages reach, with the status and
/// content type each sends where the build knows them, else "default".
/// </summary>
public static class ResponseContractInference
{
    public static IReadOnlyList<EndpointInfo> Describe(LoweredFlow flow, ApiDocument? document)
    {
        if (flow.Endpoints.Count == 0) return flow.Endpoints;
        var result = new List<EndpointInfo>(flow.Endpoints.Count);
        foreach (var endpoint in flow.Endpoints)
        {
            var node = flow.Graph.Nodes.First(n => n.Id == endpoint.NodeId && n.Type == NodeTypes.HttpIn);
            if (flow.Nodes[node].Operation is { } operation)
            {
                result.Add(endpoint with { OperationId = operation.OperationId, Contract = ResponseContract.Of(operation) });
                continue;
            }
            var operationId = OperationBinder.ExplicitOperationId(node.Json)?.Id ?? (IsIdentifier(endpoint.NodeName) ? endpoint.NodeName : null);
            if (document is not null)
            {
                result.Add(endpoint with { OperationId = operationId });
                continue;
            }
            result.Add(endpoint with { OperationId = operationId, Produces = Produces(flow, MessageFacts.ComputeFrom(flow, node)) });
        }
        return result;
    }

    /// <summary>A name a client generator can use as is: a letter or '_', then letters, digits, '_' or '-'.</summary>
    public static bool IsIdentifier(string name) =>
        name.Length > 0 && (char.IsLetter(name[0]) || name[0] == '_') && name.All(c => c < 128 && (char.IsLetterOrDigit(c) || c is '_' or '-'));

    /// <param name="facts">The facts of one endpoint's requests at every node they reach.</param>
    private static EquatableArray<ProducedResponse> Produces(LoweredFlow flow, IReadOnlyDictionary<FlowNode, List<MessageFact[]>> facts)
    {
        var responses = new SortedDictionary<string, SortedSet<string>>(System.StringComparer.Ordinal);
        var elsewhere = false;
        foreach (var reached in facts)
        {
            var node = reached.Key;
            // A path that leaves the file may be answered by another file's nodes.
            if (node.Type == FlowRouting.LinkOut)
            {
                flow.Routing.LinkTargets(node, out var external);
                elsewhere |= external;
            }
            elsewhere |= node.Type == FlowRouting.LinkCall && FlowRouting.IsDynamic(node);
            if (node.Type != NodeTypes.HttpResponse) continue;
            foreach (var variant in reached.Value)
            {
                if (Response(node, variant) is not { } response) continue;
                if (!responses.TryGetValue(response.Key, out var content)) responses[response.Key] = content = new SortedSet<string>(System.StringComparer.Ordinal);
                if (response.ContentType is not null) content.Add(response.ContentType);
            }
        }
        if (responses.Count == 0 || elsewhere)
        {
            if (!responses.ContainsKey("default")) responses["default"] = new SortedSet<string>(System.StringComparer.Ordinal) { "*/*" };
        }
        // Statuses in order, "default" last ("d" sorts after digits).
        return responses.Select(r => new ProducedResponse(r.Key, r.Value.ToEquatableArray())).ToEquatableArray();
    }

    /// <summary>
    /// The status key and content type one kind of message arriving at an http response node makes it send: node
    /// status, else msg.statusCode (parseInt, 200 when absent or not a number); the content type the node or
    /// msg.headers sets, else the one Express picks for the payload's type; "default" and "*/*" where only run
    /// time knows. Null when the node would fail rather than answer (a boolean payload).
    /// </summary>
    private static (string Key, string? ContentType)? Response(FlowNode node, MessageFact[] facts)
    {
        // The node's own status (no value when an environment variable sets it), else msg.statusCode's.
        var status = NodeRules.NodeStatus(node) is { } own ? own.Value : MessageStatus(facts[MessageFacts.StatusCode]);
        var key = status is { } s && s >= 100 && s <= 599 ? ((int)s).ToString(CultureInfo.InvariantCulture) : "default";
        // Express sends no body with 204 and 304.
        if (status is 204 or 304) return (key, null);

        var payload = facts[MessageFacts.Payload];
        var kind = PayloadKind(payload);
        if (kind == Kind.Boolean) return null;
        if (kind == Kind.None) return (key, null);
        var declared = NodeContentType(node) ?? HeaderContentType(facts[MessageFacts.Headers]);
        if (declared is not null) return (key, Essence(declared));
        return (key, kind switch
        {
            Kind.Text => "text/html",
            Kind.Json => "application/json",
            Kind.Bytes => "application/octet-stream",
            _ => "*/*",
        });
    }

    private enum Kind
    {
        None,
        Text,
        Json,
        Bytes,
        Boolean,
        Unknown,
    }

    /// <summary>What res.send gets: nothing, a string or number (text), an object, array or null (JSON), a buffer.</summary>
    private static Kind PayloadKind(MessageFact payload)
    {
        switch (payload.Kind)
        {
            case FactKind.Absent:
                return Kind.None;
            case FactKind.NonEmptyText:
                return payload.Type == "json" ? Kind.Json : Kind.Text;
            case FactKind.Constant:
                return payload.Type switch
                {
                    "str" or "num" => Kind.Text,
                    "bool" => Kind.Boolean,
                    "bin" => Kind.Bytes,
                    "json" => payload.Json switch
                    {
                        JsonStringSyntax or JsonNumberSyntax => Kind.Text,
                        JsonBooleanSyntax => Kind.Boolean,
                        null => Kind.Unknown,
                        _ => Kind.Json,
                    },
                    _ => Kind.Unknown,
                };
            default:
                return Kind.Unknown;
        }
    }

    /// <summary>parseInt(msg.statusCode) || 200 for a known value; null when it is only known at run time.</summary>
    private static double? MessageStatus(MessageFact status)
    {
        string text;
        switch (status.Kind)
        {
            case FactKind.Absent:
                return 200;
            case FactKind.Constant when status.Type is "str" or "num" or "bool":
                text = status.Text;
                break;
            case FactKind.Constant when status.Type == "json" && status.Json is { } json:
                text = MessageValues.ToJsString(json);
                break;
            default:
                return null;
        }
        var parsed = JsNumbers.ParseInt(text);
        return double.IsNaN(parsed) || parsed == 0 ? 200 : parsed;
    }

    /// <summary>The content-type header the node sets, when it is a constant of the flow file (the last spelling wins, as the runtime's header merge does).</summary>
    private static string? NodeContentType(FlowNode node)
    {
        if (node.Json["headers"] is not JsonObjectSyntax headers) return null;
        string? found = null;
        foreach (var header in headers.Properties)
        {
            if (string.Equals(header.Name, "content-type", System.StringComparison.OrdinalIgnoreCase)) found = header.Value is JsonStringSyntax s && ConfigText.EnvName(s.Value) is null ? s.Value : null;
        }
        return found;
    }

    /// <summary>The content-type a constant msg.headers object sets (the last spelling wins), else null.</summary>
    private static string? HeaderContentType(MessageFact headers)
    {
        if (headers.Kind != FactKind.Constant || headers.Json is not JsonObjectSyntax obj) return null;
        string? found = null;
        foreach (var property in MessageValues.Properties(obj))
        {
            if (string.Equals(property.Name, "content-type", System.StringComparison.OrdinalIgnoreCase) && property.Value is JsonStringSyntax s) found = s.Value;
        }
        return found;
    }

    /// <summary>"Text/HTML; charset=utf-8" -> "text/html".</summary>
    private static string Essence(string contentType)
    {
        var semicolon = contentType.IndexOf(';');
        return (semicolon >= 0 ? contentType.Substring(0, semicolon) : contentType).Trim().ToLowerInvariant();
    }
}
