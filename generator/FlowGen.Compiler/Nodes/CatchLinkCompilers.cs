using System.Linq;
using FlowGen.Compiler.Binding;
using FlowGen.Compiler.Diagnostics;
using FlowGen.Compiler.Emit;
using FlowGen.Compiler.Json;

namespace FlowGen.Compiler.Nodes;

/// <summary>
/// catch (Node-RED 25-catch.js): passes on the message it is given. Which errors reach it is decided at build time
/// from its scope (all nodes of its tab, a list of node ids, or its group) and uncaught flag: see FlowRouting and the
/// Error_ methods FlowEmitter writes for each node that reports errors.
/// </summary>
public sealed class CatchCompiler : NodeCompiler
{
    public override string Type => FlowRouting.Catch;

    public override void Lower(NodeLoweringContext context)
    {
        context.OutputMode = OutputMode.Always;
        switch (context.Json["scope"])
        {
            case null or JsonNullSyntax or JsonBooleanSyntax { Value: false }:
            case JsonStringSyntax { Value: "group" or "" }:
                break;
            case JsonArraySyntax ids:
                foreach (var id in ids.Items.Where(i => i is not JsonStringSyntax))
                {
                    context.Report(FlowDiagnostics.InvalidProperty, id, context.NodeName, $"scope must list node ids as strings, not {id.KindName}");
                }
                break;
            case var other:
                context.Report(FlowDiagnostics.InvalidProperty, other, context.NodeName,
                    "scope must be null (every node of the tab), an array of node ids, or \"group\" (the nodes of the catch node's group)");
                break;
        }
    }
}

/// <summary>link in (Node-RED 60-link.js): passes on the message; link out and link call nodes of any flow file call it.</summary>
public sealed class LinkInCompiler : NodeCompiler
{
    public override string Type => FlowRouting.LinkIn;

    public override void Lower(NodeLoweringContext context)
    {
        context.OutputMode = OutputMode.Always;
        context.CalledFromOtherFiles = true;
    }
}

/// <summary>
/// link out (Node-RED 60-link.js): sets msg._event = "node:&lt;id&gt;", then in link mode sends the message to the
/// link in nodes it is linked with (in any flow file, through the generated FlowLinks table: direct calls, the first
/// target gets the message and the others copies), or in return mode hands it back to the link call that called the
/// subroutine.
/// </summary>
public sealed class LinkOutCompiler : NodeCompiler
{
    public override string Type => FlowRouting.LinkOut;

    public override void Lower(NodeLoweringContext context)
    {
        context.OutputMode = OutputMode.None;
        context.IsAsync = true;
        var mode = FlowRouting.Mode(context.Node);
        if (context.Json["mode"] is { } modeSyntax and not JsonStringSyntax and not JsonNullSyntax)
        {
            context.Report(FlowDiagnostics.InvalidProperty, modeSyntax, context.NodeName, $"mode must be \"link\" or \"return\", not {modeSyntax.KindName}");
            return;
        }
        if (mode is not ("link" or "return"))
        {
            context.Report(FlowDiagnostics.InvalidProperty, context.Json["mode"], context.NodeName, $"mode \"{mode}\" is not \"link\" (send to the linked link in nodes) or \"return\" (return to the link call)");
            return;
        }
        if (mode == "link" && !LinkCallCompiler.CheckLinks(context, allowString: false)) return;

        context.Body.Line($"msg[\"_event\"] = {CSharp.String("node:" + context.Node.Id)};");
        context.Body.Line(mode == "link"
            ? $"await global::FlowGen.Generated.FlowLinks.{RegistrationEmitter.LinkOutMethod(context.Node.Id)}(msg);"
            : $"await global::FlowGen.Runtime.FlowLinkCall.ReturnAsync(msg, {context.NodeInfoField()});");
    }
}

/// <summary>
/// link call (Node-RED 60-link.js): calls a link in node (static: links[0]; dynamic: msg.target, an id or a name,
/// resolved through a table built at build time) as a subroutine; the message a link out in return mode hands back
/// continues on the link call's output. A call that ends without a return raises the catchable "timeout" error.
/// </summary>
public sealed class LinkCallCompiler : NodeCompiler
{
    public override string Type => FlowRouting.LinkCall;

