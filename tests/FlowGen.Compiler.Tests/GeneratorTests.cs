using System.Linq;
using FlowGen.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace FlowGen.Compiler.Tests;

public sealed class GeneratorTests
{
    [Fact]
    public void Flow_compiles_to_an_endpoint_with_no_diagnostics()
    {
        var result = GeneratorHarness.Run(("hello.flow.json", Flows.Hello()));

        Assert.True(result.GeneratorDiagnostics.IsEmpty && result.CompileDiagnostics.IsEmpty, result.Describe());
        var source = result.Source("hello.flow.g.cs");
        Assert.Contains("internal static partial class HelloFlow", source);
        Assert.Contains("HttpIn_in1(global::Microsoft.AspNetCore.Http.HttpContext http", source);
        Assert.Contains("HttpResponse_in1_out(global::FlowGen.Runtime.FlowMessage msg)", source);
        Assert.Contains("http in \"hello\" (node in1, hello.flow.json(3,3))", source);
        // The response node's work maps to its line in the flow file, then back to the generated lines.
        Assert.Contains("#line 4 \"/project/hello.flow.json\"", source);
        Assert.Contains("#line default", source);
        var registration = result.Source("FlowGen.MapFlows.g.cs");
        Assert.Contains("\"/hello\", new[] { \"GET\", \"HEAD\" }", registration);
        Assert.Contains("public global::Microsoft.AspNetCore.Builder.IEndpointConventionBuilder Hello { get; }", registration);
    }

    [Fact]
    public void Generated_code_compiles_under_csharp_14_too()
    {
        var compilation = GeneratorHarness.CreateCompilation(languageVersion: LanguageVersion.Preview);
        var result = GeneratorHarness.Run(compilation, new[] { new InMemoryFlowFile("/project/a.flow.json", Flows.Hello()) }, LanguageVersion.Preview);

        Assert.True(result.CompileDiagnostics.IsEmpty, result.Describe());
    }

    [Fact]
    public void No_flow_files_still_gives_MapFlows()
    {
        var result = GeneratorHarness.Run();

        Assert.True(result.CompileDiagnostics.IsEmpty, result.Describe());
        Assert.Equal(new[] { "FlowGen.MapFlows.g.cs", "FlowGen.OpenApi.g.cs" }, result.HintNames);
    }

    /// <summary>
    /// The package's analyzers flow on to projects that reference a FlowGen app (its tests), without FlowGen.props:
    /// no flows there, and no second MapFlows to clash with the app's.
    /// </summary>
    [Fact]
    public void A_project_that_only_references_a_flowgen_app_gets_no_MapFlows()
    {
        var driver = Microsoft.CodeAnalysis.CSharp.CSharpGeneratorDriver.Create(new FlowGen.Generator.FlowGenerator().AsSourceGenerator());
        var result = driver.RunGenerators(GeneratorHarness.CreateCompilation()).GetRunResult();

        Assert.Empty(result.GeneratedTrees);
    }

