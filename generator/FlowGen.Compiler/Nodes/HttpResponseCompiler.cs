using FlowGen.Compiler.Binding;
using FlowGen.Compiler.Diagnostics;
using FlowGen.Compiler.Emit;
using FlowGen.Compiler.Json;

namespace FlowGen.Compiler.Nodes;

/// <summary>http response: writes status, headers, cookies and body through the runtime, as Node-RED's HTTPOut does.</summary>
public sealed class HttpResponseCompiler : NodeCompiler
{
    public override string Type => "http response";

    public override void Lower(NodeLoweringContext context)
    {
        context.OutputMode = OutputMode.None;
        context.CanFail = true;
        context.IsAsync = true;

        var status = "null";
        var statusSyntax = context.Json["statusCode"];
        switch (statusSyntax)
        {
            case JsonStringSyntax s when ConfigText.EnvName(s.Value) is { } env:
                status = $"{context.EnvScope}.ParseStatus({CSharp.String(env)}, {CSharp.String(s.Value)})";
                break;
            case JsonStringSyntax s:
                var parsed = JsNumbers.ParseInt(s.Value);
                // node.statusCode || msg.statusCode: 0 and NaN fall through to the message.
                if (!double.IsNaN(parsed) && parsed != 0) status = CSharp.Double(parsed);
                break;
            case JsonNumberSyntax n:
                if (n.Value != 0) status = CSharp.Double(System.Math.Truncate(n.Value));
                break;
            case null:
            case JsonNullSyntax:
                break;
            default:
                context.Report(FlowDiagnostics.InvalidProperty, statusSyntax, context.NodeName, $"statusCode must be a string or a number, not {statusSyntax.KindName}");
                return;
        }

        var headers = new System.Collections.Generic.List<string>();
        var headersSyntax = context.Json["headers"];
        if (headersSyntax is JsonObjectSyntax headerObject)
        {
            foreach (var header in headerObject.Properties)
            {
                string value;
                switch (header.Value)
                {
                    case JsonStringSyntax s:
                        value = ConfigText.Expression(context, s.Value);
                        break;
                    case JsonNumberSyntax n:
                        value = CSharp.String(JsNumbers.ToJsString(n.Value));
                        break;
                    default:
                        context.Report(FlowDiagnostics.InvalidProperty, header.Value, context.NodeName, $"the value of header '{header.Name}' must be a string, not {header.Value.KindName}");
                        continue;
                }
                headers.Add($"({CSharp.String(header.Name)}, {value})");
            }
        }
        else if (headersSyntax is not null and not JsonNullSyntax)
        {
            context.Report(FlowDiagnostics.InvalidProperty, headersSyntax, context.NodeName, $"headers must be an object of header names and values, not {headersSyntax.KindName}");
        }

        // With an OpenAPI document in the project, the answer is checked against its endpoint's operation at run time.
        var checksContract = context.Contract is null ? "" : ", checksContract: true";
        var options = context.StaticField("global::FlowGen.Runtime.HttpResponseOptions",
            $"new(statusCode: {status}, headers: {CSharp.Array("(string Name, string Value)", headers)}{checksContract})", "Options");
        context.Body.Line($"await global::FlowGen.Runtime.HttpResponseNode.SendAsync(msg, {options});");
    }
}
