using System.Linq;
using FlowGen.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace FlowGen.Compiler.Tests;

public sealed class CodeNodeTests
{
    private const string UserCode = """
        using Microsoft.AspNetCore.Builder;
        using Microsoft.Extensions.DependencyInjection;

        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddSingleton<MyApp.Stock>();
        var app = builder.Build();
        app.MapFlows();
        app.Run();

        namespace MyApp
        {
            public static class Orders
            {
                public static double Price(double amount, int quantity, string? coupon) => amount * quantity;
                public static async System.Threading.Tasks.Task<string> LabelAsync(string name, System.Threading.CancellationToken ct) { await System.Threading.Tasks.Task.Delay(1, ct); return name; }
                public static System.Threading.Tasks.ValueTask AuditAsync(FlowGen.Runtime.FlowMessage msg) => default;
                public static void Touch(FlowGen.Runtime.FlowMessage msg, Microsoft.AspNetCore.Http.HttpContext http) { }
                public static FlowGen.Runtime.JsObject? Lookup(FlowGen.Runtime.JsObject? payload, byte[]? raw, System.DateTime? when, bool flag, long? big) => payload;
                public static object? Raw(object? payload) => payload;
                public static int Twice(int payload) => payload * 2;
                public static int Twice(long payload) => (int)payload * 2;
                private static int Hidden(int payload) => payload;
                public static System.Uri Link(string payload) => new(payload);
                public static int Swap(ref int payload) => payload;
                public static T Generic<T>(T payload) => payload;
                public sealed class Nested { public static string Hello(string payload) => payload; }
                public static string @event(string payload) => payload;
            }

            public sealed class Stock
            {
                public int? Count(string sku) => sku.Length;
            }
        }
        """;

    private static string CodeFlow(string fields, string id = "n", string route = "/t") => $$"""
        [
          {"id": "tab_{{id}}", "type": "tab", "label": "T"},
          {"id": "in_{{id}}", "type": "http in", "z": "tab_{{id}}", "url": "{{route}}", "method": "get", "x": 1, "y": 1, "wires": [["{{id}}"]]},
          {"id": "{{id}}", "type": "csharp", "z": "tab_{{id}}", {{fields}}, "x": 1, "y": 1, "wires": [["out_{{id}}"]]},
          {"id": "out_{{id}}", "type": "http response", "z": "tab_{{id}}", "x": 1, "y": 1, "wires": []}
        ]
        """;

    private static GeneratorHarness.Result Run(string fields) =>
        GeneratorHarness.Run(GeneratorHarness.CreateCompilation(UserCode), new[] { new InMemoryFlowFile("/project/c.flow.json", CodeFlow(fields)) });

    [Theory]
    [InlineData("\"method\": \"MyApp.Orders.Price\", \"arguments\": {\"amount\": \"payload.a\", \"quantity\": \"req.query.q\"}, \"property\": \"payload.total\"", "MyApp.Orders.Price(arg_amount, arg_quantity, arg_coupon)")]
    [InlineData("\"method\": \"MyApp.Orders.LabelAsync\", \"arguments\": {\"name\": \"req.params.name\"}", "await global::MyApp.Orders.LabelAsync(arg_name, msg.Exchange.Http.RequestAborted)")]
    [InlineData("\"method\": \"global::MyApp.Orders.AuditAsync\"", "await global::MyApp.Orders.AuditAsync(msg);")]
    [InlineData("\"method\": \"MyApp.Orders.Touch\"", "global::MyApp.Orders.Touch(msg, msg.Exchange.Http);")]
    [InlineData("\"method\": \"MyApp.Orders.Lookup\"", "ToValue<global::FlowGen.Runtime.JsObject>(Argument0.Get(msg), true")]
    [InlineData("\"method\": \"MyApp.Orders.Raw\"", "CodeNodeValues.FromObject(result, \"MyApp.Orders.Raw\")")]
    [InlineData("\"method\": \"MyApp.Orders.Nested.Hello\"", "global::MyApp.Orders.Nested.Hello(arg_payload)")]
    [InlineData("\"method\": \"MyApp.Orders.event\"", "global::MyApp.Orders.@event(arg_payload)")]
    [InlineData("\"method\": \"MyApp.Stock.Count\", \"arguments\": {\"sku\": \"req.params.sku\"}", "GetRequiredService<global::MyApp.Stock>(msg.Exchange.Http.RequestServices)")]
    public void Supported_methods_compile_without_warnings(string fields, string expected)
    {
        var result = Run(fields);

        Assert.True(result.GeneratorDiagnostics.IsEmpty && result.CompileDiagnostics.IsEmpty, result.Describe());
        Assert.Contains(expected, result.Source("c.code.g.cs"));
        Assert.Contains("await Csharp_n_Call.InvokeAsync(msg);", result.Source("c.flow.g.cs"));
    }

