using System.Collections.Generic;
using System.Globalization;
using FlowGen.Compiler.Binding;
using FlowGen.Compiler.Diagnostics;
using FlowGen.Compiler.Emit;
using FlowGen.Compiler.Json;

namespace FlowGen.Compiler.Nodes;

/// <summary>
/// change: set, change, delete and move rules applied in order to the message (Node-RED 15-change.js). Paths,
/// constants and regexes are fixed at build time; each rule is one runtime call that keeps Node-RED's quirks.
/// </summary>
public sealed class ChangeCompiler : NodeCompiler
{
    private const string Rules = "global::FlowGen.Runtime.ChangeRules";
    private const string ToTypes = "str, num, bool, json, bin, date, env, msg";

    public override string Type => "change";

    public override void Lower(NodeLoweringContext context)
    {
        context.OutputMode = OutputMode.Always;
        var rules = ReadRules(context);
        if (rules is null) return;
        for (var i = 0; i < rules.Count; i++) LowerRule(context, rules[i], i);
    }

    /// <summary>One rule after Node-RED's migration of old and partial forms.</summary>
    private sealed class Rule
    {
        public string T = "";
        public JsonSyntax? TSyntax;
        public string P = "";
        public JsonSyntax? PSyntax;
        public string Pt = "msg";
        public JsonSyntax? PtSyntax;
        public string To = "";
        public JsonSyntax? ToSyntax;
        public string Tot = "str";
        public JsonSyntax? TotSyntax;
        public string From = "";
        public JsonSyntax? FromSyntax;
        public string Fromt = "str";
        public JsonSyntax? FromtSyntax;
        public bool DeepCopy;
        public JsonSyntax Syntax = null!;
    }

    private static List<Rule>? ReadRules(NodeLoweringContext context)
    {
        var json = context.Json;
        var rulesSyntax = json["rules"];
        var rules = new List<Rule>();
        if (rulesSyntax is null || rulesSyntax is JsonNullSyntax)
        {
            // The form before rules existed: one action on one property.
            var action = context.GetString("action") ?? "";
            var rule = new Rule { T = action == "replace" ? "set" : action, TSyntax = json["action"], Syntax = json };
            rule.P = Text(json["property"]);
            rule.PSyntax = json["property"];
            if (rule.T is "set" or "move")
            {
                rule.To = Text(json["to"]);
                rule.ToSyntax = json["to"];
            }
            else if (rule.T == "change")
            {
                rule.From = Text(json["from"]);
                rule.FromSyntax = json["from"];
                rule.To = Text(json["to"]);
                rule.ToSyntax = json["to"];
                // rule.re = (n.reg === null || n.reg)
                if (json["reg"] is JsonNullSyntax || ChangeSwitchShared.Truthy(json["reg"])) rule.Fromt = "re";
            }
            Migrate(rule, hasTot: false);
            rules.Add(rule);
            return rules;
        }
        if (rulesSyntax is not JsonArraySyntax array)
        {
            context.Report(FlowDiagnostics.InvalidProperty, rulesSyntax, context.NodeName, $"rules must be an array, not {rulesSyntax.KindName}");
            return null;
        }
        var ok = true;
        foreach (var item in array.Items)
        {
            if (item is not JsonObjectSyntax obj)
            {
                context.Report(FlowDiagnostics.InvalidProperty, item, context.NodeName, $"each rule must be an object, not {item.KindName}");
                ok = false;
                continue;
            }
            var rule = new Rule
            {
                T = (obj["t"] as JsonStringSyntax)?.Value ?? "",
                TSyntax = obj["t"],
                P = Text(obj["p"]),
                PSyntax = obj["p"],
                To = Text(obj["to"]),
                ToSyntax = obj["to"],
                From = Text(obj["from"]),
                FromSyntax = obj["from"],
                DeepCopy = ChangeSwitchShared.Truthy(obj["dc"]),
                Syntax = obj,
            };
            var pt = (obj["pt"] as JsonStringSyntax)?.Value;
            if (!string.IsNullOrEmpty(pt)) rule.Pt = pt!;
            rule.PtSyntax = obj["pt"];
            var tot = (obj["tot"] as JsonStringSyntax)?.Value;
            var hasTot = !string.IsNullOrEmpty(tot);
            if (hasTot) rule.Tot = tot!;
            rule.TotSyntax = obj["tot"];
            var fromt = (obj["fromt"] as JsonStringSyntax)?.Value;
            if (!string.IsNullOrEmpty(fromt)) rule.Fromt = fromt!;
            rule.FromtSyntax = obj["fromt"];
            if (rule.T == "change" && ChangeSwitchShared.Truthy(obj["re"]))
            {
                rule.Fromt = "re";
            }
            Migrate(rule, hasTot);
            rules.Add(rule);
        }
        return ok ? rules : null;
    }

