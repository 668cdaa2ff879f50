using System;
using System.IO;
using System.IO.Compression;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace FlowGen.Runtime;

/// <summary>Why a request body was refused: 400 for a malformed body, 413 over a limit, 415 for a charset or encoding FlowGen cannot read.</summary>
public sealed record BodyRejection(int Status, string Reason);

/// <summary>The parsed body (and, for multipart uploads, req.files), or why it was refused.</summary>
public readonly record struct ParsedBody(object? Value, BodyRejection? Rejected, JsArray? Files = null);

/// <summary>
/// The body readers Node-RED 4.1 puts in front of an http in node, in its order: body-parser's JSON and
/// urlencoded parsers (charset, gzip/deflate, the apiMaxLength limit, strict JSON), multer for uploads, then
/// Node-RED's own raw reader (text as UTF-8, binary types as bytes, no limit of its own). Where Node-RED answers
/// a rejected body with 500, FlowGen answers with the status body-parser gives the error: 400, 413 or 415.
/// </summary>
public static class BodyParser
{
    public static async ValueTask<ParsedBody> ParseAsync(HttpContext http, HttpInOptions options, FlowOptions settings)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(settings);
        var request = http.Request;
        var cancellation = http.RequestAborted;
        try
        {
            if (options.SkipBodyParsing && SkipApplies(http, options))
            {
                return new ParsedBody(await ReadAllAsync(request.Body, long.MaxValue, request.ContentLength, cancellation).ConfigureAwait(false), null);
            }

            RequestContentType? type = null;
            var header = request.Headers.ContentType;
            if (header.Count > 0 && !string.IsNullOrEmpty(header[0]))
            {
                if (!RequestContentType.TryParse(header[0]!, out type))
                {
                    return Reject(StatusCodes.Status400BadRequest, $"The Content-Type '{header[0]}' is not a valid media type.");
                }
            }

            if (type is not null && HasBody(http))
            {
                var media = type.MediaType;
                if (media == "application/json") return await ParseJsonAsync(request, type, settings.MaxParsedBodyBytes, cancellation).ConfigureAwait(false);
                if (media == "application/x-www-form-urlencoded") return await ParseFormAsync(request, type, settings.MaxParsedBodyBytes, cancellation).ConfigureAwait(false);
                if (options.Upload && type.Type == "multipart") return await MultipartForm.ParseAsync(request.Body, type, cancellation).ConfigureAwait(false);
            }
            return await ReadRawAsync(request, type, cancellation).ConfigureAwait(false);
        }
        catch (BodyTooLargeException)
        {
            return Reject(StatusCodes.Status413PayloadTooLarge, $"The request body is larger than the limit of {settings.MaxParsedBodyBytes} bytes.");
        }
        catch (BadHttpRequestException ex)
        {
            return Reject(ex.StatusCode, ex.StatusCode == StatusCodes.Status413PayloadTooLarge ? "The request body is larger than the server accepts." : ex.Message);
        }
    }

    /// <summary>type-is's hasBody: a Transfer-Encoding or a Content-Length header (HTTP/2 and 3: a body may follow the headers).</summary>
    internal static bool HasBody(HttpContext http)
    {
        var request = http.Request;
        if (request.ContentLength is not null || request.Headers.ContainsKey(HeaderNames.TransferEncoding)) return true;
        if (HttpProtocol.IsHttp10(request.Protocol) || HttpProtocol.IsHttp11(request.Protocol)) return false;
        return http.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody ?? false;
    }

    /// <summary>
    /// Node-RED skips parsing when "METHOD:path" as sent (// collapsed, one trailing / dropped) equals the node's
    /// configured url: case-sensitively, and never for a url with :params, which no request path equals.
    /// </summary>
    private static bool SkipApplies(HttpContext http, HttpInOptions options)
    {
        var path = RequestTarget.Of(http).FullPath;
        return string.Equals(NormalizeRoutePath(path), NormalizeRoutePath(http.Request.PathBase.Value + options.Url), StringComparison.Ordinal);
    }

    private static string NormalizeRoutePath(string path)
    {
        var sb = new StringBuilder(path.Length);
        foreach (var c in path)
        {
            if (c == '/' && sb.Length > 0 && sb[^1] == '/') continue;
            sb.Append(c);
        }
        if (sb.Length > 0 && sb[^1] == '/') sb.Length--;
        return sb.ToString();
    }

    private static async ValueTask<ParsedBody> ParseJsonAsync(HttpRequest request, RequestContentType type, long limit, CancellationToken cancellation)
    {
        var charset = type.Charset ?? "utf-8";
        if (!charset.StartsWith("utf-", StringComparison.Ordinal) || charset is not ("utf-8" or "utf-16" or "utf-16le" or "utf-16be"))
        {
            return UnsupportedCharset(charset);
        }
        var (stream, declared, encodingError) = ContentStream(request);
        if (encodingError is not null) return encodingError.Value;
        var bytes = await ReadLimitedAsync(stream, limit, declared, cancellation).ConfigureAwait(false);
        if (bytes is null) return DecompressionFailed();
        var text = DecodeJsonText(bytes, charset);
        if (text.Length == 0) return new ParsedBody(new JsObject(), null);
        var first = FirstNonWhitespace(text);
        if (first != '{' && first != '[')
        {
            return Reject(StatusCodes.Status400BadRequest, "A JSON body must be an object or an array (body-parser's strict mode).");
        }
        try
        {
            return new ParsedBody(JsJson.Parse(text), null);
        }
        catch (FormatException ex)
        {
            return Reject(StatusCodes.Status400BadRequest, "The JSON body is malformed: " + ex.Message);
        }
    }

    private static async ValueTask<ParsedBody> ParseFormAsync(HttpRequest request, RequestContentType type, long limit, CancellationToken cancellation)
    {
        var charset = type.Charset ?? "utf-8";
        if (charset != "utf-8") return UnsupportedCharset(charset);
        var (stream, declared, encodingError) = ContentStream(request);
        if (encodingError is not null) return encodingError.Value;
        var bytes = await ReadLimitedAsync(stream, limit, declared, cancellation).ConfigureAwait(false);
        if (bytes is null) return DecompressionFailed();
        var text = DecodeUtf8(bytes);
        if (text.Length == 0) return new ParsedBody(new JsObject(), null);
        if (QueryString.CountParameters(text, 1000) is not { } count)
        {
            return Reject(StatusCodes.Status413PayloadTooLarge, "The form has more than 1000 parameters.");
        }
        try
        {
            return new ParsedBody(QueryString.ParseForm(text, count), null);
        }
        catch (QueryDepthException ex)
        {
            return Reject(StatusCodes.Status400BadRequest, ex.Message);
        }
    }

    /// <summary>Node-RED's raw reader: text (UTF-8, whatever the charset says) for text/*, XML, other application/* types and no type; bytes otherwise.</summary>
    private static async ValueTask<ParsedBody> ReadRawAsync(HttpRequest request, RequestContentType? type, CancellationToken cancellation)
    {
        var bytes = await ReadAllAsync(request.Body, long.MaxValue, request.ContentLength, cancellation).ConfigureAwait(false);
        return new ParsedBody(IsText(type) ? DecodeUtf8(bytes) : bytes, null);
    }

    /// <summary>The raw reader's choice between a string and a Buffer.</summary>
    public static bool IsText(RequestContentType? type)
    {
        if (type is null || type.Type == "text") return true;
        if (type.Subtype == "xml" || type.Suffix == "xml") return true;
        if (type.Type != "application") return false;
        return type.Subtype is not ("octet-stream" or "cbor" or "x-protobuf");
    }

    /// <summary>body-parser's content stream: identity, gzip or deflate; any other Content-Encoding is a 415.</summary>
    private static (Stream Stream, long? Declared, ParsedBody? Error) ContentStream(HttpRequest request)
    {
        var header = request.Headers.ContentEncoding;
        var encoding = header.Count == 0 ? "identity" : string.Join(", ", header.ToArray()).ToLowerInvariant();
        return encoding switch
        {
            "identity" => (request.Body, request.ContentLength, null),
            "gzip" => (new GZipStream(request.Body, CompressionMode.Decompress, leaveOpen: true), null, null),
            "deflate" => (new ZLibStream(request.Body, CompressionMode.Decompress, leaveOpen: true), null, null),
            _ => (request.Body, null, Reject(StatusCodes.Status415UnsupportedMediaType, $"unsupported content encoding \"{encoding}\"")),
        };
    }

    /// <summary>Reads at most <paramref name="limit"/> bytes (after inflating); null when the compressed data is corrupt.</summary>
    private static async ValueTask<byte[]?> ReadLimitedAsync(Stream stream, long limit, long? declared, CancellationToken cancellation)
    {
        try
        {
            return await ReadAllAsync(stream, limit, declared, cancellation).ConfigureAwait(false);
        }
        catch (InvalidDataException)
        {
            return null;
        }
        finally
        {
            if (stream is GZipStream or ZLibStream) await stream.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>True when nothing follows (a body longer than its Content-Length is refused).</summary>
    private static async ValueTask<bool> IsAtEndAsync(Stream stream, CancellationToken cancellation)
    {
        var probe = System.Buffers.ArrayPool<byte>.Shared.Rent(1);
        try
        {
            return await stream.ReadAsync(probe.AsMemory(0, 1), cancellation).ConfigureAwait(false) == 0;
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(probe);
        }
    }

    private static async ValueTask<byte[]> ReadAllAsync(Stream stream, long limit, long? declared, CancellationToken cancellation)
    {
        if (declared > limit) throw new BodyTooLargeException();
        if (declared == 0) return Array.Empty<byte>();
        if (declared is > 0 and <= int.MaxValue)
        {
            // The common case: the length is known, so the body is read straight into its final array.
            var exact = new byte[declared.Value];
            var filled = 0;
            int n;
            while (filled < exact.Length && (n = await stream.ReadAsync(exact.AsMemory(filled), cancellation).ConfigureAwait(false)) > 0) filled += n;
            if (filled == exact.Length && await IsAtEndAsync(stream, cancellation).ConfigureAwait(false)) return exact;
            if (filled < exact.Length) return exact.AsSpan(0, filled).ToArray();
            throw new BadHttpRequestException("The request body is longer than its Content-Length.", StatusCodes.Status400BadRequest);
        }
        using var buffer = new MemoryStream();
        var chunk = System.Buffers.ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellation).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > limit) throw new BodyTooLargeException();
                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(chunk);
        }
        return buffer.Length == 0 ? Array.Empty<byte>() : buffer.ToArray();
    }

    /// <summary>UTF-8 as iconv-lite decodes it for raw-body: invalid bytes become U+FFFD and a leading BOM is dropped.</summary>
    internal static string DecodeUtf8(byte[] bytes)
    {
        var span = bytes.AsSpan();
        if (span.Length >= 3 && span[0] == 0xEF && span[1] == 0xBB && span[2] == 0xBF) span = span[3..];
        return Encoding.UTF8.GetString(span);
    }

    /// <summary>The charsets body-parser 1.20 (iconv-lite 0.4) reads JSON in that .NET can decode; utf-16 guesses the byte order as iconv-lite does.</summary>
    private static string DecodeJsonText(byte[] bytes, string charset)
    {
        if (charset == "utf-8") return DecodeUtf8(bytes);
        var bigEndian = charset == "utf-16be" || (charset == "utf-16" && GuessBigEndian(bytes));
        var text = (bigEndian ? Encoding.BigEndianUnicode : Encoding.Unicode).GetString(bytes);
        return text.Length > 0 && text[0] == '\uFEFF' ? text.Substring(1) : text;
    }

    private static bool GuessBigEndian(byte[] bytes)
    {
        if (bytes.Length < 2) return false;
        if (bytes[0] == 0xFE && bytes[1] == 0xFF) return true;
        if (bytes[0] == 0xFF && bytes[1] == 0xFE) return false;
        int asciiLittle = 0, asciiBig = 0;
        var length = Math.Min(bytes.Length - (bytes.Length % 2), 64);
        for (var i = 0; i < length; i += 2)
        {
            if (bytes[i] == 0 && bytes[i + 1] != 0) asciiBig++;
            if (bytes[i] != 0 && bytes[i + 1] == 0) asciiLittle++;
        }
        return asciiBig > asciiLittle;
    }

    private static char FirstNonWhitespace(string text)
    {
        foreach (var c in text)
        {
            if (c is not (' ' or '\t' or '\n' or '\r')) return c;
        }
        return '\0';
    }

    private static ParsedBody Reject(int status, string reason) => new(null, new BodyRejection(status, reason));

    private static ParsedBody UnsupportedCharset(string charset) =>
        Reject(StatusCodes.Status415UnsupportedMediaType, $"unsupported charset \"{charset.ToUpperInvariant()}\"");

    private static ParsedBody DecompressionFailed() =>
        Reject(StatusCodes.Status400BadRequest, "The request body could not be decompressed as its Content-Encoding says.");

    private sealed class BodyTooLargeException : Exception
    {
    }
}
