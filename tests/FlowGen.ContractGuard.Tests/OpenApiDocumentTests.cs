using System.Linq;
using System.Net;
using System.Text.Json;
using System.Threading.Tasks;

namespace FlowGen.ContractGuard.Tests;

/// <summary>The app's one OpenAPI document: guard.openapi.json with the app's other endpoints added, none twice.</summary>
public sealed class OpenApiDocumentTests(ErrorModeHost host) : IClassFixture<ErrorModeHost>
{
    private async Task<JsonElement> DocumentAsync()
    {
        var response = await host.Client.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    [Fact]
    public async Task The_document_is_the_projects_with_its_flow_operations_described_once()
    {
        var doc = await DocumentAsync();

        Assert.Equal("3.1.0", doc.GetProperty("openapi").GetString());
        Assert.Equal("Guarded shop", doc.GetProperty("info").GetProperty("title").GetString());
        var paths = doc.GetProperty("paths");
        var getItem = paths.GetProperty("/items/{itemId}").GetProperty("get");
        Assert.Equal("getItem", getItem.GetProperty("operationId").GetString());
        Assert.Equal(new[] { "200", "404", "5XX" }, getItem.GetProperty("responses").EnumerateObject().Select(r => r.Name));
        Assert.Equal(new[] { "get", "post" }, paths.GetProperty("/notes").EnumerateObject().Select(p => p.Name));
        // Every operation once; FlowGen's own OPTIONS answers and the document endpoint are no operations.
        var operations = paths.EnumerateObject().SelectMany(p => p.Value.EnumerateObject().Select(o => o.Name.ToUpperInvariant() + " " + p.Name)).ToList();
        Assert.Equal(operations.Distinct().Count(), operations.Count);
        Assert.DoesNotContain(operations, o => o.StartsWith("OPTIONS ") || o.StartsWith("HEAD "));
        Assert.False(paths.TryGetProperty("/openapi/v1.json", out _));
    }

    [Fact]
    public async Task The_apps_minimal_APIs_are_in_the_same_document()
    {
        var paths = (await DocumentAsync()).GetProperty("paths");

        var health = paths.GetProperty("/health").GetProperty("get");
        Assert.Equal("health", health.GetProperty("operationId").GetString());
        Assert.Equal("ops", Assert.Single(health.GetProperty("tags").EnumerateArray()).GetString());
        Assert.True(health.GetProperty("responses").GetProperty("200").GetProperty("content").TryGetProperty("text/plain", out _));

        // Beside the flow operation on the same path, its parameter named as the document names it.
        var delete = paths.GetProperty("/items/{itemId}").GetProperty("delete");
        Assert.Equal("deleteItem", delete.GetProperty("operationId").GetString());
        Assert.Equal("itemId", Assert.Single(delete.GetProperty("parameters").EnumerateArray()).GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_flow_endpoint_the_document_lacks_is_added_from_its_endpoint()
    {
        var paths = (await DocumentAsync()).GetProperty("paths");

        var extra = paths.GetProperty("/extra").GetProperty("get");
        Assert.Equal("Extra", extra.GetProperty("operationId").GetString());
    }
}
