using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using FlowGen.Compiler.Binding;
using FlowGen.Compiler.Diagnostics;
using FlowGen.Compiler.Emit;
using FlowGen.Compiler.Json;
using FlowGen.Compiler.Mustache;

namespace FlowGen.Compiler.Nodes;

/// <summary>
/// http request (Node-RED 21-httprequest.js) plus Dify's additions: the configuration is checked and folded into a
/// static HttpRequestOptions, a mustache URL is parsed here and compiled to string building (plain mustache.js
/// over the message, with its HTML escaping), and the node's work is one awaited call into the runtime. Without
/// senderr an error is reported and also sent on, as Node-RED does; with senderr it only goes to catch nodes;
/// with the fail branch it goes to the second output instead.
/// </summary>
public sealed class HttpRequestCompiler : NodeCompiler
{
    private const string Runtime = "global::FlowGen.Runtime";

    /// <summary>Dify's limits.</summary>
    private const int MaxRetries = 10;

    private const int MaxRetryInterval = 5000;

    public override string Type => "http request";

    public override void Lower(NodeLoweringContext context)
    {
        context.OutputMode = OutputMode.Flags;
        context.IsAsync = true;
        // Node-RED turns anything the input handler throws into node.error(err, msg).
        context.CanFail = true;

        var method = Method(context);
        var ret = Enum(context, "ret", "txt", new() { ["txt"] = "Text", ["bin"] = "Binary", ["obj"] = "Object" }, "HttpRequestReturn");
        var payloadMode = PayloadMode(context);
        var auth = Enum(context, "authType", "basic", new() { ["basic"] = "Basic", ["digest"] = "Digest", ["bearer"] = "Bearer" }, "HttpRequestAuth");
        var senderr = context.GetBool("senderr");
        var tls = context.Json["tls"] is JsonStringSyntax { Value.Length: > 0 };
        CheckCredentials(context);
        var headers = Headers(context);

        // Dify's additions.
        var retries = Integer(context, "retries", 0, MaxRetries, "retries must be a whole number from 0 to 10 (Dify's limit)");
        var interval = Integer(context, "retryInterval", 0, MaxRetryInterval, "retryInterval must be a whole number of milliseconds from 0 to 5000 (Dify's limit)");
        var failBranch = context.GetBool("failBranch");
        var bodyKind = Enum(context, "bodyKind", "", new()
        {
            [""] = "NodeRed", ["json"] = "Json", ["form-urlencoded"] = "FormUrlEncoded", ["form-data"] = "FormData", ["raw-text"] = "RawText", ["binary"] = "Binary",
        }, "HttpRequestBodyKind");
        var apiKeyIn = Enum(context, "apiKeyIn", "", new() { [""] = "None", ["header"] = "Header", ["query"] = "Query" }, "HttpRequestApiKeyIn");
        var apiKeyName = ApiKeyName(context, apiKeyIn);

        if (!failBranch && context.Node.Outputs.Count > 1 && context.Node.Outputs.Skip(1).Any(p => p.Count > 0))
        {
            context.Report(FlowDiagnostics.InvalidProperty, context.Json["wires"], context.NodeName,
                "the node's second output is wired but failBranch is not set, so nothing is ever sent there: set \"failBranch\": true to send errors to it");
        }

        var url = Url(context, out var templated);
        if (context.HasErrors || method is null || ret is null || payloadMode is null || auth is null || headers is null || retries is null || interval is null || bodyKind is null || apiKeyIn is null || url is null) return;

        var options = context.StaticField($"{Runtime}.HttpRequestOptions",
            $"new({context.NodeInfoField()}, {CSharp.String(method)}, {url}, ret: {Runtime}.HttpRequestReturn.{ret}, payloadMode: {Runtime}.HttpRequestPayloadMode.{payloadMode}, " +
            $"headers: {CSharp.Array($"{Runtime}.HttpRequestHeaderEntry", headers)}, auth: {Runtime}.HttpRequestAuth.{auth}, tls: {CSharp.Bool(tls)}, " +
            $"retries: {CSharp.Int(retries.Value)}, retryIntervalMs: {CSharp.Int(interval.Value)}, bodyKind: {Runtime}.HttpRequestBodyKind.{bodyKind}, " +
            $"apiKeyIn: {Runtime}.HttpRequestApiKeyIn.{apiKeyIn}, apiKeyName: {CSharp.String(apiKeyName)})",
            "Options");

        var body = context.Body;
        // Node-RED's node.status calls: blue dot "requesting" when it starts, cleared when it has a response, a red ring
        // with the error code on failure.
        body.Line(context.StatusStatement("blue", "dot", CSharp.String("httpin.status.requesting")));
        body.Line($"var result = await {Runtime}.HttpRequestNode.SendAsync(msg, {options}{(templated ? ", url" : "")});");
        body.Line($"if (result.IsSuccess) {context.StatusStatement(null, null, "null")}");
        body.Line($"else {context.StatusStatement("red", "ring", "global::FlowGen.Runtime.FlowStatus.ErrorText(result.Error)")}");
        if (failBranch)
        {
            // Success and failure are separate outcomes: each output must be answered on its own.
            context.OutputsAreExclusive = true;
            body.Line($"if (result.IsSuccess) {context.Fire(0)} = true;");
            body.OpenBlock("else");
            body.Line($"result.ApplyTo(msg, {context.NodeInfoField()});");
            body.Line($"{context.Fire(1)} = true;");
            body.CloseBlock();
            return;
        }

        // Errors reach catch nodes; without senderr the message also goes on with the error as payload.
        context.RaisesErrors = senderr;
        context.ErrorsContinueOnOutput = !senderr;
        body.Line($"if (result.IsSuccess) {context.Fire(0)} = true;");
        body.OpenBlock("else if (result.IsCatchable)");
        body.Line(context.ReportErrorStatement("result.Error!"));
        if (!senderr)
        {
            body.OpenBlock("if (result.ContinuesOnOutput)");
            body.Line("result.ApplyTo(msg);");
            body.Line($"{context.Fire(0)} = true;");
            body.CloseBlock();
        }
        body.CloseBlock();
    }

