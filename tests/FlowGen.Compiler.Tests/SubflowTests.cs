using System.Collections.Generic;
using System.Linq;
using FlowGen.Compiler.Binding;
using FlowGen.Compiler.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace FlowGen.Compiler.Tests;

public sealed class SubflowTests
{
    /// <summary>A tab with an http in wired to instance I of subflow S, wired to a response; S's nodes are given.</summary>
    private static string Flow(string innerNodes, string inPort = "[{\"id\": \"a\"}]", string outPorts = "[{\"wires\": [{\"id\": \"a\", \"port\": 0}]}]", string instances = "") => $$"""
        [
          {"id": "t", "type": "tab", "label": "T"},
          {"id": "S", "type": "subflow", "name": "Sub", "in": [{"x": 1, "y": 1, "wires": {{inPort}}}], "out": {{outPorts}}, "env": []},
          {{innerNodes}},
          {"id": "in", "type": "http in", "z": "t", "url": "/s", "method": "get", "x": 1, "y": 1, "wires": [["I"]]},
          {"id": "I", "type": "subflow:S", "z": "t", "x": 1, "y": 1, "wires": [["out"]]},
          {{(instances.Length > 0 ? instances + "," : "")}}
          {"id": "out", "type": "http response", "z": "t", "x": 1, "y": 1, "wires": []}
        ]
        """;

    private const string Change = "{\"id\": \"a\", \"type\": \"change\", \"z\": \"S\", \"rules\": [{\"t\": \"set\", \"p\": \"payload\", \"pt\": \"msg\", \"to\": \"x\", \"tot\": \"str\"}], \"x\": 1, \"y\": 1, \"wires\": [[]]}";

    private static (FlowGraph Graph, List<DiagnosticInfo> Diagnostics) Bind(string json)
    {
        var diagnostics = new List<DiagnosticInfo>();
        var text = SourceText.From(json);
        var document = FlowReader.Read("/p/s.flow.json", text, diagnostics)!;
        return (FlowBinder.Bind(document, "s.flow.json", text, diagnostics), diagnostics);
    }

    [Fact]
    public void Each_instance_gets_copies_named_instance_dash_inner_and_the_output_goes_to_the_instance_wires()
    {
        var (graph, diagnostics) = Bind(Flow(Change, instances: "{\"id\": \"J\", \"type\": \"subflow:S\", \"z\": \"t\", \"x\": 1, \"y\": 1, \"wires\": [[\"out\"]]}"));

        Assert.Empty(diagnostics);
        var instance = graph.Nodes.Single(n => n.Id == "I");
        var copy = graph.Nodes.Single(n => n.Id == "I-a");
        Assert.Same(copy, Assert.Single(Assert.Single(instance.Outputs)));
        Assert.Equal("out", Assert.Single(Assert.Single(copy.Outputs)).Id);
        Assert.Equal("a", copy.Alias);
        Assert.Same(instance, copy.Instance);
        Assert.Same(instance, copy.ReportingNode);
        Assert.Equal("t/I/a", copy.Path);
        Assert.Contains(graph.Nodes, n => n.Id == "J-a");
        Assert.DoesNotContain(graph.Nodes, n => n.Id == "a");
    }

    [Fact]
    public void A_pass_through_output_sends_the_instance_input_on_after_the_inner_nodes()
    {
        var (graph, diagnostics) = Bind(Flow(Change, outPorts: "[{\"wires\": [{\"id\": \"S\", \"port\": 0}]}]"));

        Assert.Empty(diagnostics);
        var instance = graph.Nodes.Single(n => n.Id == "I");
        Assert.Equal(new[] { "I-a", "out" }, Assert.Single(instance.Outputs).Select(n => n.Id));
        Assert.Empty(graph.Nodes.Single(n => n.Id == "I-a").Outputs.SelectMany(p => p));
    }

    [Fact]
    public void An_instance_of_a_missing_definition_is_an_error_at_its_type()
    {
        var result = GeneratorHarness.Run(("m.flow.json", Flow(Change).Replace("\"subflow:S\"", "\"subflow:nope\"")));

        var diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("FLOW201", diagnostic.Id);
        Assert.Contains("subflow:nope", diagnostic.GetMessage());
        Assert.Equal(5, diagnostic.Location.GetLineSpan().StartLinePosition.Line);
        Assert.True(result.CompileDiagnostics.IsEmpty, result.Describe());
    }