    [Fact]
    public void Malformed_file_is_located_and_other_files_still_compile()
    {
        var broken = "[\n  {\"id\": \"x\", \"type\": \"http in\",\n   \"url\": \"/x\" \"method\": \"get\"}\n]";
        var result = GeneratorHarness.Run(("broken.flow.json", broken), ("good.flow.json", Flows.Hello()));

        var diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("FLOW001", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        var position = diagnostic.Location.GetLineSpan();
        Assert.Equal("/project/broken.flow.json", position.Path);
        Assert.Equal((2, 15), (position.StartLinePosition.Line, position.StartLinePosition.Character));
        Assert.Contains("expected ',' or '}'", diagnostic.GetMessage());
        Assert.Contains("good.flow.g.cs", result.HintNames);
        Assert.DoesNotContain("broken.flow.g.cs", result.HintNames);
        Assert.True(result.CompileDiagnostics.IsEmpty, result.Describe());
    }

    [Theory]
    [InlineData("{\"id\": \"n\", \"type\": \"no such node\", \"z\": \"tab1\", \"x\": 1, \"y\": 1, \"wires\": [[\"out\"]]}", "FLOW201", "no such node")]
    [InlineData("{\"id\": \"n\", \"type\": \"function\", \"z\": \"tab1\", \"func\": \"return msg;\", \"x\": 1, \"y\": 1, \"wires\": [[\"out\"]]}", "FLOW203", "JavaScript function node")]
    [InlineData("{\"id\": \"n\", \"type\": \"delay\", \"z\": \"tab1\", \"x\": 1, \"y\": 1, \"wires\": [[\"out\"]]}", "FLOW202", "delay")]
    public void Node_types_that_cannot_compile_are_errors_at_the_type(string node, string id, string text)
    {
        var result = GeneratorHarness.Run(("t.flow.json", Flows.With(node)));

        var diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Contains(text, diagnostic.GetMessage());
        var span = diagnostic.Location.GetLineSpan();
        Assert.Equal(3, span.StartLinePosition.Line);
        Assert.Equal(node.IndexOf("\"type\": ", System.StringComparison.Ordinal) + "\"type\": ".Length + 2, span.StartLinePosition.Character);
        Assert.True(result.CompileDiagnostics.IsEmpty, result.Describe());
    }

    [Fact]
    public void An_error_leaves_out_only_the_endpoints_whose_paths_reach_it()
    {
        var flow = """
            [
              {"id": "t", "type": "tab", "label": "Two endpoints"},
              {"id": "good", "type": "http in", "z": "t", "name": "good", "url": "/good", "method": "get", "x": 1, "y": 1, "wires": [["good_out"]]},
              {"id": "good_out", "type": "http response", "z": "t", "x": 1, "y": 1, "wires": []},
              {"id": "bad", "type": "http in", "z": "t", "name": "bad", "url": "/bad", "method": "get", "x": 1, "y": 1, "wires": [["js"]]},
              {"id": "js", "type": "function", "z": "t", "func": "return msg;", "x": 1, "y": 1, "wires": [["bad_out"]]},
              {"id": "bad_out", "type": "http response", "z": "t", "x": 1, "y": 1, "wires": []}
            ]
            """;
        var result = GeneratorHarness.Run(("two.flow.json", flow));

        Assert.Equal("FLOW203", Assert.Single(result.GeneratorDiagnostics).Id);
        var source = result.Source("two.flow.g.cs");
        Assert.Contains("HttpIn_good(", source);
        Assert.DoesNotContain("HttpIn_bad(", source);
        Assert.DoesNotContain("HttpResponse_bad_out(", source);
        var registration = result.Source("FlowGen.MapFlows.g.cs");
        Assert.Contains("\"/good\"", registration);
        Assert.DoesNotContain("\"/bad\"", registration);
        Assert.True(result.CompileDiagnostics.IsEmpty, result.Describe());
    }

    [Theory]
    [InlineData("false", false)]
    [InlineData("true", true)]
    public void Only_outputs_that_can_fire_together_copy_the_message(string checkAll, bool copies)
    {
        var node = $$"""{"id": "n", "type": "switch", "z": "tab1", "property": "payload", "propertyType": "msg", "rules": [{"t": "nnull"}, {"t": "else"}], "checkall": "{{checkAll}}", "outputs": 2, "x": 1, "y": 1, "wires": [["out"], ["out"]]}""";
        var result = GeneratorHarness.Run(("s.flow.json", Flows.With(node)));

        Assert.True(result.CompileDiagnostics.IsEmpty, result.Describe());
        Assert.Equal(copies, result.Source("s.flow.g.cs").Contains("msg.Take(ref first)", System.StringComparison.Ordinal));
    }

    [Fact]
    public void Disabled_nodes_of_unsupported_types_are_dropped_not_errors()
    {
        var node = "{\"id\": \"n\", \"type\": \"delay\", \"d\": true, \"z\": \"tab1\", \"x\": 1, \"y\": 1, \"wires\": [[\"out\"]]}";
        var result = GeneratorHarness.Run(("t.flow.json", Flows.With(node)));

        Assert.True(result.GeneratorDiagnostics.IsEmpty, result.Describe());
        Assert.DoesNotContain("Delay_n", result.Source("t.flow.g.cs"));
    }

    [Fact]
    public void Wire_to_an_unknown_node_is_an_error_at_the_wire()
    {
        var flow = Flows.Hello().Replace("[[\"in1_out\"]]", "[[\"in1_out\", \"ghost\"]]");
        var result = GeneratorHarness.Run(("w.flow.json", flow));

        var diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("FLOW101", diagnostic.Id);
        Assert.Contains("'ghost'", diagnostic.GetMessage());
        Assert.Equal(2, diagnostic.Location.GetLineSpan().StartLinePosition.Line);
    }

    [Theory]
    [InlineData("GET", "lower case")]
    [InlineData("head", "not one of")]
    public void Http_in_methods_Node_RED_ignores_are_errors(string method, string text)
    {
        var result = GeneratorHarness.Run(("m.flow.json", Flows.Hello().Replace("\"method\": \"get\"", $"\"method\": \"{method}\"")));

        var diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("FLOW206", diagnostic.Id);
        Assert.Contains(text, diagnostic.GetMessage());
    }

    [Fact]
    public void Route_from_an_environment_variable_is_an_error()
    {
        var result = GeneratorHarness.Run(("e.flow.json", Flows.Hello("${ROUTE}")));

        var diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("FLOW206", diagnostic.Id);
        Assert.Contains("build time", diagnostic.GetMessage());
    }

    [Fact]
    public void Same_route_in_two_files_is_an_error_and_the_first_keeps_it()
    {
        var result = GeneratorHarness.Run(("a.flow.json", Flows.Hello("/same/:id", "a1")), ("b.flow.json", Flows.Hello("/same/:name", "b1")));

        var diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("FLOW103", diagnostic.Id);
        Assert.Equal("/project/b.flow.json", diagnostic.Location.GetLineSpan().Path);
        Assert.True(result.CompileDiagnostics.IsEmpty, result.Describe());
    }

    [Fact]
    public void Node_ids_are_project_wide()
    {
        var result = GeneratorHarness.Run(("a.flow.json", Flows.Hello("/a", "same")), ("b.flow.json", Flows.Hello("/b", "same")));

        Assert.Contains(result.GeneratorDiagnostics, d => d.Id == "FLOW102" && d.Location.GetLineSpan().Path == "/project/b.flow.json");
    }

    [Fact]
    public void Export_wrapper_with_flows_and_rev_is_accepted()
    {
        var wrapped = "{\"flows\": " + Flows.Hello() + ", \"rev\": \"abc\"}";
        var result = GeneratorHarness.Run(("w.flow.json", wrapped));

        Assert.True(result.GeneratorDiagnostics.IsEmpty && result.CompileDiagnostics.IsEmpty, result.Describe());
    }

    [Fact]
    public void Unrelated_csharp_edit_reruns_no_flow_step()
    {
        var compilation = GeneratorHarness.CreateCompilation();
        var driver = GeneratorHarness.CreateDriver(
            new InMemoryFlowFile("/project/a.flow.json", Flows.Hello("/a", "a1")),
            new InMemoryFlowFile("/project/b.flow.json", Flows.Hello("/b", "b1")));
        driver = driver.RunGenerators(compilation);

        var edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("class Unrelated { }", new CSharpParseOptions(LanguageVersion.CSharp13)));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        Assert.All(result.TrackedSteps[TrackingNames.FlowFile].SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
        Assert.All(result.TrackedSteps[TrackingNames.Registration].SelectMany(s => s.Outputs), o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged));
    }

