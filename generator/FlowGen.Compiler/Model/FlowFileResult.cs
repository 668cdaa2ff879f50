using FlowGen.Compiler.Diagnostics;
using FlowGen.Compiler.Helpers;

namespace FlowGen.Compiler.Model;

/// <summary>An endpoint a flow file contributes: one http in node.</summary>
public sealed record EndpointInfo(
    string NodeId,
    string NodeName,
    string Method,
    string Url,
    string RouteTemplate,
    string ClassName,
    string HandlerName,
    SourceLocation Location,
    string DisplayLocation);

/// <summary>A node id and where it is, for project-wide uniqueness.</summary>
public sealed record NodeIdInfo(string Id, SourceLocation Location);

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
    EquatableArray<CodeNodeRequest> CodeNodes = default);
