using System.Collections.Generic;

namespace FlowGen.Compiler.Nodes;

/// <summary>The node types FlowGen compiles, each with its compiler.</summary>
public static class NodeCompilers
{
    private static readonly Dictionary<string, NodeCompiler> ByType = Create(
        new HttpInCompiler(),
        new HttpResponseCompiler(),
        new DebugCompiler(),
        new ChangeCompiler(),
        new SwitchCompiler(),
        new JunctionCompiler(),
        new TemplateCompiler(),
        new JsonCompiler(),
        new HttpRequestCompiler(),
        new SubflowInstanceCompiler(),
        new FileInCompiler(),
        new CSharpCompiler(),
        new CatchCompiler(),
        new LinkInCompiler(),
        new LinkOutCompiler(),
        new LinkCallCompiler(),
        new StatusCompleteCompiler(Emit.FlowRouting.Status),
        new StatusCompleteCompiler(Emit.FlowRouting.Complete));

    public static bool IsSupported(string type) => ByType.ContainsKey(type);

    public static NodeCompiler? Get(string type) =>
        ByType.TryGetValue(Binding.NodeTypes.SubflowDefinitionId(type) is null ? type : Binding.NodeTypes.SubflowInstancePrefix, out var compiler) ? compiler : null;

    private static Dictionary<string, NodeCompiler> Create(params NodeCompiler[] compilers)
    {
        var map = new Dictionary<string, NodeCompiler>();
        foreach (var compiler in compilers) map[compiler.Type] = compiler;
        return map;
    }
}