    [Fact]
    public void Editing_one_flow_reruns_only_that_file()
    {
        var compilation = GeneratorHarness.CreateCompilation();
        var a = new InMemoryFlowFile("/project/a.flow.json", Flows.Hello("/a", "a1"));
        var b = new InMemoryFlowFile("/project/b.flow.json", Flows.Hello("/b", "b1"));
        var driver = GeneratorHarness.CreateDriver(a, b).RunGenerators(compilation);

        var bEdited = new InMemoryFlowFile("/project/b.flow.json", Flows.Hello("/b", "b1").Replace("\"201\"", "\"202\""));
        driver = driver.ReplaceAdditionalText(b, bEdited).RunGenerators(compilation);
        var steps = driver.GetRunResult().Results.Single().TrackedSteps[TrackingNames.FlowFile];

        var reasons = steps.SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
        Assert.Equal(1, reasons.Count(r => r == IncrementalStepRunReason.Cached));
        Assert.Equal(1, reasons.Count(r => r == IncrementalStepRunReason.Modified));
        // The status code is not part of the registration, so MapFlows is not rewritten.
        Assert.All(driver.GetRunResult().Results.Single().TrackedSteps[TrackingNames.Registration].SelectMany(s => s.Outputs),
            o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, o.Reason.ToString()));
    }
}
