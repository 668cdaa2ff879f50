using System;
using System.IO;
using System.Text;
using System.Threading.Tasks;

namespace FlowGen.Runtime;

/// <summary>What a file in node puts in msg.payload.</summary>
public enum FileInFormat
{
    /// <summary>format "utf8": the file decoded as a string.</summary>
    Text,

    /// <summary>format "": the file's bytes, a Buffer.</summary>
    Buffer,
}

/// <summary>The encodings a file in node decodes text with (Node-RED's encoding field; "none" is Buffer.toString()).</summary>
public enum FileTextEncoding
{
    /// <summary>"none": UTF-8, keeping a byte order mark as U+FEFF.</summary>
    None,

    /// <summary>"utf8": UTF-8 without a byte order mark (iconv-lite strips it).</summary>
    Utf8,

    /// <summary>"utf16le" / "ucs2".</summary>
    Utf16LittleEndian,

    /// <summary>"utf16be".</summary>
    Utf16BigEndian,

    /// <summary>"latin1" / "binary" / "iso-8859-1".</summary>
    Latin1,

    /// <summary>"base64": the bytes as base64 text.</summary>
    Base64,

    /// <summary>"hex": the bytes as lower-case hex text.</summary>
    Hex,
}

/// <summary>
/// file in (Node-RED 10-file.js FileInNode): reads a whole file into msg.payload, as a string or a Buffer, and sets
/// msg.filename. Names resolve against <see cref="FlowHost.FileRoot"/> and cannot leave it. Errors are Node.js's
/// file errors (message and code), catchable as Node-RED's node.error(err, msg).
/// </summary>
public static class FileInNode
{
    /// <summary>Reads the file named by <paramref name="filename"/> (the evaluated filename property) into the message.</summary>
    public static async ValueTask ReadAsync(FlowMessage msg, object? filename, FileInFormat format, FileTextEncoding encoding)
    {
        ArgumentNullException.ThrowIfNull(msg);
        var name = FileName(filename);
        // Node-RED warns and drops the message, which leaves the request waiting; FlowGen makes it a flow error.
        if (name.Length == 0) throw new FlowError("No filename specified");
        msg["filename"] = name;
        var full = Confine(msg.Exchange.Host.FileRoot, name) ?? throw Error("EACCES", name);
        if (Directory.Exists(full)) throw Error("EISDIR", name);
        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(full, msg.Exchange.Http.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw Error("ENOENT", name);
        }
        catch (UnauthorizedAccessException)
        {
            throw Error("EACCES", name);
        }
        catch (IOException)
        {
            throw Error("EIO", name);
        }
        msg["payload"] = format == FileInFormat.Buffer ? bytes : Decode(bytes, encoding);
    }

    /// <summary>
    /// sendError (Node-RED's legacy mode): after the error is reported, a copy of the message without payload and
    /// with msg.error set to the Node.js error's fields goes on to the output.
    /// </summary>
    public static FlowMessage ErrorMessage(FlowMessage msg, FlowError error)
    {
        ArgumentNullException.ThrowIfNull(msg);
        ArgumentNullException.ThrowIfNull(error);
        var copy = msg.Clone();
        copy.Remove("payload");
        var fields = new JsObject();
        var code = error.Code ?? "EIO";
        fields["errno"] = code switch { "ENOENT" => -2d, "EACCES" => -13d, "EISDIR" => -21d, _ => -5d };
        fields["code"] = code;
        fields["syscall"] = code is "ENOENT" or "EACCES" ? "open" : "read";
        if (code is "ENOENT" or "EACCES" && msg["filename"] is string name) fields["path"] = name;
        copy["error"] = fields;
        return copy;
    }

    /// <summary>The filename property as Node-RED reads it: toString() of a non-string, without tabs and line breaks.</summary>
    internal static string FileName(object? value)
    {
        var text = value switch
        {
            null or JsUndefined => "",
            string s => s,
            _ => Js.ToJsString(value),
        };
        if (text.AsSpan().IndexOfAny('\t', '\r', '\n') < 0) return text;
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is not ('\t' or '\r' or '\n')) sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>
    /// The full path of a name relative to the root, or null when it would leave the root: an absolute path, a ".."
    /// that climbs out, a NUL character, or a symbolic link whose target is outside.
    /// </summary>
    public static string? Confine(string root, string name)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(name);
        if (name.Contains('\0', StringComparison.Ordinal) || Path.IsPathRooted(name)) return null;
        var top = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        var full = Path.GetFullPath(Path.Combine(top, name));
        if (!Inside(top, full)) return null;
        try
        {
            var info = new FileInfo(full);
            if (info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is { } target && !Inside(top, Path.GetFullPath(target.FullName)))
            {
                return null;
            }
        }
        catch (IOException)
        {
            // A link that cannot be followed: reading it fails on its own.
        }
        return full;
    }

    private static bool Inside(string root, string full)
    {
        var comparison = OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        return full.Length > root.Length && full.StartsWith(root, comparison) && (full[root.Length] == Path.DirectorySeparatorChar || full[root.Length] == Path.AltDirectorySeparatorChar);
    }

    private static string Decode(byte[] bytes, FileTextEncoding encoding) => encoding switch
    {
        FileTextEncoding.None => Encoding.UTF8.GetString(bytes),
        FileTextEncoding.Utf8 => WithoutBom(Encoding.UTF8.GetString(bytes)),
        FileTextEncoding.Utf16LittleEndian => WithoutBom(Encoding.Unicode.GetString(bytes)),
        FileTextEncoding.Utf16BigEndian => WithoutBom(Encoding.BigEndianUnicode.GetString(bytes)),
        FileTextEncoding.Latin1 => Encoding.Latin1.GetString(bytes),
        FileTextEncoding.Base64 => Convert.ToBase64String(bytes),
        FileTextEncoding.Hex => Convert.ToHexStringLower(bytes),
        _ => throw new ArgumentOutOfRangeException(nameof(encoding)),
    };

    private static string WithoutBom(string text) => text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;

    /// <summary>Node.js's fs error for the name: "Error: ENOENT: no such file or directory, open 'x'" with its code.</summary>
    private static FlowError Error(string code, string name) => new("Error: " + code switch
    {
        "ENOENT" => $"ENOENT: no such file or directory, open '{name}'",
        "EACCES" => $"EACCES: permission denied, open '{name}'",
        "EISDIR" => "EISDIR: illegal operation on a directory, read",
        _ => "EIO: i/o error, read",
    }, code);
}