    /// <summary>A set rule without tot whose to starts with "msg." reads that message property, as Node-RED migrates it.</summary>
    private static void Migrate(Rule rule, bool hasTot)
    {
        if (rule.T == "set" && !hasTot && rule.To.StartsWith("msg.", System.StringComparison.Ordinal))
        {
            rule.To = rule.To.Substring(4);
            rule.Tot = "msg";
        }
    }

    private static string Text(JsonSyntax? syntax) => TypedValueEmitter.ValueText(syntax) ?? "";

    private static void LowerRule(NodeLoweringContext context, Rule rule, int index)
    {
        var n = index.ToString(CultureInfo.InvariantCulture);
        var what = $"rule {(index + 1).ToString(CultureInfo.InvariantCulture)}";
        if (rule.T is not ("set" or "change" or "delete" or "move"))
        {
            context.Report(FlowDiagnostics.InvalidProperty, rule.TSyntax ?? rule.Syntax, context.NodeName,
                $"{what} has action '{rule.T}'; a change rule is set, change, delete or move");
            return;
        }
        if (rule.Pt != "msg")
        {
            context.Report(FlowDiagnostics.UnsupportedTypedInput, rule.PtSyntax ?? rule.Syntax, context.NodeName,
                $"the property of {what}", rule.Pt, "msg (flow and global context are not supported)");
            return;
        }
        var target = PathEmitter.MessagePathField(context, rule.P, rule.PSyntax ?? rule.Syntax);
        if (target is null) return;
        var info = context.NodeInfoField();
        var body = context.Body;
        var comment = $"// {what}: {rule.T} msg.{CSharp.Comment(rule.P)}";

        switch (rule.T)
        {
            case "delete":
                body.Line(comment);
                body.Line($"{Rules}.Delete(msg, {target});");
                return;

            case "move":
                if (rule.Tot != "msg")
                {
                    context.Report(FlowDiagnostics.UnsupportedTypedInput, rule.TotSyntax ?? rule.Syntax, context.NodeName,
                        $"the target of {what} (move)", rule.Tot, "msg");
                    return;
                }
                var destination = PathEmitter.MessagePathField(context, rule.To, rule.ToSyntax ?? rule.Syntax);
                if (destination is null) return;
                // Node-RED moves directly only when the source path contains the target's text (a child moving up).
                var direct = rule.P.IndexOf(rule.To, System.StringComparison.Ordinal) >= 0 && rule.P != rule.To;
                body.Line(comment + $" to msg.{CSharp.Comment(rule.To)}");
                body.Line($"{Rules}.Move(msg, {target}, {destination}, {CSharp.Bool(direct)}, {info});");
                return;

            case "set":
                if (rule.Tot == "msg")
                {
                    var source = PathEmitter.MessagePathField(context, rule.To, rule.ToSyntax ?? rule.Syntax);
                    if (source is null) return;
                    body.Line(comment + $" to msg.{CSharp.Comment(rule.To)}");
                    body.Line($"{Rules}.SetFromMessage(msg, {target}, {source}, {CSharp.Bool(rule.DeepCopy)}, {info});");
                    return;
                }
                var value = ToValue(context, rule, what);
                if (value is null) return;
                body.Line(comment);
                body.Line($"{Rules}.Set(msg, {target}, {value}, {info});");
                return;

            default:
                LowerChange(context, rule, what, n, target, comment);
                return;
        }
    }

