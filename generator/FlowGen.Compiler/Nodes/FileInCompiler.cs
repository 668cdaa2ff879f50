using System.Linq;
using FlowGen.Compiler.Binding;
using FlowGen.Compiler.Diagnostics;
using FlowGen.Compiler.Emit;
using FlowGen.Compiler.Json;

namespace FlowGen.Compiler.Nodes;

/// <summary>
/// file in (Node-RED 10-file.js FileInNode): reads a whole file into msg.payload as a string (format "utf8") or a
/// Buffer (format ""), the name from the filename typed input (str, msg or env), relative to FlowOptions.FileRoot.
/// A read error is a catchable flow error with Node.js's message and code; with sendError a copy of the message
/// also goes on without payload. Formats "lines" and "stream" send one message per piece: not compiled.
/// </summary>
public sealed class FileInCompiler : NodeCompiler
{
    public override string Type => "file in";

    public override void Lower(NodeLoweringContext context)
    {
        context.OutputMode = OutputMode.Always;
        context.CanFail = true;
        context.IsAsync = true;

        var formatSyntax = context.Json["format"];
        var format = formatSyntax is JsonStringSyntax f ? f.Value : "";
        string? formatName = format switch
        {
            "utf8" => "Text",
            // Node-RED reads anything but "utf8", "lines" and "stream" (a missing format too) as a Buffer.
            "lines" or "stream" => null,
            _ => "Buffer",
        };
        if (formatName is null)
        {
            context.Report(FlowDiagnostics.InvalidProperty, formatSyntax, context.NodeName,
                $"format \"{format}\" sends one message per {(format == "lines" ? "line" : "chunk")}, which FlowGen does not compile; read the whole file as a string (\"utf8\") or a Buffer (\"\")");
        }

        var encodingSyntax = context.Json["encoding"];
        var encodingText = encodingSyntax is JsonStringSyntax { Value.Length: > 0 } e ? e.Value : "none";
        var encoding = Encoding(encodingText);
        if (encoding is null && format == "utf8")
        {
            context.Report(FlowDiagnostics.InvalidProperty, encodingSyntax, context.NodeName,
                $"encoding \"{encodingText}\" is not supported; use none, utf8, utf16le, utf16be, latin1, base64 or hex");
        }

        // Pre-3.0 nodes have no filenameType: an empty filename meant msg.filename, anything else a fixed name.
        var nameSyntax = context.Json["filename"];
        var typeSyntax = context.Json["filenameType"];
        var type = typeSyntax is JsonStringSyntax { Value.Length: > 0 } t ? t.Value : null;
        var nameText = TypedValueEmitter.ValueText(nameSyntax);
        if (type is null)
        {
            type = nameText is "" ? "msg" : "str";
            if (nameText is "") nameText = "filename";
        }
        string? filename;
        if (type is "str" or "msg" or "env")
        {
            if (type == "str" && nameText is not null && ConfigText.EnvName(nameText) is null && FixedNameError(nameText) is { } error)
            {
                context.Report(FlowDiagnostics.InvalidProperty, nameSyntax, context.NodeName, error);
                filename = null;
            }
            else
            {
                filename = type == "msg" && nameText == "filename" && nameSyntax is null or JsonStringSyntax { Value.Length: 0 }
                    ? MessageFilename(context)
                    : TypedValueEmitter.Emit(context, nameSyntax, type, typeSyntax, "the filename");
            }
        }
        else
        {
            context.Report(FlowDiagnostics.UnsupportedTypedInput, typeSyntax, context.NodeName, "the filename", type, "str, msg, env");
            filename = null;
        }

        // sendError: true when the property is missing (nodes from before 1.x), as Node-RED decides.
        var sendErrorSyntax = context.Json["sendError"];
        var sendError = sendErrorSyntax is null || sendErrorSyntax is JsonBooleanSyntax { Value: true } || sendErrorSyntax is JsonStringSyntax { Value.Length: > 0 };
        // A missing file is an error outcome of normal operation; with sendError it also goes on along the output.
        context.RaisesErrors = !sendError;

        if (formatName is null || filename is null || (encoding is null && format == "utf8")) return;
        var read = $"await global::FlowGen.Runtime.FileInNode.ReadAsync(msg, {filename}, global::FlowGen.Runtime.FileInFormat.{formatName}, global::FlowGen.Runtime.FileTextEncoding.{encoding ?? "None"});";
        if (!sendError)
        {
            context.Body.Line(read);
            return;
        }
        context.Body.OpenBlock("try");
        context.Body.Line(read);
        context.Body.CloseBlock();
        // A file error (it has a Node.js code) goes on along the output too; "No filename specified" does not.
        context.Body.OpenBlock("catch (global::FlowGen.Runtime.FlowError ex) when (ex.Code is not null)");
        context.Body.Line(context.ReportErrorStatement("ex"));
        context.Body.Line("msg = global::FlowGen.Runtime.FileInNode.ErrorMessage(msg, ex);");
        context.Body.CloseBlock();
    }

    /// <summary>msg.filename, the legacy default: undefined when missing (an empty name).</summary>
    private static string MessageFilename(NodeLoweringContext context)
    {
        var path = PathEmitter.MessagePathField(context, "filename", null);
        return $"({path}.TryGet(msg, out var filename) ? filename : null)";
    }

    /// <summary>Why a fixed file name can never be read inside the file root, or null.</summary>
    internal static string? FixedNameError(string text)
    {
        var name = new string(text.Where(c => c is not ('\t' or '\r' or '\n')).ToArray());
        if (name.Length == 0) return "the filename is empty; name a file, or read the name from the message (filenameType \"msg\")";
        if (name[0] == '/' || name[0] == '\\' || (name.Length > 1 && name[1] == ':'))
        {
            return $"the filename '{name}' is absolute; file names are relative to the file root (FlowOptions.FileRoot, by default the app's content root)";
        }
        var depth = 0;
        foreach (var part in name.Split('/', '\\'))
        {
            if (part == "..") depth--;
            else if (part.Length > 0 && part != ".") depth++;
            if (depth < 0) return $"the filename '{name}' leads out of the file root (FlowOptions.FileRoot), which file in nodes cannot read from";
        }
        return null;
    }

    /// <summary>iconv-lite's encoding names, compared without case and punctuation; null when not supported.</summary>
    private static string? Encoding(string text)
    {
        var key = new string(text.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());
        return key switch
        {
            "none" => "None",
            "utf8" => "Utf8",
            "utf16le" or "ucs2" or "utf16" => "Utf16LittleEndian",
            "utf16be" => "Utf16BigEndian",
            "latin1" or "binary" or "iso88591" => "Latin1",
            "base64" => "Base64",
            "hex" => "Hex",
            _ => null,
        };
    }
}
