using FlowGen.Compiler.Binding;

namespace FlowGen.Compiler.Nodes;

/// <summary>
/// A subflow instance ("subflow:&lt;id&gt;"). The binder has copied the definition's nodes into the instance and wired
/// them: the instance itself only hands the message on, like Node-RED's instance node, whose input handler sends the
/// message to the nodes the definition's input is wired to (and to pass-through outputs).
/// </summary>
public sealed class SubflowInstanceCompiler : NodeCompiler
{
    public override string Type => NodeTypes.SubflowInstancePrefix;

    public override void Lower(NodeLoweringContext context) => context.OutputMode = OutputMode.Always;
}
