using System.Collections.Generic;
using FlowGen.Compiler.Binding;
using FlowGen.Compiler.Diagnostics;
using FlowGen.Compiler.Emit;
using FlowGen.Compiler.Json;
using FlowGen.Compiler.Model;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace FlowGen.Compiler.Nodes;

/// <summary>How a node's outputs fire after its work.</summary>
public enum OutputMode
{
    /// <summary>No outputs (http response, debug).</summary>
    None,

    /// <summary>Every output fires once the work is done (change, template, json, junction).</summary>
    Always,

    /// <summary>The work sets the flags <c>fire0</c>, <c>fire1</c>, ... (switch).</summary>
    Flags,

    /// <summary>
    /// Every output fires when the work hands a message back later (a link call's subroutine returning): the emitter
    /// writes the deliveries in a method of their own, named by <see cref="NodeLoweringContext.ReturnMethod"/>.
    /// </summary>
    Return,
}

/// <summary>
/// Compiles one node type: checks its configuration and writes the C# statements of its work.
/// Message delivery to the next nodes, cloning on fan-out and error handling are written by the emitter.
/// </summary>
public abstract class NodeCompiler
{
    public abstract string Type { get; }

    public abstract void Lower(NodeLoweringContext context);
}

/// <summary>An http in node's route: Node-RED's method and URL, the ASP.NET Core template, msg.req.params names.</summary>
public sealed record HttpRoute(string Method, string Url, string Template, IReadOnlyList<(string RouteKey, string Name)> Parameters);

/// <summary>What a node compiler sees and writes while lowering one node.</summary>
public sealed class NodeLoweringContext
{
    private readonly FlowGraph _graph;
    private readonly List<DiagnosticInfo> _diagnostics;
    private readonly StaticFields _fields;

    internal NodeLoweringContext(FlowGraph graph, FlowNode node, List<DiagnosticInfo> diagnostics, StaticFields fields, OpenApi.ApiDocument? contract = null)
    {
        Contract = contract;
        _graph = graph;
        Node = node;
        _diagnostics = diagnostics;
        _fields = fields;
    }

    public FlowNode Node { get; }

    public JsonObjectSyntax Json => Node.Json;

    /// <summary>The statements of the node's work; the message is the local <c>msg</c>.</summary>
    public CodeWriter Body { get; } = new();

    public OutputMode OutputMode { get; set; } = OutputMode.Always;

    /// <summary>The work may throw a flow error, which Node-RED reports to catch nodes.</summary>
    public bool CanFail { get; set; }

    /// <summary>The work contains <c>await</c>.</summary>
    public bool IsAsync { get; set; }

    public bool HasErrors { get; private set; }

    /// <summary>
    /// The node has an error outcome in normal operation (a parse that can fail on request data, an outbound call):
    /// a flow must answer it, through a catch node or an output that carries it. Checked by the path rules.
    /// </summary>
    public bool RaisesErrors { get; set; }

    /// <summary>
    /// The node's errors reach the catch nodes and the message also goes on along its outputs (an http request
    /// without senderr): a catch path and an output path that both answer answer one request twice.
    /// </summary>
    public bool ErrorsContinueOnOutput { get; set; }

    /// <summary>
    /// Flags mode only: at most one output fires (a switch that stops at the first match), so each output is a
    /// separate outcome that must be answered; otherwise the firing outputs carry copies of one message.
    /// </summary>
    public bool OutputsAreExclusive { get; set; }

    /// <summary>
    /// Flags mode, outputs not exclusive: pairs of outputs that never fire for the same message (a switch's
    /// otherwise rule and the rules it follows when every rule is checked).
    /// </summary>
    public HashSet<(int, int)> ExclusivePorts { get; } = new();

    /// <summary>Flags mode only: a message can fire no output at all (a switch with no otherwise rule).</summary>
    public bool CanFireNothing { get; set; }

    /// <summary>The node's method is called from other flow files (a link in): it is internal, not private.</summary>
    public bool CalledFromOtherFiles { get; set; }

    /// <summary>The node reports errors from its work (through <see cref="ReportErrorStatement"/> or <see cref="ErrorMethod"/>).</summary>
    public bool ReportsErrors { get; private set; }

    /// <summary>For an http in node: the method, URL and route template it maps.</summary>
    public HttpRoute? Route { get; set; }

    /// <summary>The project's OpenAPI document, or null when it has none.</summary>
    public OpenApi.ApiDocument? Contract { get; }

    /// <summary>For an http in node: the operation of <see cref="Contract"/> it implements, or null.</summary>
    public OpenApi.ApiOperation? Operation { get; set; }

    public string NodeName => Node.Syntax.DisplayName;

