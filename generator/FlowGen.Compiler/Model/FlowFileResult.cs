using FlowGen.Compiler.Diagnostics;
using FlowGen.Compiler.Helpers;

namespace FlowGen.Compiler.Model;

/// <summary>An endpoint a flow file contributes: one http in node.</summary>
/// <param name="OperationId">
/// The operationId that describes it: its OpenAPI operation's, else the one its node names, else its node name when
/// that is an identifier; null when none.
/// </param>
/// <param name="Contract">The responses its OpenAPI operation declares, which the run-time guard checks; null when unbound.</param>
/// <param name="Produces">The responses its flow can produce, for the OpenAPI document generated when the project has none.</param>
public sealed record EndpointInfo(
    string NodeId,
    string NodeName,
    string Method,
    string Url,
    string RouteTemplate,
    string ClassName,
    string HandlerName,
    SourceLocation Location,
    string DisplayLocation,
    string? OperationId = null,
    OpenApi.ResponseContract? Contract = null,
    EquatableArray<OpenApi.ProducedResponse> Produces = default);

/// <summary>A node id and where it is, for project-wide uniqueness.</summary>
public sealed record NodeIdInfo(string Id, SourceLocation Location);

/// <summary>What a link node is, for the project-wide link table.</summary>
public enum LinkKind
{
    In,
    Out,
    Call,
    DynamicCall,
}

/// <summary>A node id a link node names, and where, for diagnostics at the link.</summary>
public sealed record LinkReference(string Id, SourceLocation Location);

/// <summary>
/// A link node of a flow file, for the project-wide link table: a link in (its name, tab, and the method that
/// receives messages when it compiled), a link out in link mode (the ids it names), or a link call (its static target).
/// </summary>
public sealed record LinkInfo(
    LinkKind Kind,
    string Id,
    string Name,
    string Tab,
    string ClassName,
    string MethodName,
    bool Compiled,
    EquatableArray<LinkReference> Links,
    SourceLocation Location,
    bool InSubflow = false);

/// <summary>
/// What compiling one flow file produced. Immutable and equatable, so the incremental generator caches it:
/// an edit to one file recomputes only that file's result.
/// </summary>
public sealed record FlowFileResult(
    string Path,
    string HintName,
    string ClassName,
    string? Source,
    EquatableArray<DiagnosticInfo> Diagnostics,
    EquatableArray<EndpointInfo> Endpoints,
    EquatableArray<NodeIdInfo> NodeIds,
    EquatableArray<CodeNodeRequest> CodeNodes = default,
    EquatableArray<LinkInfo> Links = default);
