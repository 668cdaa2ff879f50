using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;

namespace FlowGen.Compiler.Tests;

/// <summary>The contract rules through the analyzer: flow files and the OpenAPI document as the build passes them.</summary>
public sealed class ContractAnalyzerTests
{
    private const string Api = """
        {
          "openapi": "3.0.3",
          "info": {"title": "Pets", "version": "1"},
          "paths": {
            "/pets": {
              "get": {"operationId": "listPets", "responses": {"200": {"description": "the pets", "content": {"application/json": {}}}}},
              "post": {"operationId": "addPet", "responses": {"201": {"description": "added"}, "4XX": {"description": "refused"}}}
            }
          }
        }
        """;

    /// <summary>GET /pets answered with the default 200; POST /pets answered with a 500 its operation does not declare.</summary>
    private const string Pets = """
        [
          {"id": "t", "type": "tab", "label": "Pets"},
          {"id": "list", "type": "http in", "z": "t", "url": "/pets", "method": "get", "x": 1, "y": 1, "wires": [["ok"]]},
          {"id": "add", "type": "http in", "z": "t", "url": "/pets", "method": "post", "x": 1, "y": 1, "wires": [["no"]]},
          {"id": "ok", "type": "http response", "z": "t", "name": "ok", "x": 1, "y": 1, "wires": []},
          {"id": "no", "type": "http response", "z": "t", "name": "no", "statusCode": "500", "x": 1, "y": 1, "wires": []}
        ]
        """;

    private static string ApiPath => $"{GeneratorHarness.ProjectDirectory}/pets.openapi.json";

    [Fact]
    public async Task An_undeclared_status_is_reported_at_its_value_in_the_flow_file()
    {
        var result = await AnalyzerHarness.Run(("pets.flow.json", Pets), ("pets.openapi.json", Api));

        Assert.Empty(result.Exceptions);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("FLOW314", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        var span = diagnostic.Location.GetLineSpan();
        Assert.Equal("/project/pets.flow.json", span.Path);
        Assert.Equal((6, Pets.Split('\n')[5].IndexOf("\"500\"", System.StringComparison.Ordinal) + 1), (span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1));
        Assert.Contains("operation addPet (POST /pets) with status 500", diagnostic.GetMessage(), System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_operation_no_flow_file_implements_is_reported_in_the_openapi_document()
    {
        var onlyList = Pets.Replace("\"method\": \"post\"", "\"method\": \"put\"");

        var result = await AnalyzerHarness.Run(("pets.flow.json", onlyList), ("pets.openapi.json", Api));

        Assert.Empty(result.Exceptions);
        var unimplemented = Assert.Single(result.Diagnostics, d => d.Id == "FLOW312");
        Assert.Equal(DiagnosticSeverity.Warning, unimplemented.Severity);
        var span = unimplemented.Location.GetLineSpan();
        Assert.Equal(ApiPath, span.Path);
        // The "post" key of /pets: line 7, column 7.
        Assert.Equal((7, 7), (span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1));
        Assert.StartsWith("Operation addPet (POST /pets) has no flow", unimplemented.GetMessage(), System.StringComparison.Ordinal);
        // The PUT node implements nothing the document describes.
        Assert.Contains(result.Diagnostics, d => d.Id == "FLOW310");
    }

    [Fact]
    public async Task Operations_implemented_in_different_flow_files_are_all_implemented()
    {
        const string list = """
            [
              {"id": "t1", "type": "tab", "label": "List"},
              {"id": "list", "type": "http in", "z": "t1", "url": "/pets", "method": "get", "x": 1, "y": 1, "wires": [["ok"]]},
              {"id": "ok", "type": "http response", "z": "t1", "x": 1, "y": 1, "wires": []}
            ]
            """;
        const string add = """
            [
              {"id": "t2", "type": "tab", "label": "Add"},
              {"id": "add", "type": "http in", "z": "t2", "url": "/pets", "method": "post", "x": 1, "y": 1, "wires": [["created"]]},
              {"id": "created", "type": "http response", "z": "t2", "statusCode": "201", "x": 1, "y": 1, "wires": []}
            ]
            """;

        var result = await AnalyzerHarness.Run(("list.flow.json", list), ("add.flow.json", add), ("pets.openapi.json", Api));

        Assert.True(result.Diagnostics.IsEmpty && result.Exceptions.Count == 0, result.Describe());
    }

    [Theory]
    [InlineData("none", null)]
    [InlineData("error", DiagnosticSeverity.Error)]
    public async Task The_openapi_files_editorconfig_section_sets_the_severity_of_an_operation_without_flow(string configured, DiagnosticSeverity? expected)
    {
        var files = new AdditionalText[]
        {
            new InMemoryFlowFile($"{GeneratorHarness.ProjectDirectory}/pets.flow.json", Pets.Replace("\"method\": \"post\"", "\"method\": \"put\"")),
            new InMemoryFlowFile(ApiPath, Api),
        };
        var perFile = new Dictionary<string, Dictionary<string, string>> { [ApiPath] = new() { ["flowgen_diagnostic.FLOW312.severity"] = configured } };

        var result = await AnalyzerHarness.Run(files, perFile);

        Assert.Equal(expected, result.Diagnostics.Where(d => d.Id == "FLOW312").Select(d => (DiagnosticSeverity?)d.Severity).SingleOrDefault());
    }

    [Fact]
    public async Task A_flow_that_keeps_the_contract_produces_nothing()
    {
        var kept = Pets.Replace("\"statusCode\": \"500\"", "\"statusCode\": \"422\"");

        var result = await AnalyzerHarness.Run(("pets.flow.json", kept), ("pets.openapi.json", Api));

        Assert.True(result.Diagnostics.IsEmpty && result.Exceptions.Count == 0, result.Describe());
    }
}
