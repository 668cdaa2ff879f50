using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace FlowGen.Compiler.Tests;

public sealed class PathRulesTests
{
    /// <summary>A flow with one node object per line after the tab's, so the n-th node starts at line n + 2, column 3.</summary>
    private static string Flow(params string[] nodes) =>
        "[\n" + string.Join(",\n", new[] { """  {"id": "t", "type": "tab", "label": "T"}""" }.Concat(nodes.Select(n => "  " + n))) + "\n]";

    private static string In(string wires, string url = "/p", string method = "get", string id = "in") =>
        $$"""{"id": "{{id}}", "type": "http in", "z": "t", "name": "", "url": "{{url}}", "method": "{{method}}", "x": 1, "y": 1, "wires": [{{wires}}]}""";

    private static string Out(string id = "out", string status = "") =>
        $$"""{"id": "{{id}}", "type": "http response", "z": "t", "statusCode": "{{status}}", "x": 1, "y": 1, "wires": []}""";

    private static string Debug(string id = "dbg") => $$"""{"id": "{{id}}", "type": "debug", "z": "t", "active": true, "x": 1, "y": 1, "wires": []}""";

    private static string Change(string id, string wires) =>
        $$"""{"id": "{{id}}", "type": "change", "z": "t", "rules": [{"t": "set", "p": "payload", "pt": "msg", "to": "x", "tot": "str"}], "x": 1, "y": 1, "wires": [{{wires}}]}""";

    private static string Switch(string id, string rules, string wires, bool checkAll = false) =>
        $$"""{"id": "{{id}}", "type": "switch", "z": "t", "property": "payload", "propertyType": "msg", "rules": {{rules}}, "checkall": "{{(checkAll ? "true" : "false")}}", "outputs": {{wires.Split('[').Length - 1}}, "x": 1, "y": 1, "wires": [{{wires}}]}""";

    private static string Json(string id, string wires) =>
        $$"""{"id": "{{id}}", "type": "json", "z": "t", "property": "payload", "action": "obj", "x": 1, "y": 1, "wires": [{{wires}}]}""";

    private static List<Diagnostic> Check(string flow) =>
        FlowFileCompiler.Check("/p/t.flow.json", SourceText.From(flow), "/p").Select(d => d.ToDiagnostic()).ToList();

    /// <summary>The diagnostic is <paramref name="id"/>, at the start of the n-th node (1-based), and says <paramref name="text"/>.</summary>
    private static void AssertAt(Diagnostic diagnostic, string id, int node, string text)
    {
        Assert.Equal(id, diagnostic.Id);
        var start = diagnostic.Location.GetLineSpan().StartLinePosition;
        Assert.Equal((node + 1, 2), (start.Line, start.Character));
        Assert.Contains(text, diagnostic.GetMessage());
    }

    [Fact]
    public void A_straight_path_to_a_response_is_fine()
    {
        Assert.Empty(Check(Flow(In("[\"c\"]"), Change("c", "[\"out\"]"), Out())));
    }

    private const string EqualsA = """[{"t": "eq", "v": "a", "vt": "str"}, {"t": "else"}]""";

    [Fact]
    public void A_path_that_ends_at_a_debug_node_is_an_error_there()
    {
        var diagnostics = Check(Flow(In("[\"s\"]"), Switch("s", EqualsA, "[\"out\"], [\"c\"]"), Change("c", "[\"dbg\"]"), Debug(), Out()));

        var error = Assert.Single(diagnostics);
        AssertAt(error, "FLOW104", 4, "GET /p can end at node 'debug dbg'");
        Assert.Equal(DiagnosticSeverity.Error, error.Severity);
    }

    [Fact]
    public void A_node_with_no_outgoing_wire_ends_the_path()
    {
        // One copy answers for its siblings: the unwired copy is fine.
        Assert.Empty(Check(Flow(In("[\"c\", \"c2\"]"), Change("c", "[]"), Change("c2", "[\"out\"]"), Out())));

        var diagnostics = Check(Flow(In("[\"s\"]"), Switch("s", EqualsA, "[\"out\"], [\"c\"]"), Change("c", "[]"), Out()));
        AssertAt(Assert.Single(diagnostics), "FLOW104", 3, "no outgoing wire");
    }

    [Fact]
    public void A_debug_tap_beside_a_response_is_fine()
    {
        Assert.Empty(Check(Flow(In("[\"dbg\", \"out\"]"), Debug(), Out())));
    }