    /// <summary>method: any string (upper-cased at run time), "use" for msg.method; default GET.</summary>
    private static string? Method(NodeLoweringContext context)
    {
        var syntax = context.Json["method"];
        switch (syntax)
        {
            case null or JsonNullSyntax:
                return "GET";
            case JsonStringSyntax s when s.Value.Length == 0:
                return "GET";
            case JsonStringSyntax s when s.Value == "use" || HttpSyntax.IsToken(s.Value):
                return s.Value;
            case JsonStringSyntax s:
                context.Report(FlowDiagnostics.InvalidProperty, s, context.NodeName, $"method '{s.Value}' is not a valid HTTP method name: use GET, POST, PUT, DELETE, HEAD, PATCH, OPTIONS or \"use\" (msg.method)");
                return null;
            default:
                context.Report(FlowDiagnostics.InvalidProperty, syntax, context.NodeName, $"method must be a string, not {syntax.KindName}");
                return null;
        }
    }

    /// <summary>paytoqs: false/"ignore", true/"query", "body".</summary>
    private static string? PayloadMode(NodeLoweringContext context)
    {
        var syntax = context.Json["paytoqs"];
        switch (syntax)
        {
            case null or JsonNullSyntax:
            case JsonBooleanSyntax { Value: false }:
            case JsonStringSyntax { Value: "" or "ignore" }:
                return "Ignore";
            case JsonBooleanSyntax { Value: true }:
            case JsonStringSyntax { Value: "query" }:
                return "Query";
            case JsonStringSyntax { Value: "body" }:
                return "Body";
            default:
                context.Report(FlowDiagnostics.InvalidProperty, syntax, context.NodeName, "paytoqs must be \"ignore\", \"query\" or \"body\" (or false/true)");
                return null;
        }
    }

    /// <summary>A string property with a fixed set of values (its default when absent or empty).</summary>
    private static string? Enum(NodeLoweringContext context, string property, string defaultValue, Dictionary<string, string> values, string typeName)
    {
        var syntax = context.Json[property];
        var text = syntax switch
        {
            null or JsonNullSyntax => defaultValue,
            JsonStringSyntax { Value.Length: 0 } => defaultValue,
            JsonStringSyntax s => s.Value,
            _ => null,
        };
        if (text is not null && values.TryGetValue(text, out var member)) return member;
        var allowed = string.Join(", ", values.Keys.Where(k => k.Length > 0).Select(k => $"\"{k}\""));
        context.Report(FlowDiagnostics.InvalidProperty, syntax, context.NodeName,
            text is null ? $"{property} must be a string, one of {allowed}, not {syntax!.KindName}" : $"{property} \"{text}\" is not one of {allowed} ({typeName.Replace("HttpRequest", "")})");
        return null;
    }

