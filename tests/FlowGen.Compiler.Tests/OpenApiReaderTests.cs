using System.Collections.Generic;
using System.Linq;
using FlowGen.Compiler.Diagnostics;
using FlowGen.Compiler.OpenApi;
using Microsoft.CodeAnalysis.Text;

namespace FlowGen.Compiler.Tests;

/// <summary>The OpenAPI reader: what it takes from a document, and a diagnostic at the right place for what it cannot.</summary>
public sealed class OpenApiReaderTests
{
    private const string Store = """
        {
          "openapi": "3.0.3",
          "info": {"title": "Store", "version": "1"},
          "paths": {
            "/pets/{petId}": {
              "parameters": [
                {"name": "petId", "in": "path", "required": true, "schema": {"type": "integer", "format": "int64", "minimum": 1}},
                {"name": "verbose", "in": "query", "schema": {"type": "boolean"}}
              ],
              "get": {
                "operationId": "getPet",
                "tags": ["pets"],
                "parameters": [
                  {"name": "verbose", "in": "query", "required": true, "schema": {"type": "string", "enum": ["yes", "no"]}},
                  {"$ref": "#/components/parameters/Trace"}
                ],
                "responses": {
                  "200": {
                    "description": "the pet",
                    "headers": {"ETag": {"required": true, "schema": {"type": "string"}}},
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Pet"}}}
                  },
                  "4xx": {"$ref": "#/components/responses/Problem"},
                  "default": {"description": "anything else"}
                }
              },
              "put": {
                "requestBody": {
                  "required": true,
                  "content": {
                    "application/json": {"schema": {"$ref": "#/components/schemas/Pet"}},
                    "application/x-www-form-urlencoded": {}
                  }
                },
                "responses": {"204": {"description": "stored"}}
              }
            }
          },
          "components": {
            "parameters": {
              "Trace": {"name": "x-trace", "in": "header", "schema": {"type": "string", "pattern": "^[a-f0-9]+$"}}
            },
            "responses": {
              "Problem": {"description": "a problem", "content": {"application/problem+json": {"schema": {"type": "object"}}}}
            },
            "schemas": {
              "Pet": {
                "type": "object",
                "required": ["name"],
                "additionalProperties": false,
                "properties": {
                  "name": {"type": "string", "minLength": 1, "maxLength": 40},
                  "age": {"type": "integer", "minimum": 0, "exclusiveMaximum": true, "maximum": 50, "nullable": true},
                  "kind": {"type": "string", "enum": ["cat", "dog"]},
                  "children": {"type": "array", "items": {"$ref": "#/components/schemas/Pet"}, "maxItems": 10, "uniqueItems": true}
                }
              }
            }
          }
        }
        """;

    private static (ApiDocument? Document, List<DiagnosticInfo> Diagnostics) Read(string text, string path = "api.openapi.json")
    {
        var diagnostics = new List<DiagnosticInfo>();
        return (OpenApiReader.Read(path, SourceText.From(text), diagnostics), diagnostics);
    }

    private static ApiDocument ReadClean(string text)
    {
        var (document, diagnostics) = Read(text);
        Assert.Empty(diagnostics.Select(d => d.Message));
        return Assert.IsType<ApiDocument>(document);
    }

    /// <summary>Asserts the diagnostic starts where <paramref name="marker"/> first occurs (after <paramref name="after"/>).</summary>
    private static void At(DiagnosticInfo diagnostic, string text, string marker, string? after = null)
    {
        var offset = text.IndexOf(marker, after is null ? 0 : text.IndexOf(after, System.StringComparison.Ordinal), System.StringComparison.Ordinal);
        Assert.True(offset >= 0, marker);
        Assert.Equal(offset, diagnostic.Location!.Span.Start);
    }

