using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace FlowGen.Compiler.Diagnostics;

/// <summary>
/// The diagnostics catalogue: every FlowGen diagnostic is defined here once and used by the generator and the analyzers.
/// IDs group by hundreds: 000 reading, 100 graph and paths, 200 nodes and properties, 300 OpenAPI contract,
/// 400 user code binding, 900 internal. Each ID has a section in docs/diagnostics.md.
/// </summary>
public static class FlowDiagnostics
{
    public const string HelpLinkBase = "https://github.com/flowgen/flowgen/blob/main/docs/diagnostics.md#";

    private const string Reading = "FlowGen.Reading";
    private const string Graph = "FlowGen.Graph";
    private const string Nodes = "FlowGen.Nodes";
    private const string Code = "FlowGen.Code";
    private const string Contract = "FlowGen.Contract";
    private const string Internal = "FlowGen.Internal";

    /// <summary>
    /// Every RULE descriptor: what <see cref="FlowFileCompiler.Check"/> can report (paths, wiring, constant values),
    /// as opposed to what blocks emission (reading, binding, lowering), which only the generator reports.
    /// The analyzer declares exactly these (plus FLOW900) as its supported diagnostics, and the generator's safety net
    /// reads them when analyzers are off.
    /// ADD EVERY NEW RULE DESCRIPTOR HERE, in <see cref="RuleList.All"/> below; a test fails on a descriptor that is
    /// in neither this list nor the blocking list of the catalogue test.
    /// </summary>
    public static ImmutableArray<DiagnosticDescriptor> Rules => RuleList.All;

    // A nested class, so the list is built after every descriptor field of FlowDiagnostics is initialized,
    // wherever in this file new descriptors are declared.
    private static class RuleList
    {
        public static readonly ImmutableArray<DiagnosticDescriptor> All = ImmutableArray.Create(
            PathWithoutResponse,
            SwitchCanMatchNothing,
            TwoResponses,
            UnreachableResponse,
            HttpInWithoutResponse,
            LoopWithoutExit,
            WireAcrossTabs,
            UnreachableNode,
            InvalidStatusCode,
            BodyWithoutContent,
            InvalidHeaderName,
            InvalidHeaderValue,
            InvalidCookie,
            BooleanPayload,
            // OpenAPI contract: binding (FLOW310-313) and responses (FLOW314-324).
            HttpInWithoutOperation,
            UnknownOperationId,
            OperationWithoutFlow,
            OperationOfAnotherRoute,
            UndeclaredStatus,
            UnknownStatus,
            UndeclaredAutomaticStatus,
            UndeclaredHeader,
            MissingRequiredHeader,
            UndeclaredContentType,
            AmbiguousContentType,
            PayloadContentTypeNotDeclared,
            UndeclaredBody,
            MissingBody,
            PayloadAgainstSchema
            // New rules: append here.
        );
    }

    public static readonly DiagnosticDescriptor MalformedJson = Error(
        "FLOW001", Reading, "Malformed flow file",
        "The flow file is not valid JSON: {0}");

    public static readonly DiagnosticDescriptor NotAFlowExport = Error(
        "FLOW002", Reading, "Not a Node-RED flow export",
        "A flow file must be a JSON array of nodes or an object with a \"flows\" array, as the Node-RED editor exports it; found {0}");

    public static readonly DiagnosticDescriptor MalformedNode = Error(
        "FLOW003", Reading, "Malformed node",
        "{0}");

    public static readonly DiagnosticDescriptor UnknownWireTarget = Error(
        "FLOW101", Graph, "Wire to an unknown node",
        "Node '{0}' is wired to '{1}', which is not a node of this project; remove the wire or add the node");

    public static readonly DiagnosticDescriptor DuplicateNodeId = Error(
        "FLOW102", Graph, "Duplicate node id",
        "Node id '{0}' is also used in {1}; node ids are project-wide, as in one Node-RED instance: give one of them a new id");

    public static readonly DiagnosticDescriptor DuplicateRoute = Error(
        "FLOW103", Graph, "Two flows claim the same route",
        "'{0} {1}' is also handled by node '{2}' in {3}; only one http in node may answer a method and route");

