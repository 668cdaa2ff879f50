using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;

namespace FlowGen.Contract.Tests;

/// <summary>The exact problem bodies FlowGen answers a refused request with.</summary>
internal static class Problems
{
    public const string BadRequestType = "https://tools.ietf.org/html/rfc9110#section-15.5.1";
    public const string UnsupportedMediaTypeType = "https://tools.ietf.org/html/rfc9110#section-15.5.16";

    /// <summary>Asserts a 400 whose body lists exactly these violations (a JSON array, as the body writes it).</summary>
    public static async Task AssertViolationsAsync(HttpResponseMessage response, string operation, string errors, bool truncated = false)
    {
        var count = errors == "[]" ? 0 : errors.Split("\"in\":").Length - 1;
        var summary = truncated ? $"the first {count} violations are listed." : count == 1 ? "1 violation." : $"{count} violations.";
        await AssertBodyAsync(response, HttpStatusCode.BadRequest,
            $"{{\"type\":\"{BadRequestType}\",\"title\":\"Bad Request\",\"status\":400,\"detail\":\"The request does not satisfy {operation}: {summary}\",\"request-id\":\"{{request-id}}\",\"errors\":{errors}}}");
    }

    /// <summary>Asserts a 415 with this detail.</summary>
    public static Task AssertUnsupportedAsync(HttpResponseMessage response, string detail) =>
        AssertBodyAsync(response, HttpStatusCode.UnsupportedMediaType,
            $"{{\"type\":\"{UnsupportedMediaTypeType}\",\"title\":\"Unsupported Media Type\",\"status\":415,\"detail\":\"{detail}\",\"request-id\":\"{{request-id}}\"}}");

    private static async Task AssertBodyAsync(HttpResponseMessage response, HttpStatusCode status, string expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        var requestId = response.Headers.GetValues("request-id").Single();
        Assert.Equal(expected.Replace("{request-id}", requestId), body);
    }
}
