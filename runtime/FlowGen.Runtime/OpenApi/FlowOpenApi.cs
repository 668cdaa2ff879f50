using System;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Primitives;

namespace FlowGen.Runtime;

/// <summary>
/// Serves the app's one OpenAPI document: the flows' description made at build time (the project's own document, or
/// one generated from the flows) with every other endpoint of the app added from ASP.NET Core's endpoint metadata.
/// ASP.NET's API explorer skips the flows' RequestDelegate endpoints, so FlowGen writes the document itself.
/// Generated <c>MapFlowsOpenApi</c> calls this with the build-time document.
/// </summary>
public static class FlowOpenApi
{
    /// <summary>Where the document is served unless the app says otherwise, as ASP.NET's own MapOpenApi does.</summary>
    public const string DefaultPattern = "/openapi/v1.json";

    /// <param name="endpoints">The app (or a group) to map the document endpoint on.</param>
    /// <param name="pattern">The route of the document.</param>
    /// <param name="document">The flows' OpenAPI document as JSON.</param>
    /// <param name="generated">
    /// True when FlowGen generated the document from the flows (no project document): its title is then the app's name.
    /// </param>
    public static IEndpointConventionBuilder Map(IEndpointRouteBuilder endpoints, string pattern, string document, bool generated)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(document);
        var served = new ServedDocument(document, generated);
        return endpoints.MapGet(pattern, served.WriteAsync)
            .ExcludeFromDescription()
            .WithDisplayName("FlowGen OpenAPI document");
    }

    /// <summary>The merged document, written once and again only when the app's endpoints change.</summary>
    private sealed class ServedDocument(string document, bool generated)
    {
        private volatile Snapshot? _current;

        public Task WriteAsync(HttpContext http)
        {
            var services = http.RequestServices;
            var source = services.GetRequiredService<EndpointDataSource>();
            var current = _current;
            if (current is null || current.Token.HasChanged)
            {
                // The token first: an endpoint added while writing makes the next request write again.
                var token = source.GetChangeToken();
                var title = generated ? services.GetService<IHostEnvironment>()?.ApplicationName : null;
                current = new Snapshot(OpenApiMerge.Write(document, title, source.Endpoints), token);
                _current = current;
            }
            var bytes = current.Bytes;
            var response = http.Response;
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = "application/json; charset=utf-8";
            response.ContentLength = bytes.Length;
            return response.Body.WriteAsync(bytes, 0, bytes.Length, http.RequestAborted);
        }

        private sealed record Snapshot(byte[] Bytes, IChangeToken Token);
    }
}
