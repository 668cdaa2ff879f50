using System.Collections.Generic;
using System.Globalization;
using FlowGen.Compiler.Binding;
using FlowGen.Compiler.Diagnostics;
using FlowGen.Compiler.Emit;
using FlowGen.Compiler.Json;

namespace FlowGen.Compiler.Nodes;

/// <summary>
/// switch: one output per rule, tested in order on one property with JavaScript's loose comparisons
/// (Node-RED 10-switch.js). Compiled to an if chain (checkall "false") or a sequence of ifs that tracks the
/// "otherwise" state (else fires when nothing matched since the previous else).
/// </summary>
public sealed class SwitchCompiler : NodeCompiler
{
    private const string Js = "global::FlowGen.Runtime.Js";
    private const string Rules = "global::FlowGen.Runtime.SwitchRules";
    private const string Undefined = "global::FlowGen.Runtime.JsUndefined.Value";
    private const string ValueTypes = "str, num, bool, json, bin, date, env, msg, prev, re";

    public override string Type => "switch";

    public override void Lower(NodeLoweringContext context)
    {
        context.OutputMode = OutputMode.Flags;
        var json = context.Json;

        // The tested property.
        var propertyType = context.GetString("propertyType");
        if (string.IsNullOrEmpty(propertyType)) propertyType = "msg";
        var propertySyntax = json["property"];
        string property;
        switch (propertyType)
        {
            case "msg":
                var path = PathEmitter.MessagePathField(context, TypedValueEmitter.ValueText(propertySyntax) ?? "", propertySyntax);
                if (path is null) return;
                property = $"{Rules}.Read(msg, {path})";
                break;
            case "env":
                property = $"{context.EnvScope}.Evaluate({CSharp.String(TypedValueEmitter.ValueText(propertySyntax) ?? "")})";
                break;
            default:
                context.Report(FlowDiagnostics.UnsupportedTypedInput, json["propertyType"], context.NodeName, "the property", propertyType!, "msg, env");
                return;
        }

        // checkall: only the string "false" stops at the first match (n.checkall || "true", compared with == "false").
        var stopAtFirst = json["checkall"] is JsonStringSyntax { Value: "false" };
        context.OutputsAreExclusive = stopAtFirst;

        var rulesSyntax = json["rules"];
        var items = rulesSyntax switch
        {
            null or JsonNullSyntax => new List<JsonSyntax>(),
            JsonArraySyntax a => new List<JsonSyntax>(a.Items),
            _ => null,
        };
        if (items is null)
        {
            context.Report(FlowDiagnostics.InvalidProperty, rulesSyntax, context.NodeName, $"rules must be an array, not {rulesSyntax!.KindName}");
            return;
        }

        var state = new State();
        var conditions = new List<Condition>();
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is not JsonObjectSyntax rule)
            {
                context.Report(FlowDiagnostics.InvalidProperty, items[i], context.NodeName, $"each rule must be an object, not {items[i].KindName}");
                continue;
            }
            var condition = LowerRule(context, rule, i, state);
            if (condition is not null) conditions.Add(condition);
        }
        if (context.HasErrors || conditions.Count == 0) return;
        // Only an else that follows the last rule catches every message that matched nothing before it.
        context.CanFireNothing = conditions[conditions.Count - 1].IsElse is false;
        // An else fires only when no rule since the previous else matched: never together with those rules.
        var segmentStart = 0;
        for (var i = 0; i < conditions.Count; i++)
        {
            if (!conditions[i].IsElse) continue;
            for (var j = segmentStart; j < i; j++) context.ExclusivePorts.Add((conditions[j].Port, conditions[i].Port));
            segmentStart = i + 1;
        }

        var body = context.Body;
        body.Line($"var property = {property};");
        if (state.UsesPrevious)
        {
            state.PreviousField = context.StaticField("global::FlowGen.Runtime.SwitchPrevious", "new()", "Previous");
            body.Line($"var previous = {state.PreviousField}.Value;");
        }
        // Values are written after the previous-value read, so they can refer to it.
        if (stopAtFirst) WriteFirstMatch(context, conditions);
        else WriteAllMatches(context, conditions);
        if (state.UsesPrevious) body.Line($"{state.PreviousField}.Update(property);");
    }

    private sealed class State
    {
        public bool UsesPrevious;
        public string? PreviousField;
    }

    /// <summary>A rule as a C# condition (null for else).</summary>
    private sealed class Condition
    {
        public Condition(int port, string? test)
        {
            Port = port;
            Test = test;
        }

        public int Port { get; }

        public string? Test { get; }

        public bool IsElse => Test is null;
    }

    /// <summary>checkall "false": the first match fires and stops; an else reached here always fires.</summary>
    private static void WriteFirstMatch(NodeLoweringContext context, List<Condition> conditions)
    {
        var body = context.Body;
        for (var i = 0; i < conditions.Count; i++)
        {
            var c = conditions[i];
            if (c.IsElse)
            {
                if (i == 0)
                {
                    body.Line($"{context.Fire(c.Port)} = true;");
                }
                else
                {
                    body.OpenBlock("else");
                    body.Line($"{context.Fire(c.Port)} = true;");
                    body.CloseBlock();
                }
                // Nothing after an else can be reached: it always matches and stops.
                return;
            }
            body.OpenBlock($"{(i == 0 ? "if" : "else if")} ({c.Test})");
            body.Line($"{context.Fire(c.Port)} = true;");
            body.CloseBlock();
        }
    }

    /// <summary>checkall: every rule is tested; an else fires when no rule matched since the previous else.</summary>
    private static void WriteAllMatches(NodeLoweringContext context, List<Condition> conditions)
    {
        var body = context.Body;
        var lastElse = conditions.FindLastIndex(c => c.IsElse);
        if (lastElse >= 0) body.Line("var elseFlag = true;");
        for (var i = 0; i < conditions.Count; i++)
        {
            var c = conditions[i];
            var tracks = i < lastElse;
            if (c.IsElse)
            {
                body.OpenBlock("if (elseFlag)");
                body.Line($"{context.Fire(c.Port)} = true;");
                if (tracks) body.Line("elseFlag = false;");
                body.CloseBlock();
                if (tracks)
                {
                    body.OpenBlock("else");
                    body.Line("elseFlag = true;");
                    body.CloseBlock();
                }
                continue;
            }
            body.OpenBlock($"if ({c.Test})");
            body.Line($"{context.Fire(c.Port)} = true;");
            if (tracks) body.Line("elseFlag = false;");
            body.CloseBlock();
        }
    }

    private static Condition? LowerRule(NodeLoweringContext context, JsonObjectSyntax rule, int port, State state)
    {
        var t = (rule["t"] as JsonStringSyntax)?.Value ?? "";
        var tSyntax = rule["t"] ?? (JsonSyntax)rule;
        var what = $"rule {(port + 1).ToString(CultureInfo.InvariantCulture)}";
        const string a = "property";
        switch (t)
        {
            case "else":
                return new Condition(port, null);
            case "true":
                return new Condition(port, $"{a} is true");
            case "false":
                return new Condition(port, $"{a} is false");
            case "null":
                return new Condition(port, $"{Js}.IsNullish({a})");
            case "nnull":
                return new Condition(port, $"!{Js}.IsNullish({a})");
            case "empty":
                return new Condition(port, $"{Rules}.IsEmpty({a})");
            case "nempty":
                return new Condition(port, $"{Rules}.IsNotEmpty({a})");
            case "eq":
            case "neq":
            case "lt":
            case "lte":
            case "gt":
            case "gte":
            case "cont":
            case "hask":
            case "head":
            case "tail":
            {
                var b = Value(context, rule, "v", "vt", what, state);
                if (b is null) return null;
                var test = t switch
                {
                    "eq" => $"{Js}.LooseEquals({a}, {b})",
                    "neq" => $"!{Js}.LooseEquals({a}, {b})",
                    "lt" => $"{Js}.LessThan({a}, {b})",
                    "lte" => $"{Js}.LessThanOrEqual({a}, {b})",
                    "gt" => $"{Js}.GreaterThan({a}, {b})",
                    "gte" => $"{Js}.GreaterThanOrEqual({a}, {b})",
                    "cont" => $"{Rules}.Contains({a}, {b})",
                    "hask" => $"{Rules}.HasKey({a}, {b})",
                    "head" => $"{Rules}.Head(msg, {b})",
                    _ => $"{Rules}.Tail(msg, {b})",
                };
                // head and tail need msg.parts: without it Node-RED's TypeError is a flow error.
                if (t is "head" or "tail") context.CanFail = true;
                return new Condition(port, test);
            }
            case "btwn":
            case "index":
            {
                var b = Value(context, rule, "v", "vt", what, state);
                var c = Value(context, rule, "v2", "v2t", what, state);
                if (b is null || c is null) return null;
                if (t == "index") context.CanFail = true;
                return new Condition(port, t == "btwn" ? $"{Rules}.Between({a}, {b}, {c})" : $"{Rules}.Index(msg, {b}, {c})");
            }
            case "istype":
            {
                // The editor stores the type name in both v and vt; v is what the operator compares.
                var type = TypedValueEmitter.ValueText(rule["v"]) ?? "";
                var vt = (rule["vt"] as JsonStringSyntax)?.Value;
                if (vt is "msg" or "env" or "prev" or "date" or "bin" or "bool" or "num" or "flow" or "global" or "jsonata" or "re")
                {
                    var b = Value(context, rule, "v", "vt", what, state);
                    return b is null ? null : new Condition(port, $"{Rules}.IsType({a}, {b} as string)");
                }
                if (vt == "json") type = "json";
                else if (vt == "null") type = "null";
                return new Condition(port, $"{Rules}.IsType({a}, {CSharp.String(type)})");
            }
            case "regex":
                return Regex(context, rule, port, what, state);
            case "jsonata_exp":
                context.Report(FlowDiagnostics.UnsupportedTypedInput, tSyntax, context.NodeName, $"{what}", "jsonata_exp", "every switch rule except JSONata expressions");
                return null;
            default:
                context.Report(FlowDiagnostics.InvalidProperty, tSyntax, context.NodeName,
                    $"{what} has the unknown operator '{t}'; Node-RED would report an error for every message");
                return null;
        }
    }

    private static Condition? Regex(NodeLoweringContext context, JsonObjectSyntax rule, int port, string what, State state)
    {
        var ignoreCase = ChangeSwitchShared.Truthy(rule["case"]);
        var vSyntax = rule["v"];
        var text = TypedValueEmitter.ValueText(vSyntax);
        var vt = EffectiveType(rule, "v", "vt");
        string? pattern = null;
        if (text is not null)
        {
            if (vt is "str" or "re" && ConfigText.EnvName(text) is null) pattern = text;
            else if (vt == "num") pattern = JsNumbers.ToJsString(JsNumbers.ToNumber(text));
        }
        if (pattern is not null)
        {
            var regex = ChangeSwitchShared.RegexField(context, pattern, ignoreCase, vSyntax ?? rule, "Regex");
            return regex is null ? null : new Condition(port, $"{Rules}.Matches(property, {regex.Value.Field})");
        }
        // A pattern known only at run time (msg, env, prev): compiled then, and a bad one is a flow error as in Node-RED.
        var b = Value(context, rule, "v", "vt", what, state);
        if (b is null) return null;
        context.CanFail = true;
        return new Condition(port, $"{Rules}.Matches(property, {b}, {CSharp.Bool(ignoreCase)})");
    }

    /// <summary>vt as Node-RED completes it: num when the value is numeric text, else str.</summary>
    private static string EffectiveType(JsonObjectSyntax rule, string valueName, string typeName)
    {
        var type = (rule[typeName] as JsonStringSyntax)?.Value;
        if (!string.IsNullOrEmpty(type)) return type!;
        var text = rule[valueName] is null ? null : TypedValueEmitter.ValueText(rule[valueName]);
        return text is not null && !double.IsNaN(JsNumbers.ToNumber(text)) ? "num" : "str";
    }

    /// <summary>
    /// A rule value (v/vt or v2/v2t) as an expression, evaluated as getV1/getV2 do: a failed msg lookup is
    /// undefined, prev is the node's previous property value, and for v only, "json" and "null" are those words.
    /// </summary>
    private static string? Value(NodeLoweringContext context, JsonObjectSyntax rule, string valueName, string typeName, string what, State state)
    {
        var valueSyntax = rule[valueName];
        var isSecond = valueName == "v2";
        // getV2 evaluates v2 only when the rule has one.
        if (isSecond && valueSyntax is null) return Undefined;
        var type = EffectiveType(rule, valueName, typeName);
        var typeSyntax = rule[typeName];
        var label = $"the {(isSecond ? "second value" : "value")} of {what}";
        switch (type)
        {
            case "prev":
                state.UsesPrevious = true;
                return "previous";
            case "json" when !isSecond:
                return CSharp.String("json");
            case "null" when !isSecond:
                return CSharp.String("null");
            case "msg":
                var text = TypedValueEmitter.ValueText(valueSyntax);
                if (text is null)
                {
                    context.Report(FlowDiagnostics.InvalidProperty, valueSyntax, context.NodeName, $"{label} must be a string, not {valueSyntax!.KindName}");
                    return null;
                }
                var path = PathEmitter.MessagePathField(context, text, valueSyntax);
                return path is null ? null : $"{Rules}.Read(msg, {path})";
            case "str":
            case "num":
            case "bool":
            case "json":
            case "bin":
            case "date":
            case "env":
                return TypedValueEmitter.Emit(context, valueSyntax, type, typeSyntax, label);
            case "flow":
            case "global":
            case "jsonata":
            case "re":
                context.Report(FlowDiagnostics.UnsupportedTypedInput, typeSyntax ?? rule, context.NodeName, label, type,
                    type == "re" ? "str, num, msg, env, prev (re only for regex rules)" : ValueTypes);
                return null;
            default:
                // evaluateNodeProperty hands back the text for types it does not know (the istype names, node, ...).
                var literal = TypedValueEmitter.ValueText(valueSyntax);
                if (literal is null)
                {
                    context.Report(FlowDiagnostics.InvalidProperty, valueSyntax, context.NodeName, $"{label} must be a string, not {valueSyntax!.KindName}");
                    return null;
                }
                return CSharp.String(literal);
        }
    }
}