    [Fact]
    public void Each_output_of_a_first_match_switch_must_be_answered()
    {
        Assert.Empty(Check(Flow(In("[\"s\"]"), Switch("s", EqualsA, "[\"out\"], [\"c\"]"), Change("c", "[\"out\"]"), Out())));

        var diagnostics = Check(Flow(In("[\"s\"]"), Switch("s", EqualsA, "[\"out\"], []"), Out()));
        AssertAt(diagnostics.Single(d => d.Id == "FLOW104"), "FLOW104", 2, "its output 2 is not wired");
    }

    [Fact]
    public void A_switch_without_otherwise_warns_that_nothing_may_match()
    {
        var diagnostics = Check(Flow(In("[\"s\"]"), Switch("s", """[{"t": "eq", "v": "a", "vt": "str"}]""", "[\"out\"]"), Out()));

        var warning = Assert.Single(diagnostics);
        AssertAt(warning, "FLOW105", 2, "no otherwise rule");
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
    }

    [Fact]
    public void Check_all_switch_outputs_are_copies_one_answer_suffices()
    {
        var rules = """[{"t": "cont", "v": "a", "vt": "str"}, {"t": "cont", "v": "b", "vt": "str"}, {"t": "else"}]""";
        Assert.Empty(Check(Flow(In("[\"s\"]"), Switch("s", rules, "[\"dbg\"], [\"out\"], [\"out\"]", checkAll: true), Debug(), Out())));
    }

    [Fact]
    public void Two_copies_reaching_responses_answer_twice()
    {
        var diagnostics = Check(Flow(In("[\"out\", \"c\"]"), Out(), Change("c", "[\"out2\"]"), Out("out2")));

        AssertAt(Assert.Single(diagnostics), "FLOW106", 1, "'http response out' and 'http response out2'");
    }

    [Fact]
    public void Check_all_rules_that_can_match_together_answer_twice()
    {
        var rules = """[{"t": "cont", "v": "a", "vt": "str"}, {"t": "cont", "v": "b", "vt": "str"}]""";
        var diagnostics = Check(Flow(In("[\"s\"]"), Switch("s", rules, "[\"out\"], [\"out\"]", checkAll: true), Out()));

        AssertAt(diagnostics.Single(d => d.Id == "FLOW106"), "FLOW106", 2, "switch s");
    }

    [Fact]
    public void A_json_node_that_converts_by_type_does_not_need_a_catch()
    {
        var toggle = Json("j", "[\"out\"]").Replace("\"action\": \"obj\"", "\"action\": \"\"", System.StringComparison.Ordinal);
        Assert.Empty(Check(Flow(In("[\"j\"]", method: "post"), toggle, Out())));
    }

    [Fact]
    public void An_error_no_catch_handles_ends_the_path()
    {
        var diagnostics = Check(Flow(In("[\"j\"]", method: "post"), Json("j", "[\"out\"]"), Out()));

        AssertAt(Assert.Single(diagnostics), "FLOW104", 2, "its errors are not handled by a catch node");
    }

    [Fact]
    public void An_http_in_that_reaches_no_response_is_one_error_at_the_http_in()
    {
        var diagnostics = Check(Flow(In("[\"c\"]"), Change("c", "[\"dbg\"]"), Debug()));

        AssertAt(Assert.Single(diagnostics), "FLOW108", 1, "reaches no http response node");
    }

    [Fact]
    public void A_loop_with_no_way_out_is_an_error_and_a_loop_with_an_exit_is_not()
    {
        var exit = """[{"t": "eq", "v": "done", "vt": "str"}, {"t": "else"}]""";
        Assert.Empty(Check(Flow(In("[\"s\"]"), Switch("s", exit, "[\"out\"], [\"c\"]"), Change("c", "[\"s\"]"), Out())));

        var diagnostics = Check(Flow(In("[\"s\"]"), Switch("s", EqualsA, "[\"out\"], [\"a\"]"), Change("a", "[\"b\"]"), Change("b", "[\"a\"]"), Out()));
        AssertAt(Assert.Single(diagnostics), "FLOW109", 3, "loops back to node 'change a'");

        // The loop is the only way on: FLOW109 says why nothing answers, without a FLOW108 besides it.
        diagnostics = Check(Flow(In("[\"a\"]"), Change("a", "[\"b\"]"), Change("b", "[\"a\"]")));
        AssertAt(Assert.Single(diagnostics), "FLOW109", 2, "loops back to node 'change a'");
    }

