using System.Collections.Generic;
using System.Linq;
using FlowGen.Compiler.Diagnostics;
using FlowGen.Compiler.OpenApi;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace FlowGen.Compiler.Tests;

/// <summary>OpenAPI documents and flows for the contract tests, and where their diagnostics must be.</summary>
internal static class Contracts
{
    public const string FlowPath = "/p/t.flow.json";
    public const string ApiPath = "/p/api.openapi.json";

    /// <summary>The contract of a JSON document, which must read without errors.</summary>
    public static ApiContract Read(string document, string path = ApiPath)
    {
        var contract = OpenApiReader.ReadContract(new List<(string, SourceText?)> { (path, SourceText.From(document)) });
        Assert.DoesNotContain(contract.Diagnostics, d => d.IsError);
        Assert.NotNull(contract.Document);
        return contract;
    }

    /// <summary>A 3.0 document with the given path items (<c>"/t": {"get": ...}</c>) and component schemas.</summary>
    public static string Document(string paths, string schemas = "{}") => $$$"""
        {"openapi": "3.0.3", "info": {"title": "T", "version": "1"}, "paths": {{{{paths}}}}, "components": {"schemas": {{{schemas}}}}}
        """;

    /// <summary>A path item with one operation: <c>"/t": {"get": {"operationId": "getT", "responses": ...}}</c>.</summary>
    public static string PathItem(string path, string method, string operationId, string responses, string extra = "") =>
        $"\"{path}\": {{\"{method}\": {{\"operationId\": \"{operationId}\"{extra}, \"responses\": {responses}}}}}";

    /// <summary>A document with one operation, getT: GET /t with the given responses.</summary>
    public static string Get(string responses, string schemas = "{}") => Document(PathItem("/t", "get", "getT", responses), schemas);

    /// <summary>A flow: the tab, then one node per line.</summary>
    public static string Flow(params string[] nodes) =>
        "[\n" + string.Join(",\n", new[] { """  {"id": "t", "type": "tab", "label": "T"}""" }.Concat(nodes.Select(n => "  " + n))) + "\n]";

    public static string In(string wires, string url = "/t", string method = "get", string id = "in", string extra = "") =>
        $$"""{"id": "{{id}}", "type": "http in", "z": "t", "name": "{{id}}", "url": "{{url}}", "method": "{{method}}"{{extra}}, "x": 1, "y": 1, "wires": [{{wires}}]}""";

    public static string Out(string id = "out", string extra = "") =>
        $$"""{"id": "{{id}}", "type": "http response", "z": "t", "name": "{{id}}"{{extra}}, "x": 1, "y": 1, "wires": []}""";

    public static string Change(string id, string wires, params string[] rules) =>
        $$"""{"id": "{{id}}", "type": "change", "z": "t", "name": "{{id}}", "rules": [{{string.Join(", ", rules)}}], "x": 1, "y": 1, "wires": [{{wires}}]}""";

    /// <summary>A set rule; <paramref name="to"/> is the JSON token of the value ("\"404\"").</summary>
    public static string Set(string property, string type, string to) =>
        $$"""{"t": "set", "p": "{{property}}", "pt": "msg", "to": {{to}}, "tot": "{{type}}"}""";

    public static string Delete(string property) => $$"""{"t": "delete", "p": "{{property}}", "pt": "msg"}""";

    public static string HttpRequest(string id, string wires) =>
        $$"""{"id": "{{id}}", "type": "http request", "z": "t", "name": "{{id}}", "method": "GET", "ret": "txt", "url": "http://example.com/x", "senderr": false, "x": 1, "y": 1, "wires": [{{wires}}]}""";

    public static IReadOnlyList<DiagnosticInfo> Check(string flow, string document)
    {
        var diagnostics = FlowFileCompiler.Check(FlowPath, SourceText.From(flow), "/p", Read(document));
        Assert.DoesNotContain(diagnostics, d => d.Descriptor.Id == "FLOW900");
        return diagnostics;
    }

    /// <summary>FLOW310 to FLOW329: the contract rules.</summary>
    public static bool IsContract(DiagnosticInfo diagnostic) =>
        string.CompareOrdinal(diagnostic.Descriptor.Id, "FLOW310") >= 0 && string.CompareOrdinal(diagnostic.Descriptor.Id, "FLOW329") <= 0;