    public static readonly DiagnosticDescriptor PathWithoutResponse = Error(
        "FLOW104", Graph, "A request can end without a response",
        "A request to {0} can end at node '{1}' without a response: {2}; wire that path to an http response (Node-RED would leave the client waiting; FlowGen answers 500)");

    public static readonly DiagnosticDescriptor SwitchCanMatchNothing = Warning(
        "FLOW105", Graph, "A switch can match no rule",
        "Switch '{0}' has no otherwise rule after its last rule: a request to {1} that matches none ends here without a response; add an otherwise rule that answers, unless the rules cover every value");

    public static readonly DiagnosticDescriptor TwoResponses = Error(
        "FLOW106", Graph, "A request can be answered twice",
        "Node '{0}' sends copies of one request's message to two http response nodes ('{1}' and '{2}'): only the first answer is sent and the second is a run-time error; answer each request once and end the other copies elsewhere (e.g. a debug node)");

    public static readonly DiagnosticDescriptor UnreachableResponse = Warning(
        "FLOW107", Graph, "An http response no request reaches",
        "http response '{0}' is reached from no http in node, so it never answers anything; wire it after the flow it belongs to, or remove it");

    public static readonly DiagnosticDescriptor HttpInWithoutResponse = Error(
        "FLOW108", Graph, "An http in node with no response",
        "http in '{0}' ({1}) reaches no http response node: every request would get FlowGen's automatic 500 (Node-RED would leave it waiting); wire the flow to an http response");

    public static readonly DiagnosticDescriptor LoopWithoutExit = Error(
        "FLOW109", Graph, "A loop with no way out",
        "A request to {0} loops back to node '{1}' with no way out to an http response; give the loop an exit that answers");

    public static readonly DiagnosticDescriptor WireAcrossTabs = Error(
        "FLOW110", Graph, "A wire to a node on another tab",
        "Node '{0}' is wired to '{1}', which is on another tab; Node-RED delivers nothing across tabs: use link nodes, or move the node");

    public static readonly DiagnosticDescriptor UnreachableNode = Warning(
        "FLOW111", Graph, "A node no request reaches",
        "Node '{0}' is reached from no http in node, so it never runs; wire it into a flow or remove it");

    public static readonly DiagnosticDescriptor NodeWithoutPosition = Warning(
        "FLOW113", Graph, "Flow node without a position",
        "{0} has no position (\"x\" and \"y\"): Node-RED takes a node without one for a configuration node and never runs it, and so does FlowGen; give it \"x\" and \"y\" (the editor always writes them)");

    public static readonly DiagnosticDescriptor UnknownLinkTarget = Error(
        "FLOW112", Graph, "Link to an unknown link in node",
        "{0} '{1}' links to '{2}', which is no link in node of this project; Node-RED would drop the message (a link call fails with \"target link-in node not found\"): link it to an existing link in node");

    public static readonly DiagnosticDescriptor UnknownNodeType = Error(
        "FLOW201", Nodes, "Unknown node type",
        "Node '{0}' has type '{1}', which FlowGen does not know; Node-RED would refuse to start every flow");

    public static readonly DiagnosticDescriptor UnsupportedNodeType = Error(
        "FLOW202", Nodes, "Node type not supported",
        "Node '{0}' has type '{1}', which FlowGen does not compile yet; {2}");

    public static readonly DiagnosticDescriptor FunctionNode = Error(
        "FLOW203", Nodes, "JavaScript function nodes cannot be compiled",
        "Node '{0}' is a JavaScript function node, which FlowGen cannot compile; call a C# method with a \"csharp\" node (see docs/nodes.md), or express the logic with change, switch and template nodes");

    public static readonly DiagnosticDescriptor UnsupportedTypedInput = Error(
        "FLOW204", Nodes, "Unsupported typed input",
        "Node '{0}': {1} has type '{2}', which FlowGen does not support here; supported: {3}");

    public static readonly DiagnosticDescriptor InvalidProperty = Error(
        "FLOW205", Nodes, "Invalid node property",
        "Node '{0}': {1}");

