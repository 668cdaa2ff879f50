using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using FlowGen.Compiler.Binding;
using FlowGen.Compiler.Diagnostics;
using FlowGen.Compiler.Emit;
using FlowGen.Compiler.Json;
using FlowGen.Compiler.Model;
using FlowGen.Compiler.Nodes;
using FlowGen.Compiler.OpenApi;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace FlowGen.Compiler.Checks;

/// <summary>
/// API Builder's response rules at build time: what each path from an http in can answer must be what the operation
/// it implements declares: the status (exactly, by a range such as 4XX, or by default), the headers (none undeclared,
/// every required one set; content-type aside), the content type (an explicit one declared, else the one Express picks
/// for the payload, else one the document leaves no doubt about), and the body (none where no content is declared, one
/// where it is, and a constant that matches the schema). The facts come from <see cref="MessageFacts.ComputeFrom"/>:
/// per http in, so two endpoints sharing a response are each checked against their own operation.
/// </summary>
internal static class ContractRules
{
    /// <summary>What FlowGen answers by itself to a request body it cannot read, before the flow runs (HttpInNode).</summary>
    private static readonly int[] BodyRejections = { 400, 413, 415 };

    private const string ContentType = "content-type";

    public static void Run(LoweredFlow flow, List<DiagnosticInfo> diagnostics)
    {
        var graph = flow.Graph;
        var reported = new HashSet<DiagnosticInfo>();
        void Report(DiagnosticDescriptor descriptor, SourceLocation location, params string[] arguments)
        {
            var diagnostic = DiagnosticInfo.Create(descriptor, location, arguments);
            if (reported.Add(diagnostic)) diagnostics.Add(diagnostic);
        }

        foreach (var node in graph.Nodes)
        {
            if (node.Type != NodeTypes.HttpIn || !flow.Nodes.TryGetValue(node, out var context)
                || context.Route is not { } route || context.Operation is not { } operation || context.Contract is not { } document) continue;
            var endpoint = new Endpoint(flow, document, operation, Report);
            endpoint.CheckAutomaticAnswers(node, route);

            var facts = MessageFacts.ComputeFrom(flow, node);
            foreach (var response in graph.Nodes)
            {
                if (response.Type != NodeTypes.HttpResponse || !flow.Nodes.ContainsKey(response) || !facts.TryGetValue(response, out var arriving)) continue;
                foreach (var variant in arriving) endpoint.CheckAnswer(response, variant);
            }
        }
    }

    /// <summary>The declared response that answers a status: the exact one, else its range, else default (OpenAPI's precedence).</summary>
    public static ApiResponse? Match(ApiOperation operation, int status) =>
        operation.Responses.FirstOrDefault(r => !r.IsRange && !r.IsDefault && r.Covers(status))
        ?? operation.Responses.FirstOrDefault(r => r.IsRange && r.Covers(status))
        ?? operation.Responses.FirstOrDefault(r => r.IsDefault);

    /// <summary>"200, 404, 4XX, default", for messages.</summary>
    public static string ResponseKeys(ApiOperation operation) =>
        operation.Responses.Count == 0 ? "none" : string.Join(", ", operation.Responses.Select(r => r.Key));

    /// <summary>A media type without parameters, in lower case: "Application/JSON; charset=utf-8" -> "application/json".</summary>
    public static string MediaType(string contentType)
    {
        var semicolon = contentType.IndexOf(';');
        return (semicolon >= 0 ? contentType.Substring(0, semicolon) : contentType).Trim().ToLowerInvariant();
    }

    /// <summary>application/json and the structured syntax suffix +json (application/problem+json).</summary>
    public static bool IsJson(string mediaType)
    {
        var media = MediaType(mediaType);
        return media == "application/json" || media.EndsWith("+json", System.StringComparison.Ordinal);
    }

    /// <summary>The declared media type a content type is sent as: the same one, else a declared range ("text/*", "*/*").</summary>
    public static ApiMediaType? Declared(ApiResponse response, string contentType)
    {
        var media = MediaType(contentType);
        var slash = media.IndexOf('/');
        var range = slash > 0 ? media.Substring(0, slash) + "/*" : media;
        return response.Content.FirstOrDefault(m => MediaType(m.Name) == media)
            ?? response.Content.FirstOrDefault(m => MediaType(m.Name) == range)
            ?? response.Content.FirstOrDefault(m => MediaType(m.Name) == "*/*");
    }

