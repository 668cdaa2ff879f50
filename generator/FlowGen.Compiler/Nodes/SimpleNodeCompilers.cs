using FlowGen.Compiler.Binding;
using FlowGen.Compiler.Diagnostics;
using FlowGen.Compiler.Emit;
using FlowGen.Compiler.Json;

namespace FlowGen.Compiler.Nodes;

/// <summary>junction: passes the message on unchanged.</summary>
public sealed class JunctionCompiler : NodeCompiler
{
    public override string Type => "junction";

    public override void Lower(NodeLoweringContext context) => context.OutputMode = OutputMode.Always;
}

/// <summary>debug: logs a property (or the whole message) through ILogger; no effect on the response.</summary>
public sealed class DebugCompiler : NodeCompiler
{
    public override string Type => "debug";

    public override void Lower(NodeLoweringContext context)
    {
        context.OutputMode = OutputMode.None;
        if (!context.GetBool("active", defaultValue: true)) return;
        var complete = context.Json["complete"];
        var target = (complete as JsonStringSyntax)?.Value ?? (complete is JsonBooleanSyntax b ? (b.Value ? "true" : "false") : "payload");
        var targetType = context.GetString("targetType") ?? "msg";
        string value;
        if (target == "true" || targetType == "full")
        {
            value = "msg";
        }
        else if (targetType == "msg")
        {
            var path = target is "false" or "" ? "payload" : target;
            var field = PathEmitter.MessagePathField(context, path, complete);
            if (field is null) return;
            value = $"{field}.TryGet(msg, out var value) ? value : global::FlowGen.Runtime.JsUndefined.Value";
        }
        else
        {
            context.Report(FlowDiagnostics.UnsupportedTypedInput, complete, context.NodeName, "the debug output", targetType, "msg, full");
            return;
        }
        context.Body.Line($"global::FlowGen.Runtime.FlowLog.Debug(msg, {context.NodeInfoField()}, {value});");
    }
}