    /// <summary>A non-msg "to" value as an expression, through the shared typed-input emitter.</summary>
    private static string? ToValue(NodeLoweringContext context, Rule rule, string what)
    {
        if (rule.Tot is "flow" or "global" or "jsonata" || !IsKnownToType(rule.Tot))
        {
            context.Report(FlowDiagnostics.UnsupportedTypedInput, rule.TotSyntax ?? rule.Syntax, context.NodeName,
                $"the 'to' value of {what}", rule.Tot, ToTypes);
            return null;
        }
        if (rule.Tot == "json" && ConfigText.EnvName(rule.To) is not null) context.CanFail = true;
        return TypedValueEmitter.Emit(context, rule.ToSyntax, rule.Tot, rule.TotSyntax, $"the 'to' value of {what}");
    }

    private static bool IsKnownToType(string type) => type is "str" or "num" or "bool" or "json" or "bin" or "date" or "env" or "msg";

    private static void LowerChange(NodeLoweringContext context, Rule rule, string what, string n, string target, string comment)
    {
        var body = context.Body;
        var info = context.NodeInfoField();
        var toIsBoolean = CSharp.Bool(rule.Tot == "bool");

        // The search first, so its errors are reported whatever the value is.
        string? search = null;
        string? fromPath = null;
        switch (rule.Fromt)
        {
            case "str":
            case "num":
            case "bool":
                var kind = rule.Fromt switch { "num" => "Number", "bool" => "Boolean", _ => "String" };
                var literal = context.StaticField(ChangeSwitchShared.RegexType,
                    $"new {ChangeSwitchShared.RegexType}({CSharp.String(ChangeSwitchRegex.Literal(rule.From))}, global::System.Text.RegularExpressions.RegexOptions.CultureInvariant)", "Literal");
                search = context.StaticField("global::FlowGen.Runtime.ChangeSearch",
                    $"new(global::FlowGen.Runtime.ChangeSearchKind.{kind}, {CSharp.String(rule.From)}, {literal})", "Search");
                break;
            case "re":
                var regex = ChangeSwitchShared.RegexField(context, rule.From, ignoreCase: false, rule.FromSyntax ?? rule.Syntax, "Regex");
                if (regex is null) return;
                search = context.StaticField("global::FlowGen.Runtime.ChangeSearch",
                    $"new(global::FlowGen.Runtime.ChangeSearchKind.RegExp, {CSharp.String(rule.From)}, {regex.Value.Field}, {ChangeSwitchShared.GroupNames(regex.Value.Regex)})", "Search");
                break;
            case "msg":
                fromPath = PathEmitter.MessagePathField(context, rule.From, rule.FromSyntax ?? rule.Syntax);
                if (fromPath is null) return;
                break;
            default:
                context.Report(FlowDiagnostics.UnsupportedTypedInput, rule.FromtSyntax ?? rule.Syntax, context.NodeName,
                    $"the 'from' value of {what}", rule.Fromt, "str, num, bool, re, msg");
                return;
        }

        body.Line(comment);
        var value = "value" + n;
        var close = false;
        if (rule.Tot == "msg")
        {
            var source = PathEmitter.MessagePathField(context, rule.To, rule.ToSyntax ?? rule.Syntax);
            if (source is null) return;
            // A missing parent on the value's path skips the whole rule, as Node-RED's try/catch does.
            body.OpenBlock($"if ({source}.TryGet(msg, out var {value}))");
            if (rule.DeepCopy) body.Line($"{value} = global::FlowGen.Runtime.Js.DeepClone({value});");
            close = true;
        }
        else
        {
            var expression = ToValue(context, rule, what);
            if (expression is null) return;
            body.Line($"object? {value} = {expression};");
        }

        if (search is not null)
        {
            body.Line($"{Rules}.Change(msg, {target}, {search}, {value}, {toIsBoolean});");
        }
        else
        {
            var from = "from" + n;
            context.IsAsync = true;
            body.OpenBlock($"if ({fromPath}.TryGet(msg, out var {from}))");
            // Node-RED reports an unusable 'from' as a catchable error and still applies the rule and sends the message.
            body.OpenBlock($"if ({Rules}.UnsupportedFrom({from}) is {{ }} error{n})");
            body.Line($"await msg.Exchange.FailAsync(error{n}, {info}, msg);");
            body.CloseBlock();
            body.Line($"{Rules}.ChangeFrom(msg, {target}, {from}, {value}, {toIsBoolean});");
            body.CloseBlock();
        }
        if (close) body.CloseBlock();
    }
}
