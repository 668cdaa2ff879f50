using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace FlowGen.Compiler.Tests;

/// <summary>catch, link in, link out and link call: what the generator writes for them, and what it reports.</summary>
public sealed class CatchLinkTests
{
    private const string CatchFlow = """
        [
          {"id": "t1", "type": "tab", "label": "T"},
          {"id": "g1", "type": "group", "z": "t1", "name": "inner", "nodes": ["j"], "x": 1, "y": 1},
          {"id": "in", "type": "http in", "z": "t1", "url": "/c", "method": "post", "x": 1, "y": 1, "wires": [["j"]]},
          {"id": "j", "type": "json", "z": "t1", "g": "g1", "action": "obj", "x": 1, "y": 1, "wires": [["out"]]},
          {"id": "out", "type": "http response", "z": "t1", "x": 1, "y": 1, "wires": []},
          {"id": "all", "type": "catch", "z": "t1", "scope": null, "uncaught": false, "x": 1, "y": 1, "wires": [["out2"]]},
          {"id": "only", "type": "catch", "z": "t1", "scope": ["j"], "uncaught": false, "x": 1, "y": 1, "wires": [["dbg"]]},
          {"id": "other", "type": "catch", "z": "t1", "scope": ["nobody"], "x": 1, "y": 1, "wires": [["dbg"]]},
          {"id": "late", "type": "catch", "z": "t1", "scope": null, "uncaught": true, "x": 1, "y": 1, "wires": [["dbg"]]},
          {"id": "dbg", "type": "debug", "z": "t1", "x": 1, "y": 1, "wires": []},
          {"id": "out2", "type": "http response", "z": "t1", "statusCode": "400", "x": 1, "y": 1, "wires": []},
          {"id": "t2", "type": "tab", "label": "Elsewhere"},
          {"id": "far", "type": "catch", "z": "t2", "scope": null, "x": 1, "y": 1, "wires": [["dbg2"]]},
          {"id": "dbg2", "type": "debug", "z": "t2", "x": 1, "y": 1, "wires": []}
        ]
        """;

    [Fact]
    public void Errors_go_to_the_catch_nodes_in_scope_in_Node_RED_order()
    {
        var result = GeneratorHarness.Run(("c.flow.json", CatchFlow));

        Assert.True(result.GeneratorDiagnostics.IsEmpty && result.CompileDiagnostics.IsEmpty, result.Describe());
        var source = result.Source("c.flow.g.cs");
        Assert.Contains("await Error_Json_j(ex, msg);", source);
        // Scoped first, then unscoped; the uncaught catch never fires once another has; other tabs never.
        var routing = source[source.IndexOf("Error_Json_j(global::System.Exception error", System.StringComparison.Ordinal)..];
        routing = routing[..routing.IndexOf("\n    }", System.StringComparison.Ordinal)];
        Assert.Contains("FlowCatch.Messages(error, Json_j_Info, msg, 2);", routing);
        Assert.True(routing.IndexOf("await Catch_only(caught[0]);", System.StringComparison.Ordinal) < routing.IndexOf("await Catch_all(caught[1]);", System.StringComparison.Ordinal), routing);
        Assert.DoesNotContain("Catch_late", routing);
        Assert.DoesNotContain("Catch_far", source);
        Assert.DoesNotContain("Catch_other(", routing);
        // The http response's own errors: the unscoped catch only.
        Assert.Contains("FlowCatch.Messages(error, HttpResponse_out_Info, msg, 1);", source);
    }

    [Fact]
    public void A_node_with_no_catch_logs_its_errors_as_uncaught()
    {
        var result = GeneratorHarness.Run(("t.flow.json", Flows.With("""{"id": "n", "type": "json", "z": "tab1", "action": "obj", "x": 1, "y": 1, "wires": [["out"]]}""")));

        Assert.True(result.CompileDiagnostics.IsEmpty, result.Describe());
        Assert.Contains("private static global::System.Threading.Tasks.ValueTask Error_Json_n(global::System.Exception error, global::FlowGen.Runtime.FlowMessage msg) => msg.Exchange.FailAsync(error, Json_n_Info, msg);", result.Source("t.flow.g.cs"));
    }