    /// <summary>
    /// Exactly one contract diagnostic: <paramref name="id"/>, starting where <paramref name="at"/> (which occurs once in
    /// the flow) starts, with a message that says each of <paramref name="texts"/>.
    /// </summary>
    public static DiagnosticInfo Reports(string flow, string document, string id, string at, params string[] texts)
    {
        var contract = Check(flow, document).Where(IsContract).ToList();
        var diagnostic = Assert.Single(contract);
        Assert.Equal(id, diagnostic.Descriptor.Id);
        foreach (var text in texts) Assert.Contains(text, diagnostic.Message);
        AssertAt(flow, diagnostic, at);
        return diagnostic;
    }

    public static void AssertAt(string flow, DiagnosticInfo diagnostic, string at)
    {
        var offset = flow.IndexOf(at, System.StringComparison.Ordinal);
        Assert.True(offset >= 0 && flow.IndexOf(at, offset + 1, System.StringComparison.Ordinal) < 0, $"'{at}' must occur once in the flow");
        Assert.Equal(FlowPath, diagnostic.Location!.Path);
        Assert.Equal(SourceText.From(flow).Lines.GetLinePosition(offset), diagnostic.Location.LineSpan.Start);
    }

    public static void Silent(string flow, string document)
    {
        var contract = Check(flow, document).Where(IsContract).ToList();
        Assert.True(contract.Count == 0, string.Join("\n", contract.Select(d => $"{d.Descriptor.Id} {d.Location}: {d.Message}")));
    }
}

/// <summary>The contract rules: what each path from an http in answers, against the operation it implements.</summary>
public sealed class ContractRulesTests
{
    /// <summary>A response with a JSON body: what a GET request's query (an object) passed on to the response fits.</summary>
    private const string Ok = """{"description": "ok", "content": {"application/json": {}}}""";

    private const string NoContent = """{"description": "nothing"}""";

    private static string Json(string mediaTypes) => $$$"""{"description": "ok", "content": {{{{mediaTypes}}}}}""";

    // ------------------------------------------------------------------ FLOW314 undeclared status