    public static readonly DiagnosticDescriptor InvalidHttpIn = Error(
        "FLOW206", Nodes, "Invalid http in node",
        "http in node '{0}': {1}");

    public static readonly DiagnosticDescriptor InvalidRegex = Error(
        "FLOW207", Nodes, "Invalid regular expression",
        "Node '{0}': the regular expression is invalid: {1}");

    public static readonly DiagnosticDescriptor InvalidTemplate = Error(
        "FLOW208", Nodes, "Invalid mustache template",
        "Node '{0}': the template is invalid: {1}");

    public static readonly DiagnosticDescriptor InvalidStatusCode = Error(
        "FLOW209", Nodes, "Invalid response status code",
        "Node '{0}' sets the status {1} for http response '{2}': {3}; use a status code from 200 to 599");

    public static readonly DiagnosticDescriptor BodyWithoutContent = Warning(
        "FLOW210", Nodes, "A body on a 204 or 304 response",
        "Node '{0}' sets a body in msg.payload, but http response '{1}' answers with status {2}, which has no body, so HTTP drops it; delete msg.payload on that path, or answer with a status that carries a body, such as 200");

    public static readonly DiagnosticDescriptor InvalidHeaderName = Error(
        "FLOW211", Nodes, "Invalid response header name",
        "Node '{0}' sets the response header \"{1}\", whose name is not an HTTP token: the response fails with ERR_INVALID_HTTP_TOKEN; use only letters, digits and !#$%&'*+-.^_`|~ in header names");

    public static readonly DiagnosticDescriptor InvalidHeaderValue = Error(
        "FLOW212", Nodes, "Invalid response header value",
        "Node '{0}' sets the response header '{1}' to a value with {2}: the response fails with ERR_INVALID_CHAR; remove that character (for several values use an array, not line breaks)");

    public static readonly DiagnosticDescriptor InvalidCookie = Error(
        "FLOW213", Nodes, "Invalid response cookie",
        "Node '{0}' sets the cookie '{1}' in msg.cookies, which the response refuses with a flow error: {2}");

    public static readonly DiagnosticDescriptor BooleanPayload = Warning(
        "FLOW214", Nodes, "A boolean payload reaches an http response",
        "Node '{0}' sets msg.payload to the boolean {1}, which http response '{2}' cannot send: at run time that is a flow error, as in Node-RED; send a string or an object instead");

    public static readonly DiagnosticDescriptor CodeMethodNotFound = Error(
        "FLOW401", Code, "C# method not found",
        "Node '{0}': the C# method '{1}' was not found: {2}; name it as \"Namespace.Type.Method\" and check the project compiles it");

    public static readonly DiagnosticDescriptor UnsupportedCodeSignature = Error(
        "FLOW402", Code, "C# method cannot be called from a flow",
        "Node '{0}': the C# method '{1}' cannot be called from a flow: {2}");

    public static readonly DiagnosticDescriptor AmbiguousCodeMethod = Error(
        "FLOW403", Code, "C# method has overloads",
        "Node '{0}': the C# method '{1}' has {2} overloads, and a csharp node calls one method; give the one the flow calls its own name");

    // The OpenAPI document: reading it (FLOW301–FLOW309). Reported by the generator, at the place in the document.

    public static readonly DiagnosticDescriptor MalformedOpenApi = Error(
        "FLOW301", Contract, "Malformed OpenAPI document",
        "The OpenAPI document is not valid {0}: {1}");

    public static readonly DiagnosticDescriptor SeveralOpenApiDocuments = Error(
        "FLOW302", Contract, "More than one OpenAPI document",
        "The project has more than one OpenAPI document ({0} is used); a FlowGen app serves one contract: merge them or exclude this one from FlowGenOpenApiFiles");

    public static readonly DiagnosticDescriptor NotOpenApi3 = Error(
        "FLOW303", Contract, "Not an OpenAPI 3.0 or 3.1 document",
        "FlowGen reads OpenAPI 3.0 and 3.1 documents: {0}");

