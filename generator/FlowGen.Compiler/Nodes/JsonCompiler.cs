using FlowGen.Compiler.Diagnostics;
using FlowGen.Compiler.Json;

namespace FlowGen.Compiler.Nodes;

/// <summary>
/// json (Node-RED 70-JSON.js): converts a message property between a JSON string (or Buffer) and a value.
/// action "" converts both ways, "str" always gives a string, "obj" always gives a value; pretty indents by four
/// spaces. A parse error, or a missing parent of the property, is a catchable flow error and drops the message.
/// JSON Schema validation through msg.schema is not compiled: msg.schema is ignored.
/// </summary>
public sealed class JsonCompiler : NodeCompiler
{
    public override string Type => "json";

    public override void Lower(NodeLoweringContext context)
    {
        context.OutputMode = OutputMode.Always;
        context.CanFail = true;

        // n.property || "payload"
        var propertySyntax = context.Json["property"];
        var property = propertySyntax is JsonStringSyntax { Value.Length: > 0 } p ? p.Value : "payload";
        var path = PathEmitter.MessagePathField(context, property, propertySyntax);

        // n.action || ""
        var actionSyntax = context.Json["action"];
        var action = actionSyntax is JsonStringSyntax s ? s.Value : "";
        // "obj" says the input is JSON text to parse: bad input is an outcome the flow has to answer (through a catch
        // node). "" converts by type, so it parses only strings, usually a flow's own; its errors stay catchable
        // run-time errors (the automatic 500 when nothing answers), not a path the build insists on.
        context.RaisesErrors = action == "obj";
        string? method = action switch
        {
            "" => "Toggle",
            "str" => "ToJsonString",
            "obj" => "ToObject",
            _ => null,
        };
        if (method is null)
        {
            context.Report(FlowDiagnostics.InvalidProperty, actionSyntax, context.NodeName,
                $"action \"{action}\" is not one of \"\" (convert between JSON string and object), \"str\" (always a JSON string) or \"obj\" (always an object)");
        }
        if (path is null || method is null) return;

        // n.pretty ? 4 : 0, with JavaScript truthiness.
        var indent = Truthy(context.Json["pretty"]) ? 4 : 0;
        context.Body.Line(method == "ToObject"
            ? $"global::FlowGen.Runtime.JsonNode.ToObject(msg, {path});"
            : $"global::FlowGen.Runtime.JsonNode.{method}(msg, {path}, {indent});");
    }

    private static bool Truthy(JsonSyntax? syntax) => syntax switch
    {
        JsonBooleanSyntax b => b.Value,
        JsonStringSyntax s => s.Value.Length > 0,
        JsonNumberSyntax n => n.Value != 0 && !double.IsNaN(n.Value),
        JsonObjectSyntax or JsonArraySyntax => true,
        _ => false,
    };
}
