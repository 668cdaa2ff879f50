using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace FlowGen.Runtime;

/// <summary>
/// multipart/form-data for http in nodes with "accept file uploads", as multer 2 (memory storage, busboy 1)
/// reads it: text fields become the payload (bracket names nest as append-field does, a repeated name becomes
/// an array), files become req.files entries {fieldname, originalname, encoding, mimetype, buffer, size}.
/// </summary>
public static class MultipartForm
{
    /// <summary>busboy's default largest text field value; a longer one fails the request (413 here).</summary>
    public const int FieldSizeLimit = 1024 * 1024;

    /// <summary>busboy's default largest part header block.</summary>
    private const int HeaderSizeLimit = 80 * 1024;

    public static async Task<ParsedBody> ParseAsync(Stream body, RequestContentType contentType, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(contentType);
        if (contentType.Subtype != "form-data" || contentType.Suffix is not null)
        {
            return Reject(StatusCodes.Status400BadRequest, $"Unsupported content type: {contentType.MediaType}");
        }
        if (!contentType.Parameters.TryGetValue("boundary", out var boundary) || boundary.Length == 0)
        {
            return Reject(StatusCodes.Status400BadRequest, "Multipart: Boundary not found");
        }
        if (boundary.Length > 200)
        {
            return Reject(StatusCodes.Status400BadRequest, "Multipart: the boundary is longer than 200 characters");
        }

        var fields = new JsObject();
        var files = new JsArray();
        var reader = new MultipartReader(boundary, body) { HeadersLengthLimit = HeaderSizeLimit, HeadersCountLimit = 2000, BodyLengthLimit = null };
        try
        {
            MultipartSection? section;
            while ((section = await reader.ReadNextSectionAsync(cancellation).ConfigureAwait(false)) is not null)
            {
                var headers = section.Headers;
                if (headers is null || !headers.TryGetValue(HeaderNames.ContentDisposition, out var dispositionValue) || dispositionValue.Count == 0
                    || !ContentDispositionHeaderValue.TryParse(dispositionValue[0], out var disposition)
                    || !string.Equals(disposition.DispositionType.Value, "form-data", StringComparison.OrdinalIgnoreCase))
                {
                    // busboy skips parts that are not form-data.
                    await section.Body.CopyToAsync(Stream.Null, cancellation).ConfigureAwait(false);
                    continue;
                }
                var name = Parameter(disposition, "name");
                var filename = FileNameStar(disposition) is { Length: > 0 } star ? star : Parameter(disposition, "filename") is { Length: > 0 } plain ? plain : null;
                if (filename is not null) filename = BaseName(filename);
                var partType = "text/plain";
                string? charset = null;
                if (headers.TryGetValue(HeaderNames.ContentType, out var partContentType) && partContentType.Count > 0
                    && RequestContentType.TryParse(partContentType[0]!, out var parsedType))
                {
                    partType = parsedType!.Type + "/" + (parsedType.Suffix is null ? parsedType.Subtype : parsedType.Subtype + "+" + parsedType.Suffix);
                    charset = parsedType.Charset;
                }
                var encoding = headers.TryGetValue("Content-Transfer-Encoding", out var transfer) && transfer.Count > 0
                    ? transfer[0]!.ToLowerInvariant()
                    : "7bit";
                if (string.IsNullOrEmpty(name))
                {
                    return Reject(StatusCodes.Status400BadRequest, "Field name missing");
                }
                if (partType == "application/octet-stream" || filename is not null)
                {
                    if (string.IsNullOrEmpty(filename))
                    {
                        // An empty file input: the part is read and dropped.
                        await section.Body.CopyToAsync(Stream.Null, cancellation).ConfigureAwait(false);
                        continue;
                    }
                    using var buffer = new MemoryStream();
                    await section.Body.CopyToAsync(buffer, cancellation).ConfigureAwait(false);
                    var bytes = buffer.ToArray();
                    files.Add(new JsObject
                    {
                        ["fieldname"] = name,
                        ["originalname"] = filename,
                        ["encoding"] = encoding,
                        ["mimetype"] = partType,
                        ["buffer"] = bytes,
                        ["size"] = (double)bytes.Length,
                    });
                }
                else
                {
                    var value = await ReadFieldAsync(section.Body, cancellation).ConfigureAwait(false);
                    if (value is null)
                    {
                        return Reject(StatusCodes.Status413PayloadTooLarge, $"Field value too long: {name} (the limit is {FieldSizeLimit} bytes)");
                    }
                    AppendField(fields, name, Decode(value, charset));
                }
            }
        }
        catch (IOException ex)
        {
            return Reject(StatusCodes.Status400BadRequest, "Malformed multipart body: " + ex.Message);
        }
        catch (JsRangeError ex)
        {
            return Reject(StatusCodes.Status400BadRequest, "Malformed multipart field name: " + ex.Message);
        }
        catch (InvalidDataException ex)
        {
            return Reject(StatusCodes.Status400BadRequest, "Malformed multipart body: " + ex.Message);
        }
        return new ParsedBody(fields, null, files);
    }