    /// <summary>
    /// The variable a Flags-mode node sets to fire an output: <c>fire0</c>, ...; a discard for an unwired output,
    /// so no unused local is generated.
    /// </summary>
    public string Fire(int port) => port < Node.Outputs.Count && Node.Outputs[port].Count > 0 ? "fire" + port.ToString(System.Globalization.CultureInfo.InvariantCulture) : "_";

    /// <summary>The C# name of the node's method, for nodes that call other nodes directly.</summary>
    public string MethodName(FlowNode node) => FlowEmitter.MethodName(node);

    public void Report(DiagnosticDescriptor descriptor, JsonSyntax? at, params string[] arguments)
    {
        if (descriptor.DefaultSeverity == DiagnosticSeverity.Error) HasErrors = true;
        var location = at is null ? Node.Syntax.Location : _graph.Locate(at.Span);
        _diagnostics.Add(DiagnosticInfo.Create(descriptor, location, arguments));
    }

    /// <summary>Reports at a span of the flow file, such as a position inside a string value.</summary>
    public void Report(DiagnosticDescriptor descriptor, Microsoft.CodeAnalysis.Text.TextSpan at, params string[] arguments)
    {
        if (descriptor.DefaultSeverity == DiagnosticSeverity.Error) HasErrors = true;
        _diagnostics.Add(DiagnosticInfo.Create(descriptor, _graph.Locate(at), arguments));
    }

    /// <summary>Reports at a place outside the flow file: a schema or parameter of the OpenAPI document.</summary>
    public void ReportInDocument(DiagnosticDescriptor descriptor, SourceLocation at, params string[] arguments)
    {
        if (descriptor.DefaultSeverity == DiagnosticSeverity.Error) HasErrors = true;
        _diagnostics.Add(DiagnosticInfo.Create(descriptor, at, arguments));
    }

    /// <summary>Where a JSON value of the flow file is, for models that report later (the C# code node's binding).</summary>
    public SourceLocation Locate(JsonSyntax syntax) => _graph.Locate(syntax.Span);

    /// <summary>A C# code node: what the code-node branch of the generator binds to the user's method.</summary>
    public CodeNodeRequest? CodeNode { get; set; }

    /// <summary>The flow file's text, to find positions inside property values.</summary>
    public Microsoft.CodeAnalysis.Text.SourceText Text => _graph.Text;

    /// <summary>Declares a static readonly field of the flow class, initialised once, and returns its name.</summary>
    public string StaticField(string type, string initializer, string purpose) =>
        _fields.Add(type, initializer, FlowEmitter.MethodName(Node) + "_" + purpose);

    /// <summary>
    /// The static FlowEnvScope field through which this node reads environment variables: its NR_NODE_* names,
    /// its groups' and tab's env lists, then the process.
    /// </summary>
    public string EnvScope => _fields.EnvScope(_graph, Node, this);

    /// <summary>
    /// A statement that reports an error of this node for the message <c>msg</c> without stopping the node's work
    /// (Node-RED's node.error(err, msg) followed by a send, as http request does without senderr). The emitter uses
    /// the same statement when the node's work throws. The error goes to the catch nodes in scope of this node,
    /// chosen at build time; when none answers it, it is logged and the request ends in the automatic 500 unless
    /// another path answers.
    /// </summary>
    public string ReportErrorStatement(string exceptionExpression) => ReportErrorStatement(exceptionExpression, "msg");

    /// <summary>Reports an error of this node for another message variable.</summary>
    public string ReportErrorStatement(string exceptionExpression, string messageExpression) =>
        $"await {ErrorMethod()}({exceptionExpression}, {messageExpression});";

    /// <summary>
    /// The name of the generated method <c>ValueTask Error_X(Exception error, FlowMessage msg)</c> that reports this
    /// node's errors (to its catch nodes, else as uncaught); usable as a delegate.
    /// </summary>
    public string ErrorMethod()
    {
        ReportsErrors = true;
        _fields.ErrorReporters.Add(Node);
        return FlowEmitter.ErrorMethodName(Node);
    }

    /// <summary>
    /// A statement that reports a status of this node (Node-RED's node.status({fill, shape, text})) for the request of
    /// <c>msg</c>: each status node in scope, chosen at build time, gets a new message with msg.status. Null parts are
    /// left out (all null: node.status({}), clearing).
    /// </summary>
    public string StatusStatement(string? fill, string? shape, string textExpression)
    {
        _fields.StatusReporters.Add(Node);
        string Text(string? value) => value is null ? "null" : CSharp.String(value);
        return $"await {FlowEmitter.StatusMethodName(Node)}(msg, {Text(fill)}, {Text(shape)}, {textExpression});";
    }

    /// <summary>For <see cref="OutputMode.Return"/>: the method that sends a returned message on the node's outputs.</summary>
    public string ReturnMethod() => FlowEmitter.ReturnMethodName(Node);

