using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using FlowGen.Compiler.Diagnostics;
using FlowGen.Compiler.Emit;
using FlowGen.Compiler.Helpers;
using FlowGen.Compiler.OpenApi;
using Microsoft.CodeAnalysis;

namespace FlowGen.Compiler.Tests;

/// <summary>
/// The request side of the OpenAPI contract as the generator writes it: per schema a method of plain checks (compiled,
/// not a schema walked at run time), per bound endpoint a contract the entry method hands to the runtime, and a
/// diagnostic in the document for what cannot be compiled.
/// </summary>
public sealed class RequestValidationTests
{
    private const string Pets = """
        {
          "openapi": "3.1.0",
          "info": {"title": "Pets", "version": "1"},
          "paths": {
            "/pets/{petId}": {
              "put": {
                "operationId": "putPet",
                "parameters": [
                  {"name": "petId", "in": "path", "required": true, "schema": {"type": "integer", "minimum": 1}},
                  {"name": "X-Rate", "in": "header", "schema": {"type": "array", "items": {"type": "number"}}},
                  {"name": "dryRun", "in": "query", "schema": {"type": "boolean"}}
                ],
                "requestBody": {"required": true, "content": {
                  "application/json; charset=utf-8": {"schema": {"$ref": "#/components/schemas/Pet"}},
                  "application/x-www-form-urlencoded": {"schema": {"$ref": "#/components/schemas/Pet"}}
                }},
                "responses": {"200": {"description": "stored"}}
              }
            },
            "/pets": {
              "post": {
                "operationId": "addPet",
                "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Pet"}}}},
                "responses": {"200": {"description": "stored"}}
              },
              "get": {
                "operationId": "listPets",
                "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object"}}}},
                "responses": {"200": {"description": "the pets"}}
              }
            }
          },
          "components": {
            "schemas": {
              "Pet": {
                "type": "object",
                "required": ["name"],
                "additionalProperties": false,
                "properties": {
                  "name": {"type": "string", "maxLength": 40, "pattern": "^[A-Z]\\w*$"},
                  "age": {"type": "integer", "minimum": 1},
                  "notes": {},
                  "kind": {"enum": ["cat", 7, null, {"a": 1}]},
                  "children": {"type": "array", "items": {"$ref": "#/components/schemas/Pet"}}
                }
              }
            }
          }
        }
        """;

    private const string PetFlows = """
        [
          {"id": "tab", "type": "tab", "label": "Pets"},
          {"id": "put", "type": "http in", "z": "tab", "url": "/pets/:id", "method": "put", "x": 100, "y": 100, "wires": [["out"]]},
          {"id": "add", "type": "http in", "z": "tab", "url": "/pets", "method": "post", "x": 100, "y": 100, "wires": [["out"]]},
          {"id": "list", "type": "http in", "z": "tab", "url": "/pets", "method": "get", "x": 100, "y": 100, "wires": [["out"]]},
          {"id": "other", "type": "http in", "z": "tab", "url": "/other", "method": "get", "x": 100, "y": 100, "wires": [["out"]]},
          {"id": "out", "type": "http response", "z": "tab", "statusCode": "", "headers": {}, "x": 300, "y": 100, "wires": []}
        ]
        """;

    /// <summary>A flow whose one http in (on /a) answers at once.</summary>
    private static string OneEndpoint(string method) =>
        $$"""[{"id": "tab", "type": "tab"}, {"id": "in", "type": "http in", "z": "tab", "url": "/a", "method": "{{method}}", "x": 100, "y": 100, "wires": [["out"]]}, {"id": "out", "type": "http response", "z": "tab", "x": 300, "y": 100, "wires": []}]""";

    private static GeneratorHarness.Result Run(string document, string flow) =>
        GeneratorHarness.Run(GeneratorHarness.CreateCompilation(), new[]
        {
            new InMemoryFlowFile($"{GeneratorHarness.ProjectDirectory}/api.openapi.json", document),
            new InMemoryFlowFile($"{GeneratorHarness.ProjectDirectory}/api.flow.json", flow),
        });

    private static string Generated(string document = Pets, string flow = PetFlows)
    {
        var result = Run(document, flow);
        Assert.True(result.GeneratorDiagnostics.IsEmpty && result.CompileDiagnostics.IsEmpty, result.Describe());
        return result.Source("api.flow.g.cs");
    }

    /// <summary>The generated class that holds the contracts (the end of the flow class).</summary>
    private static string Contracts(string source) => source.Substring(source.IndexOf("private static class RequestContracts", System.StringComparison.Ordinal));