    private static ParsedBody Reject(int status, string reason) => new(null, new BodyRejection(status, reason));

    private static async Task<byte[]?> ReadFieldAsync(Stream body, CancellationToken cancellation)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellation).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > FieldSizeLimit)
            {
                await body.CopyToAsync(Stream.Null, cancellation).ConfigureAwait(false);
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static string Decode(byte[] value, string? charset)
    {
        switch (charset)
        {
            case null or "utf-8" or "utf8":
                return Encoding.UTF8.GetString(value);
            case "latin1" or "iso-8859-1" or "binary":
                return Encoding.Latin1.GetString(value);
            case "us-ascii" or "ascii":
                return Encoding.ASCII.GetString(value);
            case "utf-16le" or "utf16le" or "ucs2" or "ucs-2":
                return Encoding.Unicode.GetString(value);
            default:
                return Encoding.UTF8.GetString(value);
        }
    }

    /// <summary>
    /// A disposition parameter as busboy gives it: unquoted, and read as latin1 bytes (busboy's default parameter
    /// charset), so UTF-8 names arrive as their bytes' latin1 characters as they do in Node-RED.
    /// </summary>
    private static string? Parameter(ContentDispositionHeaderValue disposition, string name)
    {
        foreach (var parameter in disposition.Parameters)
        {
            if (!parameter.Name.Equals(name, StringComparison.OrdinalIgnoreCase)) continue;
            var raw = parameter.Value.Value ?? "";
            var value = raw.Length >= 2 && raw[0] == '"' && raw[^1] == '"' ? HeaderUtilities.UnescapeAsQuotedString(raw).Value ?? "" : raw;
            return Latin1View(value);
        }
        return null;
    }

    /// <summary>filename* (RFC 5987: charset'language'percent-encoded), decoded with its charset.</summary>
    private static string? FileNameStar(ContentDispositionHeaderValue disposition)
    {
        foreach (var parameter in disposition.Parameters)
        {
            if (!parameter.Name.Equals("filename*", StringComparison.OrdinalIgnoreCase)) continue;
            var raw = parameter.Value.Value ?? "";
            var first = raw.IndexOf('\'');
            var second = first < 0 ? -1 : raw.IndexOf('\'', first + 1);
            if (second < 0) return null;
            var charset = raw.Substring(0, first).ToLowerInvariant();
            var bytes = new List<byte>();
            for (var i = second + 1; i < raw.Length; i++)
            {
                if (raw[i] == '%' && i + 2 < raw.Length && byte.TryParse(raw.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var b))
                {
                    bytes.Add(b);
                    i += 2;
                }
                else
                {
                    bytes.AddRange(Encoding.UTF8.GetBytes(raw[i].ToString()));
                }
            }
            return charset is "iso-8859-1" or "latin1" ? Encoding.Latin1.GetString(bytes.ToArray()) : Encoding.UTF8.GetString(bytes.ToArray());
        }
        return null;
    }

    /// <summary>MultipartReader decodes header lines as UTF-8; busboy reads them as latin1.</summary>
    private static string Latin1View(string value)
    {
        foreach (var c in value)
        {
            if (c > 0x7f) return Encoding.Latin1.GetString(Encoding.UTF8.GetBytes(value));
        }
        return value;
    }

    /// <summary>busboy's basename: the text after the last '/' or '\'; "." and ".." become "".</summary>
    internal static string BaseName(string path)
    {
        var slash = path.LastIndexOfAny(new[] { '/', '\\' });
        var name = slash >= 0 ? path.Substring(slash + 1) : path;
        return name is "." or ".." ? "" : name;
    }

    /// <summary>
    /// append-field: "a" sets (a repeat makes an array), "a[]" appends, "a[b]" nests an object, "a[0]" an array;
    /// a name it cannot read is a plain key.
    /// </summary>
    internal static void AppendField(JsObject store, string key, object value)
    {
        var steps = ParsePath(key);
        object context = store;
        foreach (var step in steps)
        {
            context = SetValue(context, step, Get(context, step.Key), value);
        }
    }

    private sealed class Step
    {
        public Step(bool isArray, object key)
        {
            IsArray = isArray;
            Key = key;
        }

        public bool IsArray { get; }

        /// <summary>A string for object steps, an int for array steps.</summary>
        public object Key { get; }

        public bool Append { get; set; }

        public bool NextIsArray { get; set; }

        public bool Last { get; set; }
    }

    private static List<Step> ParsePath(string key)
    {
        var failure = new List<Step> { new(false, key) { Last = true } };
        var bracket = key.IndexOf('[');
        var firstKey = bracket < 0 ? key : key.Substring(0, bracket);
        if (firstKey.Length == 0) return failure;
        var tail = new Step(false, firstKey);
        var steps = new List<Step> { tail };
        var pos = firstKey.Length;
        while (pos < key.Length)
        {
            if (key[pos] == '[' && pos + 1 < key.Length && key[pos + 1] == ']')
            {
                pos += 2;
                tail.Append = true;
                if (pos != key.Length) return failure;
                continue;
            }
            if (key[pos] != '[') return failure;
            var close = key.IndexOf(']', pos + 1);
            if (close < 0 || close == pos + 1) return failure;
            var inner = key.Substring(pos + 1, close - pos - 1);
            pos = close + 1;
            if (IsDigits(inner))
            {
                tail.NextIsArray = true;
                tail = new Step(true, int.TryParse(inner, NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? index : int.MaxValue);
            }
            else
            {
                tail.NextIsArray = false;
                tail = new Step(false, inner);
            }
            steps.Add(tail);
        }
        tail.Last = true;
        return steps;
    }

    private static bool IsDigits(string text)
    {
        foreach (var c in text)
        {
            if (c < '0' || c > '9') return false;
        }
        return text.Length > 0;
    }

    private static object? Get(object context, object key) => context switch
    {
        JsArray array when key is int index => array.ElementAtOrUndefined(index),
        JsObject obj => obj[KeyText(key)],
        _ => JsUndefined.Value,
    };

    private static void Set(object context, object key, object? value)
    {
        if (context is JsArray array && key is int index) array.SetElement(index, value);
        else if (context is JsObject obj) obj[KeyText(key)] = value;
    }

    private static string KeyText(object key) => key is int i ? i.ToString(CultureInfo.InvariantCulture) : (string)key;

    private static object SetValue(object context, Step step, object? current, object value)
    {
        if (step.Last)
        {
            SetLastValue(context, step.Key, step.Append, current, value);
            return context;
        }
        switch (current)
        {
            case JsUndefined:
                object created = step.NextIsArray ? new JsArray() : new JsObject();
                Set(context, step.Key, created);
                return created;
            case JsArray array:
                if (step.NextIsArray) return array;
                var converted = new JsObject();
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is not JsUndefined) converted[i.ToString(CultureInfo.InvariantCulture)] = array[i];
                }
                Set(context, step.Key, converted);
                return converted;
            case JsObject obj:
                return obj;
            default:
                var wrapper = new JsObject { [""] = current };
                Set(context, step.Key, wrapper);
                return wrapper;
        }
    }

    private static void SetLastValue(object context, object key, bool append, object? current, object value)
    {
        switch (current)
        {
            case JsUndefined:
                Set(context, key, append ? new JsArray { value } : value);
                break;
            case JsArray array:
                array.Add(value);
                break;
            case JsObject obj:
                SetLastValue(obj, "", false, obj[""], value);
                break;
            default:
                Set(context, key, new JsArray { current, value });
                break;
        }
    }
}