    [Fact]
    public void Operations_parameters_bodies_and_responses_are_read()
    {
        var document = ReadClean(Store);
        Assert.Equal("3.0.3", document.Version);
        Assert.Equal("Store", document.Title);
        Assert.False(document.IsOpenApi31);

        var get = Assert.Single(document.Operations, o => o.Method == "get");
        Assert.Equal("/pets/{petId}", get.Path);
        Assert.Equal("getPet", get.OperationId);
        Assert.Equal(new[] { "pets" }, get.Tags);
        // The operation's 'verbose' overrides the path item's; the path item's petId is inherited; $ref parameters resolve.
        Assert.Equal(new[] { "verbose", "x-trace", "petId" }, get.Parameters.Select(p => p.Name));
        var verbose = get.Parameters[0];
        Assert.True(verbose.Required);
        Assert.Equal(new[] { "\"yes\"", "\"no\"" }, document.Schemas[verbose.Schema].Enum);
        Assert.Equal(ApiParameterLocation.Header, get.Parameters[1].In);
        Assert.Equal("^[a-f0-9]+$", document.Schemas[get.Parameters[1].Schema].Pattern);
        var petId = get.Parameters[2];
        Assert.Equal((ApiParameterLocation.Path, true), (petId.In, petId.Required));
        Assert.Equal(("int64", 1d), (document.Schemas[petId.Schema].Format, document.Schemas[petId.Schema].Minimum));

        Assert.Equal(new[] { "200", "4XX", "default" }, get.Responses.Select(r => r.Key));
        var ok = get.Responses[0];
        var etag = Assert.Single(ok.Headers);
        Assert.Equal(("ETag", true), (etag.Name, etag.Required));
        Assert.Equal("Pet", document.Schemas[Assert.Single(ok.Content).Schema].Name);
        Assert.Equal("application/problem+json", Assert.Single(get.Responses[1].Content).Name);
        Assert.Empty(get.Responses[2].Content);

        var put = Assert.Single(document.Operations, o => o.Method == "put");
        Assert.Null(put.OperationId);
        Assert.Equal("PUT /pets/{petId}", put.DisplayName);
        var body = Assert.IsType<ApiRequestBody>(put.RequestBody);
        Assert.True(body.Required);
        Assert.Equal(new[] { "application/json", "application/x-www-form-urlencoded" }, body.Content.Select(c => c.Name));
        Assert.Equal(-1, body.Content[1].Schema);
        Assert.Empty(Assert.Single(put.Responses).Content);
    }

    [Fact]
    public void Schemas_are_one_table_and_a_recursive_schema_refers_to_itself()
    {
        var document = ReadClean(Store);
        // Components come first.
        var pet = document.Schemas[0];
        Assert.Equal("Pet", pet.Name);
        Assert.Equal(new[] { "object" }, pet.Types);
        Assert.Equal(new[] { "name" }, pet.Required);
        Assert.False(pet.AdditionalProperties);
        Assert.Equal(new[] { "name", "age", "kind", "children" }, pet.Properties.Select(p => p.Name));

        var name = document.Schemas[pet.Properties[0].Schema];
        Assert.Equal((1, 40), (name.MinLength!.Value, name.MaxLength!.Value));

        // 3.0: nullable adds "null"; a boolean exclusiveMaximum turns maximum into the exclusive bound.
        var age = document.Schemas[pet.Properties[1].Schema];
        Assert.Equal(new[] { "integer", "null" }, age.Types);
        Assert.Equal((0d, null, 50d), (age.Minimum, age.Maximum, age.ExclusiveMaximum));

        var children = document.Schemas[pet.Properties[3].Schema];
        Assert.Equal(0, children.Items);
        Assert.Equal((10, true), (children.MaxItems!.Value, children.UniqueItems));

        // The model is a value: reading twice gives equal documents.
        Assert.Equal(document, ReadClean(Store));
    }

    [Fact]
    public void OpenApi_31_types_consts_numeric_exclusive_bounds_and_ref_siblings()
    {
        var document = ReadClean("""
            {"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {},
             "components": {"schemas": {
               "Id": {"type": ["string", "null"], "const": "x"},
               "Range": {"type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 10, "multipleOf": 0.5},
               "Named": {"$ref": "#/components/schemas/Range", "maximum": 5, "description": "a range up to 5"},
               "Nothing": false
             }}}
            """);
        Assert.True(document.IsOpenApi31);
        var id = document.Schemas[0];
        Assert.Equal(new[] { "string", "null" }, id.Types);
        Assert.Equal("\"x\"", id.Const);
        var range = document.Schemas[1];
        Assert.Equal((0d, 10d, 0.5), (range.ExclusiveMinimum!.Value, range.ExclusiveMaximum!.Value, range.MultipleOf!.Value));
        // 3.1 applies a $ref's siblings: the target is one more allOf part.
        var named = document.Schemas[2];
        Assert.Equal(5d, named.Maximum);
        Assert.Equal(new[] { 1 }, named.AllOf);
        var nothing = document.Schemas[3];
        Assert.True(nothing.Not >= 0);
    }

    [Fact]
    public void The_document_is_kept_as_compact_json()
    {
        var document = ReadClean("""
            {
              "openapi": "3.1.0",
              "info": {"title": "Tab\there \"quoted\"", "version": "1"},
              "paths": {}
            }
            """);
        Assert.Equal("{\"openapi\":\"3.1.0\",\"info\":{\"title\":\"Tab\\there \\\"quoted\\\"\",\"version\":\"1\"},\"paths\":{}}", document.Json);
    }