    [Fact]
    public void Bound_endpoints_hand_their_contract_to_the_runtime_and_compile_without_diagnostics()
    {
        var source = Generated();

        Assert.Contains("ReceiveAsync(http, host, HttpIn_put_Options, HttpIn_put_Info, RequestContracts.HttpIn_put);", source);
        Assert.Contains("internal static readonly global::FlowGen.Runtime.RequestContract HttpIn_put = new(\"putPet (PUT /pets/{petId})\", new string[] { \"application/json\", \"application/x-www-form-urlencoded\" }, Check_HttpIn_put);", source);
        // An http in that implements no operation is received as before.
        Assert.Contains("ReceiveAsync(http, host, HttpIn_other_Options, HttpIn_other_Info);", source);
    }

    [Fact]
    public void Each_schema_is_a_method_of_compiled_checks_not_a_schema_walked_at_run_time()
    {
        var contracts = Contracts(Generated());

        Assert.Contains("internal static bool Schema0_Pet(object? value, global::FlowGen.Runtime.RequestErrors errors)", contracts);
        Assert.Contains("if (length > 40 && errors.Fail(\"must be at most 40 characters long\")) return false;", contracts);
        Assert.Contains("if (number < 1d && errors.Fail(\"must be >= 1\")) return false;", contracts);
        Assert.Contains("if (!(value is \"cat\" || value is 7d || value is null || global::FlowGen.Runtime.RequestValues.JsonEquals(value, Value1)) && errors.Fail(\"must be one of \\\"cat\\\", 7, null, {\\\"a\\\":1}\")) return false;", contracts);
        Assert.Contains("if (entry.Key is \"name\" or \"age\" or \"notes\" or \"kind\" or \"children\") continue;", contracts);
        Assert.Matches(@"private static readonly global::System\.Text\.RegularExpressions\.Regex Pattern0 = new global::System\.Text\.RegularExpressions\.Regex\(""\^\[\\\\u0041-\\\\u005a\]\[a-zA-Z0-9_\]\*\\\\z""", contracts);
        // No schema keyword reaches the run time, and the only run-time types used are the helpers, no schema model.
        Assert.DoesNotContain("maxLength", contracts);
        Assert.DoesNotContain("additionalProperties", contracts);
        var runtimeTypes = Regex.Matches(contracts, @"global::FlowGen\.Runtime\.(\w+)").Select(m => m.Groups[1].Value).ToHashSet();
        Assert.Subset(new HashSet<string> { "RequestContract", "RequestInput", "RequestErrors", "RequestPlace", "RequestValues", "RequestTypes", "RequestFormats", "JsObject", "JsArray", "JsUndefined", "JsJson" }, runtimeTypes);
    }

    [Fact]
    public void A_recursive_schema_is_a_method_that_calls_itself_and_each_schema_is_written_once()
    {
        var contracts = Contracts(Generated());

        var method = contracts.Substring(contracts.IndexOf("internal static bool Schema0_Pet(", System.StringComparison.Ordinal));
        method = method.Substring(0, method.IndexOf("\n            }\n", System.StringComparison.Ordinal));
        // children -> items -> Pet: the items schema's method calls Schema0_Pet again.
        Assert.Single(Regex.Matches(contracts, @"bool Schema0_Pet\("));
        Assert.Matches(@"var ok\d+ = Schema0_Pet\(array\[i\], errors\);", contracts);
        Assert.Contains("errors.Push(\"children\");", method);
        // Both endpoints (PUT and POST) use the one method.
        Assert.Equal(3, Regex.Matches(contracts, @"Schema0_Pet\(body, errors\)").Count);
    }

    [Fact]
    public void Schemas_that_accept_everything_are_not_checked()
    {
        var contracts = Contracts(Generated());

        // "notes": {} has no method and no call; its name only appears among the declared properties.
        Assert.DoesNotContain("errors.Push(\"notes\")", contracts);
    }

    [Fact]
    public void Parameters_are_read_as_their_types_and_put_where_the_flow_reads_them()
    {
        var contracts = Contracts(Generated());

        // The document's {petId} is the flow's :id: read and written under the flow's name, reported under the document's.
        Assert.Contains("errors.Begin(global::FlowGen.Runtime.RequestPlace.Path, \"petId\");", contracts);
        Assert.Contains("var raw0 = request.Path(\"id\");", contracts);
        Assert.Contains("var typed0 = global::FlowGen.Runtime.RequestValues.Scalar(raw0, global::FlowGen.Runtime.RequestTypes.Integer);", contracts);
        Assert.Contains("request.SetPath(\"id\", typed0);", contracts);
        Assert.Contains("var typed1 = global::FlowGen.Runtime.RequestValues.Scalar(raw1, global::FlowGen.Runtime.RequestTypes.Boolean);", contracts);
        // Headers: simple style (comma-separated, trimmed), under the lower-case name msg.req.headers has.
        Assert.Contains("var typed2 = global::FlowGen.Runtime.RequestValues.Items(raw2, ',', true, global::FlowGen.Runtime.RequestTypes.Number);", contracts);
        Assert.Contains("request.SetHeader(\"x-rate\", typed2);", contracts);
    }

