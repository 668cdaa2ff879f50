using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;

namespace FlowGen.Runtime.Tests.OpenApi;

/// <summary>The served document: the flows' document with the app's other endpoints added from their metadata.</summary>
public sealed class OpenApiMergeTests
{
    private const string Flows = """
        {"openapi":"3.1.0","info":{"title":"FlowGen flows","version":"1.0.0"},"paths":{
          "/books/{bookId}":{"get":{"operationId":"getBook","responses":{"200":{"description":"OK"}}}}}}
        """;

    private static RouteEndpoint Endpoint(string pattern, string[] methods, params object[] metadata) =>
        new(_ => System.Threading.Tasks.Task.CompletedTask, RoutePatternFactory.Parse(pattern), 0,
            new EndpointMetadataCollection(metadata.Prepend(new HttpMethodMetadata(methods))), pattern);

    private static JsonElement Merge(string document, string? title, params Endpoint[] endpoints)
    {
        var bytes = OpenApiMerge.Write(document, title, endpoints);
        return JsonDocument.Parse(bytes).RootElement.Clone();
    }

    [Fact]
    public void An_endpoint_the_document_lacks_is_described_from_its_metadata()
    {
        var health = Endpoint("/health/{probe:int}", new[] { "POST" },
            new EndpointNameMetadata("probeHealth"),
            new TagsAttribute("ops"),
            new EndpointSummaryAttribute("Runs a probe"),
            new AcceptsMetadata(new[] { "application/json" }, isOptional: true),
            new ProducesResponseTypeMetadata(200, typeof(string), new[] { "text/plain" }),
            new ProducesResponseTypeMetadata(404));

        var doc = Merge(Flows, null, health);

        var post = doc.GetProperty("paths").GetProperty("/health/{probe}").GetProperty("post");
        Assert.Equal("probeHealth", post.GetProperty("operationId").GetString());
        Assert.Equal("Runs a probe", post.GetProperty("summary").GetString());
        Assert.Equal("ops", post.GetProperty("tags")[0].GetString());
        var parameter = Assert.Single(post.GetProperty("parameters").EnumerateArray());
        Assert.Equal("probe", parameter.GetProperty("name").GetString());
        Assert.Equal("path", parameter.GetProperty("in").GetString());
        Assert.True(parameter.GetProperty("required").GetBoolean());
        Assert.Equal("integer", parameter.GetProperty("schema").GetProperty("type").GetString());
        Assert.False(post.GetProperty("requestBody").GetProperty("required").GetBoolean());
        Assert.True(post.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _));
        var responses = post.GetProperty("responses");
        Assert.Equal("OK", responses.GetProperty("200").GetProperty("description").GetString());
        Assert.True(responses.GetProperty("200").GetProperty("content").TryGetProperty("text/plain", out _));
        Assert.Equal("Not Found", responses.GetProperty("404").GetProperty("description").GetString());
        Assert.False(responses.GetProperty("404").TryGetProperty("content", out _));
        // The flows' own operation is untouched.
        Assert.Equal("getBook", doc.GetProperty("paths").GetProperty("/books/{bookId}").GetProperty("get").GetProperty("operationId").GetString());
    }

    [Fact]
    public void An_operation_the_document_has_is_never_described_twice_and_a_new_method_joins_its_path()
    {
        // The flow endpoint itself (another parameter name, another case) and a minimal API on the same path.
        var flow = Endpoint("/Books/{id}", new[] { "GET", "HEAD" });
        var delete = Endpoint("/books/{id:guid}", new[] { "DELETE" }, new EndpointNameMetadata("deleteBook"));

        var doc = Merge(Flows, null, flow, delete);

        var paths = doc.GetProperty("paths");
        Assert.Single(paths.EnumerateObject());
        var item = paths.GetProperty("/books/{bookId}");
        Assert.Equal(new[] { "get", "delete" }, item.EnumerateObject().Select(p => p.Name));
        Assert.Equal("getBook", item.GetProperty("get").GetProperty("operationId").GetString());
        var parameter = Assert.Single(item.GetProperty("delete").GetProperty("parameters").EnumerateArray());
        Assert.Equal("bookId", parameter.GetProperty("name").GetString());
        Assert.Equal("uuid", parameter.GetProperty("schema").GetProperty("format").GetString());
    }

    [Fact]
    public void Endpoints_excluded_from_description_without_methods_or_for_HEAD_beside_GET_are_left_out()
    {
        var excluded = Endpoint("/openapi/v1.json", new[] { "GET" }, new ExcludeFromDescriptionAttribute());
        var anyMethod = new RouteEndpoint(_ => System.Threading.Tasks.Task.CompletedTask, RoutePatternFactory.Parse("/hub"), 0, EndpointMetadataCollection.Empty, "hub");
        var headOnly = Endpoint("/ping", new[] { "HEAD" });

        var doc = Merge(Flows, null, excluded, anyMethod, headOnly);

        var paths = doc.GetProperty("paths");
        Assert.Equal(new[] { "/books/{bookId}", "/ping" }, paths.EnumerateObject().Select(p => p.Name));
        Assert.Equal(new[] { "head" }, paths.GetProperty("/ping").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void An_endpoint_that_says_nothing_of_its_responses_gets_a_default_response()
    {
        var doc = Merge(Flows, null, Endpoint("/files/{*path}", new[] { "GET" }));

        var get = doc.GetProperty("paths").GetProperty("/files/{path}").GetProperty("get");
        Assert.Equal("Response", get.GetProperty("responses").GetProperty("default").GetProperty("description").GetString());
        Assert.Equal("path", get.GetProperty("parameters")[0].GetProperty("name").GetString());
    }

    [Fact]
    public void A_generated_document_is_named_after_the_app_and_a_document_without_paths_gets_them()
    {
        var doc = Merge("""{"openapi":"3.1.0","info":{"title":"FlowGen flows","version":"1.0.0"}}""", "Bookstore", Endpoint("/x", new[] { "GET" }));

        Assert.Equal("Bookstore", doc.GetProperty("info").GetProperty("title").GetString());
        Assert.Equal("1.0.0", doc.GetProperty("info").GetProperty("version").GetString());
        Assert.True(doc.GetProperty("paths").TryGetProperty("/x", out _));
    }

    [Fact]
    public void An_operationId_the_document_already_uses_is_not_given_twice()
    {
        var doc = Merge(Flows, null, Endpoint("/other", new[] { "GET" }, new EndpointNameMetadata("getBook")));

        Assert.False(doc.GetProperty("paths").GetProperty("/other").GetProperty("get").TryGetProperty("operationId", out _));
    }

    [Theory]
    [InlineData("/Books/{id}/", "/books/{}")]
    [InlineData("/a/{x}.{y}", "/a/{}.{}")]
    [InlineData("/", "/")]
    public void Paths_of_the_same_shape_are_one_path(string path, string shape) => Assert.Equal(shape, OpenApiMerge.Shape(path));

    [Fact]
    public void Media_types_keep_their_plus_signs()
    {
        var text = System.Text.Encoding.UTF8.GetString(OpenApiMerge.Write(Flows, null, new Endpoint[]
        {
            Endpoint("/problem", new[] { "GET" }, new ProducesResponseTypeMetadata(400, null, new[] { "application/problem+json" })),
        }));

        Assert.Contains("\"application/problem+json\"", text);
    }
}
