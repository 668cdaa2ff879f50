using System.Collections.Generic;
using System.Linq;
using FlowGen.Compiler.Checks;
using FlowGen.Compiler.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace FlowGen.Compiler.Tests;

/// <summary>Which operation each http in implements: FLOW310-FLOW313.</summary>
public sealed class OperationBindingTests
{
    private const string Ok = """{"description": "ok", "content": {"application/json": {}}}""";

    private static readonly string GetT = Contracts.Get($$"""{"200": {{Ok}}}""");

    private const string UserId = """, "parameters": [{"name": "userId", "in": "path", "required": true, "schema": {"type": "string"}}]""";

    private static string Flow(string inExtra = "", string url = "/t", string method = "get") =>
        Contracts.Flow(Contracts.In("[\"out\"]", url: url, method: method, extra: inExtra), Contracts.Out());

    // ------------------------------------------------------------------ FLOW310 an http in the document does not describe

    [Fact]
    public void An_http_in_with_no_operation_is_a_warning_at_the_node()
    {
        var diagnostic = Contracts.Reports(Flow(url: "/other"), GetT, "FLOW310", """{"id": "in",""",
            "http in 'in' (GET /other) implements no operation of the OpenAPI document api.openapi.json: it has no GET operation on a path like this one");
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Descriptor.DefaultSeverity);
    }

    [Fact]
    public void Method_and_path_shape_bind_whatever_the_parameter_names_and_case()
    {
        var document = Contracts.Document(Contracts.PathItem("/Users/{userId}", "get", "getUser", $$"""{"200": {{Ok}}}""", UserId));

        Contracts.Silent(Flow(url: "/users/:id"), document);
        Contracts.Reports(Flow(url: "/users/:id", method: "post"), document, "FLOW310", """{"id": "in",""", "(POST /users/:id)", "no POST operation");
    }

    // ------------------------------------------------------------------ FLOW311 an operationId the document does not have

    [Fact]
    public void An_unknown_operation_id_is_an_error_at_the_value()
    {
        var diagnostic = Contracts.Reports(Flow(""", "operationId": "getX" """), GetT, "FLOW311", "\"getX\"",
            "http in 'in' names the operation 'getX', which the OpenAPI document api.openapi.json does not have; the document's operation for GET /t is getT (GET /t): name that one, or remove the operationId");
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Descriptor.DefaultSeverity);
    }

    [Fact]
    public void An_operation_id_in_another_case_is_named_in_the_message()
    {
        Contracts.Reports(Flow(""", "operationId": "gett" """), GetT, "FLOW311", "\"gett\"", "operationIds are case-sensitive: did you mean 'getT'?");
    }

    [Fact]
    public void Without_a_likely_one_the_message_lists_the_documents_operations()
    {
        Contracts.Reports(Flow(""", "operationId": "nope" """, url: "/zzz"), GetT, "FLOW311", "\"nope\"", "name one of its operations ('getT')");
    }

    [Fact]
    public void An_operation_id_line_in_the_description_is_located_at_the_id_inside_it()
    {
        var flow = Flow(""", "info": "Lists the things.\n  operationId: listThings\n" """);

        Contracts.Reports(flow, GetT, "FLOW311", "listThings", "names the operation 'listThings'");
    }

    // ------------------------------------------------------------------ FLOW313 an operationId of another route

    private static readonly string TwoOperations = Contracts.Document(
        Contracts.PathItem("/t", "get", "getT", $$"""{"200": {{Ok}}}""") + ", " + Contracts.PathItem("/u", "get", "getU", $$"""{"201": {{Ok}}}"""));

    [Fact]
    public void An_operation_id_naming_another_routes_operation_is_an_error_at_the_value()
    {
        var created = Contracts.Flow(Contracts.In("[\"out\"]", extra: """, "operationId": "getU" """), Contracts.Out(extra: """, "statusCode": "201" """));
        Contracts.Reports(created, TwoOperations, "FLOW313", "\"getU\"",
            "http in 'in' answers GET /t but names operation getU (GET /u), which clients following the document call with another method or path");
        Contracts.Reports(Flow(""", "operationId": "getT" """, method: "post"), TwoOperations, "FLOW313", "\"getT\"", "answers POST /t but names operation getT (GET /t)");
    }

    [Fact]
    public void The_named_operation_wins_over_the_route()
    {
        // Bound to getU (201 only) by its description, the node's default 200 breaks getU's contract, not getT's.
        var flow = Flow(""", "info": "operationId: getU" """);

        var diagnostics = Contracts.Check(flow, TwoOperations).Where(Contracts.IsContract).Select(d => d.Descriptor.Id).OrderBy(id => id);

        Assert.Equal(new[] { "FLOW313", "FLOW314" }, diagnostics);
    }

    [Fact]
    public void An_operation_id_of_the_nodes_own_route_is_fine()
    {
        var document = Contracts.Document(Contracts.PathItem("/users/{userId}", "get", "getUser", $$"""{"200": {{Ok}}}""", UserId));

        Contracts.Silent(Flow(""", "operationId": "getUser" """, url: "/users/:id"), document);
        Contracts.Silent(Flow(""", "info": "Reads one user.\noperationId: getUser" """, url: "/users/:id"), document);
    }

    // ------------------------------------------------------------------ two http in nodes, one operation

    [Fact]
    public void A_second_node_for_an_operation_on_another_route_is_FLOW313()
    {
        var flow = Contracts.Flow(
            Contracts.In("[\"out\"]", id: "first"),
            Contracts.In("[\"out\"]", url: "/alias", id: "second", extra: """, "operationId": "getT" """),
            Contracts.Out());

        Contracts.Reports(flow, GetT, "FLOW313", "\"getT\"", "http in 'second' answers GET /alias but names operation getT (GET /t)");
    }

    [Fact]
    public void A_second_node_for_an_operation_on_the_same_route_is_FLOW103()
    {
        var flow = Contracts.Flow(
            Contracts.In("[\"out\"]", id: "first"),
            Contracts.In("[\"out\"]", url: "/T/", id: "second", extra: """, "operationId": "getT" """),
            Contracts.Out());

        Contracts.Silent(flow, GetT);
        var result = GeneratorHarness.Run(("t.flow.json", flow), ("api.openapi.json", GetT));
        Assert.Single(result.GeneratorDiagnostics, d => d.Id == "FLOW103");
    }

    // ------------------------------------------------------------------ FLOW312 an operation with no flow (project-wide)

    private const string Three = """
        {"openapi": "3.0.3", "info": {"title": "T", "version": "1"}, "paths": {
          "/a": {"get": {"operationId": "getA", "responses": {"200": {"description": "ok"}}}},
          "/b": {"get": {"operationId": "getB", "responses": {"200": {"description": "ok"}}}},
          "/c": {"delete": {"responses": {"204": {"description": "gone"}}}}
        }}
        """;

    private static List<OperationBinding> Bindings(Compiler.OpenApi.ApiContract contract, params (string Path, string Flow)[] files)
    {
        var bindings = new List<OperationBinding>();
        foreach (var (path, flow) in files) FlowFileCompiler.Check(path, SourceText.From(flow), "/p", contract, bindings);
        return bindings;
    }

    [Fact]
    public void An_operation_no_file_implements_is_a_warning_at_the_operation_in_the_document()
    {
        var contract = Contracts.Read(Three);
        var bindings = Bindings(contract,
            ("/p/a.flow.json", Contracts.Flow(Contracts.In("[\"out\"]", url: "/a"), Contracts.Out())),
            ("/p/b.flow.json", Contracts.Flow(Contracts.In("[\"out\"]", url: "/b"), Contracts.Out())));

        var diagnostic = Assert.Single(ContractBindings.ProjectRules(contract.Document!, bindings));

        Assert.Equal("FLOW312", diagnostic.Descriptor.Id);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Descriptor.DefaultSeverity);
        Assert.StartsWith("Operation DELETE /c has no flow: no http in node of the project implements it", diagnostic.Message);
        Assert.Equal(Contracts.ApiPath, diagnostic.Location!.Path);
        Assert.Equal(SourceText.From(Three).Lines.GetLinePosition(Three.IndexOf("\"delete\"", System.StringComparison.Ordinal)), diagnostic.Location.LineSpan.Start);
    }

    [Fact]
    public void A_file_with_errors_still_implements_its_operations()
    {
        var contract = Contracts.Read(Contracts.Get($$"""{"200": {{Ok}}}"""));
        var broken = Contracts.Flow(
            Contracts.In("[\"out\"]"),
            Contracts.Out(),
            """{"id": "odd", "type": "no such node", "z": "t", "x": 1, "y": 1, "wires": []}""");

        var bindings = Bindings(contract, ("/p/t.flow.json", broken));

        Assert.Equal("getT", Assert.Single(bindings).Operation.OperationId);
        Assert.Empty(ContractBindings.ProjectRules(contract.Document!, bindings));
    }
}