    [Fact]
    public void Form_bodies_are_read_as_their_schema_s_types_before_they_are_checked()
    {
        var contracts = Contracts(Generated());

        Assert.Contains("if (request.IsForm) request.Body = Form0_Pet(request.Body);", contracts);
        Assert.Contains("if (obj.TryGetValue(\"age\", out var field0)) obj[\"age\"] = Form2(field0);", contracts);
        Assert.Contains("return global::FlowGen.Runtime.RequestValues.Scalar(value, global::FlowGen.Runtime.RequestTypes.Integer);", contracts);
    }

    [Fact]
    public void A_get_endpoint_has_no_body_to_check()
    {
        var contracts = Contracts(Generated());

        var list = contracts.Substring(contracts.IndexOf("private static bool Check_HttpIn_list(", System.StringComparison.Ordinal));
        list = list.Substring(0, list.IndexOf("return errors.Failures == 0;", System.StringComparison.Ordinal));
        Assert.DoesNotContain("Body", list);
        Assert.Contains("HttpIn_list = new(\"listPets (GET /pets)\", global::System.Array.Empty<string>(), Check_HttpIn_list);", contracts);
    }

    [Fact]
    public void A_pattern_FlowGen_cannot_compile_is_FLOW330_at_its_schema_and_leaves_the_endpoint_out()
    {
        const string document = """
            {
              "openapi": "3.1.0",
              "info": {"title": "t", "version": "1"},
              "paths": {"/a": {"get": {"operationId": "a", "responses": {"200": {"description": "ok"}},
                "parameters": [{"name": "q", "in": "query", "schema": {"type": "string", "pattern": "a(b"}}]}}}
            }
            """;
        var flow = OneEndpoint("get");

        var result = Run(document, flow);

        var diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("FLOW330", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.EndsWith("api.openapi.json", diagnostic.Location.GetLineSpan().Path);
        Assert.Equal(4, diagnostic.Location.GetLineSpan().StartLinePosition.Line);
        Assert.Equal("A schema of a (GET /a) has the pattern /a(b/, which FlowGen cannot compile into the request check: Unterminated group at position 3; write the pattern in JavaScript regular expression syntax as used without flags", diagnostic.GetMessage());
        Assert.DoesNotContain("api.flow.g.cs", result.HintNames);
    }

    [Fact]
    public void A_schema_that_contains_itself_in_place_is_FLOW331()
    {
        const string document = """
            {
              "openapi": "3.1.0",
              "info": {"title": "t", "version": "1"},
              "paths": {"/a": {"post": {"operationId": "a", "responses": {"200": {"description": "ok"}},
                "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Loop"}}}}}}},
              "components": {"schemas": {
                "Loop": {"anyOf": [{"type": "string"}, {"$ref": "#/components/schemas/Other"}]},
                "Other": {"not": {"$ref": "#/components/schemas/Loop"}}
              }}
            }
            """;
        var flow = OneEndpoint("post");

        var result = Run(document, flow);

        var diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("FLOW331", diagnostic.Id);
        // At Other, whose "not" closes the cycle Loop -> anyOf -> Other -> not -> Loop.
        Assert.Equal(7, diagnostic.Location.GetLineSpan().StartLinePosition.Line);
        Assert.Equal("A schema of a (POST /a) refers back to itself through not without descending into a property or an item, so checking a value against it would never end; break the cycle", diagnostic.GetMessage());
        Assert.DoesNotContain("api.flow.g.cs", result.HintNames);
    }

    [Fact]
    public void An_object_parameter_is_FLOW332_and_left_as_node_red_gives_it()
    {
        const string document = """
            {
              "openapi": "3.1.0",
              "info": {"title": "t", "version": "1"},
              "paths": {"/a": {"get": {"operationId": "a", "responses": {"200": {"description": "ok"}},
                "parameters": [
                  {"name": "filter", "in": "query", "required": true, "schema": {"type": "object", "properties": {"x": {"type": "integer"}}}}
                ]}}}
            }
            """;
        var flow = OneEndpoint("get");

        var result = Run(document, flow);

        var diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("FLOW332", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Equal(5, diagnostic.Location.GetLineSpan().StartLinePosition.Line);
        Assert.Equal("The query parameter 'filter' of a (GET /a) is an object, which FlowGen does not read or check: the flow sees it as Node-RED gives it; declare its fields as parameters of their own to have them checked", diagnostic.GetMessage());
        Assert.True(result.CompileDiagnostics.IsEmpty, result.Describe());
        var contracts = Contracts(result.Source("api.flow.g.cs"));
        // Still required, but neither read as a type nor checked against its schema.
        Assert.Contains("if (errors.Fail(\"is required\")) return false;", contracts);
        Assert.DoesNotContain("SetQuery", contracts);
    }

    // ------------------------------------------------------------------ hand-built documents

    private static readonly SourceLocation Nowhere = new("api.openapi.json", default, default);

    private static ApiSchema Any(string? name = null) =>
        new(name, EquatableArray<string>.Empty, null, EquatableArray<string>.Empty, null, EquatableArray<ApiProperty>.Empty, EquatableArray<string>.Empty,
            true, -1, -1, null, null, null, null, null, null, null, null, null, null, false, null, null,
            EquatableArray<int>.Empty, EquatableArray<int>.Empty, EquatableArray<int>.Empty, -1, Nowhere);

    private static ApiDocument Document(params ApiSchema[] schemas) =>
        new("api.openapi.json", "3.1.0", "t", "{}", EquatableArray<ApiOperation>.Empty, new EquatableArray<ApiSchema>(schemas), Nowhere);

    private static EquatableArray<T> List<T>(params T[] items) where T : System.IEquatable<T> => new(items);

    [Fact]
    public void A_recursive_schema_without_keywords_accepts_everything_and_one_with_a_keyword_below_does_not()
    {
        var anyTree = Document(
            Any("Tree") with { Properties = List(new ApiProperty("children", 1)) },
            Any() with { Items = 0 });
        var typedTree = Document(
            Any("Tree") with { Properties = List(new ApiProperty("children", 1)) },
            Any() with { Items = 0, MaxItems = 3 });

        Assert.True(new SchemaCodeEmitter(anyTree).IsTrivial(0));
        Assert.False(new SchemaCodeEmitter(typedTree).IsTrivial(0));
    }

    [Fact]
    public void Any_of_with_an_open_branch_accepts_everything_while_not_and_one_of_do_not()
    {
        var document = Document(
            Any() with { AnyOf = List(1, 2) },
            Any() with { Types = List("string") },
            Any(),
            Any() with { Not = 2 },
            Any() with { OneOf = List(2, 1) });
        var schemas = new SchemaCodeEmitter(document);

        Assert.True(schemas.IsTrivial(0));
        Assert.False(schemas.IsTrivial(3));
        Assert.False(schemas.IsTrivial(4));
    }

    [Fact]
    public void Written_checks_for_a_hand_built_schema_use_the_declared_keywords()
    {
        var document = Document(Any("Count") with { Types = List("integer", "null"), ExclusiveMaximum = 10, MultipleOf = 2, Format = "int32" });
        var schemas = new SchemaCodeEmitter(document);
        var w = new CodeWriter();

        Assert.Equal("Schema0_Count", schemas.Check(0));
        schemas.WriteTo(w);

        var code = w.ToString();
        Assert.Contains("errors.Fail(\"must be an integer or null\");", code);
        Assert.Contains("if (number >= 10d && errors.Fail(\"must be < 10\")) return false;", code);
        Assert.Contains("if (!global::FlowGen.Runtime.RequestValues.IsMultipleOf(number, 2d) && errors.Fail(\"must be a multiple of 2\")) return false;", code);
        Assert.Contains("if (!global::FlowGen.Runtime.RequestValues.IsInt32(number) && errors.Fail(\"must be a 32-bit integer (int32)\")) return false;", code);
        Assert.Contains("case null:", code);
        Assert.DoesNotContain("case string", code);
    }

    [Theory]
    [InlineData("/pets/{petId}", "/pets/{id}", "petId", "id")]
    [InlineData("/pets/{id}", "/pets/{id}", "id", "id")]
    [InlineData("/r/{from}-{to}", "/r/{a}-{b}", "to", "b")]
    [InlineData("/files/{path}", "/files/{*__wildcard0}", "path", "0")]
    public void Path_parameters_are_found_by_name_then_by_place(string documentPath, string template, string name, string flowName)
    {
        var route = new Nodes.HttpRoute("get", "/", template,
            Regex.Matches(template, @"\{\*?(\w+)\??\}").Select(m => (m.Groups[1].Value, m.Groups[1].Value == "__wildcard0" ? "0" : m.Groups[1].Value)).ToList());

        var names = RequestValidationEmitter.RouteNames(documentPath, route);

        Assert.Equal(flowName, names[name]);
    }
}