    public override void Lower(NodeLoweringContext context)
    {
        context.OutputMode = OutputMode.Return;
        context.IsAsync = true;
        var dynamic = FlowRouting.IsDynamic(context.Node);
        if (context.Json["linkType"] is JsonStringSyntax { Value: var linkType } typeSyntax && linkType is not ("static" or "dynamic" or ""))
        {
            context.Report(FlowDiagnostics.InvalidProperty, typeSyntax, context.NodeName, $"linkType \"{linkType}\" is not \"static\" or \"dynamic\"");
            return;
        }
        string? target = null;
        if (!dynamic)
        {
            if (!CheckLinks(context, allowString: true)) return;
            target = FlowRouting.CallTargetId(context.Node);
            if (target is null)
            {
                context.Report(FlowDiagnostics.InvalidProperty, (JsonSyntax?)context.Json["links"] ?? context.Json, context.NodeName,
                    "a static link call needs the id of the link in node to call in links (Node-RED fails every message with \"target link-in node '' not found\")");
                return;
            }
        }

        // parseFloat(n.timeout || "30") seconds; NaN means 30.
        var timeout = context.Json["timeout"] switch
        {
            JsonStringSyntax { Value.Length: > 0 } s => ParseFloat(s.Value),
            JsonNumberSyntax n when n.Value != 0 => n.Value,
            _ => 30,
        };
        var milliseconds = double.IsNaN(timeout) ? 30000 : System.Math.Max(0, timeout * 1000);
        // Node's setTimeout fires after 1 ms for delays it cannot hold (over 2^31 - 1 ms).
        if (milliseconds > int.MaxValue) milliseconds = 1;

        var info = context.NodeInfoField();
        var error = context.ErrorMethod();
        var body = context.Body;
        body.Line("global::FlowGen.Runtime.FlowLinkCall call;");
        body.OpenBlock("try");
        if (dynamic)
        {
            // Names are looked up on the caller's flow first: its tab, or inside a subflow the instance it is a copy for.
            body.Line($"var target = global::FlowGen.Generated.FlowLinks.Resolve(msg[\"target\"], {CSharp.String(context.Node.Instance?.Id ?? context.Node.Syntax.Z ?? "")});");
        }
        else
        {
            body.Line($"global::FlowGen.Generated.FlowLinks.{RegistrationEmitter.LinkCheckMethod(target!)}();");
        }
        body.Line($"call = global::FlowGen.Runtime.FlowLinkCall.Begin(msg, {info}, {CSharp.Double(milliseconds)}, {context.ReturnMethod()}, {error});");
        body.Line(dynamic ? "await target(msg);" : $"await global::FlowGen.Generated.FlowLinks.{RegistrationEmitter.LinkInMethod(target!)}(msg);");
        body.CloseBlock();
        body.OpenBlock("catch (global::System.Exception ex) when (ex is not global::System.OperationCanceledException)");
        body.Line(context.ReportErrorStatement("ex"));
        body.Line("return;");
        body.CloseBlock();
        body.Line("await call.EndAsync();");
    }

    /// <summary>links must be an array of node ids (a link call also accepts one id as a string).</summary>
    internal static bool CheckLinks(NodeLoweringContext context, bool allowString)
    {
        switch (context.Json["links"])
        {
            case null or JsonNullSyntax:
                return true;
            case JsonStringSyntax when allowString:
                return true;
            case JsonArraySyntax array:
                var ok = true;
                foreach (var item in array.Items.Where(i => i is not JsonStringSyntax))
                {
                    context.Report(FlowDiagnostics.InvalidProperty, item, context.NodeName, $"links must list link in node ids as strings, not {item.KindName}");
                    ok = false;
                }
                return ok;
            case var other:
                context.Report(FlowDiagnostics.InvalidProperty, other, context.NodeName, $"links must be an array of link in node ids, not {other.KindName}");
                return false;
        }
    }

    /// <summary>JavaScript's parseFloat: the longest leading decimal number, NaN when there is none.</summary>
    private static double ParseFloat(string text)
    {
        var match = System.Text.RegularExpressions.Regex.Match(text.TrimStart(' ', '\t', '\n', '\r', '\v', '\f', '\u00a0', '\ufeff'),
            @"^[+-]?(Infinity|(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?)");
        if (!match.Success) return double.NaN;
        var value = match.Value;
        if (value.EndsWith("Infinity", System.StringComparison.Ordinal)) return value.StartsWith("-", System.StringComparison.Ordinal) ? double.NegativeInfinity : double.PositiveInfinity;
        return double.Parse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture);
    }
}

/// <summary>
/// status and complete (Node-RED 25-status.js, 24-complete.js): pass on the message they are given. Which nodes they
/// hear of is decided at build time from their scope: see FlowRouting.StatusNodesOf and CompletesOf, and the
/// Status_ and Complete_ methods FlowEmitter writes.
/// </summary>
public sealed class StatusCompleteCompiler : NodeCompiler
{
    private readonly string _type;

    public StatusCompleteCompiler(string type) => _type = type;

    public override string Type => _type;

    public override void Lower(NodeLoweringContext context)
    {
        context.OutputMode = OutputMode.Always;
        var complete = _type == FlowRouting.Complete;
        switch (context.Json["scope"])
        {
            case null or JsonNullSyntax or JsonBooleanSyntax { Value: false } when !complete:
            case JsonStringSyntax { Value: "group" or "" } when !complete:
                break;
            case JsonArraySyntax ids:
                foreach (var id in ids.Items.Where(i => i is not JsonStringSyntax))
                {
                    context.Report(FlowDiagnostics.InvalidProperty, id, context.NodeName, $"scope must list node ids as strings, not {id.KindName}");
                }
                break;
            case var other:
                context.Report(FlowDiagnostics.InvalidProperty, other ?? (JsonSyntax)context.Json, context.NodeName, complete
                    ? "scope must be an array of the ids of the nodes whose completion this node hears of"
                    : "scope must be null (every node of the tab), an array of node ids, or \"group\" (the nodes of the status node's group)");
                break;
        }
    }
}