    [Fact]
    public void Unreachable_responses_and_nodes_are_warnings()
    {
        var diagnostics = Check(Flow(In("[\"out\"]"), Out(), Out("orphan"), Change("lonely", "[\"orphan\"]")));

        AssertAt(diagnostics.Single(d => d.Id == "FLOW107"), "FLOW107", 3, "http response orphan");
        AssertAt(diagnostics.Single(d => d.Id == "FLOW111"), "FLOW111", 4, "change lonely");
        Assert.All(diagnostics, d => Assert.Equal(DiagnosticSeverity.Warning, d.Severity));
    }

    [Fact]
    public void A_wire_to_another_tab_is_an_error_at_the_wire()
    {
        var flow = Flow(In("[\"out\", \"elsewhere\"]"), Out(),
            """{"id": "t2", "type": "tab", "label": "Other"}""",
            """{"id": "elsewhere", "type": "debug", "z": "t2", "x": 1, "y": 1, "wires": []}""");

        var diagnostic = Check(flow).Single(d => d.Id == "FLOW110");
        var start = diagnostic.Location.GetLineSpan().StartLinePosition;
        Assert.Equal(2, start.Line);
        Assert.Equal(flow.Split('\n')[2].IndexOf("\"elsewhere\"", System.StringComparison.Ordinal), start.Character);
    }

    [Fact]
    public void Files_that_do_not_compile_have_no_rule_diagnostics()
    {
        Assert.Empty(Check("[ {\"id\": "));
        Assert.Empty(Check(Flow(In("[\"f\"]"), """{"id": "f", "type": "function", "z": "t", "x": 1, "y": 1, "wires": [["dbg"]]}""", Debug())));
    }

    [Fact]
    public void Repository_flows_have_no_path_errors()
    {
        var found = new List<DiagnosticInfoView>();
        foreach (var path in RepositoryFlows.ConformanceFlows("public").Concat(RepositoryFlows.SampleFlows))
        {
            // Path errors only: node rules (FLOW2xx) have their own repository test, with its known warnings, and a
            // recorded flow may rightly warn (23-http-request-ret's switch has no otherwise rule).
            found.AddRange(FlowFileCompiler.Check(path, SourceText.From(System.IO.File.ReadAllText(path)), null)
                .Where(d => !d.Descriptor.Id.StartsWith("FLOW2", System.StringComparison.Ordinal) && d.Descriptor.DefaultSeverity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error)
                .Select(d => new DiagnosticInfoView(path, d.Descriptor.Id, d.Message)));
        }
        Assert.True(found.Count == 0, string.Join("\n", found.Select(d => $"{d.Path}: {d.Id} {d.Message}")));
    }

    private sealed record DiagnosticInfoView(string Path, string Id, string Message);

    private static string Catch(string id, string wires, string scope = "null", bool uncaught = false, string group = "") =>
        $$"""{"id": "{{id}}", "type": "catch", "z": "t", "scope": {{scope}}, "uncaught": {{(uncaught ? "true" : "false")}}, {{(group.Length > 0 ? $"\"g\": \"{group}\", " : "")}}"x": 1, "y": 1, "wires": [{{wires}}]}""";

    private static string LinkIn(string id, string wires, string links = "[]", string name = "") =>
        $$"""{"id": "{{id}}", "type": "link in", "z": "t", "name": "{{name}}", "links": {{links}}, "x": 1, "y": 1, "wires": [{{wires}}]}""";

    private static string LinkOut(string id, string links, string mode = "link") =>
        $$"""{"id": "{{id}}", "type": "link out", "z": "t", "mode": "{{mode}}", "links": {{links}}, "x": 1, "y": 1, "wires": []}""";

    private static string LinkCall(string id, string target, string wires) =>
        $$"""{"id": "{{id}}", "type": "link call", "z": "t", "links": ["{{target}}"], "linkType": "static", "timeout": "30", "x": 1, "y": 1, "wires": [{{wires}}]}""";

    [Fact]
    public void A_catch_whose_path_answers_handles_a_nodes_errors()
    {
        Assert.Empty(Check(Flow(In("[\"j\"]", method: "post"), Json("j", "[\"out\"]"), Out(), Catch("c", "[\"out2\"]"), Out("out2"))));
        // Scoped to the node, too.
        Assert.Empty(Check(Flow(In("[\"j\"]", method: "post"), Json("j", "[\"out\"]"), Out(), Catch("c", "[\"out2\"]", "[\"j\"]"), Out("out2"))));
    }

    [Fact]
    public void A_catch_scoped_to_other_nodes_does_not_answer()
    {
        var diagnostics = Check(Flow(In("[\"j\"]", method: "post"), Json("j", "[\"out\"]"), Out(), Catch("c", "[\"out2\"]", "[\"other\"]"), Out("out2")));

        AssertAt(diagnostics.Single(d => d.Id == "FLOW104"), "FLOW104", 2, "its errors are not handled by a catch node");
    }

