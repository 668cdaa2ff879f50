using System.Collections.Generic;
using System.Linq;
using System.Threading;
using FlowGen.Compiler.Binding;
using FlowGen.Compiler.Diagnostics;
using FlowGen.Compiler.Emit;
using FlowGen.Compiler.Helpers;
using FlowGen.Compiler.Model;
using FlowGen.Compiler.OpenApi;
using Microsoft.CodeAnalysis.Text;

namespace FlowGen.Compiler;

/// <summary>Compiles one flow file: read, bind, lower, emit. Never throws on bad input.</summary>
public static class FlowFileCompiler
{
    public const string FlowFileSuffix = ".flow.json";

    public static FlowFileResult Compile(string path, SourceText text, string? projectDirectory, CancellationToken cancellationToken = default) =>
        Compile(path, text, projectDirectory, ApiContract.None, cancellationToken);

    /// <summary>Compiles a flow file whose http in nodes implement the operations of the project's OpenAPI document.</summary>
    public static FlowFileResult Compile(string path, SourceText text, string? projectDirectory, ApiContract contract, CancellationToken cancellationToken = default)
    {
        var relative = RelativePath(path, projectDirectory);
        var className = ClassName(relative);
        var hintName = HintName(relative);
        var diagnostics = new List<DiagnosticInfo>();
        var endpoints = new List<EndpointInfo>();
        var nodeIds = new List<NodeIdInfo>();
        var codeNodes = new List<CodeNodeRequest>();
        var links = new List<LinkInfo>();
        string? source = null;
        try
        {
            if (Lower(path, text, relative, contract.Document, diagnostics, nodeIds, cancellationToken) is { } lowered)
            {
                foreach (var node in lowered.Graph.Nodes)
                {
                    if (lowered.Nodes.TryGetValue(node, out var context) && context.CodeNode is { } code)
                    {
                        codeNodes.Add(code with { Emitted = lowered.Emitted.Contains(node) });
                    }
                }
                // An error leaves out the endpoints whose paths reach it; the file's other endpoints still compile.
                endpoints.AddRange(ResponseContractInference.Describe(lowered, contract.Document));
                // Link in nodes are entry points of their own, called from any flow file.
                if (lowered.Endpoints.Count > 0 || lowered.Links.Any(l => l.Kind == LinkKind.In && l.Compiled)) source = FlowEmitter.Emit(lowered);
                links.AddRange(lowered.Links);
            }
        }
        catch (System.Exception ex) when (ex is not System.OperationCanceledException)
        {
            diagnostics.Add(DiagnosticInfo.Create(FlowDiagnostics.InternalError, new SourceLocation(path, default, default), $"{ex.GetType().Name}: {ex.Message}"));
            source = null;
            codeNodes.Clear();
            links.Clear();
        }
        // A subflow's nodes are compiled once per instance: report each problem in the definition once.
        return new FlowFileResult(path, hintName, className, source,
            diagnostics.Distinct().ToEquatableArray(), endpoints.ToEquatableArray(), nodeIds.ToEquatableArray(),
            codeNodes.ToEquatableArray(), links.ToEquatableArray());
    }

    /// <summary>
    /// The rule diagnostics of one flow file (paths, wiring, constant values), for the analyzers. A file that cannot
    /// be read, bound or lowered has none: the generator reports why it cannot be compiled.
    /// </summary>
    public static IReadOnlyList<DiagnosticInfo> Check(string path, SourceText text, string? projectDirectory, CancellationToken cancellationToken = default) =>
        Check(path, text, projectDirectory, ApiContract.None, cancellationToken);

    /// <summary>The rule diagnostics of one flow file, the OpenAPI contract rules included.</summary>
    public static IReadOnlyList<DiagnosticInfo> Check(string path, SourceText text, string? projectDirectory, ApiContract contract, CancellationToken cancellationToken = default) =>
        Check(path, text, projectDirectory, contract, bindings: null, cancellationToken);

