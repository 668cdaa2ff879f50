using System.Globalization;
using System.Linq;
using FlowGen.Compiler.Binding;
using FlowGen.Compiler.Diagnostics;
using FlowGen.Compiler.Emit;
using FlowGen.Compiler.Json;

namespace FlowGen.Compiler.Nodes;

/// <summary>
/// Node-RED's typed inputs (evaluateNodeProperty): a configured text plus its type. Constant types fold at build
/// time into static fields; msg paths are parsed at build time; env and date are read at run time.
/// </summary>
public static class TypedValueEmitter
{
    /// <summary>The types every typed input FlowGen compiles accepts.</summary>
    public const string SupportedTypes = "msg, str, num, bool, json, bin, date, env";

    /// <summary>
    /// A C# expression of type object? that evaluates the typed value for the message <c>msg</c>, or null after
    /// reporting why it cannot be compiled. A msg path that does not exist throws JsTypeError at run time
    /// (callers that treat it as undefined use <see cref="MessagePathTryGet"/>).
    /// </summary>
    public static string? Emit(NodeLoweringContext context, JsonSyntax? valueSyntax, string type, JsonSyntax? typeSyntax, string what)
    {
        var text = ValueText(valueSyntax);
        if (text is null)
        {
            context.Report(FlowDiagnostics.InvalidProperty, valueSyntax, context.NodeName, $"{what} must be a string, not {valueSyntax!.KindName}");
            return null;
        }
        var env = ConfigText.EnvName(text);
        switch (type)
        {
            case "str":
                return ConfigText.Expression(context, text);
            case "num":
                if (env is not null) return $"{context.EnvScope}.SubstituteNumber({CSharp.String(env)}, {CSharp.String(text)})";
                return context.StaticField("object", CSharp.Double(JsNumbers.ToNumber(text)), "Number");
            case "bool":
                if (env is not null) return $"{context.EnvScope}.SubstituteBoolean({CSharp.String(env)}, {CSharp.String(text)})";
                return context.StaticField("object", CSharp.Bool(string.Equals(text, "true", System.StringComparison.OrdinalIgnoreCase)), "Boolean");
            case "json":
                if (env is not null) return $"{context.EnvScope}.SubstituteJson({CSharp.String(env)}, {CSharp.String(text)})";
                if (JsonParser.Parse(text, out var jsonError) is null)
                {
                    context.Report(FlowDiagnostics.InvalidProperty, valueSyntax, context.NodeName, $"{what} is not valid JSON: {jsonError!.Message} at position {jsonError.Span.Start.ToString(CultureInfo.InvariantCulture)}");
                    return null;
                }
                var json = context.StaticField("object?", $"global::FlowGen.Runtime.JsJson.Parse({CSharp.String(text)})", "Json");
                // A fresh copy each time, as JSON.parse gives one: flows may change it.
                return $"global::FlowGen.Runtime.Js.DeepClone({json})";
            case "bin":
                var bytes = BinaryValue(text);
                if (bytes is null)
                {
                    context.Report(FlowDiagnostics.InvalidProperty, valueSyntax, context.NodeName, $"{what} must be a JSON array of byte values or a JSON string to make a buffer");
                    return null;
                }
                var field = context.StaticField("byte[]", "new byte[] { " + string.Join(", ", bytes.Select(b => b.ToString(CultureInfo.InvariantCulture))) + " }", "Buffer");
                return $"(object)(byte[]){field}.Clone()";
            case "date":
                return $"global::FlowGen.Runtime.FlowDates.Now({CSharp.String(text)})";
            case "env":
                return $"{context.EnvScope}.Evaluate({CSharp.String(text)})";
            case "msg":
                var path = PathEmitter.MessagePathField(context, text, valueSyntax);
                return path is null ? null : $"{path}.Get(msg)";
            default:
                context.Report(FlowDiagnostics.UnsupportedTypedInput, typeSyntax ?? valueSyntax, context.NodeName, what, type, SupportedTypes);
                return null;
        }
    }

    /// <summary>The configured text of a typed input: strings as they are, numbers and booleans as the editor would store them.</summary>
    public static string? ValueText(JsonSyntax? syntax) => syntax switch
    {
        null or JsonNullSyntax => "",
        JsonStringSyntax s => s.Value,
        JsonNumberSyntax n => n.Text,
        JsonBooleanSyntax b => b.Value ? "true" : "false",
        _ => null,
    };

    /// <summary>Buffer.from(JSON.parse(text)): an array of bytes, or a string as UTF-8.</summary>
    private static byte[]? BinaryValue(string text)
    {
        switch (JsonParser.Parse(text, out _))
        {
            case JsonStringSyntax s:
                return System.Text.Encoding.UTF8.GetBytes(s.Value);
            case JsonArraySyntax a:
                var result = new byte[a.Items.Count];
                for (var i = 0; i < result.Length; i++)
                {
                    if (a.Items[i] is not JsonNumberSyntax n) return null;
                    // Buffer.from truncates each value to a byte.
                    result[i] = unchecked((byte)(long)n.Value);
                }
                return result;
            default:
                return null;
        }
    }
}