    [Fact]
    public void Group_distance_orders_catches_and_group_scope_needs_the_group()
    {
        var flow = """
            [
              {"id": "t1", "type": "tab", "label": "T"},
              {"id": "outer", "type": "group", "z": "t1", "nodes": ["inner", "cOuter"], "x": 1, "y": 1},
              {"id": "inner", "type": "group", "z": "t1", "g": "outer", "nodes": ["j", "cInner"], "x": 1, "y": 1},
              {"id": "in", "type": "http in", "z": "t1", "url": "/g", "method": "post", "x": 1, "y": 1, "wires": [["j"]]},
              {"id": "cTab", "type": "catch", "z": "t1", "scope": null, "x": 1, "y": 1, "wires": [["out"]]},
              {"id": "cOuter", "type": "catch", "z": "t1", "g": "outer", "scope": "group", "x": 1, "y": 1, "wires": [["out"]]},
              {"id": "cInner", "type": "catch", "z": "t1", "g": "inner", "scope": "group", "x": 1, "y": 1, "wires": [["out"]]},
              {"id": "lone", "type": "group", "z": "t1", "nodes": ["cLone"], "x": 1, "y": 1},
              {"id": "cLone", "type": "catch", "z": "t1", "g": "lone", "scope": "group", "x": 1, "y": 1, "wires": [["out"]]},
              {"id": "j", "type": "json", "z": "t1", "g": "inner", "action": "obj", "x": 1, "y": 1, "wires": [["out"]]},
              {"id": "out", "type": "http response", "z": "t1", "x": 1, "y": 1, "wires": []}
            ]
            """;
        var result = GeneratorHarness.Run(("g.flow.json", flow));

        Assert.True(result.CompileDiagnostics.IsEmpty, result.Describe());
        var source = result.Source("g.flow.g.cs");
        var routing = source[source.IndexOf("Error_Json_j(global::System.Exception error", System.StringComparison.Ordinal)..];
        routing = routing[..routing.IndexOf("\n    }", System.StringComparison.Ordinal)];
        Assert.Contains("msg, 3);", routing);
        var order = new[] { "Catch_cInner(caught[0])", "Catch_cOuter(caught[1])", "Catch_cTab(caught[2])" };
        Assert.All(order, o => Assert.Contains(o, routing));
        Assert.DoesNotContain("cLone", routing);
    }

    [Fact]
    public void An_error_inside_a_subflow_instance_reaches_the_tabs_catch_through_the_instance()
    {
        var flow = """
            [
              {"id": "t1", "type": "tab", "label": "T"},
              {"id": "sf", "type": "subflow", "name": "Parse", "in": [{"x": 1, "y": 1, "wires": [{"id": "sf_json"}]}], "out": [{"x": 1, "y": 1, "wires": [{"id": "sf_json", "port": 0}]}]},
              {"id": "sf_json", "type": "json", "z": "sf", "action": "obj", "x": 1, "y": 1, "wires": [[]]},
              {"id": "in", "type": "http in", "z": "t1", "url": "/sf", "method": "post", "x": 1, "y": 1, "wires": [["inst"]]},
              {"id": "inst", "type": "subflow:sf", "z": "t1", "x": 1, "y": 1, "wires": [["out"]]},
              {"id": "byInstance", "type": "catch", "z": "t1", "scope": ["inst"], "x": 1, "y": 1, "wires": [["out"]]},
              {"id": "byInner", "type": "catch", "z": "t1", "scope": ["sf_json"], "x": 1, "y": 1, "wires": [["out"]]},
              {"id": "out", "type": "http response", "z": "t1", "x": 1, "y": 1, "wires": []}
            ]
            """;
        var result = GeneratorHarness.Run(("sf.flow.json", flow));

        Assert.True(result.GeneratorDiagnostics.IsEmpty && result.CompileDiagnostics.IsEmpty, result.Describe());
        var source = result.Source("sf.flow.g.cs");
        var start = source.IndexOf("Error_Json_inst_sf_json", System.StringComparison.Ordinal);
        Assert.True(start >= 0, source);
        var routing = source[source.IndexOf("(global::System.Exception error", start, System.StringComparison.Ordinal)..];
        routing = routing[..routing.IndexOf("\n    }", System.StringComparison.Ordinal)];
        // Scoped by the instance's id; the source is the inner node's copy ("inst-sf_json").
        Assert.Contains("await Catch_byInstance(caught[0]);", routing);
        Assert.DoesNotContain("byInner", routing);
        Assert.Contains("\"inst-sf_json\"", source);
    }

    private static string LinkFile(string tab, params string[] nodes) =>
        "[\n  {\"id\": \"" + tab + "\", \"type\": \"tab\", \"label\": \"" + tab + "\"},\n" + string.Join(",\n", nodes.Select(n => "  " + n)) + "\n]";