    /// <summary>
    /// The rule diagnostics of one flow file; also adds to <paramref name="bindings"/> the operation each of its http in
    /// nodes implements (a file with errors too), for the project-wide rules (<see cref="Checks.ContractBindings.ProjectRules"/>).
    /// </summary>
    public static IReadOnlyList<DiagnosticInfo> Check(string path, SourceText text, string? projectDirectory, ApiContract contract, ICollection<Checks.OperationBinding>? bindings, CancellationToken cancellationToken = default)
    {
        var relative = RelativePath(path, projectDirectory);
        var blocking = new List<DiagnosticInfo>();
        var rules = new List<DiagnosticInfo>();
        LoweredFlow lowered;
        try
        {
            var result = Lower(path, text, relative, contract.Document, blocking, nodeIds: null, cancellationToken);
            if (result is not null && bindings is not null) Checks.ContractBindings.Collect(result, bindings);
            if (result is null || result.HasErrors || blocking.Any(d => d.IsError)) return rules;
            lowered = result;
        }
        catch (System.Exception ex) when (ex is not System.OperationCanceledException)
        {
            // Compile fails the same way and the generator reports it (FLOW900): reporting it here too would say it twice.
            return rules;
        }
        try
        {
            Checks.FlowChecks.Run(lowered, rules);
        }
        catch (System.Exception ex) when (ex is not System.OperationCanceledException)
        {
            rules.Add(DiagnosticInfo.Create(FlowDiagnostics.InternalError, new SourceLocation(path, default, default), $"{ex.GetType().Name}: {ex.Message}"));
        }
        return rules.Distinct().ToList();
    }

    /// <summary>Read, bind and lower: where both the build and the analyzers start. Null when the file cannot be read.</summary>
    private static LoweredFlow? Lower(string path, SourceText text, string relative, ApiDocument? contract, List<DiagnosticInfo> diagnostics, List<NodeIdInfo>? nodeIds, CancellationToken cancellationToken)
    {
        var document = FlowReader.Read(path, text, diagnostics);
        cancellationToken.ThrowIfCancellationRequested();
        if (document is null) return null;
        if (nodeIds is not null)
        {
            foreach (var node in document.Nodes) nodeIds.Add(new NodeIdInfo(node.Id, FlowReader.Locate(path, text, node.Json["id"]!.Span)));
        }
        var graph = FlowBinder.Bind(document, relative, text, diagnostics);
        cancellationToken.ThrowIfCancellationRequested();
        return FlowLowering.Lower(graph, ClassName(relative), diagnostics, contract);
    }

    public static bool IsFlowFile(string path) => path.EndsWith(FlowFileSuffix, System.StringComparison.OrdinalIgnoreCase);

    /// <summary>An OpenAPI document of the project: *.openapi.json, *.openapi.yaml or *.openapi.yml.</summary>
    public static bool IsOpenApiFile(string path) =>
        path.EndsWith(".openapi.json", System.StringComparison.OrdinalIgnoreCase)
        || path.EndsWith(".openapi.yaml", System.StringComparison.OrdinalIgnoreCase)
        || path.EndsWith(".openapi.yml", System.StringComparison.OrdinalIgnoreCase);

    private static string RelativePath(string path, string? projectDirectory)
    {
        var normalized = path.Replace('\\', '/');
        if (projectDirectory is { Length: > 0 })
        {
            var dir = projectDirectory!.Replace('\\', '/').TrimEnd('/') + "/";
            if (normalized.StartsWith(dir, System.StringComparison.OrdinalIgnoreCase)) return normalized.Substring(dir.Length);
        }
        var slash = normalized.LastIndexOf('/');
        return slash >= 0 ? normalized.Substring(slash + 1) : normalized;
    }

    private static string WithoutSuffix(string relative) =>
        relative.EndsWith(FlowFileSuffix, System.StringComparison.OrdinalIgnoreCase) ? relative.Substring(0, relative.Length - FlowFileSuffix.Length) : relative;

    /// <summary>"flows/user-api.flow.json" -> "Flows_UserApiFlow".</summary>
    public static string ClassName(string relative) =>
        string.Join("_", WithoutSuffix(relative).Split('/').Where(s => s.Length > 0 && s != "." && s != "..").Select(CSharp.Pascal)) + "Flow";

    /// <summary>"flows/user-api.flow.json" -> "flows.user-api.flow.g.cs".</summary>
    public static string HintName(string relative)
    {
        var name = WithoutSuffix(relative).Replace("../", "").Replace('/', '.');
        var safe = new string(name.Select(c => char.IsLetterOrDigit(c) || c == '.' || c == '-' || c == '_' ? c : '_').ToArray());
        return safe + ".flow.g.cs";
    }
}