    private static string MediaTypes(ApiResponse response) =>
        response.Content.Count == 1 ? "only " + response.Content[0].Name : string.Join(", ", response.Content.Select(m => m.Name));

    /// <summary>What a payload is when it reaches a response, as far as the build knows.</summary>
    private enum BodyKind
    {
        /// <summary>msg.payload is not set: no body.</summary>
        None,

        /// <summary>An empty string or buffer: an empty body.</summary>
        Empty,

        /// <summary>An object, an array or null: JSON (Express's res.json).</summary>
        Json,

        /// <summary>A string: sent as it is.</summary>
        Text,

        /// <summary>A number: sent as its decimal text.</summary>
        Number,

        /// <summary>A buffer: sent as its bytes.</summary>
        Bytes,

        /// <summary>A boolean, which the response refuses (FLOW214).</summary>
        Boolean,

        Unknown,
    }

    private static BodyKind KindOf(MessageFact payload) => payload.Kind switch
    {
        FactKind.Absent => BodyKind.None,
        FactKind.NonEmptyText => payload.Type == "json" ? BodyKind.Json : BodyKind.Text,
        FactKind.Constant when NodeRules.IsBoolean(payload) => BodyKind.Boolean,
        FactKind.Constant when !NodeRules.HasBody(payload) => BodyKind.Empty,
        FactKind.Constant => payload.Type switch
        {
            "str" => BodyKind.Text,
            "num" => BodyKind.Number,
            "bin" => BodyKind.Bytes,
            _ => payload.Json switch
            {
                JsonStringSyntax => BodyKind.Text,
                JsonNumberSyntax => BodyKind.Number,
                _ => BodyKind.Json,
            },
        },
        _ => BodyKind.Unknown,
    };

    /// <summary>The content type Node-RED's response (Express) sends for a payload when the flow sets none.</summary>
    private static string ExpressContentType(BodyKind kind) => kind switch
    {
        BodyKind.Json => "application/json",
        BodyKind.Bytes => "application/octet-stream",
        _ => "text/html",
    };

    private static string Describe(BodyKind kind, MessageFact payload) => kind switch
    {
        BodyKind.Json => payload.Json is JsonSyntax json ? ContractSchemas.Describe(json) : payload.Text.TrimStart().StartsWith("[", System.StringComparison.Ordinal) ? "an array" : "an object",
        BodyKind.Text => "a string",
        BodyKind.Number => "a number",
        _ => "bytes",
    };

    /// <summary>Where a known payload comes from, for messages: the node that set it, or the request's query.</summary>
    private static string Source(MessageFact payload) => payload.Node!.Type == NodeTypes.HttpIn
        ? $"the query of the GET request http in '{payload.Node.Syntax.DisplayName}' received"
        : $"set by node '{payload.Node.Syntax.DisplayName}'";

    /// <summary>A response header a path sets: its name and value (null when known only at run time), and who sets it where.</summary>
    private sealed class SentHeader
    {
        public SentHeader(string name, string? value, SourceLocation nameAt, SourceLocation valueAt, string setter)
        {
            Name = name;
            Value = value;
            NameAt = nameAt;
            ValueAt = valueAt;
            Setter = setter;
        }

        public string Name { get; }

        public string? Value { get; }

        public SourceLocation NameAt { get; }

        public SourceLocation ValueAt { get; }

        public string Setter { get; }
    }

    /// <summary>The checks of one http in's paths against the operation it implements.</summary>
    private sealed class Endpoint
    {
        private readonly LoweredFlow _flow;
        private readonly ApiDocument _document;
        private readonly ApiOperation _operation;
        private readonly System.Action<DiagnosticDescriptor, SourceLocation, string[]> _report;

        public Endpoint(LoweredFlow flow, ApiDocument document, ApiOperation operation, System.Action<DiagnosticDescriptor, SourceLocation, string[]> report)
        {
            _flow = flow;
            _document = document;
            _operation = operation;
            _report = report;
        }

        private string Operation => _operation.DisplayName;

        private SourceLocation Locate(TextSpan span) => _flow.Graph.Locate(span);