    [Fact]
    public void Links_across_flow_files_are_direct_calls_through_FlowLinks()
    {
        var a = LinkFile("ta",
            """{"id": "in", "type": "http in", "z": "ta", "url": "/a", "method": "get", "x": 1, "y": 1, "wires": [["lo"]]}""",
            """{"id": "lo", "type": "link out", "z": "ta", "mode": "link", "links": ["li", "li2"], "x": 1, "y": 1, "wires": []}""",
            """{"id": "in2", "type": "http in", "z": "ta", "url": "/a2", "method": "get", "x": 1, "y": 1, "wires": [["call"]]}""",
            """{"id": "call", "type": "link call", "z": "ta", "links": ["sub"], "linkType": "static", "timeout": "5", "x": 1, "y": 1, "wires": [["out"]]}""",
            """{"id": "in3", "type": "http in", "z": "ta", "url": "/a3", "method": "get", "x": 1, "y": 1, "wires": [["dyn"]]}""",
            """{"id": "dyn", "type": "link call", "z": "ta", "links": [], "linkType": "dynamic", "x": 1, "y": 1, "wires": [["out"]]}""",
            """{"id": "out", "type": "http response", "z": "ta", "x": 1, "y": 1, "wires": []}""");
        var b = LinkFile("tb",
            """{"id": "li", "type": "link in", "z": "tb", "name": "shared", "links": ["lo"], "x": 1, "y": 1, "wires": [["out_b"]]}""",
            """{"id": "li2", "type": "link in", "z": "tb", "name": "shared", "links": [], "x": 1, "y": 1, "wires": [["out_b"]]}""",
            """{"id": "sub", "type": "link in", "z": "tb", "name": "subroutine", "links": [], "x": 1, "y": 1, "wires": [["ret"]]}""",
            """{"id": "ret", "type": "link out", "z": "tb", "mode": "return", "links": [], "x": 1, "y": 1, "wires": []}""",
            """{"id": "out_b", "type": "http response", "z": "tb", "x": 1, "y": 1, "wires": []}""");
        var result = GeneratorHarness.Run(("a.flow.json", a), ("b.flow.json", b));

        Assert.True(result.GeneratorDiagnostics.IsEmpty && result.CompileDiagnostics.IsEmpty, result.Describe());
        var registration = result.Source("FlowGen.MapFlows.g.cs");
        Assert.Contains("internal static class FlowLinks", registration);
        // The first target gets the message, the second a copy taken before either runs.
        Assert.Contains("var copy1 = msg.Clone();\n            await global::FlowGen.Generated.BFlow.LinkIn_li(msg);\n            await global::FlowGen.Generated.BFlow.LinkIn_li2(copy1);", registration.Replace("\r\n", "\n"));
        Assert.Contains("internal static global::System.Threading.Tasks.ValueTask In_sub(global::FlowGen.Runtime.FlowMessage msg) => global::FlowGen.Generated.BFlow.LinkIn_sub(msg);", registration);
        // Dynamic targets: by id, then by name; two link in nodes named "shared" on one tab are ambiguous.
        Assert.Contains("case \"sub\": return global::FlowGen.Generated.BFlow.LinkIn_sub;", registration);
        Assert.Contains("case \"subroutine\": return global::FlowGen.Generated.BFlow.LinkIn_sub;", registration);
        Assert.Contains("throw global::FlowGen.Runtime.FlowLinkCall.Ambiguous(\"shared\");", registration);
        var sourceA = result.Source("a.flow.g.cs");
        Assert.Contains("msg[\"_event\"] = \"node:lo\";", sourceA);
        Assert.Contains("await global::FlowGen.Generated.FlowLinks.Out_lo(msg);", sourceA);
        Assert.Contains("FlowLinkCall.Begin(msg, LinkCall_call_Info, 5000d, Return_LinkCall_call, Error_LinkCall_call);", sourceA);
        Assert.Contains("var target = global::FlowGen.Generated.FlowLinks.Resolve(msg[\"target\"], \"ta\");", sourceA);
        Assert.Contains("internal static global::System.Threading.Tasks.ValueTask LinkIn_sub(", result.Source("b.flow.g.cs"));
        Assert.Contains("await global::FlowGen.Runtime.FlowLinkCall.ReturnAsync(msg, LinkOut_ret_Info);", result.Source("b.flow.g.cs"));
    }

    [Fact]
    public void Generated_links_compile_under_csharp_14()
    {
        var flow = LinkFile("t",
            """{"id": "in", "type": "http in", "z": "t", "url": "/l", "method": "get", "x": 1, "y": 1, "wires": [["call"]]}""",
            """{"id": "call", "type": "link call", "z": "t", "links": ["sub"], "x": 1, "y": 1, "wires": [["out", "out"]]}""",
            """{"id": "sub", "type": "link in", "z": "t", "links": [], "x": 1, "y": 1, "wires": [["ret"]]}""",
            """{"id": "ret", "type": "link out", "z": "t", "mode": "return", "x": 1, "y": 1, "wires": []}""",
            """{"id": "c", "type": "catch", "z": "t", "scope": null, "x": 1, "y": 1, "wires": [["out"]]}""",
            """{"id": "out", "type": "http response", "z": "t", "x": 1, "y": 1, "wires": []}""");
        var compilation = GeneratorHarness.CreateCompilation(languageVersion: LanguageVersion.Preview);
        var result = GeneratorHarness.Run(compilation, new[] { new InMemoryFlowFile("/project/l.flow.json", flow) }, LanguageVersion.Preview);

        Assert.True(result.GeneratorDiagnostics.IsEmpty && result.CompileDiagnostics.IsEmpty, result.Describe());
    }

