using System.Collections.Generic;
using FlowGen.Compiler.Diagnostics;
using FlowGen.Compiler.Json;
using FlowGen.Compiler.Model;
using Microsoft.CodeAnalysis.Text;

namespace FlowGen.Compiler.Binding;

/// <summary>Reads a Node-RED export (the bare array, or the admin API's {"flows": [...], "rev": ...} wrapper).</summary>
public static class FlowReader
{
    public static FlowDocument? Read(string path, SourceText text, List<DiagnosticInfo> diagnostics)
    {
        var root = JsonParser.Parse(text.ToString(), out var error);
        if (error is not null)
        {
            diagnostics.Add(DiagnosticInfo.Create(FlowDiagnostics.MalformedJson, Locate(path, text, error.Span), error.Message));
            return null;
        }

        var array = root as JsonArraySyntax;
        if (root is JsonObjectSyntax wrapper)
        {
            array = wrapper["flows"] as JsonArraySyntax;
            if (array is null)
            {
                diagnostics.Add(DiagnosticInfo.Create(FlowDiagnostics.NotAFlowExport, Locate(path, text, wrapper.Span), "an object without a \"flows\" array"));
                return null;
            }
        }
        if (array is null)
        {
            diagnostics.Add(DiagnosticInfo.Create(FlowDiagnostics.NotAFlowExport, Locate(path, text, root!.Span), root.KindName));
            return null;
        }

        var nodes = new List<FlowNodeSyntax>();
        foreach (var item in array.Items)
        {
            if (item is not JsonObjectSyntax obj)
            {
                diagnostics.Add(DiagnosticInfo.Create(FlowDiagnostics.MalformedNode, Locate(path, text, item.Span), $"Each element of the flow array must be a node object; found {item.KindName}"));
                continue;
            }
            var location = Locate(path, text, obj.Span);
            if (obj["id"] is not JsonStringSyntax { Value.Length: > 0 } id)
            {
                diagnostics.Add(DiagnosticInfo.Create(FlowDiagnostics.MalformedNode, Locate(path, text, obj["id"]?.Span ?? obj.Span), "A node needs a non-empty string \"id\""));
                continue;
            }
            if (obj["type"] is not JsonStringSyntax { Value.Length: > 0 } type)
            {
                diagnostics.Add(DiagnosticInfo.Create(FlowDiagnostics.MalformedNode, Locate(path, text, obj["type"]?.Span ?? obj.Span), $"Node '{id.Value}' needs a non-empty string \"type\""));
                continue;
            }
            nodes.Add(new FlowNodeSyntax(id.Value, type.Value, obj, location));
        }
        return new FlowDocument(path, nodes);
    }

    public static SourceLocation Locate(string path, SourceText text, TextSpan span) =>
        new(path, span, text.Lines.GetLinePositionSpan(span));
}
