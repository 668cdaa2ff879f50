namespace FlowGen.Compiler.Tests;

/// <summary>Small flow files for the tests.</summary>
public static class Flows
{
    public static string Hello(string route = "/hello", string id = "in1") => $$"""
        [
          {"id": "{{id}}_tab", "type": "tab", "label": "Hello"},
          {"id": "{{id}}", "type": "http in", "z": "{{id}}_tab", "name": "hello", "url": "{{route}}", "method": "get", "x": 100, "y": 100, "wires": [["{{id}}_out"]]},
          {"id": "{{id}}_out", "type": "http response", "z": "{{id}}_tab", "name": "", "statusCode": "201", "headers": {"x-a": "1"}, "x": 300, "y": 100, "wires": []}
        ]
        """;

    /// <summary>A flow whose http in node forwards to the given node JSON (which must have id "n").</summary>
    public static string With(string nodeJson) => $$"""
        [
          {"id": "tab1", "type": "tab", "label": "T"},
          {"id": "in", "type": "http in", "z": "tab1", "url": "/t", "method": "get", "x": 1, "y": 1, "wires": [["n"]]},
          {{nodeJson}},
          {"id": "out", "type": "http response", "z": "tab1", "x": 1, "y": 1, "wires": []}
        ]
        """;
}