    public static readonly DiagnosticDescriptor InvalidOpenApi = Error(
        "FLOW304", Contract, "Invalid OpenAPI document",
        "{0}");

    public static readonly DiagnosticDescriptor UnresolvedReference = Error(
        "FLOW305", Contract, "Unresolved $ref",
        "The reference '{0}' cannot be resolved: {1}");

    public static readonly DiagnosticDescriptor SchemaKeywordNotEnforced = Warning(
        "FLOW306", Contract, "Schema keyword not enforced",
        "The schema keyword '{0}' is not enforced by FlowGen: requests are not checked against it");

    public static readonly DiagnosticDescriptor InternalError = Error(
        "FLOW900", Internal, "FlowGen internal error",
        "FlowGen failed on this file: {0}; please report it with the flow file");

    public static readonly DiagnosticDescriptor FlowErrorsWithAnalyzersOff = Error(
        "FLOW901", Internal, "Flow has errors (analyzers are off)",
        "Flow file {0} has errors, the first at {1}: {2}: {3}; build with analyzers on to see them all (RunAnalyzers=false or RunAnalyzersDuringBuild=false switched them off)");

    // ---------------------------------------------------------------- FLOW310-FLOW329: the OpenAPI contract
    // Binding: which operation of the project's OpenAPI document each http in node implements. Responses: what each
    // path from an http in can answer, against the operation it implements (API Builder's response rules, at build
    // time). Every message names the operation (ApiOperation.DisplayName) and the declaration it breaks.

    public static readonly DiagnosticDescriptor HttpInWithoutOperation = Warning(
        "FLOW310", Contract, "An http in node implements no operation of the OpenAPI document",
        "http in '{0}' ({1}) implements no operation of the OpenAPI document {2}: it has no {3} operation on a path like this one, so the endpoint is undocumented and unchecked; add the operation to the document, or name the operation the node implements with an operationId field (or an 'operationId: <id>' line in the node's description)");

    public static readonly DiagnosticDescriptor UnknownOperationId = Error(
        "FLOW311", Contract, "An http in node names an operation the OpenAPI document does not have",
        "http in '{0}' names the operation '{1}', which the OpenAPI document {2} does not have; {3}");

    public static readonly DiagnosticDescriptor OperationWithoutFlow = Warning(
        "FLOW312", Contract, "An OpenAPI operation with no flow",
        "Operation {0} has no flow: no http in node of the project implements it, so requests for it find no endpoint (404, or 405 when another method of its path has one); add an http in node with its method and path (or naming its operationId), or remove the operation from the document");

    public static readonly DiagnosticDescriptor OperationOfAnotherRoute = Error(
        "FLOW313", Contract, "An http in node names the operation of another route",
        "http in '{0}' answers {1} but names operation {2}, which clients following the document call with another method or path; give the node the operation's method and URL, or name the operation of its own route");

    public static readonly DiagnosticDescriptor UndeclaredStatus = Error(
        "FLOW314", Contract, "A status code the operation does not declare",
        "http response '{0}' can answer operation {1} with status {2} ({3}), which the operation does not declare (its responses: {4}); declare the status in the document (or a range such as 4XX, or default), or answer with a declared status");

    public static readonly DiagnosticDescriptor UnknownStatus = Warning(
        "FLOW315", Contract, "A status code known only at run time",
        "http response '{0}' answers operation {1} with a status known only at run time ({2}), and the operation declares no default response, so it may answer with a status the document does not declare (its responses: {3}); set the status with a constant (in the response node or a change node), or declare a default response");

    public static readonly DiagnosticDescriptor UndeclaredAutomaticStatus = Suggestion(
        "FLOW316", Contract, "An automatic answer the operation does not declare",
        "http in '{0}' answers a request body it cannot read before the flow runs (400 malformed, 413 too large, 415 in a charset or encoding it cannot read), and operation {1} does not declare {2}; declare them in the document (or 4XX, or default) so clients expect them");

