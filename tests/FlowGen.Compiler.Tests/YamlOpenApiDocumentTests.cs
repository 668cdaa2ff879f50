using System.IO;
using System.Linq;
using FlowGen.Compiler.Json;
using static FlowGen.Compiler.Tests.YamlTestText;

namespace FlowGen.Compiler.Tests;

/// <summary>A realistic OpenAPI 3.1 document written in YAML, read and spot-checked.</summary>
public sealed class YamlOpenApiDocumentTests
{
    private static readonly string Text = File.ReadAllText(Path.Combine(RepositoryFlows.Root, "tests", "FlowGen.Compiler.Tests", "Yaml", "petstore.openapi.yaml"));

    private readonly JsonSyntax _root = Read(Text);

    [Fact]
    public void Versions_and_texts_read_as_written()
    {
        Assert.Equal("3.1.0", Assert.IsType<JsonStringSyntax>(Get(_root, "openapi")).Value);
        Assert.Equal("1.0.0", Assert.IsType<JsonStringSyntax>(Get(_root, "info", "version")).Value);
        Assert.Equal("A sample API for pets.\n\nSupports **listing**, creating and reading pets.\n", Assert.IsType<JsonStringSyntax>(Get(_root, "info", "description")).Value);
        Assert.Equal("""{"name":"MIT","identifier":"MIT"}""", Show(Get(_root, "info", "license")));
        Assert.Equal("Returns the pets the store holds, newest first.\n", Assert.IsType<JsonStringSyntax>(Get(_root, "paths", "/pets", "get", "description")).Value);
        Assert.Equal("No pet with that id: \"petId\" is unknown", Assert.IsType<JsonStringSyntax>(Get(_root, "paths", "/pets/{petId}", "get", "responses", "404", "description")).Value);
        Assert.Equal("^[a-z0-9-]+$", Assert.IsType<JsonStringSyntax>(Get(_root, "paths", "/pets/{petId}", "get", "parameters", 0, "schema", "pattern")).Value);
    }

    [Fact]
    public void Lists_and_parameters_read_in_both_block_and_flow_form()
    {
        Assert.Equal("""[{"url":"https://petstore.example.com/v1","description":"Production"},{"url":"http://localhost:8080/v1"}]""", Show(Get(_root, "servers")));
        Assert.Equal("""["pets","store"]""", Show(Get(_root, "tags")));
        var limit = Get(_root, "paths", "/pets", "get", "parameters", 0);
        Assert.Equal("""{"name":"limit","in":"query","description":"How many items to return at one time (max 100)","required":false,"schema":{"type":"integer","format":"int32","minimum":1,"maximum":100,"default":20}}""", Show(limit));
        Assert.Equal(100, Assert.IsType<JsonNumberSyntax>(Get(limit, "schema", "maximum")).Value);
        Assert.Equal("""{"$ref":"#/components/parameters/Status"}""", Show(Get(_root, "paths", "/pets", "get", "parameters", 1)));
        Assert.Equal("""["available","pending","sold"]""", Show(Get(_root, "components", "parameters", "Status", "schema", "enum")));
        Assert.Equal("""[{"id":1,"name":"Rex","tag":"dog"},{"id":2,"name":"Tom","tag":null}]""", Show(Get(_root, "paths", "/pets", "get", "responses", "200", "content", "application/json", "example")));
    }

    [Fact]
    public void Status_keys_are_names_and_shared_responses_are_one_node()
    {
        var responses = Assert.IsType<JsonObjectSyntax>(Get(_root, "paths", "/pets", "get", "responses"));
        Assert.Equal(new[] { "200", "4XX", "default" }, responses.Properties.Select(p => p.Name));
        Assert.Equal(new[] { "201", "4XX", "default" }, Assert.IsType<JsonObjectSyntax>(Get(_root, "paths", "/pets", "post", "responses")).Properties.Select(p => p.Name));
        Assert.Same(responses["4XX"], Get(_root, "paths", "/pets", "post", "responses", "4XX"));
        Assert.Same(responses["default"], Get(_root, "paths", "/pets/{petId}", "get", "responses", "default"));
        Assert.Equal("#/components/schemas/Error", Assert.IsType<JsonStringSyntax>(Get(responses, "4XX", "content", "application/problem+json", "schema", "$ref")).Value);
    }

    [Fact]
    public void Schemas_keep_their_types_and_merge_keys_apply()
    {
        var schemas = Get(_root, "components", "schemas");
        // In OpenAPI 3.1 'null' is a type name: quoted, it stays a string.
        Assert.Equal("""["string","null"]""", Show(Get(schemas, "NewPet", "properties", "tag", "type")));
        Assert.Equal("""["dog","cat"]""", Show(Get(schemas, "NewPet", "properties", "tag", "examples")));
        Assert.Equal(12.5, Assert.IsType<JsonNumberSyntax>(Get(schemas, "Pet", "allOf", 1, "properties", "weight", "example")).Value);
        Assert.False(Assert.IsType<JsonBooleanSyntax>(Get(schemas, "Pet", "allOf", 1, "properties", "vaccinated", "default")).Value);
        Assert.Equal("""["id"]""", Show(Get(schemas, "Pet", "allOf", 1, "required")));
        var update = Assert.IsType<JsonObjectSyntax>(Get(schemas, "PetUpdate"));
        Assert.Equal(new[] { "type", "properties", "required" }, update.Properties.Select(p => p.Name));
        Assert.Equal("[]", Show(update["required"]!));
        Assert.Same(Get(schemas, "NewPet", "properties"), update["properties"]);
    }

    [Fact]
    public void Keys_and_values_point_into_the_file()
    {
        var responses = Assert.IsType<JsonObjectSyntax>(Get(_root, "paths", "/pets", "get", "responses"));
        var clientError = responses.Properties.Single(p => p.Name == "4XX");
        Assert.Equal(Text.IndexOf("4XX: &clientError", System.StringComparison.Ordinal), clientError.NameSpan.Start);
        Assert.Equal("4XX", TextOf(Text, clientError.NameSpan));
        Assert.Equal("description: The request was not valid", TextOf(Text, clientError.Value.Span).Split('\n')[0]);
        var reference = Get(_root, "paths", "/pets", "get", "responses", "200", "content", "application/json", "schema", "$ref");
        Assert.Equal("\"#/components/schemas/Pets\"", TextOf(Text, reference.Span));
        var line = Text.Substring(0, reference.Span.Start).Count(c => c == '\n') + 1;
        Assert.Equal((line, 23), Start(Text, reference.Span));
        // After the %YAML directive, a comment and '---'.
        Assert.Equal((4, 1), Start(Text, Assert.IsType<JsonObjectSyntax>(_root).Properties[0].NameSpan));
    }
}