    [Fact]
    public void An_error_inside_a_subflow_is_reported_once_at_the_definitions_node()
    {
        var bad = Change.Replace("\"p\": \"payload\"", "\"p\": \"a..b\"");
        var result = GeneratorHarness.Run(("e.flow.json", Flow(bad, instances: "{\"id\": \"J\", \"type\": \"subflow:S\", \"z\": \"t\", \"x\": 1, \"y\": 1, \"wires\": [[\"out\"]]}")));

        var diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("FLOW205", diagnostic.Id);
        Assert.Equal(3, diagnostic.Location.GetLineSpan().StartLinePosition.Line);
    }

    [Fact]
    public void Complete_and_status_nodes_inside_subflows_compile_per_instance()
    {
        var inner = Change
            + ",\n{\"id\": \"c\", \"type\": \"complete\", \"z\": \"S\", \"scope\": [\"a\"], \"x\": 1, \"y\": 1, \"wires\": [[\"d\"]]}"
            + ",\n{\"id\": \"st\", \"type\": \"status\", \"z\": \"S\", \"scope\": null, \"x\": 1, \"y\": 1, \"wires\": [[\"d\"]]}"
            + ",\n{\"id\": \"d\", \"type\": \"debug\", \"z\": \"S\", \"active\": true, \"x\": 1, \"y\": 1, \"wires\": []}";
        var result = GeneratorHarness.Run(("c.flow.json", Flow(inner)));

        Assert.True(result.GeneratorDiagnostics.IsEmpty && result.CompileDiagnostics.IsEmpty, result.Describe());
        // The instance's copy of the complete node hears of the instance's copy of the change node.
        Assert.Contains("Complete_I_c", result.Source("c.flow.g.cs"));
    }

    /// <summary>
    /// Subflow S: a json node a whose errors its catch c (scope ["a"]) answers, and a json node b no inner catch
    /// handles; instances I and J on the tab, whose catch tc is scoped to I.
    /// </summary>
    private const string CatchFlow = """
        [
          {"id": "t", "type": "tab", "label": "T"},
          {"id": "S", "type": "subflow", "name": "Sub", "in": [{"x": 1, "y": 1, "wires": [{"id": "a"}, {"id": "b"}]}], "out": [{"x": 1, "y": 1, "wires": [{"id": "a", "port": 0}, {"id": "b", "port": 0}, {"id": "k", "port": 0}]}], "env": []},
          {"id": "a", "type": "json", "z": "S", "property": "payload", "action": "obj", "x": 1, "y": 1, "wires": [[]]},
          {"id": "b", "type": "json", "z": "S", "property": "payload", "action": "obj", "x": 1, "y": 1, "wires": [[]]},
          {"id": "c", "type": "catch", "z": "S", "scope": ["a"], "x": 1, "y": 1, "wires": [["k"]]},
          {"id": "k", "type": "change", "z": "S", "rules": [{"t": "set", "p": "payload", "pt": "msg", "to": "inner", "tot": "str"}], "x": 1, "y": 1, "wires": [[]]},
          {"id": "in", "type": "http in", "z": "t", "url": "/s", "method": "post", "x": 1, "y": 1, "wires": [["I"]]},
          {"id": "I", "type": "subflow:S", "z": "t", "x": 1, "y": 1, "wires": [["out"]]},
          {"id": "in2", "type": "http in", "z": "t", "url": "/s2", "method": "post", "x": 1, "y": 1, "wires": [["J"]]},
          {"id": "J", "type": "subflow:S", "z": "t", "x": 1, "y": 1, "wires": [["out"]]},
          {"id": "tc", "type": "catch", "z": "t", "scope": ["I"], "x": 1, "y": 1, "wires": [["out"]]},
          {"id": "out", "type": "http response", "z": "t", "x": 1, "y": 1, "wires": []}
        ]
        """;