        /// <summary>
        /// FlowGen answers a body it cannot read with 400, 413 or 415 before the flow runs. Worth declaring for an
        /// operation that takes a body; a suggestion only, as API Builder's users asked for softer enforcement. The
        /// automatic 500 (an error nothing handles) is not reported: it is the answer to a bug, not to a request.
        /// </summary>
        public void CheckAutomaticAnswers(FlowNode httpIn, HttpRoute route)
        {
            if (_operation.RequestBody is null || route.Method == "get" || httpIn.Json["skipBodyParsing"] is JsonBooleanSyntax { Value: true }) return;
            var missing = BodyRejections.Where(status => Match(_operation, status) is null).Select(s => s.ToString(CultureInfo.InvariantCulture)).ToList();
            if (missing.Count == 0) return;
            _report(FlowDiagnostics.UndeclaredAutomaticStatus, httpIn.Syntax.Location, new[] { httpIn.Syntax.DisplayName, Operation, string.Join(", ", missing) });
        }

        /// <summary>One kind of message reaching an http response from this endpoint.</summary>
        public void CheckAnswer(FlowNode response, MessageFact[] facts)
        {
            var name = response.Syntax.DisplayName;
            var status = Status(response, facts);
            int? code = null;
            ApiResponse? declared;
            if (status.Value is { } value)
            {
                // A status outside 200-599 is FLOW209's: the response cannot send it at all.
                if (value < 200 || value > 599) return;
                code = (int)value;
                declared = Match(_operation, code.Value);
                if (declared is null)
                {
                    _report(FlowDiagnostics.UndeclaredStatus, status.At, new[] { name, Operation, code.Value.ToString(CultureInfo.InvariantCulture), status.How, ResponseKeys(_operation) });
                    return;
                }
            }
            else
            {
                if (!_operation.Responses.Any(r => r.IsDefault))
                {
                    _report(FlowDiagnostics.UnknownStatus, status.At, new[] { name, Operation, status.How, ResponseKeys(_operation) });
                    return;
                }
                // Any status may come; only a lone default response says what every one of them must look like.
                if (_operation.Responses.Count != 1) return;
                declared = _operation.Responses[0];
            }

            var headers = Headers(response, facts, out var headersKnown);
            CheckHeaders(response, code, declared, facts, headers, headersKnown);
            // HTTP drops the body of a 204 or 304 (FLOW210 says so): there is no content to check.
            if (code is 204 or 304) return;
            CheckBody(response, code, declared, facts[MessageFacts.Payload], headers, headersKnown);
        }

        /// <summary>
        /// The status the response sends (node.statusCode || parseInt(msg.statusCode) || 200), where it comes from,
        /// and where a diagnostic about it points; no value when it is known only at run time.
        /// </summary>
        private (double? Value, string How, SourceLocation At) Status(FlowNode response, MessageFact[] facts)
        {
            if (NodeRules.NodeStatus(response) is { } fromNode)
            {
                if (fromNode.Value is { } constant) return (constant, "the status set in the node", Locate(fromNode.At!.Span));
                if (fromNode.At is JsonStringSyntax env) return (null, $"the environment variable {ConfigText.EnvName(env.Value)}", Locate(env.Span));
            }
            var fact = facts[MessageFacts.StatusCode];
            switch (fact.Kind)
            {
                case FactKind.Absent:
                    return (200, "the default when no status is set", response.Syntax.Location);
                case FactKind.Constant when fact.Type == "bool" || fact.Json is JsonObjectSyntax:
                    // parseInt of a boolean or an object is NaN: the default.
                    return (200, $"the default, as msg.statusCode set by node '{fact.Node!.Syntax.DisplayName}' is not a number", Locate(fact.At!.Span));
                case FactKind.Constant when NodeRules.MessageStatus(fact) is { } fromMessage:
                    return (fromMessage, $"msg.statusCode set by node '{fact.Node!.Syntax.DisplayName}'", Locate(fact.At!.Span));
                default:
                    return (null, "msg.statusCode as earlier nodes leave it", response.Syntax.Location);
            }
        }

