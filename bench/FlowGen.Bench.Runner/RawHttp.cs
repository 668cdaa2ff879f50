using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace FlowGen.Bench.Runner;

/// <summary>A response as it came off the wire: status, headers in order (repeats kept), body bytes.</summary>
internal sealed record HttpAnswer(int Status, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Body)
{
    public IEnumerable<string> All(string name)
    {
        foreach (var (n, v) in Headers)
        {
            if (n.Equals(name, StringComparison.OrdinalIgnoreCase)) yield return v;
        }
    }

    public string Describe()
    {
        var text = new StringBuilder().Append(Status.ToString(CultureInfo.InvariantCulture)).Append('\n');
        foreach (var (n, v) in Headers) text.Append(n).Append(": ").Append(v).Append('\n');
        return text.Append('\n').Append(Encoding.UTF8.GetString(Body)).ToString();
    }
}

/// <summary>
/// One HTTP/1.1 exchange over a plain socket, with the request bytes wrk sends (Host, and Content-Type and
/// Content-Length when there is a body), so what is checked is exactly what is loaded.
/// </summary>
internal static class RawHttp
{
    public static byte[] RequestBytes(int port, BenchRequest request)
    {
        var body = request.Body is null ? null : Encoding.UTF8.GetBytes(request.Body);
        var head = new StringBuilder()
            .Append(request.Method).Append(' ').Append(request.Path).Append(" HTTP/1.1\r\n")
            .Append("Host: 127.0.0.1:").Append(port.ToString(CultureInfo.InvariantCulture)).Append("\r\n");
        if (request.ContentType is not null) head.Append("Content-Type: ").Append(request.ContentType).Append("\r\n");
        if (body is not null) head.Append("Content-Length: ").Append(body.Length.ToString(CultureInfo.InvariantCulture)).Append("\r\n");
        head.Append("\r\n");
        var bytes = Encoding.ASCII.GetBytes(head.ToString());
        return body is null ? bytes : [.. bytes, .. body];
    }

    /// <summary>Sends the request; throws SocketException while nothing listens (used to wait for a start).</summary>
    public static HttpAnswer Send(int port, BenchRequest request, TimeSpan timeout)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        socket.ReceiveTimeout = socket.SendTimeout = (int)timeout.TotalMilliseconds;
        socket.Connect(new IPEndPoint(IPAddress.Loopback, port));
        socket.Send(RequestBytes(port, request));
        using var stream = new NetworkStream(socket, ownsSocket: false);
        return Read(stream, request.Method == "HEAD");
    }

    private static HttpAnswer Read(Stream stream, bool head)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int headerEnd;
        while ((headerEnd = IndexOf(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), "\r\n\r\n"u8)) < 0)
        {
            var read = stream.Read(chunk);
            if (read == 0) throw new IOException("the connection closed before the response headers ended");
            buffer.Write(chunk, 0, read);
        }
        var all = buffer.ToArray();
        var lines = Encoding.ASCII.GetString(all, 0, headerEnd).Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1], CultureInfo.InvariantCulture);
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var line in lines[1..])
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            headers.Add(new(line[..colon].Trim(), line[(colon + 1)..].Trim()));
        }
        var answer = new HttpAnswer(status, headers, []);
        var rest = new MemoryStream();
        rest.Write(all, headerEnd + 4, all.Length - headerEnd - 4);
        if (head || status is 204 or 304) return answer;

        var length = First(answer, "content-length");
        if (length is not null)
        {
            var want = int.Parse(length, CultureInfo.InvariantCulture);
            while (rest.Length < want)
            {
                var read = stream.Read(chunk);
                if (read == 0) throw new IOException("the connection closed before the body ended");
                rest.Write(chunk, 0, read);
            }
            return answer with { Body = rest.ToArray()[..want] };
        }
        if (First(answer, "transfer-encoding") is { } coding && coding.Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            return answer with { Body = Dechunk(stream, rest, chunk) };
        }
        throw new IOException("the response has neither Content-Length nor chunked encoding");
    }

    private static byte[] Dechunk(Stream stream, MemoryStream pending, byte[] chunk)
    {
        var body = new MemoryStream();
        var data = pending.ToArray();
        var at = 0;
        while (true)
        {
            int lineEnd;
            while ((lineEnd = IndexOf(data.AsSpan(at), "\r\n"u8)) < 0) data = More(stream, data, chunk);
            var size = int.Parse(Encoding.ASCII.GetString(data, at, lineEnd).Split(';')[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            at += lineEnd + 2;
            while (data.Length < at + size + 2) data = More(stream, data, chunk);
            if (size == 0) return body.ToArray();
            body.Write(data, at, size);
            at += size + 2;
        }
    }

    private static byte[] More(Stream stream, byte[] data, byte[] chunk)
    {
        var read = stream.Read(chunk);
        if (read == 0) throw new IOException("the connection closed inside a chunked body");
        return [.. data, .. chunk.AsSpan(0, read)];
    }

    private static string? First(HttpAnswer answer, string name)
    {
        foreach (var value in answer.All(name)) return value;
        return null;
    }

    private static int IndexOf(ReadOnlySpan<byte> text, ReadOnlySpan<byte> value) => text.IndexOf(value);
}