    [Theory]
    [InlineData("{\"openapi\": \"3.0.0\", \"paths\": {", "FLOW301", "")]
    [InlineData("{\"swagger\": \"2.0\", \"paths\": {}}", "FLOW303", "\"2.0\"")]
    [InlineData("{\"openapi\": \"2.5.0\", \"paths\": {}}", "FLOW303", "\"2.5.0\"")]
    [InlineData("[1, 2]", "FLOW303", "[1, 2]")]
    [InlineData("{\"openapi\": \"3.1.0\", \"paths\": {\"pets\": {}}}", "FLOW304", "\"pets\"")]
    [InlineData("{\"openapi\": \"3.1.0\", \"paths\": {\"/p\": {\"get\": {\"responses\": {\"600\": {}}}}}}", "FLOW304", "\"600\"")]
    [InlineData("{\"openapi\": \"3.1.0\", \"paths\": {\"/p/{id}\": {\"get\": {\"responses\": {}}}}}", "FLOW304", "\"get\"")]
    [InlineData("{\"openapi\": \"3.1.0\", \"paths\": {\"/p\": {\"get\": {\"parameters\": [{\"name\": \"q\", \"in\": \"body\"}]}}}}", "FLOW304", "\"body\"")]
    [InlineData("{\"openapi\": \"3.1.0\", \"paths\": {\"/p/{id}\": {\"get\": {\"parameters\": [{\"name\": \"id\", \"in\": \"path\"}]}}}}", "FLOW304", "{\"name\": \"id\"")]
    [InlineData("{\"openapi\": \"3.1.0\", \"paths\": {\"/p\": {\"get\": {\"responses\": {\"200\": {\"content\": {\"a/b\": {\"schema\": {\"$ref\": \"#/components/schemas/Gone\"}}}}}}}}}", "FLOW305", "\"#/components/schemas/Gone\"")]
    [InlineData("{\"openapi\": \"3.1.0\", \"paths\": {\"/p\": {\"get\": {\"requestBody\": {\"$ref\": \"other.yaml#/Body\"}}}}}", "FLOW305", "\"other.yaml#/Body\"")]
    [InlineData("{\"openapi\": \"3.1.0\", \"paths\": {}, \"components\": {\"schemas\": {\"A\": {\"type\": \"object\", \"patternProperties\": {}}}}}", "FLOW306", "\"patternProperties\"")]
    [InlineData("{\"openapi\": \"3.1.0\", \"paths\": {}, \"components\": {\"schemas\": {\"A\": {\"type\": \"text\"}}}}", "FLOW304", "\"text\"")]
    public void What_cannot_be_read_is_reported_at_its_place(string text, string id, string marker)
    {
        var (_, diagnostics) = Read(text);
        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal(id, diagnostic.Descriptor.Id);
        if (marker.Length > 0) At(diagnostic, text, marker);
    }

    [Fact]
    public void Duplicate_operation_ids_are_reported_at_the_second_operation()
    {
        const string text = """
            {"openapi": "3.0.1", "paths": {
              "/a": {"get": {"operationId": "same", "responses": {}}},
              "/b": {"post": {"operationId": "same", "responses": {}}}}}
            """;
        var (document, diagnostics) = Read(text);
        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("FLOW304", diagnostic.Descriptor.Id);
        Assert.Contains("'same'", diagnostic.Message, System.StringComparison.Ordinal);
        At(diagnostic, text, "\"post\"");
        // What can be read is kept.
        Assert.Equal(2, document!.Operations.Count);
    }

    [Fact]
    public void A_reference_cycle_is_reported_not_followed_forever()
    {
        const string text = """
            {"openapi": "3.1.0", "paths": {"/p": {"get": {"requestBody": {"$ref": "#/components/requestBodies/A"}}}},
             "components": {"requestBodies": {"A": {"$ref": "#/components/requestBodies/B"}, "B": {"$ref": "#/components/requestBodies/A"}}}}
            """;
        var (document, diagnostics) = Read(text);
        Assert.Equal("FLOW305", Assert.Single(diagnostics).Descriptor.Id);
        Assert.Null(Assert.Single(document!.Operations).RequestBody);
    }

    [Fact]
    public void References_follow_json_pointer_escapes()
    {
        var document = ReadClean("""
            {"openapi": "3.1.0", "paths": {
              "/a/b": {"get": {"responses": {"200": {"description": "x", "content": {"text/plain": {"schema": {"type": "string", "maxLength": 3}}}}}}},
              "/c": {"get": {"responses": {"200": {"$ref": "#/paths/~1a~1b/get/responses/200"}}}}}}
            """);
        var c = Assert.Single(document.Operations, o => o.Path == "/c");
        Assert.Equal(3, document.Schemas[Assert.Single(Assert.Single(c.Responses).Content).Schema].MaxLength);
    }

