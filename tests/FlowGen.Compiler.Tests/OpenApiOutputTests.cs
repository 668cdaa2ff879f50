using System.Collections.Immutable;
using System.Linq;
using System.Text.Json;
using FlowGen.Compiler.OpenApi;
using FlowGen.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace FlowGen.Compiler.Tests;

/// <summary>
/// What FlowGen emits for OpenAPI: the response table of each bound endpoint (the run-time guard's), and the document
/// MapFlowsOpenApi serves: the project's own, else one generated from the flows.
/// </summary>
public sealed class OpenApiOutputTests
{
    private const string Bookstore = """
        [
          {"id": "tab", "type": "tab", "label": "Books"},
          {"id": "get-in", "type": "http in", "z": "tab", "name": "getBook", "url": "/books/:id", "method": "get", "x": 1, "y": 1, "wires": [["found"]]},
          {"id": "found", "type": "switch", "z": "tab", "property": "req.params.id", "propertyType": "msg", "rules": [{"t": "eq", "v": "b1", "vt": "str"}, {"t": "else"}], "outputs": 2, "x": 1, "y": 1, "wires": [["book"], ["missing"]]},
          {"id": "book", "type": "change", "z": "tab", "rules": [{"t": "set", "p": "payload", "pt": "msg", "to": "{\"id\":\"b1\"}", "tot": "json"}], "x": 1, "y": 1, "wires": [["ok"]]},
          {"id": "ok", "type": "http response", "z": "tab", "statusCode": "", "headers": {"X-Version": "1"}, "x": 1, "y": 1, "wires": []},
          {"id": "missing", "type": "change", "z": "tab", "rules": [{"t": "set", "p": "statusCode", "pt": "msg", "to": "404", "tot": "num"}, {"t": "set", "p": "payload", "pt": "msg", "to": "no such book", "tot": "str"}], "x": 1, "y": 1, "wires": [["gone"]]},
          {"id": "gone", "type": "http response", "z": "tab", "statusCode": "", "headers": {}, "x": 1, "y": 1, "wires": []},
          {"id": "list-in", "type": "http in", "z": "tab", "name": "list books", "url": "/books", "method": "get", "x": 1, "y": 1, "wires": [["list"]]},
          {"id": "list", "type": "change", "z": "tab", "rules": [{"t": "set", "p": "statusCode", "pt": "msg", "to": "req.query.status", "tot": "msg"}], "x": 1, "y": 1, "wires": [["list-out"]]},
          {"id": "list-out", "type": "http response", "z": "tab", "statusCode": "", "headers": {"content-type": "text/csv"}, "x": 1, "y": 1, "wires": []},
          {"id": "add-in", "type": "http in", "z": "tab", "name": "add", "operationId": "addBook", "url": "/books", "method": "post", "x": 1, "y": 1, "wires": [["added"]]},
          {"id": "added", "type": "http response", "z": "tab", "statusCode": "201", "headers": {}, "x": 1, "y": 1, "wires": []},
          {"id": "del-in", "type": "http in", "z": "tab", "name": "remove book", "url": "/books/:name", "method": "delete", "x": 1, "y": 1, "wires": [["deleted"]]},
          {"id": "deleted", "type": "http response", "z": "tab", "statusCode": "204", "headers": {}, "x": 1, "y": 1, "wires": []},
          {"id": "files-in", "type": "http in", "z": "tab", "name": "files", "url": "/files/*", "method": "get", "x": 1, "y": 1, "wires": [["file"]]},
          {"id": "file", "type": "http response", "z": "tab", "statusCode": "", "headers": {}, "x": 1, "y": 1, "wires": []},
          {"id": "opt-in", "type": "http in", "z": "tab", "name": "shelf", "url": "/shelves/:shelf?", "method": "get", "x": 1, "y": 1, "wires": [["shelf"]]},
          {"id": "shelf", "type": "http response", "z": "tab", "statusCode": "", "headers": {}, "x": 1, "y": 1, "wires": []}
        ]
        """;

    private const string Contract = """
        {
          "openapi": "3.0.3",
          "info": {"title": "Bookstore", "version": "2"},
          "paths": {
            "/books/{bookId}": {
              "get": {
                "operationId": "getBook",
                "parameters": [{"name": "bookId", "in": "path", "required": true, "schema": {"type": "string"}}],
                "responses": {
                  "200": {"description": "the book", "headers": {"X-Version": {"required": true, "schema": {"type": "string"}}}, "content": {"application/json": {}}},
                  "4XX": {"description": "a problem", "content": {"text/plain": {}, "text/html": {}}}
                }
              }
            }
          }
        }
        """;