    [Fact]
    public void A_catch_inside_a_subflow_answers_its_instances_errors_and_the_rest_go_to_the_tab_reported_by_the_instance()
    {
        var result = GeneratorHarness.Run(("c.flow.json", CatchFlow));

        Assert.True(result.GeneratorDiagnostics.IsEmpty && result.CompileDiagnostics.IsEmpty, result.Describe());
        var source = result.Source("c.flow.g.cs");
        // Each instance has its own copy of the catch, answering only its own copy of a.
        Assert.Matches(@"Error_Json_I_a\w*\(global::System.Exception error, [^)]*\)\s*\{\s*var caught = global::FlowGen.Runtime.FlowCatch.Messages\(error, Json_I_a\w*_Info, msg, 1\);\s*if \(caught is null\) return;\s*await Catch_I_c\w*\(caught\[0\]\);", source);
        Assert.Matches(@"Error_Json_J_a\w*\(global::System.Exception error, [^)]*\)\s*\{\s*var caught = [^;]*;\s*if \(caught is null\) return;\s*await Catch_J_c\w*\(caught\[0\]\);", source);
        // b is not in the inner catch's scope: the tab's catch scoped to the instance I gets it, with b as the source.
        Assert.Matches(@"Error_Json_I_b\w*\(global::System.Exception error, [^)]*\)\s*\{\s*var caught = global::FlowGen.Runtime.FlowCatch.Messages\(error, Json_I_b\w*_Info, msg, 1\);\s*if \(caught is null\) return;\s*await Catch_tc\w*\(caught\[0\]\);", source);
        // J is not in tc's scope, so J's b is uncaught.
        Assert.Matches(@"Error_Json_J_b\w*\(global::System.Exception error, [^)]*\) => msg.Exchange.FailAsync", source);
    }

    [Fact]
    public void An_error_no_catch_of_an_inner_instance_handles_goes_to_the_catches_of_the_enclosing_instance()
    {
        var flow = """
            [
              {"id": "t", "type": "tab", "label": "T"},
              {"id": "O", "type": "subflow", "name": "Outer", "in": [{"x": 1, "y": 1, "wires": [{"id": "oi"}]}], "out": [{"x": 1, "y": 1, "wires": [{"id": "oi", "port": 0}, {"id": "oc", "port": 0}]}], "env": []},
              {"id": "oi", "type": "subflow:N", "z": "O", "x": 1, "y": 1, "wires": [[]]},
              {"id": "oc", "type": "catch", "z": "O", "scope": ["oi"], "x": 1, "y": 1, "wires": [[]]},
              {"id": "N", "type": "subflow", "name": "Inner", "in": [{"x": 1, "y": 1, "wires": [{"id": "nj"}]}], "out": [{"x": 1, "y": 1, "wires": [{"id": "nj", "port": 0}]}], "env": []},
              {"id": "nj", "type": "json", "z": "N", "property": "payload", "action": "obj", "x": 1, "y": 1, "wires": [[]]},
              {"id": "in", "type": "http in", "z": "t", "url": "/n", "method": "post", "x": 1, "y": 1, "wires": [["I"]]},
              {"id": "I", "type": "subflow:O", "z": "t", "x": 1, "y": 1, "wires": [["out"]]},
              {"id": "tc", "type": "catch", "z": "t", "scope": null, "x": 1, "y": 1, "wires": [["out"]]},
              {"id": "out", "type": "http response", "z": "t", "x": 1, "y": 1, "wires": []}
            ]
            """;
        var result = GeneratorHarness.Run(("n.flow.json", flow));

        Assert.True(result.GeneratorDiagnostics.IsEmpty && result.CompileDiagnostics.IsEmpty, result.Describe());
        var source = result.Source("n.flow.g.cs");
        var routing = System.Text.RegularExpressions.Regex.Match(source, @"Error_Json_I_oi_nj\w*\(global::System.Exception error[^}]*\}").Value;
        Assert.Contains("await Catch_I_oc", routing);
        Assert.DoesNotContain("Catch_tc", routing);
    }

    [Fact]
    public void A_subflow_that_contains_itself_is_an_error()
    {
        var inner = Change.Replace("\"wires\": [[]]", "\"wires\": [[\"r\"]]") + ",\n{\"id\": \"r\", \"type\": \"subflow:S\", \"z\": \"S\", \"x\": 1, \"y\": 1, \"wires\": [[]]}";
        var (_, diagnostics) = Bind(Flow(inner));

        Assert.Contains(diagnostics, d => d.Descriptor.Id == "FLOW205" && d.Message.Contains("instance of itself"));
    }