    [Fact]
    public void The_default_200_is_a_status_the_operation_must_declare()
    {
        var flow = Contracts.Flow(Contracts.In("[\"out\"]"), Contracts.Out());

        var diagnostic = Contracts.Reports(flow, Contracts.Get("""{"201": {"description": "created"}}"""), "FLOW314", """{"id": "out",""",
            "http response 'out' can answer operation getT (GET /t) with status 200 (the default when no status is set)", "its responses: 201");
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Descriptor.DefaultSeverity);
        Contracts.Silent(flow, Contracts.Get($$"""{"200": {{Ok}}}"""));
    }

    [Fact]
    public void The_response_nodes_status_is_reported_at_its_value()
    {
        var flow = Contracts.Flow(Contracts.In("[\"out\"]"), Contracts.Out(extra: """, "statusCode": "404" """));

        Contracts.Reports(flow, Contracts.Get($$"""{"200": {{Ok}}}"""), "FLOW314", "\"404\"", "with status 404 (the status set in the node)");
    }

    [Theory]
    [InlineData("4XX")]
    [InlineData("4xx")]
    [InlineData("default")]
    [InlineData("404")]
    public void A_range_or_default_covers_the_status(string key)
    {
        var flow = Contracts.Flow(Contracts.In("[\"out\"]"), Contracts.Out(extra: """, "statusCode": "404" """));

        Contracts.Silent(flow, Contracts.Get($$"""{"200": {{Ok}}, "{{key}}": {{Ok}}}"""));
    }

    [Fact]
    public void A_range_of_another_class_does_not_cover_the_status()
    {
        var flow = Contracts.Flow(Contracts.In("[\"out\"]"), Contracts.Out(extra: """, "statusCode": "503" """));

        Contracts.Reports(flow, Contracts.Get($$"""{"200": {{Ok}}, "4XX": {{Ok}}}"""), "FLOW314", "\"503\"", "its responses: 200, 4XX");
    }

    [Fact]
    public void A_status_a_change_node_sets_is_reported_at_that_value()
    {
        var flow = Contracts.Flow(
            Contracts.In("[\"c\"]"),
            Contracts.Change("c", "[\"out\"]", Contracts.Set("statusCode", "num", "\"503\"")),
            Contracts.Out());

        Contracts.Reports(flow, Contracts.Get($$"""{"200": {{Ok}}}"""), "FLOW314", "\"503\"", "with status 503 (msg.statusCode set by node 'c')");
        Contracts.Silent(flow, Contracts.Get($$"""{"503": {{Ok}}}"""));
    }

    [Fact]
    public void Each_branch_of_a_switch_is_checked_with_its_own_status()
    {
        var flow = Contracts.Flow(
            Contracts.In("[\"s\"]"),
            """{"id": "s", "type": "switch", "z": "t", "property": "payload.kind", "propertyType": "msg", "rules": [{"t": "eq", "v": "a", "vt": "str"}, {"t": "else"}], "checkall": "false", "outputs": 2, "x": 1, "y": 1, "wires": [["found"], ["missing"]]}""",
            Contracts.Change("found", "[\"out\"]", Contracts.Set("statusCode", "num", "\"200\"")),
            Contracts.Change("missing", "[\"out\"]", Contracts.Set("statusCode", "num", "\"404\"")),
            Contracts.Out());

        Contracts.Reports(flow, Contracts.Get($$"""{"200": {{Ok}}}"""), "FLOW314", "\"404\"", "status 404 (msg.statusCode set by node 'missing')");
        Contracts.Silent(flow, Contracts.Get($$"""{"200": {{Ok}}, "404": {{Ok}}}"""));
    }

    private static string CatchFlow() => Contracts.Flow(
        Contracts.In("[\"j\"]"),
        """{"id": "j", "type": "json", "z": "t", "property": "payload", "action": "obj", "x": 1, "y": 1, "wires": [["out"]]}""",
        Contracts.Out(),
        """{"id": "k", "type": "catch", "z": "t", "scope": null, "x": 1, "y": 1, "wires": [["fail"]]}""",
        Contracts.Change("fail", "[\"oops\"]", Contracts.Set("statusCode", "num", "\"500\"")),
        Contracts.Out("oops"));

    [Fact]
    public void A_catch_path_answers_the_request_too()
    {
        Contracts.Reports(CatchFlow(), Contracts.Get($$"""{"200": {{Ok}}}"""), "FLOW314", "\"500\"", "http response 'oops'", "status 500 (msg.statusCode set by node 'fail')");
        Contracts.Silent(CatchFlow(), Contracts.Get($$"""{"200": {{Ok}}, "5XX": {{Ok}}}"""));
    }

    [Fact]
    public void Two_endpoints_sharing_a_response_are_each_checked_against_their_own_operation()
    {
        var flow = Contracts.Flow(
            Contracts.In("[\"out\"]", url: "/a", id: "a"),
            Contracts.In("[\"out\"]", url: "/b", id: "b"),
            Contracts.Out(extra: """, "statusCode": "201" """));
        var document = Contracts.Document(
            Contracts.PathItem("/a", "get", "getA", $$"""{"201": {{Ok}}}""") + ", " + Contracts.PathItem("/b", "get", "getB", $$"""{"200": {{Ok}}}"""));

        Contracts.Reports(flow, document, "FLOW314", "\"201\"", "operation getB (GET /b) with status 201", "its responses: 200");
    }

    [Fact]
    public void Statuses_set_before_another_endpoint_joins_stay_with_their_endpoint()
    {
        // /a sets 404 before the shared response; /b reaches it without: each answers only its own status.
        var flow = Contracts.Flow(
            Contracts.In("[\"c\"]", url: "/a", id: "a"),
            Contracts.Change("c", "[\"out\"]", Contracts.Set("statusCode", "num", "\"404\"")),
            Contracts.In("[\"out\"]", url: "/b", id: "b"),
            Contracts.Out());
        var document = Contracts.Document(
            Contracts.PathItem("/a", "get", "getA", $$"""{"404": {{Ok}}}""") + ", " + Contracts.PathItem("/b", "get", "getB", $$"""{"200": {{Ok}}}"""));

        Contracts.Silent(flow, document);
    }

    [Fact]
    public void Link_nodes_carry_the_status_to_the_response()
    {
        var flow = Contracts.Flow(
            Contracts.In("[\"c\"]"),
            Contracts.Change("c", "[\"lo\"]", Contracts.Set("statusCode", "num", "\"404\"")),
            """{"id": "lo", "type": "link out", "z": "t", "mode": "link", "links": ["li"], "x": 1, "y": 1, "wires": []}""",
            """{"id": "li", "type": "link in", "z": "t", "links": ["lo"], "x": 1, "y": 1, "wires": [["out"]]}""",
            Contracts.Out());

        Contracts.Reports(flow, Contracts.Get($$"""{"200": {{Ok}}}"""), "FLOW314", "\"404\"", "status 404 (msg.statusCode set by node 'c')");
    }

    [Fact]
    public void A_link_calls_subroutine_sets_the_status_its_return_carries_back()
    {
        var flow = Contracts.Flow(
            Contracts.In("[\"call\"]"),
            """{"id": "call", "type": "link call", "z": "t", "links": ["sub"], "linkType": "static", "timeout": "30", "x": 1, "y": 1, "wires": [["out"]]}""",
            Contracts.Out(),
            """{"id": "sub", "type": "link in", "z": "t", "links": [], "x": 1, "y": 1, "wires": [["teapot"]]}""",
            Contracts.Change("teapot", "[\"ret\"]", Contracts.Set("statusCode", "num", "\"418\"")),
            """{"id": "ret", "type": "link out", "z": "t", "mode": "return", "links": [], "x": 1, "y": 1, "wires": []}""");

        Contracts.Reports(flow, Contracts.Get($$"""{"200": {{Ok}}}"""), "FLOW314", "\"418\"", "status 418 (msg.statusCode set by node 'teapot')");
        Contracts.Silent(flow, Contracts.Get($$"""{"418": {{Ok}}}"""));
    }

    [Fact]
    public void A_subflow_hands_its_status_on_to_the_response()
    {
        var flow = Contracts.Flow(
            """{"id": "S", "type": "subflow", "name": "Sub", "in": [{"x": 1, "y": 1, "wires": [{"id": "inner"}]}], "out": [{"x": 1, "y": 1, "wires": [{"id": "inner", "port": 0}]}], "env": []}""",
            """{"id": "inner", "type": "change", "z": "S", "name": "inner", "rules": [{"t": "set", "p": "statusCode", "pt": "msg", "to": "409", "tot": "num"}], "x": 1, "y": 1, "wires": [[]]}""",
            Contracts.In("[\"I\"]"),
            """{"id": "I", "type": "subflow:S", "z": "t", "x": 1, "y": 1, "wires": [["out"]]}""",
            Contracts.Out());

        Contracts.Reports(flow, Contracts.Get($$"""{"200": {{Ok}}}"""), "FLOW314", "\"409\"", "status 409 (msg.statusCode set by node 'inner')");
    }

    // ------------------------------------------------------------------ FLOW315 status known only at run time

    [Fact]
    public void A_status_from_an_upstream_response_is_a_warning_without_a_default_response()
    {
        var flow = Contracts.Flow(
            Contracts.In("[\"call\"]"),
            Contracts.HttpRequest("call", "[\"out\"]"),
            Contracts.Out());

        var diagnostic = Contracts.Reports(flow, Contracts.Get($$"""{"200": {{Ok}}}"""), "FLOW315", """{"id": "out",""",
            "a status known only at run time (msg.statusCode as earlier nodes leave it)", "its responses: 200");
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Descriptor.DefaultSeverity);
        Contracts.Silent(flow, Contracts.Get($$"""{"200": {{Ok}}, "default": {{Ok}}}"""));
    }

    [Fact]
    public void A_status_from_the_environment_is_a_warning_at_its_value()
    {
        var flow = Contracts.Flow(Contracts.In("[\"out\"]"), Contracts.Out(extra: """, "statusCode": "${STATUS}" """));

        Contracts.Reports(flow, Contracts.Get($$"""{"200": {{Ok}}}"""), "FLOW315", "\"${STATUS}\"", "(the environment variable STATUS)");
    }

    // ------------------------------------------------------------------ FLOW316 automatic answers to a request body

    private static string Post(string responses) =>
        Contracts.Document(Contracts.PathItem("/t", "post", "postT", responses, extra: """, "requestBody": {"content": {"application/json": {}}}"""));

    [Fact]
    public void Undeclared_body_rejections_are_a_suggestion_at_the_http_in()
    {
        var flow = Contracts.Flow(Contracts.In("[\"out\"]", method: "post"), Contracts.Out());

        var diagnostic = Contracts.Reports(flow, Post($$"""{"200": {{Ok}}, "400": {{Ok}}}"""), "FLOW316", """{"id": "in",""",
            "http in 'in' answers a request body it cannot read before the flow runs", "operation postT (POST /t) does not declare 413, 415;");
        Assert.Equal(DiagnosticSeverity.Info, diagnostic.Descriptor.DefaultSeverity);
    }

    [Fact]
    public void Declared_body_rejections_or_no_body_parsing_or_no_request_body_say_nothing()
    {
        var flow = Contracts.Flow(Contracts.In("[\"out\"]", method: "post"), Contracts.Out());
        Contracts.Silent(flow, Post($$"""{"200": {{Ok}}, "4XX": {{Ok}}}"""));
        Contracts.Silent(flow, Post($$"""{"200": {{Ok}}, "default": {{Ok}}}"""));
        Contracts.Silent(flow, Contracts.Document(Contracts.PathItem("/t", "post", "postT", $$"""{"200": {{Ok}}}""")));

        var raw = Contracts.Flow(Contracts.In("[\"out\"]", method: "post", extra: """, "skipBodyParsing": true"""), Contracts.Out());
        Contracts.Silent(raw, Post($$"""{"200": {{Ok}}}"""));
    }

    // ------------------------------------------------------------------ FLOW317 undeclared header, FLOW318 required header

    private static string WithHeaders(string headers) =>
        Contracts.Get("""{"200": {"description": "ok", "content": {"application/json": {}}, "headers": """ + headers + "}}");

    private const string RateLimit = """{"X-Rate-Limit": {"schema": {"type": "integer"}}}""";

    [Fact]
    public void A_header_the_response_does_not_declare_is_an_error_at_its_name()
    {
        var flow = Contracts.Flow(Contracts.In("[\"out\"]"), Contracts.Out(extra: """, "headers": {"x-extra": "1"}"""));

        Contracts.Reports(flow, WithHeaders(RateLimit), "FLOW317", "\"x-extra\"",
            "Node 'out' sets the response header 'x-extra' for http response 'out', but response 200 of operation getT (GET /t) does not declare it (declared headers: X-Rate-Limit)");
    }

    [Fact]
    public void Header_names_compare_without_case_and_the_content_type_is_no_header()
    {
        var flow = Contracts.Flow(Contracts.In("[\"out\"]"), Contracts.Out(extra: """, "headers": {"x-rate-limit": "10", "Content-Type": "application/json"}"""));

        Contracts.Silent(flow, WithHeaders(RateLimit));
    }

    [Fact]
    public void A_header_in_a_constant_msg_headers_is_located_inside_the_json()
    {
        var flow = Contracts.Flow(
            Contracts.In("[\"h\"]"),
            Contracts.Change("h", "[\"out\"]", Contracts.Set("headers", "json", """ "{\"X-Rate-Limit\": \"10\", \"X-Trace\": \"a\"}" """.Trim())),
            Contracts.Out());

        Contracts.Reports(flow, WithHeaders(RateLimit), "FLOW317", """\"X-Trace\" """.Trim(), "Node 'h' sets the response header 'X-Trace'");
    }

    [Fact]
    public void A_required_header_no_node_sets_is_an_error_at_the_response()
    {
        var required = """{"X-Rate-Limit": {"required": true, "schema": {"type": "integer"}}}""";
        var flow = Contracts.Flow(Contracts.In("[\"out\"]"), Contracts.Out());

        Contracts.Reports(flow, WithHeaders(required), "FLOW318", """{"id": "out",""",
            "http response 'out' answers operation getT (GET /t) with status 200 without the header 'X-Rate-Limit', which response 200 declares required");

        var set = Contracts.Flow(
            Contracts.In("[\"h\"]"),
            Contracts.Change("h", "[\"out\"]", Contracts.Set("headers", "json", """ "{\"x-rate-limit\": 10}" """.Trim())),
            Contracts.Out());
        Contracts.Silent(set, WithHeaders(required));
    }

    [Fact]
    public void Headers_known_only_at_run_time_may_carry_a_required_header()
    {
        var flow = Contracts.Flow(
            Contracts.In("[\"call\"]"),
            Contracts.HttpRequest("call", "[\"ok\"]"),
            Contracts.Change("ok", "[\"out\"]", Contracts.Set("statusCode", "num", "\"200\"")),
            Contracts.Out());

        Contracts.Silent(flow, WithHeaders("""{"X-Rate-Limit": {"required": true}}"""));
    }

    // ------------------------------------------------------------------ FLOW319-322 content type

    private static string PayloadFlow(string type, string to, string responseExtra = "") => Contracts.Flow(
        Contracts.In("[\"body\"]"),
        Contracts.Change("body", "[\"out\"]", Contracts.Set("payload", type, to)),
        Contracts.Out(extra: responseExtra));

    [Fact]
    public void An_explicit_content_type_must_be_declared()
    {
        var flow = PayloadFlow("json", "\"{\\\"a\\\": 1}\"", """, "headers": {"content-type": "text/plain"}""");

        Contracts.Reports(flow, Contracts.Get($$"""{"200": {{Json("\"application/json\": {}")}}}"""), "FLOW319", "\"text/plain\"",
            "Node 'out' sets the content-type 'text/plain' for http response 'out', but response 200 of operation getT (GET /t) declares only application/json");
    }

    [Theory]
    [InlineData("application/json", "Application/JSON; charset=utf-8")]
    [InlineData("text/*", "text/csv")]
    [InlineData("*/*", "image/png")]
    public void A_declared_content_type_matches_without_parameters_or_case_and_by_range(string declared, string sent)
    {
        var flow = PayloadFlow("str", "\"a,b\"", $$""", "headers": {"content-type": "{{sent}}"}""");

        Contracts.Silent(flow, Contracts.Get($$"""{"200": {{Json($"\"{declared}\": {{}}")}}}"""));
    }

    /// <summary>A POST whose request body reaches the response: a payload known only at run time.</summary>
    private static readonly string Echo = Contracts.Flow(Contracts.In("[\"out\"]", method: "post"), Contracts.Out());

    private static string PostResponse(string response) =>
        Contracts.Document(Contracts.PathItem("/t", "post", "postT", $$"""{"200": {{response}}, "4XX": {{NoContent}}}"""));

    [Fact]
    public void An_unknown_payload_with_several_declared_media_types_is_ambiguous()
    {
        Contracts.Reports(Echo, PostResponse(Json("\"application/xml\": {}, \"text/plain\": {}")), "FLOW320", """{"id": "out",""",
            "http response 'out' sets no content-type and its payload's kind is known only at run time, while response 200 of operation postT (POST /t) declares application/xml, text/plain");
    }

    [Theory]
    [InlineData("\"text/plain\": {}")]
    [InlineData("\"application/json\": {}, \"application/xml\": {}")]
    public void The_only_media_type_or_the_only_json_one_is_not_ambiguous(string content)
    {
        Contracts.Silent(Echo, PostResponse(Json(content)));
    }

    // A GET request's payload is its query, an object: what reaches a response unchanged goes out as JSON.

    [Fact]
    public void A_get_requests_query_passed_on_is_a_json_body()
    {
        var flow = Contracts.Flow(Contracts.In("[\"out\"]"), Contracts.Out());

        Contracts.Reports(flow, Contracts.Get($$"""{"200": {{NoContent}}}"""), "FLOW322", """{"id": "in",""",
            "msg.payload (the query of the GET request http in 'in' received) makes a body that http response 'out' sends");
        Contracts.Reports(flow, Contracts.Get($$"""{"200": {{Json("\"text/html\": {}")}}}"""), "FLOW321", """{"id": "in",""",
            "is an object, which http response 'out' sends as application/json");
        Contracts.Reports(flow, Contracts.Get($$"""{"200": {{Json("\"application/json\": {\"schema\": {\"type\": \"array\"}}")}}}"""), "FLOW324", """{"id": "in",""",
            "msg.payload is an object, but the schema requires an array");
    }

    [Fact]
    public void A_string_payload_goes_out_as_text_html_which_a_json_response_does_not_declare()
    {
        var flow = PayloadFlow("str", "\"hello\"");

        Contracts.Reports(flow, Contracts.Get($$"""{"200": {{Json("\"application/json\": {}")}}}"""), "FLOW321", "\"hello\"",
            "msg.payload (set by node 'body') is a string, which http response 'out' sends as text/html when no content-type is set", "send an object or an array (sent as application/json)");
    }

    [Fact]
    public void An_object_payload_goes_out_as_json_which_a_text_response_does_not_declare()
    {
        var flow = PayloadFlow("json", "\"{\\\"a\\\": 1}\"");

        Contracts.Reports(flow, Contracts.Get($$"""{"200": {{Json("\"text/plain\": {}")}}}"""), "FLOW321", "\"{\\\"a",
            "msg.payload (set by node 'body') is an object, which http response 'out' sends as application/json",
            "declares only text/plain; set the content-type header to the declared type");
        Contracts.Reports(flow, Contracts.Get($$"""{"200": {{Json("\"text/*\": {}")}}}"""), "FLOW321", "\"{\\\"a", "send a string (sent as text/html)");
        Contracts.Silent(flow, Contracts.Get($$"""{"200": {{Json("\"application/json\": {}")}}}"""));
    }

    [Fact]
    public void A_json_text_sent_with_a_json_content_type_is_fine()
    {
        var flow = PayloadFlow("str", "\"{\\\"a\\\": 1}\"", """, "headers": {"Content-Type": "application/json"}""");

        Contracts.Silent(flow, Contracts.Get($$"""{"200": {{Json("\"application/json\": {\"schema\": {\"type\": \"object\"}}")}}}"""));
    }

    // ------------------------------------------------------------------ FLOW322 body without content, FLOW323 no body

    [Fact]
    public void A_body_where_the_response_declares_no_content_is_an_error_at_the_payload()
    {
        var flow = PayloadFlow("str", "\"done\"");

        Contracts.Reports(flow, Contracts.Get($$"""{"200": {{NoContent}}}"""), "FLOW322", "\"done\"",
            "msg.payload (set by node 'body') makes a body that http response 'out' sends, but response 200 of operation getT (GET /t) declares no content");
    }

    [Fact]
    public void A_deleted_payload_sends_no_body()
    {
        var flow = Contracts.Flow(Contracts.In("[\"c\"]"), Contracts.Change("c", "[\"out\"]", Contracts.Delete("payload")), Contracts.Out());

        Contracts.Silent(flow, Contracts.Get($$"""{"200": {{NoContent}}}"""));
        Contracts.Reports(flow, Contracts.Get($$"""{"200": {{Json("\"application/json\": {}")}}}"""), "FLOW323", """{"id": "out",""",
            "http response 'out' answers operation getT (GET /t) with status 200 and an empty body (msg.payload is not set), but response 200 declares content (only application/json)");
    }

    [Fact]
    public void An_empty_string_payload_is_no_body_either()
    {
        var flow = PayloadFlow("str", "\"\"");

        Contracts.Reports(flow, Contracts.Get($$"""{"200": {{Json("\"text/html\": {}")}}}"""), "FLOW323", "\"\"", "(node 'body' sets msg.payload to an empty value)");
        Contracts.Silent(PayloadFlow("str", "\"<p>hi</p>\""), Contracts.Get($$"""{"200": {{Json("\"text/html\": {}")}}}"""));
    }

    [Fact]
    public void A_204_is_not_checked_for_content()
    {
        var flow = Contracts.Flow(Contracts.In("[\"out\"]"), Contracts.Out(extra: """, "statusCode": "204" """));

        Contracts.Silent(flow, Contracts.Get($$"""{"204": {{Json("\"application/json\": {}")}}}"""));
    }

    // ------------------------------------------------------------------ FLOW324 payload against the schema

    private const string Pet = """
        {"Pet": {"type": "object", "required": ["id", "name"], "properties": {
            "id": {"type": "integer", "minimum": 1},
            "name": {"type": "string", "maxLength": 10},
            "color": {"type": "string", "enum": ["red", "green"]},
            "tags": {"type": "array", "items": {"type": "string"}, "uniqueItems": true}}, "additionalProperties": false}}
        """;

    private static string PetResponse(string contentType = "application/json") =>
        Contracts.Get($$"""{"200": {{Json($"\"{contentType}\": {{\"schema\": {{\"$ref\": \"#/components/schemas/Pet\"}}}}")}}}""", Pet);

    [Theory]
    [InlineData("{\\\"id\\\": 1}", "{\\\"id\\\": 1}", "msg.payload has no property 'name', which the schema requires (schema Pet)")]
    [InlineData("{\\\"id\\\": 1, \\\"name\\\": 5}", "5}", "msg.payload.name is the number 5, but the schema requires a string")]
    [InlineData("{\\\"id\\\": 1, \\\"name\\\": \\\"Rex\\\", \\\"color\\\": \\\"blue\\\"}", "\\\"blue", "msg.payload.color is the string \"blue\", which is not one of \"red\", \"green\"")]
    [InlineData("{\\\"id\\\": 0, \\\"name\\\": \\\"Rex\\\"}", "0,", "msg.payload.id is the number 0, below the minimum 1")]
    [InlineData("{\\\"id\\\": 1.5, \\\"name\\\": \\\"Rex\\\"}", "1.5", "msg.payload.id is the number 1.5, but the schema requires an integer")]
    [InlineData("{\\\"id\\\": 1, \\\"name\\\": \\\"Rex\\\", \\\"age\\\": 3}", "\\\"age", "msg.payload has the property 'age', which the schema does not declare and does not allow")]
    [InlineData("{\\\"id\\\": 1, \\\"name\\\": \\\"Rex\\\", \\\"tags\\\": [\\\"a\\\", \\\"a\\\"]}", "\\\"a\\\"]", "msg.payload.tags[1] repeats item 0, but the schema requires unique items")]
    [InlineData("[1, 2]", "[1, 2]", "msg.payload is an array, but the schema requires an object (schema Pet)")]
    public void A_constant_payload_the_schema_rejects_is_an_error_at_the_offending_value(string json, string at, string problem)
    {
        var flow = PayloadFlow("json", $"\"{json}\"");

        Contracts.Reports(flow, PetResponse(), "FLOW324", at,
            "msg.payload (set by node 'body') is a value that the schema of response 200 (application/json) of operation getT (GET /t) rejects: " + problem);
    }

    [Fact]
    public void A_constant_payload_that_matches_the_schema_is_fine()
    {
        Contracts.Silent(PayloadFlow("json", "\"{\\\"id\\\": 7, \\\"name\\\": \\\"Rex\\\", \\\"color\\\": \\\"red\\\", \\\"tags\\\": [\\\"a\\\"]}\""), PetResponse());
        // application/problem+json is JSON too.
        Contracts.Silent(PayloadFlow("json", "\"{\\\"id\\\": 7, \\\"name\\\": \\\"Rex\\\"}\"", """, "headers": {"content-type": "application/vnd.pet+json"}"""), PetResponse("application/vnd.pet+json"));
    }

    [Fact]
    public void A_buffer_goes_out_as_its_bytes_and_is_not_checked_against_the_schema()
    {
        Contracts.Silent(PayloadFlow("bin", "\"[91, 93]\"", """, "headers": {"content-type": "application/json"}"""), PetResponse());
    }

    [Fact]
    public void A_string_for_an_object_schema_is_rejected()
    {
        // The str value is sent as it is: its text is JSON for a string, not an object.
        var flow = PayloadFlow("str", "\"\\\"Rex\\\"\"", """, "headers": {"content-type": "application/json"}""");

        Contracts.Reports(flow, PetResponse(), "FLOW324", "\\\"Rex", "msg.payload is the string \"Rex\", but the schema requires an object (schema Pet)");
    }

    [Fact]
    public void A_string_that_is_not_json_cannot_be_a_json_body()
    {
        var flow = PayloadFlow("str", "\"Rex\"", """, "headers": {"content-type": "application/json"}""");

        Contracts.Reports(flow, PetResponse(), "FLOW324", "\"Rex\"", "msg.payload is a string that is not JSON, and the response sends it as it is");
    }

    [Fact]
    public void A_number_for_a_string_schema_is_rejected()
    {
        var flow = PayloadFlow("num", "\"42\"", """, "headers": {"content-type": "application/json"}""");
        var document = Contracts.Get($$"""{"200": {{Json("\"application/json\": {\"schema\": {\"type\": \"string\"}}")}}}""");

        Contracts.Reports(flow, document, "FLOW324", "42\"", "msg.payload is the number 42, but the schema requires a string");
    }

    [Fact]
    public void A_template_parsed_as_json_is_checked_by_its_kind()
    {
        var flow = Contracts.Flow(
            Contracts.In("[\"tpl\"]"),
            """{"id": "tpl", "type": "template", "z": "t", "name": "tpl", "field": "payload", "fieldType": "msg", "syntax": "mustache", "template": "[{{payload.a}}]", "output": "json", "x": 1, "y": 1, "wires": [["out"]]}""",
            Contracts.Out());

        Contracts.Reports(flow, PetResponse(), "FLOW324", "\"[{{", "msg.payload is an array, but the schema requires an object (schema Pet)");
    }

    [Fact]
    public void Composed_schemas_are_checked()
    {
        var schemas = """
            {"Cat": {"type": "object", "required": ["meow"]}, "Dog": {"type": "object", "required": ["bark"]},
             "Pet": {"oneOf": [{"$ref": "#/components/schemas/Cat"}, {"$ref": "#/components/schemas/Dog"}]}}
            """;
        var document = Contracts.Get($$"""{"200": {{Json("\"application/json\": {\"schema\": {\"$ref\": \"#/components/schemas/Pet\"}}")}}}""", schemas);

        Contracts.Silent(PayloadFlow("json", "\"{\\\"meow\\\": true}\""), document);
        Contracts.Reports(PayloadFlow("json", "\"{\\\"meow\\\": true, \\\"bark\\\": true}\""), document, "FLOW324", "{\\\"meow\\\": true, \\\"bark", "matches 2 of the schemas oneOf allows, and must match exactly one (schema Pet)");
        Contracts.Reports(PayloadFlow("json", "\"{\\\"purr\\\": true}\""), document, "FLOW324", "{\\\"purr", "matches none of the schemas oneOf allows (schema Pet)");
    }

    // ------------------------------------------------------------------ no document, no operation

    [Fact]
    public void Without_a_document_no_contract_rule_runs()
    {
        var flow = PayloadFlow("str", "\"done\"", """, "statusCode": "599", "headers": {"x-any": "1"}""");

        var diagnostics = FlowFileCompiler.Check(Contracts.FlowPath, SourceText.From(flow), "/p", ApiContract.None);

        Assert.DoesNotContain(diagnostics, Contracts.IsContract);
    }
}