    [Fact]
    public void The_project_uses_one_document_and_reports_the_others()
    {
        var contract = OpenApiReader.ReadContract(new (string, SourceText?)[]
        {
            ("b.openapi.json", SourceText.From("{\"openapi\": \"3.1.0\", \"paths\": {}}")),
            ("a.openapi.json", SourceText.From("{\"openapi\": \"3.1.0\", \"info\": {\"title\": \"A\"}, \"paths\": {}}")),
        });
        Assert.Equal("A", contract.Document!.Title);
        var diagnostic = Assert.Single(contract.Diagnostics);
        Assert.Equal(("FLOW302", "b.openapi.json"), (diagnostic.Descriptor.Id, diagnostic.Location!.Path));
        Assert.Same(ApiContract.None, OpenApiReader.ReadContract(System.Array.Empty<(string, SourceText?)>()));
    }

    [Fact]
    public void Garbage_never_throws()
    {
        var random = new System.Random(7);
        for (var i = 0; i < 2000; i++)
        {
            var chars = Store.ToCharArray();
            for (var m = 0; m < 1 + random.Next(6); m++) chars[random.Next(chars.Length)] = "{}[]\",:$#/0 a"[random.Next(13)];
            OpenApiReader.ReadContract(new (string, SourceText?)[] { ("x.openapi.json", SourceText.From(new string(chars))) });
        }
    }

    [Fact]
    public void The_generator_reports_document_errors_at_their_place()
    {
        const string document = "{\"openapi\": \"3.1.0\",\n \"paths\": {\"pets\": {}}}";
        var result = GeneratorHarness.Run(("hello.flow.json", Flows.Hello()), ("api.openapi.json", document));
        var diagnostic = Assert.Single(result.GeneratorDiagnostics, d => d.Id == "FLOW304");
        Assert.EndsWith("api.openapi.json", diagnostic.Location.GetLineSpan().Path, System.StringComparison.Ordinal);
        Assert.Equal((1, 11), (diagnostic.Location.GetLineSpan().StartLinePosition.Line, diagnostic.Location.GetLineSpan().StartLinePosition.Character));
    }

    [Fact]
    public void A_yaml_document_reads_as_its_json_twin()
    {
        const string yaml = """
            openapi: 3.1.0
            info: {title: Pets, version: "1"}
            paths:
              /pets/{id}:
                get:
                  operationId: getPet
                  parameters:
                    - name: id
                      in: path
                      required: true
                      schema: {type: integer, minimum: 1}
                  responses:
                    "200":
                      description: |
                        The pet,
                        as stored.
                      content:
                        application/json:
                          schema: {$ref: '#/components/schemas/Pet'}
                    4XX: {description: a client error}
            components:
              schemas:
                Pet:
                  type: object
                  required: [name]
                  properties:
                    name: {type: string, maxLength: 40}
            """;
        const string json = """
            {"openapi": "3.1.0", "info": {"title": "Pets", "version": "1"},
             "paths": {"/pets/{id}": {"get": {"operationId": "getPet",
               "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "integer", "minimum": 1}}],
               "responses": {"200": {"description": "The pet,\nas stored.\n", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Pet"}}}},
                             "4XX": {"description": "a client error"}}}}},
             "components": {"schemas": {"Pet": {"type": "object", "required": ["name"], "properties": {"name": {"type": "string", "maxLength": 40}}}}}}
            """;
        var diagnostics = new List<DiagnosticInfo>();
        var fromYaml = OpenApiReader.Read("api.openapi.yaml", SourceText.From(yaml), diagnostics)!;
        Assert.Empty(diagnostics);
        var fromJson = ReadClean(json);
        // The same document: the same served JSON and the same operations, each located in its own file.
        Assert.Equal(fromJson.Json, fromYaml.Json);
        Assert.Equal(fromJson.Schemas.Select(x => x with { Location = null! }), fromYaml.Schemas.Select(x => x with { Location = null! }));
        var operation = Assert.Single(fromYaml.Operations);
        Assert.Equal("getPet", operation.OperationId);
        Assert.Equal(new[] { "200", "4XX" }, operation.Responses.Select(r => r.Key));
        // Locations point into the YAML text: the operation at its method key.
        Assert.Equal(yaml.IndexOf("get:", System.StringComparison.Ordinal), operation.Location.Span.Start);
    }

    [Fact]
    public void Malformed_yaml_is_FLOW301_at_its_place()
    {
        const string yaml = "openapi: 3.1.0\npaths:\n  /p:\n\tget: {}\n";
        var diagnostics = new List<DiagnosticInfo>();
        Assert.Null(OpenApiReader.Read("api.openapi.yml", SourceText.From(yaml), diagnostics));
        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("FLOW301", diagnostic.Descriptor.Id);
        Assert.Contains("YAML", diagnostic.Message, System.StringComparison.Ordinal);
        Assert.Equal(3, diagnostic.Location!.LineSpan.Start.Line);
    }
}
