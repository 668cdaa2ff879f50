using System.Linq;
using FlowGen.Compiler.Helpers;

namespace FlowGen.Compiler.OpenApi;

/// <summary>
/// What an endpoint's OpenAPI operation declares about its responses, reduced to what the run-time guard checks:
/// emitted as a static table per bound endpoint (FlowGen.Runtime.ResponseContract), so nothing is parsed at run time.
/// </summary>
/// <param name="Operation">The operation as logs name it: "getBook (GET /books/{id})".</param>
public sealed record ResponseContract(string Operation, EquatableArray<DeclaredResponse> Responses)
{
    public static ResponseContract Of(ApiOperation operation) => new(
        operation.DisplayName,
        operation.Responses.Select(r => new DeclaredResponse(
            r.Key,
            r.Headers.Select(h => new DeclaredHeader(h.Name, h.Required)).ToEquatableArray(),
            r.Content.Select(c => c.Name).ToEquatableArray())).ToEquatableArray());
}

/// <summary>A declared response: its key ("200", "4XX", "default"), headers, and media types (none: no body).</summary>
public sealed record DeclaredResponse(string Key, EquatableArray<DeclaredHeader> Headers, EquatableArray<string> Content);

/// <summary>A declared response header.</summary>
public sealed record DeclaredHeader(string Name, bool Required);

/// <summary>
/// A response a flow can produce, as the build sees it: a status ("404") or "default" when the status is only known
/// at run time, and the media types of its body (none: no body). Describes the flow endpoints in the OpenAPI document
/// FlowGen generates when the project has none.
/// </summary>
public sealed record ProducedResponse(string Key, EquatableArray<string> Content);
