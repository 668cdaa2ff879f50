using System;
using System.Text;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace FlowGen.Bench;

/// <summary>The upstream of the http request scenario: an item whose id is the query's digits.</summary>
public static class BenchUpstream
{
    private static readonly byte[] Head = "{\"id\":"u8.ToArray();
    private static readonly byte[] Tail = ",\"name\":\"Widget\",\"price\":9.5,\"tags\":[\"a\",\"b\"],\"stock\":{\"warehouse\":\"north\",\"count\":120}}"u8.ToArray();

    public static Task Answer(HttpContext http)
    {
        var response = http.Response;
        var query = http.Request.QueryString.Value ?? "";
        if (http.Request.Path.Value != "/item" || !query.StartsWith("?id=", StringComparison.Ordinal) || query.Length == 4 || !IsDigits(query.AsSpan(4)))
        {
            response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }
        var id = Encoding.ASCII.GetBytes(query[4..]);
        var body = new byte[Head.Length + id.Length + Tail.Length];
        Head.CopyTo(body, 0);
        id.CopyTo(body, Head.Length);
        Tail.CopyTo(body, Head.Length + id.Length);
        response.ContentType = "application/json";
        response.ContentLength = body.Length;
        return response.Body.WriteAsync(body, 0, body.Length);
    }

    private static bool IsDigits(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c)) return false;
        }
        return true;
    }
}