    [Fact]
    public void A_link_to_an_id_no_file_has_is_FLOW112_at_the_link()
    {
        var a = LinkFile("ta",
            """{"id": "in", "type": "http in", "z": "ta", "url": "/x", "method": "get", "x": 1, "y": 1, "wires": [["lo", "call"]]}""",
            """{"id": "lo", "type": "link out", "z": "ta", "name": "to nowhere", "mode": "link", "links": ["li", "missing"], "x": 1, "y": 1, "wires": []}""",
            """{"id": "call", "type": "link call", "z": "ta", "links": ["gone"], "linkType": "static", "x": 1, "y": 1, "wires": [["out"]]}""",
            """{"id": "out", "type": "http response", "z": "ta", "x": 1, "y": 1, "wires": []}""");
        var b = LinkFile("tb", """{"id": "li", "type": "link in", "z": "tb", "links": [], "x": 1, "y": 1, "wires": [[]]}""");
        var result = GeneratorHarness.Run(("a.flow.json", a), ("b.flow.json", b));

        // No C# error in the generated code: the build fails on the flow diagnostics alone.
        Assert.True(result.CompileDiagnostics.IsEmpty, result.Describe());
        var diagnostics = result.GeneratorDiagnostics.Where(d => d.Id == "FLOW112").OrderBy(d => d.Location.GetLineSpan().StartLinePosition.Line).ToList();
        Assert.Equal(2, diagnostics.Count);
        Assert.All(diagnostics, d => Assert.Equal(DiagnosticSeverity.Error, d.Severity));
        var lines = a.Split('\n');
        var outSpan = diagnostics[0].Location.GetLineSpan();
        Assert.Equal("/project/a.flow.json", outSpan.Path);
        Assert.Equal((3, lines[3].IndexOf("\"missing\"", System.StringComparison.Ordinal)), (outSpan.StartLinePosition.Line, outSpan.StartLinePosition.Character));
        Assert.Contains("link out 'to nowhere' links to 'missing'", diagnostics[0].GetMessage());
        var callSpan = diagnostics[1].Location.GetLineSpan();
        Assert.Equal((4, lines[4].IndexOf("\"gone\"", System.StringComparison.Ordinal)), (callSpan.StartLinePosition.Line, callSpan.StartLinePosition.Character));
        Assert.Contains("link call 'call' links to 'gone'", diagnostics[1].GetMessage());
        Assert.Contains("internal static void Check_gone() => throw global::FlowGen.Runtime.FlowLinkCall.NotFound(\"gone\");", result.Source("FlowGen.MapFlows.g.cs"));
    }

    [Theory]
    [InlineData("""{"id": "n", "type": "catch", "z": "tab1", "scope": 5, "x": 1, "y": 1, "wires": [["out"]]}""", "scope must be null")]
    [InlineData("""{"id": "n", "type": "catch", "z": "tab1", "scope": ["a", 1], "x": 1, "y": 1, "wires": [["out"]]}""", "scope must list node ids as strings")]
    [InlineData("""{"id": "n", "type": "link out", "z": "tab1", "mode": "loop", "x": 1, "y": 1, "wires": []}""", "mode \"loop\" is not")]
    [InlineData("""{"id": "n", "type": "link out", "z": "tab1", "links": "x", "x": 1, "y": 1, "wires": []}""", "links must be an array")]
    [InlineData("""{"id": "n", "type": "link call", "z": "tab1", "links": [], "linkType": "static", "x": 1, "y": 1, "wires": [["out"]]}""", "a static link call needs the id")]
    public void Invalid_catch_and_link_configuration_is_FLOW205(string node, string text)
    {
        var result = GeneratorHarness.Run(("t.flow.json", Flows.With(node)));

        var diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("FLOW205", diagnostic.Id);
        Assert.Contains(text, diagnostic.GetMessage());
        Assert.Equal(3, diagnostic.Location.GetLineSpan().StartLinePosition.Line);
        Assert.True(result.CompileDiagnostics.IsEmpty, result.Describe());
    }
}