    /// <summary>The C# name of the flow class of this file.</summary>
    public string ClassName => _fields.ClassName;

    /// <summary>
    /// A mustache emitter for this node: each dotted name becomes one static string[] field, shared by every tag that
    /// uses it. With an env scope, {{env.NAME}} falls back to the node's environment.
    /// </summary>
    public Mustache.MustacheEmitter MustacheEmitter(System.Func<string>? envScope)
    {
        var names = new Dictionary<string, string>();
        return new Mustache.MustacheEmitter(parts =>
        {
            var key = string.Join(".", parts);
            if (!names.TryGetValue(key, out var field))
            {
                field = StaticField("string[]", "new[] { " + string.Join(", ", System.Linq.Enumerable.Select(parts, CSharp.String)) + " }", "Name");
                names[key] = field;
            }
            return field;
        }, envScope);
    }

    /// <summary>The static node description used in errors and logs.</summary>
    public string NodeInfoField() => _fields.NodeInfo(_graph, Node);

    public string? GetString(string property) => (Json[property] as JsonStringSyntax)?.Value;

    public bool GetBool(string property, bool defaultValue = false) => Json[property] switch
    {
        JsonBooleanSyntax b => b.Value,
        JsonStringSyntax s => s.Value == "true",
        _ => defaultValue,
    };
}

/// <summary>The static fields of one generated flow class.</summary>
internal sealed class StaticFields
{
    private readonly HashSet<string> _names = new();
    private readonly Dictionary<string, string> _nodeInfos = new();
    private readonly Dictionary<string, string> _scopes = new();

    public StaticFields(string className) => ClassName = className;

    public string ClassName { get; }

    /// <summary>Nodes whose Error_ method generated code calls.</summary>
    public HashSet<FlowNode> ErrorReporters { get; } = new();

    /// <summary>Nodes whose Status_ method generated code calls.</summary>
    public HashSet<FlowNode> StatusReporters { get; } = new();

    public CodeWriter Writer { get; } = new();

    public string Add(string type, string initializer, string name)
    {
        var unique = name;
        for (var i = 2; !_names.Add(unique); i++) unique = name + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Writer.Line($"private static readonly {type} {unique} = {initializer};");
        return unique;
    }

    public string EnvScope(FlowGraph graph, FlowNode node, NodeLoweringContext context)
    {
        var key = "node:" + node.Id;
        if (_scopes.TryGetValue(key, out var existing)) return existing;
        var group = node.Syntax.Group is { } g && graph.Groups.TryGetValue(g, out var groupSyntax) ? GroupScope(graph, groupSyntax, node.Instance, context) : ContainerScope(graph, node, context);
        var field = Add("global::FlowGen.Runtime.FlowEnvScope",
            $"new({group}, (\"NR_NODE_ID\", {CSharp.String(node.Id)}), (\"NR_NODE_NAME\", {CSharp.String(node.Syntax.Name)}), (\"NR_NODE_PATH\", {CSharp.String(node.Path)}))",
            FlowEmitter.MethodName(node) + "_Env");
        _scopes[key] = field;
        return field;
    }

    /// <summary>The flow a node is in: its tab, or the subflow instance it is a copy for.</summary>
    private string ContainerScope(FlowGraph graph, FlowNode node, NodeLoweringContext context) =>
        node.Instance is { } instance ? SubflowScope(graph, instance, context) : TabScope(node.Tab, node.Syntax.Z, context);

    /// <summary>
    /// A subflow instance's env, as Node-RED's Subflow.getSetting: NR_SUBFLOW_*, the instance's env over the
    /// definition's, then the instance's group, then the flow the instance is in.
    /// </summary>
    private string SubflowScope(FlowGraph graph, FlowNode instance, NodeLoweringContext context)
    {
        var key = "subflow:" + instance.Id;
        if (_scopes.TryGetValue(key, out var existing)) return existing;
        var parent = instance.Syntax.Group is { } g && graph.Groups.TryGetValue(g, out var group) ? GroupScope(graph, group, instance.Instance, context) : ContainerScope(graph, instance, context);
        var entries = new List<string>
        {
            $"(\"NR_SUBFLOW_NAME\", {CSharp.String(instance.Syntax.Name)})",
            $"(\"NR_SUBFLOW_ID\", {CSharp.String(instance.Id)})",
            $"(\"NR_SUBFLOW_PATH\", {CSharp.String(instance.Path)})",
        };
        // Later entries win: the instance's overrides come after the definition's defaults.
        if (instance.SubflowDefinition is { } definition) entries.AddRange(EnvEntries(definition, context));
        entries.AddRange(EnvEntries(instance.Syntax, context));
        var field = Add("global::FlowGen.Runtime.FlowEnvScope", $"new({parent}, {string.Join(", ", entries)})", "Subflow_" + CSharp.Identifier(instance.Id) + "_Env");
        _scopes[key] = field;
        return field;
    }