        /// <summary>
        /// The headers the response sends on this path: the node's, then msg.headers' (a constant object a change node
        /// set). <paramref name="known"/> is false when msg.headers is known only at run time (from an http request,
        /// the request, or changed in parts), so it may set any header.
        /// </summary>
        private List<SentHeader> Headers(FlowNode response, MessageFact[] facts, out bool known)
        {
            var sent = new List<SentHeader>();
            var nodeNames = new HashSet<string>();
            if (response.Json["headers"] is JsonObjectSyntax nodeHeaders)
            {
                foreach (var header in MessageValues.Properties(nodeHeaders))
                {
                    nodeNames.Add(header.Name);
                    var value = header.Value switch
                    {
                        JsonStringSyntax s when ConfigText.EnvName(s.Value) is null => s.Value,
                        JsonNumberSyntax n => JsNumbers.ToJsString(n.Value),
                        _ => null,
                    };
                    sent.Add(new SentHeader(header.Name, value, Locate(header.NameSpan), Locate(header.Value.Span), response.Syntax.DisplayName));
                }
            }
            var fact = facts[MessageFacts.Headers];
            known = fact.Kind == FactKind.Absent || (fact.Kind == FactKind.Constant && fact.Json is JsonObjectSyntax);
            if (fact is { Kind: FactKind.Constant, Json: JsonObjectSyntax messageHeaders })
            {
                var text = _flow.Graph.Text;
                foreach (var header in MessageValues.Properties(messageHeaders))
                {
                    // A msg header spelled exactly like a node header is not used.
                    if (nodeNames.Contains(header.Name)) continue;
                    var first = header.Value is JsonArraySyntax { Items.Count: > 0 } array ? array.Items[0] : header.Value;
                    sent.Add(new SentHeader(header.Name, MessageValues.ToJsString(first),
                        Locate(fact.Locate(text, new JsonStringSyntax(header.NameSpan, header.Name))), Locate(fact.Locate(text, header.Value)), fact.Node!.Syntax.DisplayName));
                }
            }
            return sent;
        }

        private void CheckHeaders(FlowNode response, int? status, ApiResponse declared, MessageFact[] facts, List<SentHeader> sent, bool known)
        {
            var name = response.Syntax.DisplayName;
            var declaredNames = declared.Headers.Count == 0 ? "none" : string.Join(", ", declared.Headers.Select(h => h.Name));
            foreach (var header in sent)
            {
                // The content type is declared as the response's media types, never as a header.
                if (string.Equals(header.Name, ContentType, System.StringComparison.OrdinalIgnoreCase)) continue;
                if (declared.Headers.Any(h => string.Equals(h.Name, header.Name, System.StringComparison.OrdinalIgnoreCase))) continue;
                _report(FlowDiagnostics.UndeclaredHeader, header.NameAt, new[] { header.Setter, header.Name, name, declared.Key, Operation, declaredNames });
            }
            if (!known) return;
            foreach (var required in declared.Headers.Where(h => h.Required))
            {
                if (string.Equals(required.Name, ContentType, System.StringComparison.OrdinalIgnoreCase)) continue;
                if (sent.Any(h => string.Equals(h.Name, required.Name, System.StringComparison.OrdinalIgnoreCase))) continue;
                // msg.cookies is sent as Set-Cookie headers.
                if (string.Equals(required.Name, "set-cookie", System.StringComparison.OrdinalIgnoreCase) && facts[MessageFacts.Cookies].Kind != FactKind.Absent) continue;
                var statusText = status is { } s ? s.ToString(CultureInfo.InvariantCulture) : "known only at run time";
                _report(FlowDiagnostics.MissingRequiredHeader, response.Syntax.Location, new[] { name, Operation, statusText, required.Name, declared.Key });
            }
        }