    [Fact]
    public void A_catch_path_that_ends_unanswered_is_an_error_where_it_ends()
    {
        var diagnostics = Check(Flow(In("[\"j\"]", method: "post"), Json("j", "[\"out\"]"), Out(), Catch("c", "[\"d\"]"), Change("d", "[\"dbg\"]"), Debug()));

        AssertAt(Assert.Single(diagnostics), "FLOW104", 6, "POST /p can end at node 'debug dbg'");
    }

    [Fact]
    public void Two_catches_that_both_answer_answer_twice()
    {
        var diagnostics = Check(Flow(In("[\"j\"]", method: "post"), Json("j", "[\"out\"]"), Out(), Catch("c1", "[\"out\"]"), Catch("c2", "[\"out2\"]"), Out("out2")));

        AssertAt(Assert.Single(diagnostics), "FLOW106", 2, "Node 'json j' sends copies");
    }

    [Fact]
    public void An_uncaught_catch_answers_when_no_other_catch_fires()
    {
        Assert.Empty(Check(Flow(In("[\"j\"]", method: "post"), Json("j", "[\"out\"]"), Out(), Catch("c", "[\"out2\"]", uncaught: true), Out("out2"))));
        // A catch that fires first takes the error: the uncaught one does not answer as well.
        Assert.Empty(Check(Flow(In("[\"j\"]", method: "post"), Json("j", "[\"out\"]"), Out(), Catch("c", "[\"out2\"]"), Catch("u", "[\"out2\"]", uncaught: true), Out("out2"))));
    }

    [Fact]
    public void A_catch_path_is_reached_so_its_nodes_are_not_unreachable()
    {
        // The response after the catch is reached through the http response's own errors.
        Assert.Empty(Check(Flow(In("[\"out\"]"), Out(), Catch("c", "[\"out2\"]"), Out("out2"))));
    }

    [Fact]
    public void A_link_out_to_a_link_in_is_followed_like_a_wire()
    {
        Assert.Empty(Check(Flow(In("[\"lo\"]"), LinkOut("lo", "[\"li\"]"), LinkIn("li", "[\"out\"]"), Out())));

        var diagnostics = Check(Flow(In("[\"s\"]"), Switch("s", EqualsA, "[\"out\"], [\"lo\"]"), LinkOut("lo", "[\"li\"]"), LinkIn("li", "[\"c\"]"), Change("c", "[]"), Out()));
        AssertAt(Assert.Single(diagnostics), "FLOW104", 5, "GET /p can end at node 'change c' without a response: the node has no outgoing wire");
    }

    [Fact]
    public void A_link_in_naming_the_link_out_is_a_target_too()
    {
        Assert.Empty(Check(Flow(In("[\"lo\"]"), LinkOut("lo", "[]"), LinkIn("li", "[\"out\"]", "[\"lo\"]"), Out())));
    }

    [Fact]
    public void A_link_out_to_another_file_counts_as_answered()
    {
        Assert.Empty(Check(Flow(In("[\"lo\"]"), LinkOut("lo", "[\"elsewhere\"]"))));
    }

    [Fact]
    public void A_link_out_to_nothing_ends_the_path()
    {
        var diagnostics = Check(Flow(In("[\"s\"]"), Switch("s", EqualsA, "[\"out\"], [\"lo\"]"), Out(), LinkOut("lo", "[]")));

        AssertAt(Assert.Single(diagnostics), "FLOW104", 4, "it links to no link in node");
    }

    [Fact]
    public void A_link_call_continues_on_its_output_after_the_return()
    {
        var subroutine = new[] { LinkIn("sub", "[\"c\"]"), Change("c", "[\"ret\"]"), LinkOut("ret", "[]", mode: "return") };
        Assert.Empty(Check(Flow(new[] { In("[\"call\"]"), LinkCall("call", "sub", "[\"out\"]"), Out() }.Concat(subroutine).ToArray())));

        // Nothing after the call: the returned message ends at the link call.
        var diagnostics = Check(Flow(new[] { In("[\"s\"]"), Switch("s", EqualsA, "[\"out\"], [\"call\"]"), Out(), LinkCall("call", "sub", "[]") }.Concat(subroutine).ToArray()));
        AssertAt(Assert.Single(diagnostics), "FLOW104", 4, "GET /p can end at node 'link call call' without a response: the node has no outgoing wire");
    }