    private static GeneratorHarness.Result Run(string flow, string? document = null)
    {
        var files = new[] { new InMemoryFlowFile("/project/books.flow.json", flow) }.ToList();
        if (document is not null) files.Add(new InMemoryFlowFile("/project/books.openapi.json", document));
        return GeneratorHarness.Run(GeneratorHarness.CreateCompilation(), files.ToArray());
    }

    /// <summary>The value of FlowOpenApiDocument.Json in the generated source.</summary>
    private static string DocumentJson(GeneratorHarness.Result result)
    {
        var tree = CSharpSyntaxTree.ParseText(result.Source(OpenApiDocumentWriter.HintName));
        var field = tree.GetRoot().DescendantNodes().OfType<VariableDeclaratorSyntax>().Single(v => v.Identifier.Text == "Json");
        return ((LiteralExpressionSyntax)field.Initializer!.Value).Token.ValueText;
    }

    private static JsonElement Document(GeneratorHarness.Result result) => JsonDocument.Parse(DocumentJson(result)).RootElement.Clone();

    [Fact]
    public void A_bound_endpoint_carries_its_operations_response_table_and_its_responses_check_it()
    {
        var result = Run(Bookstore, Contract);

        Assert.True(result.CompileDiagnostics.IsEmpty, result.Describe());
        Assert.DoesNotContain(result.GeneratorDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        var registration = result.Source("FlowGen.MapFlows.g.cs");
        Assert.Contains("internal static class FlowContracts", registration);
        Assert.Contains("internal static readonly global::FlowGen.Runtime.ResponseContract GetBook = new(\"getBook (GET /books/{bookId})\", new global::FlowGen.Runtime.DeclaredResponse[]", registration);
        Assert.Contains("new(\"200\", new (string Name, bool Required)[] { (\"X-Version\", true) }, new string[] { \"application/json\" }),", registration);
        Assert.Contains("new(\"4XX\", global::System.Array.Empty<(string Name, bool Required)>(), new string[] { \"text/plain\", \"text/html\" }),", registration);
        Assert.Contains("RoutingEndpointConventionBuilderExtensions.WithMetadata(global::FlowGen.Runtime.FlowEndpointMapper.Map(group, \"/books/{id}\"", registration);
        // Only the bound endpoint gets a table: /books is not in the document.
        Assert.Single(registration.Split('\n'), l => l.Contains("WithMetadata("));
        Assert.Contains("checksContract: true", result.Source("books.flow.g.cs"));
    }

    [Fact]
    public void With_a_project_document_the_served_document_is_that_document()
    {
        var result = Run(Bookstore, Contract);

        var json = DocumentJson(result);
        var doc = JsonDocument.Parse(json).RootElement;
        Assert.Equal("3.0.3", doc.GetProperty("openapi").GetString());
        Assert.Equal("Bookstore", doc.GetProperty("info").GetProperty("title").GetString());
        Assert.Equal(new[] { "/books/{bookId}" }, doc.GetProperty("paths").EnumerateObject().Select(p => p.Name));
        Assert.DoesNotContain("\n", json);
        Assert.Contains("generated: false", result.Source(OpenApiDocumentWriter.HintName));
        Assert.Contains("books.openapi.json", result.Source(OpenApiDocumentWriter.HintName));
    }

    [Fact]
    public void Without_a_project_document_nothing_is_checked_at_run_time()
    {
        var result = Run(Bookstore);

        Assert.True(result.CompileDiagnostics.IsEmpty, result.Describe());
        Assert.DoesNotContain("checksContract", result.Source("books.flow.g.cs"));
        Assert.DoesNotContain("FlowContracts", result.Source("FlowGen.MapFlows.g.cs"));
        Assert.Contains("generated: true", result.Source(OpenApiDocumentWriter.HintName));
    }

    [Fact]
    public void The_generated_document_is_OpenAPI_3_1_with_a_path_per_route_and_its_path_parameters()
    {
        var doc = Document(Run(Bookstore));

        Assert.Equal("3.1.0", doc.GetProperty("openapi").GetString());
        Assert.Equal(OpenApiDocumentWriter.GeneratedTitle, doc.GetProperty("info").GetProperty("title").GetString());
        var paths = doc.GetProperty("paths");
        Assert.Equal(new[] { "/books/{id}", "/books", "/files/{0}", "/shelves", "/shelves/{shelf}" }, paths.EnumerateObject().Select(p => p.Name));
        // GET /books/:id and DELETE /books/:name are one path item; the delete's parameter takes the path's name.
        Assert.Equal(new[] { "get", "delete" }, paths.GetProperty("/books/{id}").EnumerateObject().Select(p => p.Name));
        foreach (var method in new[] { "get", "delete" })
        {
            var parameter = Assert.Single(paths.GetProperty("/books/{id}").GetProperty(method).GetProperty("parameters").EnumerateArray());
            Assert.Equal("id", parameter.GetProperty("name").GetString());
            Assert.Equal("path", parameter.GetProperty("in").GetString());
            Assert.True(parameter.GetProperty("required").GetBoolean());
            Assert.Equal("string", parameter.GetProperty("schema").GetProperty("type").GetString());
        }
        Assert.Equal("0", paths.GetProperty("/files/{0}").GetProperty("get").GetProperty("parameters")[0].GetProperty("name").GetString());
        Assert.False(paths.GetProperty("/shelves").GetProperty("get").TryGetProperty("parameters", out _));
        Assert.False(paths.GetProperty("/books").GetProperty("get").TryGetProperty("parameters", out _));
    }

    [Theory]
    [InlineData("/a/{id}", new[] { "/a/{id}" })]
    [InlineData("/a/{{b}}/{id}", new[] { "/a/%7Bb%7D/{id}" })]
    [InlineData("/a/{*__wildcard0}", new[] { "/a/{0}" })]
    [InlineData("/a/{id?}", new[] { "/a", "/a/{id}" })]
    [InlineData("/{id?}", new[] { "/", "/{id}" })]
    public void Route_templates_become_OpenAPI_paths(string template, string[] paths) =>
        Assert.Equal(paths, OpenApiDocumentWriter.Paths(template));

    [Fact]
    public void The_operationId_is_the_nodes_explicit_one_or_its_name_when_that_is_an_identifier()
    {
        var paths = Document(Run(Bookstore)).GetProperty("paths");

        Assert.Equal("getBook", paths.GetProperty("/books/{id}").GetProperty("get").GetProperty("operationId").GetString());
        Assert.Equal("addBook", paths.GetProperty("/books").GetProperty("post").GetProperty("operationId").GetString());
        Assert.False(paths.GetProperty("/books").GetProperty("get").TryGetProperty("operationId", out _));
        Assert.Equal("list books", paths.GetProperty("/books").GetProperty("get").GetProperty("summary").GetString());
        Assert.False(paths.GetProperty("/books/{id}").GetProperty("delete").TryGetProperty("operationId", out _));
        // The optional parameter's second path does not repeat the operationId.
        Assert.Equal("shelf", paths.GetProperty("/shelves").GetProperty("get").GetProperty("operationId").GetString());
        Assert.False(paths.GetProperty("/shelves/{shelf}").GetProperty("get").TryGetProperty("operationId", out _));
    }

    [Fact]
    public void Responses_are_the_statuses_and_content_types_the_flow_can_produce()
    {
        var paths = Document(Run(Bookstore)).GetProperty("paths");

        var get = paths.GetProperty("/books/{id}").GetProperty("get").GetProperty("responses");
        Assert.Equal(new[] { "200", "404" }, get.EnumerateObject().Select(p => p.Name));
        Assert.Equal("OK", get.GetProperty("200").GetProperty("description").GetString());
        Assert.Equal(new[] { "application/json" }, get.GetProperty("200").GetProperty("content").EnumerateObject().Select(p => p.Name));
        Assert.Equal(new[] { "text/html" }, get.GetProperty("404").GetProperty("content").EnumerateObject().Select(p => p.Name));

        // The status comes from the request: only run time knows it; the node's content type still holds.
        var list = paths.GetProperty("/books").GetProperty("get").GetProperty("responses");
        Assert.Equal(new[] { "default" }, list.EnumerateObject().Select(p => p.Name));
        Assert.Equal(new[] { "text/csv" }, list.GetProperty("default").GetProperty("content").EnumerateObject().Select(p => p.Name));

        // The payload is the parsed request body: a body of some type.
        var add = paths.GetProperty("/books").GetProperty("post").GetProperty("responses");
        Assert.Equal(new[] { "*/*" }, add.GetProperty("201").GetProperty("content").EnumerateObject().Select(p => p.Name));

        var delete = paths.GetProperty("/books/{id}").GetProperty("delete").GetProperty("responses");
        Assert.Equal(new[] { "204" }, delete.EnumerateObject().Select(p => p.Name));
        Assert.False(delete.GetProperty("204").TryGetProperty("content", out _));
    }

    [Fact]
    public void Endpoints_that_share_a_response_node_each_describe_only_what_their_own_requests_send()
    {
        const string flow = """
            [
              {"id": "tab", "type": "tab", "label": "T"},
              {"id": "a", "type": "http in", "z": "tab", "url": "/a", "method": "get", "x": 1, "y": 1, "wires": [["a-set"]]},
              {"id": "a-set", "type": "change", "z": "tab", "rules": [{"t": "set", "p": "statusCode", "pt": "msg", "to": "201", "tot": "num"}], "x": 1, "y": 1, "wires": [["out"]]},
              {"id": "b", "type": "http in", "z": "tab", "url": "/b", "method": "get", "x": 1, "y": 1, "wires": [["b-set"]]},
              {"id": "b-set", "type": "change", "z": "tab", "rules": [{"t": "set", "p": "statusCode", "pt": "msg", "to": "202", "tot": "num"}, {"t": "set", "p": "payload", "pt": "msg", "to": "accepted", "tot": "str"}], "x": 1, "y": 1, "wires": [["out"]]},
              {"id": "out", "type": "http response", "z": "tab", "statusCode": "", "headers": {}, "x": 1, "y": 1, "wires": []}
            ]
            """;
        var paths = Document(Run(flow)).GetProperty("paths");

        Assert.Equal(new[] { "201" }, paths.GetProperty("/a").GetProperty("get").GetProperty("responses").EnumerateObject().Select(p => p.Name));
        var b = paths.GetProperty("/b").GetProperty("get").GetProperty("responses");
        Assert.Equal(new[] { "202" }, b.EnumerateObject().Select(p => p.Name));
        Assert.Equal(new[] { "text/html" }, b.GetProperty("202").GetProperty("content").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void A_path_that_leaves_the_file_may_be_answered_elsewhere_so_it_has_a_default_response()
    {
        const string flow = """
            [
              {"id": "tab", "type": "tab", "label": "T"},
              {"id": "in", "type": "http in", "z": "tab", "url": "/away", "method": "get", "x": 1, "y": 1, "wires": [["out", "lo"]]},
              {"id": "out", "type": "http response", "z": "tab", "statusCode": "202", "headers": {}, "x": 1, "y": 1, "wires": []},
              {"id": "lo", "type": "link out", "z": "tab", "mode": "link", "links": ["elsewhere"], "x": 1, "y": 1, "wires": []}
            ]
            """;
        var other = """
            [
              {"id": "tab2", "type": "tab", "label": "U"},
              {"id": "elsewhere", "type": "link in", "z": "tab2", "links": [], "x": 1, "y": 1, "wires": [["out2"]]},
              {"id": "out2", "type": "http response", "z": "tab2", "statusCode": "", "headers": {}, "x": 1, "y": 1, "wires": []}
            ]
            """;
        var result = GeneratorHarness.Run(GeneratorHarness.CreateCompilation(), new[]
        {
            new InMemoryFlowFile("/project/a.flow.json", flow),
            new InMemoryFlowFile("/project/b.flow.json", other),
        });

        var responses = Document(result).GetProperty("paths").GetProperty("/away").GetProperty("get").GetProperty("responses");
        Assert.Equal(new[] { "202", "default" }, responses.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void The_generated_code_maps_the_document_with_MapFlowsOpenApi()
    {
        var program = """
            using Microsoft.AspNetCore.Builder;

            var app = WebApplication.CreateBuilder(args).Build();
            app.MapFlows();
            app.MapFlowsOpenApi();
            app.MapFlowsOpenApi("/docs/openapi.json").RequireAuthorization();
            app.Run();
            """;
        var result = GeneratorHarness.Run(GeneratorHarness.CreateCompilation(program), new[] { new InMemoryFlowFile("/project/books.flow.json", Bookstore) });

        Assert.True(result.CompileDiagnostics.IsEmpty, result.Describe());
    }

    [Fact]
    public void Editing_a_flows_responses_rewrites_the_document_but_not_MapFlows()
    {
        var compilation = GeneratorHarness.CreateCompilation();
        var file = new InMemoryFlowFile("/project/books.flow.json", Bookstore);
        var driver = GeneratorHarness.CreateDriver(file).RunGenerators(compilation);

        var edited = new InMemoryFlowFile("/project/books.flow.json", Bookstore.Replace("\"statusCode\": \"201\"", "\"statusCode\": \"202\""));
        var after = driver.ReplaceAdditionalText(file, edited).RunGenerators(compilation).GetRunResult();
        var run = after.Results.Single();

        Assert.All(run.TrackedSteps[TrackingNames.Registration].SelectMany(s => s.Outputs),
            o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, o.Reason.ToString()));
        Assert.Contains(run.TrackedSteps[TrackingNames.OpenApi].SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
        var responses = Document(new GeneratorHarness.Result(after, ImmutableArray<Diagnostic>.Empty, ImmutableArray<Diagnostic>.Empty))
            .GetProperty("paths").GetProperty("/books").GetProperty("post").GetProperty("responses");
        Assert.Equal(new[] { "202" }, responses.EnumerateObject().Select(p => p.Name));
    }
}