    [Theory]
    [InlineData("\"method\": \"MyApp.Nope.Price\"", "FLOW401", "no type 'MyApp.Nope'")]
    [InlineData("\"method\": \"MyApp.Orders.Nope\"", "FLOW401", "no method named 'Nope'")]
    [InlineData("\"method\": \"MyApp.Orders.Hidden\"", "FLOW402", "private")]
    [InlineData("\"method\": \"MyApp.Orders.Link\"", "FLOW402", "returns System.Uri")]
    [InlineData("\"method\": \"MyApp.Orders.Swap\"", "FLOW402", "parameter 'payload' is ref")]
    [InlineData("\"method\": \"MyApp.Orders.Generic\"", "FLOW402", "generic")]
    [InlineData("\"method\": \"MyApp.Orders.Twice\"", "FLOW403", "2 overloads")]
    public void Methods_that_cannot_be_called_are_errors_at_the_method_value(string fields, string id, string text)
    {
        var result = Run(fields);

        var diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Contains(text, diagnostic.GetMessage());
        var span = diagnostic.Location.GetLineSpan();
        Assert.Equal("/project/c.flow.json", span.Path);
        Assert.Equal(3, span.StartLinePosition.Line);
        var line = CodeFlow(fields).Split('\n')[3];
        Assert.Equal(line.IndexOf("\"method\": ", System.StringComparison.Ordinal) + "\"method\": ".Length, span.StartLinePosition.Character);
        // The node's call still compiles (it raises a flow error), so only the FlowGen error fails the build.
        Assert.True(result.CompileDiagnostics.IsEmpty, result.Describe());
        Assert.Contains("could not be bound", result.Source("c.code.g.cs"));
    }

    [Fact]
    public void An_argument_naming_no_parameter_is_an_error_at_the_argument()
    {
        var result = Run("\"method\": \"MyApp.Orders.Price\", \"arguments\": {\"amount\": \"payload\", \"qty\": \"payload\"}");

        var diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("FLOW402", diagnostic.Id);
        Assert.Contains("'qty'", diagnostic.GetMessage());
        Assert.Equal(CodeFlow("\"method\": \"MyApp.Orders.Price\", \"arguments\": {\"amount\": \"payload\", \"qty\": \"payload\"}").Split('\n')[3].LastIndexOf("\"payload\"", System.StringComparison.Ordinal),
            diagnostic.Location.GetLineSpan().StartLinePosition.Character);
    }

    [Theory]
    [InlineData("\"method\": \"Price\"", "Namespace.Type.Method")]
    [InlineData("\"method\": \"MyApp.Orders.Price\", \"property\": \"a..b\"", "a..b")]
    [InlineData("\"method\": \"MyApp.Orders.Price\", \"arguments\": {\"amount\": 3}", "argument 'amount'")]
    public void Malformed_node_fields_are_errors_before_any_binding(string fields, string text)
    {
        var result = Run(fields);

        var diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("FLOW205", diagnostic.Id);
        Assert.Contains(text, diagnostic.GetMessage());
        Assert.DoesNotContain("c.code.g.cs", result.HintNames);
    }

