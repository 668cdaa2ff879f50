using System.Collections.Generic;
using System.Linq;
using FlowGen.Compiler.Binding;
using FlowGen.Compiler.Diagnostics;
using FlowGen.Compiler.Emit;
using FlowGen.Compiler.Json;
using FlowGen.Compiler.Mustache;

namespace FlowGen.Compiler.Nodes;

/// <summary>
/// template (Node-RED 80-template.js): renders a mustache template with the message as the view and writes the
/// text (or, with output "json", the parsed value) to a message property. The template is parsed here, at build
/// time, and compiled to string-building code; a template without tags becomes a constant. A syntax error that
/// Node-RED would raise for every message is a build error located inside the template text.
/// </summary>
public sealed class TemplateCompiler : NodeCompiler
{
    private const string Runtime = "global::FlowGen.Runtime.TemplateNode";

    public override string Type => "template";

    public override void Lower(NodeLoweringContext context)
    {
        context.OutputMode = OutputMode.Always;

        // Where the result goes: n.fieldType || "msg", n.field || "payload".
        var fieldTypeSyntax = context.Json["fieldType"];
        var fieldType = NonEmpty(fieldTypeSyntax) ?? "msg";
        if (fieldType != "msg")
        {
            context.Report(FlowDiagnostics.UnsupportedTypedInput, fieldTypeSyntax, context.NodeName, "the output property", fieldType, "msg");
            return;
        }
        var fieldSyntax = context.Json["field"];
        var fieldText = NonEmpty(fieldSyntax) ?? "payload";
        var target = PathEmitter.MessagePathField(context, fieldText, fieldSyntax);
        if (target is null) return;
        if (PropertyPath.ParseMessagePath(fieldText, out _) is { Parts.Count: > 1 })
        {
            // Setting a deep property throws in JavaScript's corners (an undefined [msg.x] key, a missing element
            // reached through an array index).
            context.CanFail = true;
        }

        // n.output || "str": "json" parses the text, "yaml" would load it as YAML, anything else keeps the text.
        var outputSyntax = context.Json["output"];
        var output = NonEmpty(outputSyntax) ?? "str";
        if (output == "yaml")
        {
            context.Report(FlowDiagnostics.InvalidProperty, outputSyntax, context.NodeName, "output \"yaml\" (parse the result as YAML) is not supported; use \"str\" or \"json\"");
            return;
        }
        var json = output == "json";
        // n.syntax || "mustache": anything but "mustache" outputs the template as it is.
        var mustache = (NonEmpty(context.Json["syntax"]) ?? "mustache") == "mustache";

        var templateSyntax = context.Json["template"];
        string? value;
        switch (templateSyntax)
        {
            case JsonStringSyntax { Value.Length: > 0 } text:
                value = mustache ? Render(context, text, json) : Plain(context, text, json);
                break;
            case JsonStringSyntax or JsonNullSyntax:
                // An empty template: Node-RED uses msg.template when the message has one.
                if (mustache)
                {
                    context.Report(FlowDiagnostics.InvalidTemplate, templateSyntax, context.NodeName,
                        "the template is empty, so Node-RED renders the message's msg.template instead; FlowGen compiles templates at build time and cannot render one that arrives with the message: write the template in the node, or set the syntax to plain text to output msg.template as it is");
                    return;
                }
                value = $"{Runtime}.MessageTemplate(msg, {(templateSyntax is JsonNullSyntax ? "null" : "\"\"")})";
                if (json)
                {
                    value = $"{Runtime}.ParseJson({value})";
                    context.CanFail = true;
                }
                break;
            case null:
                context.Report(FlowDiagnostics.InvalidProperty, null, context.NodeName, "the template node has no \"template\" property, so Node-RED fails every message (or, with plain syntax, deletes the output property): give it a template");
                return;
            default:
                context.Report(FlowDiagnostics.InvalidProperty, templateSyntax, context.NodeName, $"the template must be a string, not {templateSyntax.KindName}");
                return;
        }
        if (value is null) return;
        context.Body.Line($"{Runtime}.Set(msg, {target}, {value});");
    }

    /// <summary>syntax "plain": the text itself (a whole-value ${VAR} is read from the environment).</summary>
    private static string? Plain(NodeLoweringContext context, JsonStringSyntax text, bool json)
    {
        if (ConfigText.EnvName(text.Value) is not null)
        {
            var expression = ConfigText.Expression(context, text.Value);
            if (!json) return expression;
            context.CanFail = true;
            return $"{Runtime}.ParseJson({expression})";
        }
        return Constant(context, text, text.Value, json);
    }

    /// <summary>syntax "mustache": the template compiled to C#, or a constant when it has no tags.</summary>
    private static string? Render(NodeLoweringContext context, JsonStringSyntax text, bool json)
    {
        var template = text.Value;
        if (ConfigText.EnvName(template) is { } variable)
        {
            context.Report(FlowDiagnostics.InvalidTemplate, text, context.NodeName,
                $"the template is the whole-value reference \"{template}\", so Node-RED takes the template from the environment variable {variable} when the flow starts; FlowGen compiles templates at build time: write the template in the node, or set the syntax to plain text to output the variable as it is");
            return null;
        }

        var nodes = MustacheParser.Parse(template, out var error);
        if (nodes is null)
        {
            context.Report(FlowDiagnostics.InvalidTemplate, Span(context, text, error!.Start, error.Length), context.NodeName, error.ToString());
            return null;
        }
        if (!Check(context, text, nodes)) return null;

        if (MustacheEmitter.ConstantText(nodes) is { } constant) return Constant(context, text, constant, json);

        var emitter = context.MustacheEmitter(() => context.EnvScope);
        var root = json ? "global::FlowGen.Runtime.MustacheContext.Root(msg, escapeJsonStrings: true)" : "global::FlowGen.Runtime.MustacheContext.Root(msg)";
        emitter.Emit(context.Body, nodes, root, "rendered");
        context.CanFail |= MustacheEmitter.CanFail(nodes) || json;
        return json ? $"{Runtime}.ParseJson(rendered)" : "rendered";
    }

    /// <summary>Tags FlowGen cannot compile: partials, and names Node-RED reads from flow or global context.</summary>
    private static bool Check(NodeLoweringContext context, JsonStringSyntax text, IReadOnlyList<MustacheNode> nodes)
    {
        var ok = true;
        foreach (var node in nodes)
        {
            string? name = null;
            switch (node)
            {
                case MustachePartial partial:
                    context.Report(FlowDiagnostics.InvalidTemplate, Span(context, text, partial.Start, partial.End - partial.Start), context.NodeName,
                        $"\"{Tag(text.Value, partial)}\" is a partial; Node-RED's template node has no partials and renders nothing there: remove the tag");
                    ok = false;
                    continue;
                case MustacheVariable variable:
                    name = variable.Name;
                    break;
                case MustacheSection section:
                    name = section.Name;
                    ok &= Check(context, text, section.Children);
                    break;
            }
            if (name is not null && MustacheEmitter.IsContextName(name))
            {
                var store = name.StartsWith("flow", System.StringComparison.Ordinal) ? "flow" : "global";
                context.Report(FlowDiagnostics.InvalidTemplate, Span(context, text, node.Start, node.End - node.Start), context.NodeName,
                    $"\"{Tag(text.Value, node)}\" reads {store} context, which FlowGen does not support (context is state shared between requests): put the value on the message instead");
                ok = false;
            }
        }
        return ok;
    }

    /// <summary>A text known at build time: a string literal, or for output "json" its value parsed once.</summary>
    private static string? Constant(NodeLoweringContext context, JsonStringSyntax at, string text, bool json)
    {
        if (!json) return CSharp.String(text);
        // JSON.parse does not skip a byte order mark, the flow-file reader does.
        JsonSyntaxError? error = null;
        var parsed = text.Length > 0 && text[0] == '\uFEFF' ? null : JsonParser.Parse(text, out error);
        if (parsed is null)
        {
            var message = $"the output is parsed as JSON, but the text is not JSON{(error is null ? "" : ": " + error.Message)}; Node-RED fails every message";
            if (error is not null && text == at.Value)
            {
                // The text is the template itself: point at the offending character.
                context.Report(FlowDiagnostics.InvalidTemplate, Span(context, at, error.Span.Start, System.Math.Max(1, error.Span.Length)), context.NodeName, message);
            }
            else
            {
                context.Report(FlowDiagnostics.InvalidTemplate, at, context.NodeName, message);
            }
            return null;
        }
        var field = context.StaticField("object?", $"global::FlowGen.Runtime.JsJson.Parse({CSharp.String(text)})", "Json");
        // A fresh copy for each message, as JSON.parse gives one: later nodes may change it.
        return $"global::FlowGen.Runtime.Js.DeepClone({field})";
    }

    private static Microsoft.CodeAnalysis.Text.TextSpan Span(NodeLoweringContext context, JsonStringSyntax text, int start, int length) =>
        JsonStringPositions.ToFileSpan(context.Text, text.Span, start, length);

    private static string Tag(string template, MustacheNode node) => template.Substring(node.Start, node.End - node.Start);

    /// <summary>A property that Node-RED reads as <c>n.x || default</c>: a non-empty string, else null.</summary>
    private static string? NonEmpty(JsonSyntax? syntax) => syntax is JsonStringSyntax { Value.Length: > 0 } s ? s.Value : null;
}