    public static readonly DiagnosticDescriptor UndeclaredHeader = Error(
        "FLOW317", Contract, "A response header the operation does not declare",
        "Node '{0}' sets the response header '{1}' for http response '{2}', but response {3} of operation {4} does not declare it (declared headers: {5}); declare it under the response's headers, or do not send it");

    public static readonly DiagnosticDescriptor MissingRequiredHeader = Error(
        "FLOW318", Contract, "A required response header is not set",
        "http response '{0}' answers operation {1} with status {2} without the header '{3}', which response {4} declares required; set it in the response node's headers or in msg.headers on this path");

    public static readonly DiagnosticDescriptor UndeclaredContentType = Error(
        "FLOW319", Contract, "A content type the response does not declare",
        "Node '{0}' sets the content-type '{1}' for http response '{2}', but response {3} of operation {4} declares {5}; send one of the declared media types");

    public static readonly DiagnosticDescriptor AmbiguousContentType = Error(
        "FLOW320", Contract, "An ambiguous response content type",
        "http response '{0}' sets no content-type and its payload's kind is known only at run time, while response {1} of operation {2} declares {3}: neither the only media type nor the only JSON one, so which the body is cannot be told; set the content-type header on this path");

    public static readonly DiagnosticDescriptor PayloadContentTypeNotDeclared = Error(
        "FLOW321", Contract, "The payload is sent with a content type the response does not declare",
        "msg.payload ({0}) is {1}, which http response '{2}' sends as {3} when no content-type is set, but response {4} of operation {5} declares {6}; {7}");

    public static readonly DiagnosticDescriptor UndeclaredBody = Error(
        "FLOW322", Contract, "A body where the operation declares none",
        "msg.payload ({0}) makes a body that http response '{1}' sends, but response {2} of operation {3} declares no content; delete msg.payload before the response (a change node's delete rule), or declare the content in the document");

    public static readonly DiagnosticDescriptor MissingBody = Error(
        "FLOW323", Contract, "No body where the operation declares one",
        "http response '{0}' answers operation {1} with status {2} and an empty body ({3}), but response {4} declares content ({5}); set msg.payload to the body on this path");

    public static readonly DiagnosticDescriptor PayloadAgainstSchema = Error(
        "FLOW324", Contract, "A payload the response schema rejects",
        "msg.payload ({0}) is a value that the schema of response {1} ({2}) of operation {3} rejects: {4}; correct the value, or the schema");

    private static DiagnosticDescriptor Suggestion(string id, string category, string title, string message) =>
        Create(id, category, title, message, DiagnosticSeverity.Info);

    // ---- OpenAPI request validation (FLOW330-FLOW339): what the generated request checks cannot compile. Reported by
    // the generator while lowering; located in the OpenAPI document.

    public static readonly DiagnosticDescriptor UntranslatableSchemaPattern = Error(
        "FLOW330", Contract, "Schema pattern FlowGen cannot compile",
        "A schema of {0} has the pattern /{1}/, which FlowGen cannot compile into the request check: {2}; write the pattern in JavaScript regular expression syntax as used without flags");

    public static readonly DiagnosticDescriptor SchemaCycle = Error(
        "FLOW331", Contract, "Schema that contains itself",
        "A schema of {0} refers back to itself through {1} without descending into a property or an item, so checking a value against it would never end; break the cycle");

    public static readonly DiagnosticDescriptor ObjectParameter = Warning(
        "FLOW332", Contract, "Object parameter left unchecked",
        "The {0} parameter '{1}' of {2} is an object, which FlowGen does not read or check: the flow sees it as Node-RED gives it; declare its fields as parameters of their own to have them checked");

    private static DiagnosticDescriptor Error(string id, string category, string title, string message) =>
        Create(id, category, title, message, DiagnosticSeverity.Error);

    private static DiagnosticDescriptor Warning(string id, string category, string title, string message) =>
        Create(id, category, title, message, DiagnosticSeverity.Warning);

    private static DiagnosticDescriptor Create(string id, string category, string title, string message, DiagnosticSeverity severity) =>
        new(id, title, message, category, severity, isEnabledByDefault: true, helpLinkUri: HelpLinkBase + id.ToLowerInvariant());
}