    [Fact]
    public void A_code_node_no_endpoint_reaches_is_still_checked_but_generates_no_call()
    {
        var flow = CodeFlow("\"method\": \"MyApp.Orders.Nope\"").Replace("\"wires\": [[\"n\"]]", "\"wires\": [[\"out_n\"]]");
        var result = GeneratorHarness.Run(GeneratorHarness.CreateCompilation(UserCode), new[] { new InMemoryFlowFile("/project/c.flow.json", flow) });

        Assert.Equal("FLOW401", Assert.Single(result.GeneratorDiagnostics).Id);
        Assert.DoesNotContain("c.code.g.cs", result.HintNames);
        Assert.True(result.CompileDiagnostics.IsEmpty, result.Describe());
    }

    [Fact]
    public void A_function_node_error_names_the_csharp_node()
    {
        var result = GeneratorHarness.Run(("f.flow.json", Flows.With("{\"id\": \"n\", \"type\": \"function\", \"z\": \"tab1\", \"func\": \"return msg;\", \"x\": 1, \"y\": 1, \"wires\": [[\"out\"]]}")));

        Assert.Contains("\"csharp\" node", Assert.Single(result.GeneratorDiagnostics).GetMessage());
    }

    [Fact]
    public void A_csharp_edit_reruns_only_the_code_node_branch()
    {
        var compilation = GeneratorHarness.CreateCompilation(UserCode);
        var driver = GeneratorHarness.CreateDriver(
            new InMemoryFlowFile("/project/code.flow.json", CodeFlow("\"method\": \"MyApp.Orders.Raw\"")),
            new InMemoryFlowFile("/project/plain.flow.json", Flows.Hello("/plain", "p1")));
        driver = driver.RunGenerators(compilation);

        var edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("class Unrelated { }", new CSharpParseOptions(LanguageVersion.CSharp13)));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        Assert.All(result.TrackedSteps[TrackingNames.FlowFile].SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
        Assert.All(result.TrackedSteps[TrackingNames.Registration].SelectMany(s => s.Outputs), o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged));
        // Only the file with a code node reaches the binding, and it is bound again against the new compilation.
        var binding = Assert.Single(result.TrackedSteps[TrackingNames.CodeNodeBinding].SelectMany(s => s.Outputs));
        Assert.Equal(IncrementalStepRunReason.Unchanged, binding.Reason);
        Assert.Equal("code.code.g.cs", ((Model.CodeNodeOutput)binding.Value).HintName);
    }

    [Fact]
    public void Editing_a_flow_without_code_nodes_does_not_rebind_code_nodes()
    {
        var compilation = GeneratorHarness.CreateCompilation(UserCode);
        var plain = new InMemoryFlowFile("/project/plain.flow.json", Flows.Hello("/plain", "p1"));
        var driver = GeneratorHarness.CreateDriver(new InMemoryFlowFile("/project/code.flow.json", CodeFlow("\"method\": \"MyApp.Orders.Raw\"")), plain)
            .RunGenerators(compilation);

        var edited = new InMemoryFlowFile("/project/plain.flow.json", Flows.Hello("/plain", "p1").Replace("\"201\"", "\"202\""));
        var result = driver.ReplaceAdditionalText(plain, edited).RunGenerators(compilation).GetRunResult().Results.Single();

        Assert.All(result.TrackedSteps[TrackingNames.CodeNodeBinding].SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }

    [Fact]
    public void Changing_the_called_method_in_csharp_changes_the_binding_result()
    {
        var flow = new InMemoryFlowFile("/project/code.flow.json", CodeFlow("\"method\": \"MyApp.Orders.Raw\""));
        var compilation = GeneratorHarness.CreateCompilation(UserCode);
        var driver = GeneratorHarness.CreateDriver(flow).RunGenerators(compilation);

        var renamed = GeneratorHarness.CreateCompilation(UserCode.Replace("object? Raw(", "object? Raw2("));
        var run = driver.RunGenerators(renamed).GetRunResult();

        Assert.Equal(IncrementalStepRunReason.Modified, Assert.Single(run.Results.Single().TrackedSteps[TrackingNames.CodeNodeBinding].SelectMany(s => s.Outputs)).Reason);
        Assert.Contains(run.Diagnostics, d => d.Id == "FLOW401");
    }
}