    [Fact]
    public void A_subroutine_that_neither_returns_nor_answers_is_an_error_where_it_ends()
    {
        var diagnostics = Check(Flow(In("[\"call\"]"), LinkCall("call", "sub", "[\"out\"]"), Out(), LinkIn("sub", "[\"s\"]"),
            Switch("s", EqualsA, "[\"ret\"], [\"dbg\"]"), LinkOut("ret", "[]", mode: "return"), Debug()));

        AssertAt(Assert.Single(diagnostics), "FLOW104", 7, "can end at node 'debug dbg'");
    }

    [Fact]
    public void A_subroutine_returns_to_each_of_its_callers()
    {
        // One subroutine, two callers: only the second caller's output is unwired.
        var diagnostics = Check(Flow(In("[\"call\"]"), LinkCall("call", "sub", "[\"out\"]"), Out(),
            LinkIn("sub", "[\"ret\"]"), LinkOut("ret", "[]", mode: "return"),
            In("[\"s\"]", url: "/q", id: "in2"), Switch("s", EqualsA, "[\"out\"], [\"call2\"]"), LinkCall("call2", "sub", "[]")));

        AssertAt(Assert.Single(diagnostics), "FLOW104", 8, "A request to GET /q can end at node 'link call call2'");
    }

    [Fact]
    public void A_return_with_no_link_call_is_an_error()
    {
        var diagnostics = Check(Flow(In("[\"s\"]"), Switch("s", EqualsA, "[\"out\"], [\"ret\"]"), Out(), LinkOut("ret", "[]", mode: "return")));

        AssertAt(Assert.Single(diagnostics), "FLOW104", 4, "returns only to a link call");
    }

    [Fact]
    public void A_link_in_called_from_another_file_leaves_its_nodes_reachable()
    {
        Assert.Empty(Check(Flow(In("[\"out\"]"), Out(), LinkIn("li", "[\"c\"]"), Change("c", "[\"out2\"]"), Out("out2"))));
    }

    private static string Request(string id, string wires, bool senderr = false) =>
        $$"""{"id": "{{id}}", "type": "http request", "z": "t", "method": "GET", "ret": "txt", "url": "http://example.com/x", "senderr": {{(senderr ? "true" : "false")}}, "x": 1, "y": 1, "wires": [{{wires}}]}""";

    [Fact]
    public void A_failed_http_request_without_senderr_answered_by_its_catch_and_on_its_output_answers_twice()
    {
        // Without senderr the error goes to the catch nodes and the message also goes on along the output.
        var diagnostics = Check(Flow(In("[\"r\"]"), Request("r", "[\"out\"]"), Out(), Catch("c", "[\"c2\"]"), Change("c2", "[\"out2\"]"), Out("out2")));

        AssertAt(Assert.Single(diagnostics), "FLOW106", 2, "Node 'http request r' sends copies of one request's message to two http response nodes ('http response out' and 'http response out2')");
    }

    [Fact]
    public void With_senderr_a_failed_http_request_goes_only_to_the_catch_so_it_is_answered_once()
    {
        Assert.Empty(Check(Flow(In("[\"r\"]"), Request("r", "[\"out\"]", senderr: true), Out(), Catch("c", "[\"c2\"]"), Change("c2", "[\"out2\"]"), Out("out2"))));
    }

    [Fact]
    public void An_output_path_that_does_not_always_answer_is_not_reported_as_answering_twice()
    {
        // The output checks the status code: a failed request (no statusCode) ends at the debug node, never at out.
        var status = """[{"t": "eq", "v": "200", "vt": "num"}, {"t": "else"}]""";
        var diagnostics = Check(Flow(In("[\"r\"]"), Request("r", "[\"s\"]"),
            Switch("s", status, "[\"out\"], [\"dbg\"]").Replace("\"property\": \"payload\"", "\"property\": \"statusCode\""),
            Out(), Debug(), Catch("c", "[\"out2\"]"), Out("out2")));

        Assert.DoesNotContain(diagnostics, d => d.Id == "FLOW106");
    }

    [Fact]
    public void A_failed_http_request_whose_catch_path_may_not_answer_is_not_reported_as_answering_twice()
    {
        var catchRules = """[{"t": "eq", "v": "timeout", "vt": "str"}, {"t": "else"}]""";
        var diagnostics = Check(Flow(In("[\"r\"]"), Request("r", "[\"out\"]"), Out(), Catch("c", "[\"s\"]"),
            Switch("s", catchRules, "[\"out2\"], [\"dbg\"]"), Out("out2"), Debug()));

        Assert.DoesNotContain(diagnostics, d => d.Id == "FLOW106");
    }
}
