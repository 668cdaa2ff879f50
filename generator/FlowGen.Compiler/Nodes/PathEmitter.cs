using System.Text;
using FlowGen.Compiler.Binding;
using FlowGen.Compiler.Diagnostics;
using FlowGen.Compiler.Emit;
using FlowGen.Compiler.Json;

namespace FlowGen.Compiler.Nodes;

/// <summary>Emits property paths parsed at build time as static <c>JsPath</c> fields.</summary>
public static class PathEmitter
{
    /// <summary>A static field holding the message path, or null after reporting an invalid path.</summary>
    public static string? MessagePathField(NodeLoweringContext context, string text, JsonSyntax? at)
    {
        var path = PropertyPath.ParseMessagePath(text, out var error);
        if (path is null)
        {
            context.Report(FlowDiagnostics.InvalidProperty, at, context.NodeName, $"'{text}': {error}");
            return null;
        }
        return context.StaticField("global::FlowGen.Runtime.JsPath", New(path), "Path");
    }

    /// <summary>A <c>new JsPath(...)</c> expression for a parsed path.</summary>
    public static string New(PropertyPath path)
    {
        var sb = new StringBuilder();
        sb.Append("new global::FlowGen.Runtime.JsPath(").Append(CSharp.String(path.Text)).Append(", new global::FlowGen.Runtime.PathSegment[] { ");
        for (var i = 0; i < path.Parts.Count; i++)
        {
            if (i > 0) sb.Append(", ");
            var part = path.Parts[i];
            if (part.Key is not null) sb.Append("global::FlowGen.Runtime.PathSegment.Key(").Append(CSharp.String(part.Key)).Append(')');
            else if (part.Nested is not null) sb.Append("global::FlowGen.Runtime.PathSegment.Ref(").Append(New(part.Nested)).Append(", ").Append(CSharp.Int(part.Position)).Append(')');
            else sb.Append("global::FlowGen.Runtime.PathSegment.Index(").Append(CSharp.Int(part.Index)).Append(')');
        }
        return sb.Append(" })").ToString();
    }
}