    [Fact]
    public void Nested_subflows_compile_to_code_without_warnings()
    {
        var flow = """
            [
              {"id": "t", "type": "tab", "label": "T", "env": [{"name": "V", "type": "str", "value": "tab"}]},
              {"id": "O", "type": "subflow", "name": "Outer", "in": [{"x": 1, "y": 1, "wires": [{"id": "oi"}]}], "out": [{"x": 1, "y": 1, "wires": [{"id": "oi", "port": 0}]}], "env": [{"name": "V", "type": "num", "value": "2"}]},
              {"id": "oi", "type": "subflow:N", "z": "O", "env": [{"name": "W", "type": "env", "value": "V"}], "x": 1, "y": 1, "wires": [[]]},
              {"id": "N", "type": "subflow", "name": "Inner", "in": [{"x": 1, "y": 1, "wires": [{"id": "nt"}]}], "out": [{"x": 1, "y": 1, "wires": [{"id": "nt", "port": 0}]}], "env": []},
              {"id": "g", "type": "group", "z": "N", "name": "G", "nodes": ["nt"], "env": [{"name": "X", "type": "bool", "value": "true"}]},
              {"id": "nt", "type": "template", "z": "N", "g": "g", "field": "payload", "fieldType": "msg", "format": "text", "syntax": "mustache", "template": "{{env.V}} {{env.W}} {{env.X}}", "output": "str", "x": 1, "y": 1, "wires": [[]]},
              {"id": "in", "type": "http in", "z": "t", "url": "/n", "method": "get", "x": 1, "y": 1, "wires": [["I"]]},
              {"id": "I", "type": "subflow:O", "z": "t", "x": 1, "y": 1, "wires": [["out"]]},
              {"id": "out", "type": "http response", "z": "t", "x": 1, "y": 1, "wires": []}
            ]
            """;
        var result = GeneratorHarness.Run(("n.flow.json", flow));

        Assert.True(result.GeneratorDiagnostics.IsEmpty && result.CompileDiagnostics.IsEmpty, result.Describe());
        var source = result.Source("n.flow.g.cs");
        Assert.Contains("Template_I_oi_nt_", source);
        Assert.Contains("(\"NR_SUBFLOW_PATH\", \"t/I/oi\")", source);
        Assert.Contains("(\"NR_GROUP_ID\", \"I-oi-g\")", source);
    }

    [Fact]
    public void A_port_wired_to_a_node_outside_the_subflow_is_an_error_at_the_definition()
    {
        var (_, diagnostics) = Bind(Flow(Change, inPort: "[{\"id\": \"out\"}]"));

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("FLOW003", diagnostic.Descriptor.Id);
        Assert.Contains("not a node of the subflow", diagnostic.Message);
    }
    /// <summary>
    /// Subflow S: in → link out lo (linked to its own link in li and to the tab's link in tli) → li → link call lc
    /// (links ["sr"], the subflow's subroutine) → output; sr → link out return. Instances I and J; the tab's link out
    /// tlo names the definition's li, and the tab's tli is answered by a response.
    /// </summary>
    private const string LinkFlow = """
        [
          {"id": "t", "type": "tab", "label": "T"},
          {"id": "S", "type": "subflow", "name": "Sub", "in": [{"x": 1, "y": 1, "wires": [{"id": "lo"}]}], "out": [{"x": 1, "y": 1, "wires": [{"id": "lc", "port": 0}]}], "env": []},
          {"id": "lo", "type": "link out", "z": "S", "mode": "link", "links": ["li", "tli"], "x": 1, "y": 1, "wires": []},
          {"id": "li", "type": "link in", "z": "S", "links": ["lo"], "x": 1, "y": 1, "wires": [["lc"]]},
          {"id": "lc", "type": "link call", "z": "S", "links": ["sr"], "linkType": "static", "x": 1, "y": 1, "wires": [[]]},
          {"id": "sr", "type": "link in", "z": "S", "name": "subroutine", "links": [], "x": 1, "y": 1, "wires": [["ret"]]},
          {"id": "ret", "type": "link out", "z": "S", "mode": "return", "x": 1, "y": 1, "wires": []},
          {"id": "in", "type": "http in", "z": "t", "url": "/s", "method": "get", "x": 1, "y": 1, "wires": [["I"]]},
          {"id": "I", "type": "subflow:S", "z": "t", "x": 1, "y": 1, "wires": [["out"]]},
          {"id": "in2", "type": "http in", "z": "t", "url": "/s2", "method": "get", "x": 1, "y": 1, "wires": [["J"]]},
          {"id": "J", "type": "subflow:S", "z": "t", "x": 1, "y": 1, "wires": [["out"]]},
          {"id": "out", "type": "http response", "z": "t", "x": 1, "y": 1, "wires": []},
          {"id": "in3", "type": "http in", "z": "t", "url": "/s3", "method": "get", "x": 1, "y": 1, "wires": [["tlo"]]},
          {"id": "tlo", "type": "link out", "z": "t", "mode": "link", "links": ["li", "tli"], "x": 1, "y": 1, "wires": []},
          {"id": "tli", "type": "link in", "z": "t", "links": [], "x": 1, "y": 1, "wires": [["out"]]}
        ]
        """;