        private void CheckBody(FlowNode response, int? status, ApiResponse declared, MessageFact payload, List<SentHeader> headers, bool headersKnown)
        {
            var name = response.Syntax.DisplayName;
            var kind = KindOf(payload);
            // A boolean is FLOW214's: the response refuses it.
            if (kind is BodyKind.Boolean) return;
            if (declared.Content.Count == 0)
            {
                if (kind is not (BodyKind.None or BodyKind.Empty or BodyKind.Unknown))
                {
                    _report(FlowDiagnostics.UndeclaredBody, Locate(payload.At!.Span), new[] { Source(payload), name, declared.Key, Operation });
                }
                return;
            }
            var statusText = status is { } s ? s.ToString(CultureInfo.InvariantCulture) : "known only at run time";
            if (kind is BodyKind.None)
            {
                _report(FlowDiagnostics.MissingBody, response.Syntax.Location, new[] { name, Operation, statusText, "msg.payload is not set", declared.Key, MediaTypes(declared) });
                return;
            }
            if (kind is BodyKind.Empty)
            {
                _report(FlowDiagnostics.MissingBody, Locate(payload.At!.Span), new[] { name, Operation, statusText, $"node '{payload.Node!.Syntax.DisplayName}' sets msg.payload to an empty value", declared.Key, MediaTypes(declared) });
                return;
            }
            // msg.headers known only at run time may carry any content type (an upstream response's, say).
            if (!headersKnown) return;

            // The node's header and a msg header that differs from it only in case are both set; the msg's is set last.
            var explicitType = headers.LastOrDefault(h => string.Equals(h.Name, ContentType, System.StringComparison.OrdinalIgnoreCase));
            string sentAs;
            if (explicitType is not null)
            {
                if (explicitType.Value is not { } value) return;
                if (Declared(declared, value) is null)
                {
                    _report(FlowDiagnostics.UndeclaredContentType, explicitType.ValueAt, new[] { explicitType.Setter, value, name, declared.Key, Operation, MediaTypes(declared) });
                    return;
                }
                sentAs = value;
            }
            else if (kind is BodyKind.Unknown)
            {
                // API Builder's choice when the flow sets none: the only media type, else the only JSON one.
                if (declared.Content.Count == 1 || declared.Content.Count(m => IsJson(m.Name)) == 1) return;
                _report(FlowDiagnostics.AmbiguousContentType, response.Syntax.Location, new[] { name, declared.Key, Operation, MediaTypes(declared) });
                return;
            }
            else
            {
                sentAs = ExpressContentType(kind);
                if (Declared(declared, sentAs) is null)
                {
                    // What else the response node would send as a declared type by itself; otherwise only the header helps.
                    var advice = declared.Content.Any(m => IsJson(m.Name)) ? "send an object or an array (sent as application/json), or set a declared content-type header"
                        : Declared(declared, "text/html") is not null ? "send a string (sent as text/html), or set a declared content-type header"
                        : Declared(declared, "application/octet-stream") is not null ? "send a buffer (sent as application/octet-stream), or set a declared content-type header"
                        : "set the content-type header to the declared type";
                    _report(FlowDiagnostics.PayloadContentTypeNotDeclared, Locate(payload.At!.Span),
                        new[] { Source(payload), Describe(kind, payload), name, sentAs, declared.Key, Operation, MediaTypes(declared), advice });
                    return;
                }
            }
            if (kind is BodyKind.Unknown) return;
            CheckSchema(declared, Declared(declared, sentAs)!, sentAs, kind, payload);
        }

        /// <summary>A constant payload against the schema of a JSON media type (API Builder validates JSON bodies only).</summary>
        private void CheckSchema(ApiResponse declared, ApiMediaType media, string sentAs, BodyKind kind, MessageFact payload)
        {
            if (!IsJson(sentAs) || media.Schema < 0) return;
            var text = _flow.Graph.Text;
            const string path = "msg.payload";
            string? problem = null;
            var at = payload.At!.Span;
            if (payload.Kind == FactKind.NonEmptyText)
            {
                // A template parsed as JSON, or a GET request's query: its kind is known, its content only at run time.
                problem = ContractSchemas.CheckType(_document, media.Schema, kind == BodyKind.Json && payload.Text.TrimStart().StartsWith("[", System.StringComparison.Ordinal) ? "array" : "object", path);
            }
            else
            {
                var value = kind switch
                {
                    // A string goes out as it is: with a JSON content type, the body is its text.
                    BodyKind.Text when payload.Type == "str" => JsonParser.Parse(payload.Text, out _),
                    BodyKind.Text => payload.Json is JsonStringSyntax s ? JsonParser.Parse(s.Value, out _) : null,
                    BodyKind.Number when payload.Type == "num" => Number(payload.Text),
                    // A buffer goes out as its bytes, whatever the content type says.
                    BodyKind.Bytes => null,
                    _ => payload.Json,
                };
                if (value is null)
                {
                    problem = kind == BodyKind.Text ? $"{path} is a string that is not JSON, and the response sends it as it is" : null;
                }
                else if (ContractSchemas.Check(_document, media.Schema, value, path) is { } broken)
                {
                    problem = broken.Problem;
                    // Inside a string the parts of a JSON constant are located; a json string's own text is not the file's.
                    if (payload.Type != "json" || kind != BodyKind.Text) at = payload.Locate(text, broken.At);
                }
            }
            if (problem is null) return;
            _report(FlowDiagnostics.PayloadAgainstSchema, Locate(at), new[] { Source(payload), declared.Key, media.Name, Operation, problem });
        }

        /// <summary>A num constant as a JSON number spanning the constant's text; null when it is not finite (not JSON).</summary>
        private static JsonSyntax? Number(string text)
        {
            var value = JsNumbers.ToNumber(text);
            return double.IsNaN(value) || double.IsInfinity(value) ? null : new JsonNumberSyntax(new TextSpan(0, text.Length), text, value);
        }
    }
}