    private string TabScope(FlowTab? tab, string? tabId, NodeLoweringContext context)
    {
        var key = "tab:" + (tabId ?? "");
        if (_scopes.TryGetValue(key, out var existing)) return existing;
        var entries = new List<string> { $"(\"NR_FLOW_ID\", {CSharp.String(tabId ?? "")})" };
        if (tab is not null)
        {
            entries.Add($"(\"NR_FLOW_NAME\", {CSharp.String(tab.Label)})");
            entries.AddRange(EnvEntries(tab.Syntax, context));
        }
        var field = Add("global::FlowGen.Runtime.FlowEnvScope", $"new(null, {string.Join(", ", entries)})", "Tab_" + CSharp.Identifier(tabId ?? "none") + "_Env");
        _scopes[key] = field;
        return field;
    }

    private string GroupScope(FlowGraph graph, FlowNodeSyntax group, FlowNode? instance, NodeLoweringContext context)
    {
        // A group inside a subflow definition has one scope per instance.
        var key = "group:" + (instance?.Id ?? "") + "/" + group.Id;
        if (_scopes.TryGetValue(key, out var existing)) return existing;
        // Nested groups: the enclosing group is the parent scope; the outermost group's parent is the tab or subflow.
        _scopes[key] = "null"; // a cycle of groups ends here
        var parent = group.Group is { } g && graph.Groups.TryGetValue(g, out var outer)
            ? GroupScope(graph, outer, instance, context)
            : instance is not null ? SubflowScope(graph, instance, context) : TabScope(graph.Tabs.FirstOrDefault(t => t.Id == group.Z), group.Z, context);
        var groupId = instance is null ? group.Id : instance.Id + "-" + group.Id;
        var entries = new List<string> { $"(\"NR_GROUP_ID\", {CSharp.String(groupId)})", $"(\"NR_GROUP_NAME\", {CSharp.String(group.Name)})" };
        entries.AddRange(EnvEntries(group, context));
        var field = Add("global::FlowGen.Runtime.FlowEnvScope", $"new({parent}, {string.Join(", ", entries)})", "Group_" + CSharp.Identifier(groupId) + "_Env");
        _scopes[key] = field;
        return field;
    }

    /// <summary>A tab's, group's or subflow's env list: {name, type, value} entries folded into constants.</summary>
    private static IEnumerable<string> EnvEntries(FlowNodeSyntax owner, NodeLoweringContext context)
    {
        if (owner.Json["env"] is not JsonArraySyntax list) yield break;
        foreach (var item in list.Items)
        {
            if (item is not JsonObjectSyntax entry || entry["name"] is not JsonStringSyntax { Value.Length: > 0 } name) continue;
            var type = (entry["type"] as JsonStringSyntax)?.Value ?? "str";
            var value = entry["value"];
            var text = Nodes.TypedValueEmitter.ValueText(value) ?? "";
            string? constant = type switch
            {
                "str" => CSharp.String(text),
                "num" => CSharp.Double(Binding.JsNumbers.ToNumber(text)),
                "bool" => CSharp.Bool(value is JsonBooleanSyntax { Value: true } || text == "true"),
                "json" => Json.JsonParser.Parse(text, out _) is null ? null : $"global::FlowGen.Runtime.JsJson.Parse({CSharp.String(text)})",
                "env" => $"global::FlowGen.Runtime.FlowEnvScope.Reference({CSharp.String(text)})",
                _ => null,
            };
            if (constant is null)
            {
                context.Report(type == "json" ? FlowDiagnostics.InvalidProperty : FlowDiagnostics.UnsupportedTypedInput, (JsonSyntax?)entry["type"] ?? entry,
                    type == "json" ? new[] { owner.DisplayName, $"env variable '{name.Value}' is not valid JSON" } : new[] { owner.DisplayName, $"env variable '{name.Value}'", type, "str, num, bool, json, env" });
                continue;
            }
            yield return $"({CSharp.String(name.Value)}, {constant})";
        }
    }

    public string NodeInfo(FlowGraph graph, FlowNode node)
    {
        if (_nodeInfos.TryGetValue(node.Id, out var existing)) return existing;
        var line = node.Syntax.Location.LineSpan.Start;
        var field = Add("global::FlowGen.Runtime.FlowNodeInfo",
            $"new({CSharp.String(node.Id)}, {CSharp.String(node.Type)}, {CSharp.String(node.Syntax.Name)}, {CSharp.String(graph.DisplayPath)}, {CSharp.Int(line.Line + 1)}, {CSharp.Int(line.Character + 1)})",
            FlowEmitter.MethodName(node) + "_Info");
        _nodeInfos[node.Id] = field;
        return field;
    }
}