    [Fact]
    public void A_link_out_inside_a_subflow_reaches_only_its_own_instances_link_in_and_a_tab_link_out_none_of_them()
    {
        var (graph, diagnostics) = Bind(LinkFlow);
        Assert.Empty(diagnostics);
        var routing = FlowGen.Compiler.Emit.FlowRouting.Build(graph);
        global::FlowGen.Compiler.Model.FlowNode Node(string id) => graph.Nodes.Single(n => n.Id == id);

        // remapSubflowNodes maps the wires to the instance's copies and drops the link to the tab's link in.
        Assert.Equal(new[] { "I-li" }, routing.LinkTargets(Node("I-lo"), out var externalI).Select(n => n.Id));
        Assert.False(externalI);
        Assert.Equal(new[] { "J-li" }, routing.LinkTargets(Node("J-lo"), out _).Select(n => n.Id));
        // The definition's li never exists at run time: the tab's link out reaches only its tab's link in.
        Assert.Equal(new[] { "tli" }, routing.LinkTargets(Node("tlo"), out var externalTab).Select(n => n.Id));
        Assert.False(externalTab);
        Assert.Equal("I-sr", routing.CallTarget(Node("I-lc"))!.Id);
        Assert.Equal("J-sr", routing.CallTarget(Node("J-lc"))!.Id);
    }

    [Fact]
    public void Link_nodes_inside_subflows_compile_to_calls_of_the_instances_copies()
    {
        var result = GeneratorHarness.Run(("l.flow.json", LinkFlow));

        Assert.True(result.GeneratorDiagnostics.IsEmpty && result.CompileDiagnostics.IsEmpty, result.Describe());
        var links = result.Source("FlowGen.MapFlows.g.cs");
        // Each copy's link out calls its own instance's link in; each copy's link call its own instance's subroutine.
        Assert.Matches(@"Out_I_lo_\w+\(global::FlowGen.Runtime.FlowMessage msg\) => global::FlowGen.Generated.LFlow.LinkIn_I_li_\w+\(msg\);", links);
        Assert.Matches(@"Out_J_lo_\w+\(global::FlowGen.Runtime.FlowMessage msg\) => global::FlowGen.Generated.LFlow.LinkIn_J_li_\w+\(msg\);", links);
        Assert.Contains("Out_tlo(global::FlowGen.Runtime.FlowMessage msg) => global::FlowGen.Generated.LFlow.LinkIn_tli(msg);", links);
        Assert.Matches(@"In_I_sr_\w+\(global::FlowGen.Runtime.FlowMessage msg\) => global::FlowGen.Generated.LFlow.LinkIn_I_sr_\w+\(msg\);", links);
        Assert.Matches(@"In_J_sr_\w+\(global::FlowGen.Runtime.FlowMessage msg\) => global::FlowGen.Generated.LFlow.LinkIn_J_sr_\w+\(msg\);", links);
        // Copies are found by id by a dynamic link call, never by a link in named after the definition's node.
        Assert.Contains("case \"I-li\":", links);
        Assert.DoesNotContain("case \"li\":", links);
        // By name a copy is found only from its own instance: Node-RED leaves subflow instances out of the lookup
        // over the regular flows, so from a tab the name is not found.
        Assert.Matches(@"case ""subroutine"":\s*\{\s*switch \(tab\)\s*\{\s*case ""I"": return global::FlowGen.Generated.LFlow.LinkIn_I_sr_\w+;\s*case ""J"": return global::FlowGen.Generated.LFlow.LinkIn_J_sr_\w+;\s*\}\s*break;", links);
    }