    /// <summary>A whole number in a range: a JSON number or a numeric string; absent means the minimum.</summary>
    private static int? Integer(NodeLoweringContext context, string property, int min, int max, string message)
    {
        var syntax = context.Json[property];
        double value;
        switch (syntax)
        {
            case null or JsonNullSyntax:
            case JsonStringSyntax { Value.Length: 0 }:
                return min;
            case JsonNumberSyntax n:
                value = n.Value;
                break;
            case JsonStringSyntax s:
                value = JsNumbers.ToNumber(s.Value);
                break;
            default:
                value = double.NaN;
                break;
        }
        if (double.IsNaN(value) || value < min || value > max || System.Math.Floor(value) != value)
        {
            context.Report(FlowDiagnostics.InvalidProperty, syntax, context.NodeName, message);
            return null;
        }
        return (int)value;
    }

    private static string ApiKeyName(NodeLoweringContext context, string? apiKeyIn)
    {
        var syntax = context.Json["apiKeyName"];
        if (syntax is JsonStringSyntax { Value.Length: > 0 } s)
        {
            if (apiKeyIn == "Header" && !HttpSyntax.IsToken(s.Value))
            {
                context.Report(FlowDiagnostics.InvalidProperty, s, context.NodeName, $"apiKeyName '{s.Value}' is not a valid header name");
            }
            return s.Value;
        }
        if (syntax is not null and not JsonNullSyntax and not JsonStringSyntax)
        {
            context.Report(FlowDiagnostics.InvalidProperty, syntax, context.NodeName, $"apiKeyName must be a string, not {syntax.KindName}");
        }
        return apiKeyIn == "Query" ? "api_key" : "X-API-Key";
    }

    /// <summary>Credentials come from configuration, never from the flow file.</summary>
    private static void CheckCredentials(NodeLoweringContext context)
    {
        if (context.Json["credentials"] is not JsonObjectSyntax credentials) return;
        foreach (var property in credentials.Properties)
        {
            if (property.Value is JsonStringSyntax { Value.Length: > 0 })
            {
                context.Report(FlowDiagnostics.InvalidProperty, property.Value, context.NodeName,
                    $"the flow file holds the credential '{property.Name}': FlowGen never reads secrets from flow files; remove it and configure FlowGen:Credentials:{context.Node.Id} (User, Password, ApiKey) or FlowOptions.HttpRequestCredentials instead");
            }
        }
    }

    /// <summary>The headers list: one HttpRequestHeaderEntry per entry whose name can be non-empty.</summary>
    private static List<string>? Headers(NodeLoweringContext context)
    {
        var syntax = context.Json["headers"];
        var entries = new List<string>();
        if (syntax is null or JsonNullSyntax) return entries;
        if (syntax is not JsonArraySyntax list)
        {
            context.Report(FlowDiagnostics.InvalidProperty, syntax, context.NodeName, $"headers must be a list of {{keyType, keyValue, valueType, valueValue}} entries, not {syntax.KindName}");
            return null;
        }
        var ok = true;
        foreach (var item in list.Items)
        {
            if (item is not JsonObjectSyntax entry)
            {
                context.Report(FlowDiagnostics.InvalidProperty, item, context.NodeName, $"a headers entry must be an object with keyType, keyValue, valueType and valueValue, not {item.KindName}");
                ok = false;
                continue;
            }
            var name = Part(context, entry, "keyType", "keyValue", isName: true, out var skip);
            if (skip) continue;
            var value = Part(context, entry, "valueType", "valueValue", isName: false, out _);
            if (name is null || value is null)
            {
                ok = false;
                continue;
            }
            entries.Add($"new {Runtime}.HttpRequestHeaderEntry({name.Value.Constant}, {name.Value.Path}, {value.Value.Constant}, {value.Value.Path})");
        }
        return ok ? entries : null;
    }

