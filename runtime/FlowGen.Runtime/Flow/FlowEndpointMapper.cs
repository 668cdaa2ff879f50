using System.Text;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FlowGen.Runtime;

/// <summary>Maps compiled flow handlers as RequestDelegate endpoints: no reflection, no Request Delegate Generator.</summary>
public static class FlowEndpointMapper
{
    public static IEndpointConventionBuilder Map(IEndpointRouteBuilder group, string template, string[] methods, RequestDelegate handler, string name) =>
        group.MapMethods(template, methods, handler).WithName(name).WithDisplayName("Flow " + name);

    /// <summary>
    /// Express answers OPTIONS on a known path itself: 200, Allow, and the list as the body. Plumbing, not an
    /// operation: left out of the OpenAPI document.
    /// </summary>
    public static void MapOptions(IEndpointRouteBuilder group, string template, string allow)
    {
        var body = Encoding.UTF8.GetBytes(allow);
        group.MapMethods(template, new[] { "OPTIONS" }, http =>
        {
            var response = http.Response;
            response.StatusCode = StatusCodes.Status200OK;
            response.Headers.Allow = allow;
            return HttpResponseNode.WriteBodyAsync(http, body, "text/html; charset=utf-8");
        }).WithDisplayName("Flow OPTIONS " + template).ExcludeFromDescription();
    }

}