    [Fact]
    public void A_link_call_whose_links_name_several_ids_is_not_remapped_and_calls_the_definitions_id()
    {
        // remapSubflowNodes only maps a property whose value names one node: links ["sr", "x"] keeps "sr", which no
        // link in has at run time.
        var (graph, _) = Bind(LinkFlow.Replace("\"links\": [\"sr\"]", "\"links\": [\"sr\", \"x\"]"));
        Assert.Equal("sr", FlowGen.Compiler.Emit.FlowRouting.CallTargetId(graph.Nodes.Single(n => n.Id == "I-lc")));
    }
}

public sealed class SubflowRuleTests
{
    [Theory]
    [InlineData("subflow-basic.flow.json")]
    [InlineData("csharp-nodes.flow.json")]
    public void The_path_rules_see_through_subflow_instances_and_code_nodes(string name)
    {
        var path = System.IO.Path.Combine(RepositoryFlows.Root, "tests", "FlowGen.EndToEnd.Tests", "Flows", name);
        var rules = FlowFileCompiler.Check(path, Microsoft.CodeAnalysis.Text.SourceText.From(System.IO.File.ReadAllText(path)), null);

        Assert.Empty(rules.Select(d => d.Message));
    }

    [Theory]
    [InlineData("[\"a\"]", false)]
    [InlineData("null", false)]
    [InlineData("[\"other\"]", true)]
    public void An_error_outcome_inside_a_subflow_is_answered_by_a_catch_of_the_subflow_in_scope(string scope, bool unanswered)
    {
        var flow = $$"""
            [
              {"id": "t", "type": "tab", "label": "T"},
              {"id": "S", "type": "subflow", "name": "Sub", "in": [{"x": 1, "y": 1, "wires": [{"id": "a"}]}], "out": [{"x": 1, "y": 1, "wires": [{"id": "a", "port": 0}, {"id": "c", "port": 0}]}], "env": []},
              {"id": "a", "type": "json", "z": "S", "property": "payload", "action": "obj", "x": 1, "y": 1, "wires": [[]]},
              {"id": "other", "type": "change", "z": "S", "rules": [{"t": "set", "p": "payload", "pt": "msg", "to": "x", "tot": "str"}], "x": 1, "y": 1, "wires": [[]]},
              {"id": "c", "type": "catch", "z": "S", "scope": {{scope}}, "x": 1, "y": 1, "wires": [[]]},
              {"id": "in", "type": "http in", "z": "t", "url": "/s", "method": "post", "x": 1, "y": 1, "wires": [["I"]]},
              {"id": "I", "type": "subflow:S", "z": "t", "x": 1, "y": 1, "wires": [["out"]]},
              {"id": "out", "type": "http response", "z": "t", "x": 1, "y": 1, "wires": []}
            ]
            """;
        var rules = FlowFileCompiler.Check("/p/s.flow.json", Microsoft.CodeAnalysis.Text.SourceText.From(flow), null);

        Assert.Equal(unanswered, rules.Any(d => d.Descriptor.Id == "FLOW104" && d.Message.Contains("not handled by a catch node")));
    }

    [Fact]
    public void A_path_rule_inside_a_subflow_points_at_the_definitions_node()
    {
        var flow = """
            [
              {"id": "t", "type": "tab", "label": "T"},
              {"id": "S", "type": "subflow", "name": "Sub", "in": [{"x": 1, "y": 1, "wires": [{"id": "a"}]}], "out": [], "env": []},
              {"id": "a", "type": "change", "z": "S", "rules": [{"t": "set", "p": "payload", "pt": "msg", "to": "x", "tot": "str"}], "x": 1, "y": 1, "wires": [[]]},
              {"id": "in", "type": "http in", "z": "t", "url": "/s", "method": "get", "x": 1, "y": 1, "wires": [["sw"]]},
              {"id": "sw", "type": "switch", "z": "t", "property": "payload", "propertyType": "msg", "rules": [{"t": "eq", "v": "a", "vt": "str"}, {"t": "else"}], "checkall": "false", "outputs": 2, "x": 1, "y": 1, "wires": [["I"], ["out"]]},
              {"id": "I", "type": "subflow:S", "z": "t", "x": 1, "y": 1, "wires": []},
              {"id": "out", "type": "http response", "z": "t", "x": 1, "y": 1, "wires": []}
            ]
            """;
        var rules = FlowFileCompiler.Check("/p/s.flow.json", Microsoft.CodeAnalysis.Text.SourceText.From(flow), null);

        var rule = Assert.Single(rules, d => d.Descriptor.Id == "FLOW104");
        Assert.Equal(3, rule.Location!.LineSpan.Start.Line);
    }

}
