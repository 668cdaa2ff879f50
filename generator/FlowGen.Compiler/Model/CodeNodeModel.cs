using FlowGen.Compiler.Diagnostics;
using FlowGen.Compiler.Helpers;

namespace FlowGen.Compiler.Model;

/// <summary>
/// A C# code node as the flow file describes it, for the pipeline branch that binds it to the user's method with the
/// compilation. Equatable, so the branch reruns only when the compilation or these facts change.
/// </summary>
/// <param name="NodeId">The node's id at run time (inside a subflow instance, "&lt;instance&gt;-&lt;inner&gt;").</param>
/// <param name="NodeName">How diagnostics name the node.</param>
/// <param name="CallClass">The nested class of the flow class that the node's generated code calls.</param>
/// <param name="Emitted">The node is part of an endpoint that is compiled, so its call class must be generated.</param>
/// <param name="Method">"Namespace.Type.Method" as written in the node.</param>
/// <param name="MethodLocation">The "method" value in the flow file, where binding errors are reported.</param>
/// <param name="Property">The message property that receives the return value.</param>
/// <param name="Arguments">Parameters bound from message properties other than their own name.</param>
public sealed record CodeNodeRequest(
    string NodeId,
    string NodeName,
    string CallClass,
    bool Emitted,
    string Method,
    SourceLocation MethodLocation,
    string Property,
    EquatableArray<CodeArgument> Arguments);

/// <summary>An "arguments" entry of a C# code node: the parameter, the message property, and where the entry is.</summary>
public sealed record CodeArgument(string Parameter, string Path, SourceLocation Location);

/// <summary>The code nodes of one flow file: what the code-node branch of the generator receives.</summary>
public sealed record CodeNodeFile(string Path, string HintName, string ClassName, EquatableArray<CodeNodeRequest> Nodes);

/// <summary>What the code-node branch produced for one flow file.</summary>
public sealed record CodeNodeOutput(string HintName, string? Source, EquatableArray<DiagnosticInfo> Diagnostics);