    /// <summary>
    /// A header name or value: type "other" is the text, "msg" a message property read per message, any other type
    /// is itself the text (the editor's presets such as "Accept" or "application/json").
    /// </summary>
    private static (string Constant, string Path)? Part(NodeLoweringContext context, JsonObjectSyntax entry, string typeProperty, string valueProperty, bool isName, out bool skip)
    {
        skip = false;
        var typeSyntax = entry[typeProperty];
        var valueSyntax = entry[valueProperty];
        var type = (typeSyntax as JsonStringSyntax)?.Value ?? "other";
        var what = isName ? "header name" : "header value";
        if (type == "msg")
        {
            var text = TypedValueEmitter.ValueText(valueSyntax) ?? "";
            var path = PathEmitter.MessagePathField(context, text, valueSyntax);
            return path is null ? null : ("null", path);
        }
        string? constant;
        JsonSyntax? at;
        if (type == "other")
        {
            constant = TypedValueEmitter.ValueText(valueSyntax);
            at = valueSyntax;
            if (constant is null)
            {
                context.Report(FlowDiagnostics.InvalidProperty, valueSyntax, context.NodeName, $"the {what} must be a string, not {valueSyntax!.KindName}");
                return null;
            }
        }
        else
        {
            constant = type;
            at = typeSyntax;
        }
        if (ConfigText.EnvName(constant) is not null) return (ConfigText.Expression(context, constant), "null");
        if (isName && constant.Length == 0)
        {
            // Node-RED skips an entry without a name.
            skip = true;
            return null;
        }
        if (isName && !HttpSyntax.IsToken(constant))
        {
            context.Report(FlowDiagnostics.InvalidProperty, at, context.NodeName, $"'{constant}' is not a valid header name");
            return null;
        }
        if (!isName && constant.Any(c => (c < 0x20 && c != '\t') || c == 0x7f))
        {
            context.Report(FlowDiagnostics.InvalidProperty, at, context.NodeName, "a header value must not contain line breaks or other control characters");
            return null;
        }
        // An empty value deletes the header (null: nothing to add).
        return (constant.Length == 0 ? "null" : CSharp.String(constant), "null");
    }

    /// <summary>
    /// The node's URL: null when empty (msg.url is used), a whole-value ${VAR} read at startup, a constant, or a
    /// mustache template compiled into the local <c>url</c>. Returns the C# expression for the options.
    /// </summary>
    private static string? Url(NodeLoweringContext context, out bool templated)
    {
        templated = false;
        var syntax = context.Json["url"];
        switch (syntax)
        {
            case null or JsonNullSyntax:
            case JsonStringSyntax { Value.Length: 0 }:
                return "null";
            case JsonStringSyntax s when ConfigText.EnvName(s.Value) is not null:
                return ConfigText.Expression(context, s.Value);
            case JsonStringSyntax s when s.Value.IndexOf("{{", System.StringComparison.Ordinal) < 0:
                return CSharp.String(s.Value);
            case JsonStringSyntax s:
                templated = true;
                return Template(context, s);
            default:
                context.Report(FlowDiagnostics.InvalidProperty, syntax, context.NodeName, $"url must be a string, not {syntax.KindName}");
                return null;
        }
    }

    /// <summary>mustache.render(url, msg): parsed now, rendered per message into <c>url</c>.</summary>
    private static string? Template(NodeLoweringContext context, JsonStringSyntax text)
    {
        var nodes = MustacheParser.Parse(text.Value, out var error);
        if (nodes is null)
        {
            context.Report(FlowDiagnostics.InvalidTemplate, JsonStringPositions.ToFileSpan(context.Text, text.Span, error!.Start, error.Length), context.NodeName, error.ToString());
            return null;
        }
        if (Partial(nodes) is { } partial)
        {
            context.Report(FlowDiagnostics.InvalidTemplate, JsonStringPositions.ToFileSpan(context.Text, text.Span, partial.Start, partial.End - partial.Start), context.NodeName,
                $"\"{text.Value.Substring(partial.Start, partial.End - partial.Start)}\" is a partial; the http request node renders its URL without partials, so it renders nothing there: remove the tag");
            return null;
        }
        var emitter = context.MustacheEmitter(envScope: null);
        emitter.Emit(context.Body, nodes, "global::FlowGen.Runtime.MustacheContext.Root(msg)", "url");
        return CSharp.String(text.Value);
    }

    private static MustacheNode? Partial(IReadOnlyList<MustacheNode> nodes)
    {
        foreach (var node in nodes)
        {
            if (node is MustachePartial) return node;
            if (node is MustacheSection section && Partial(section.Children) is { } inner) return inner;
        }
        return null;
    }
}
