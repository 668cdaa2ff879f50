using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.AspNetCore.WebUtilities;

namespace FlowGen.Runtime;

/// <summary>
/// Writes the app's OpenAPI document: the flows' document as it is, plus an operation for every other endpoint the
/// app maps, described from its metadata (route pattern, HTTP methods, name, summary, tags, accepted and produced
/// content types) with Utf8JsonWriter, so it stays trim- and AOT-safe. An operation the document already has (the
/// same method on a path of the same shape) is never described twice. Schemas of CLR types are left out: describing
/// them would need reflection.
/// </summary>
internal static class OpenApiMerge
{
    private static readonly string[] Methods = { "get", "put", "post", "delete", "options", "head", "patch", "trace" };

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <param name="document">The flows' document.</param>
    /// <param name="title">When not null, replaces info.title (a document FlowGen generated is named after the app).</param>
    /// <param name="endpoints">The app's endpoints.</param>
    public static byte[] Write(string document, string? title, IReadOnlyList<Endpoint> endpoints)
    {
        using var json = JsonDocument.Parse(document);
        var root = json.RootElement;
        var existing = root.TryGetProperty("paths", out var paths) && paths.ValueKind == JsonValueKind.Object ? paths : default;
        var described = new HashSet<string>(StringComparer.Ordinal);
        var operationIds = new HashSet<string>(StringComparer.Ordinal);
        var pathOfShape = new Dictionary<string, string>(StringComparer.Ordinal);
        if (existing.ValueKind == JsonValueKind.Object)
        {
            foreach (var path in existing.EnumerateObject())
            {
                var shape = Shape(path.Name);
                pathOfShape.TryAdd(shape, path.Name);
                if (path.Value.ValueKind != JsonValueKind.Object) continue;
                foreach (var operation in path.Value.EnumerateObject())
                {
                    if (Array.IndexOf(Methods, operation.Name) < 0) continue;
                    described.Add(operation.Name + " " + shape);
                    if (operation.Value.ValueKind == JsonValueKind.Object && operation.Value.TryGetProperty("operationId", out var id) && id.ValueKind == JsonValueKind.String)
                    {
                        operationIds.Add(id.GetString()!);
                    }
                }
            }
        }

        // The operations to add, by path shape in the order the app maps them; a shape the document has goes under its path.
        var additions = new Dictionary<string, PathAddition>(StringComparer.Ordinal);
        var order = new List<PathAddition>();
        foreach (var endpoint in endpoints)
        {
            if (endpoint is not RouteEndpoint route) continue;
            if (route.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>() is { ExcludeFromDescription: true }) continue;
            if (route.Metadata.GetMetadata<IHttpMethodMetadata>() is not { HttpMethods.Count: > 0 } methods) continue;
            var (path, shape, parameters) = Describe(route.RoutePattern);
            foreach (var httpMethod in methods.HttpMethods)
            {
                var method = httpMethod.ToLowerInvariant();
                if (Array.IndexOf(Methods, method) < 0) continue;
                // HEAD comes with GET; it is not an operation of its own.
                if (method == "head" && Contains(methods.HttpMethods, HttpMethods.Get)) continue;
                if (!described.Add(method + " " + shape)) continue;
                if (!additions.TryGetValue(shape, out var addition))
                {
                    addition = new PathAddition(pathOfShape.TryGetValue(shape, out var documented) ? documented : path);
                    additions[shape] = addition;
                    order.Add(addition);
                }
                addition.Operations.Add((method, route, parameters));
            }
        }

        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            w.WriteStartObject();
            var wrotePaths = false;
            foreach (var property in root.EnumerateObject())
            {
                if (property.NameEquals("paths") && property.Value.ValueKind == JsonValueKind.Object)
                {
                    w.WritePropertyName("paths");
                    WritePaths(w, property.Value, additions, order, operationIds);
                    wrotePaths = true;
                }
                else if (title is not null && property.NameEquals("info") && property.Value.ValueKind == JsonValueKind.Object)
                {
                    w.WritePropertyName("info");
                    w.WriteStartObject();
                    w.WriteString("title", title);
                    foreach (var field in property.Value.EnumerateObject())
                    {
                        if (!field.NameEquals("title")) field.WriteTo(w);
                    }
                    w.WriteEndObject();
                }
                else
                {
                    property.WriteTo(w);
                }
            }
            if (!wrotePaths && order.Count > 0)
            {
                w.WritePropertyName("paths");
                WritePaths(w, default, additions, order, operationIds);
            }
            w.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private sealed class PathAddition(string path)
    {
        public string Path { get; } = path;

        public List<(string Method, RouteEndpoint Endpoint, List<RoutePatternParameterPart> Parameters)> Operations { get; } = new();

        public bool Written { get; set; }
    }

    private static bool Contains(IReadOnlyList<string> methods, string method)
    {
        foreach (var m in methods)
        {
            if (string.Equals(m, method, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    private static void WritePaths(Utf8JsonWriter w, JsonElement existing, Dictionary<string, PathAddition> additions, List<PathAddition> order, HashSet<string> operationIds)
    {
        w.WriteStartObject();
        if (existing.ValueKind == JsonValueKind.Object)
        {
            foreach (var path in existing.EnumerateObject())
            {
                if (path.Value.ValueKind != JsonValueKind.Object || !additions.TryGetValue(Shape(path.Name), out var addition) || addition.Written || addition.Path != path.Name)
                {
                    path.WriteTo(w);
                    continue;
                }
                w.WritePropertyName(path.Name);
                w.WriteStartObject();
                foreach (var field in path.Value.EnumerateObject()) field.WriteTo(w);
                WriteOperations(w, addition, operationIds);
                w.WriteEndObject();
            }
        }
        foreach (var addition in order)
        {
            if (addition.Written) continue;
            w.WritePropertyName(addition.Path);
            w.WriteStartObject();
            WriteOperations(w, addition, operationIds);
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }

    private static void WriteOperations(Utf8JsonWriter w, PathAddition addition, HashSet<string> operationIds)
    {
        addition.Written = true;
        // Parameters are named as the path names them, so an operation added under a documented path fits its template.
        var names = ParameterNames(addition.Path);
        foreach (var (method, endpoint, parameters) in addition.Operations)
        {
            w.WritePropertyName(method);
            WriteOperation(w, endpoint, parameters, names, operationIds);
        }
    }

    private static void WriteOperation(Utf8JsonWriter w, RouteEndpoint endpoint, List<RoutePatternParameterPart> parameters, List<string> names, HashSet<string> operationIds)
    {
        var metadata = endpoint.Metadata;
        w.WriteStartObject();
        if (metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName is { Length: > 0 } name && operationIds.Add(name)) w.WriteString("operationId", name);
        if (metadata.GetMetadata<IEndpointSummaryMetadata>()?.Summary is { Length: > 0 } summary) w.WriteString("summary", summary);
        if (metadata.GetMetadata<IEndpointDescriptionMetadata>()?.Description is { Length: > 0 } description) w.WriteString("description", description);

        var tags = new List<string>();
        foreach (var tagged in metadata.GetOrderedMetadata<ITagsMetadata>())
        {
            foreach (var tag in tagged.Tags)
            {
                if (!tags.Contains(tag)) tags.Add(tag);
            }
        }
        if (tags.Count > 0)
        {
            w.WriteStartArray("tags");
            foreach (var tag in tags) w.WriteStringValue(tag);
            w.WriteEndArray();
        }

        if (parameters.Count > 0)
        {
            w.WriteStartArray("parameters");
            for (var i = 0; i < parameters.Count; i++)
            {
                w.WriteStartObject();
                w.WriteString("name", i < names.Count ? names[i] : parameters[i].Name);
                w.WriteString("in", "path");
                w.WriteBoolean("required", true);
                w.WritePropertyName("schema");
                WriteParameterSchema(w, parameters[i]);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }

        if (metadata.GetMetadata<IAcceptsMetadata>() is { ContentTypes.Count: > 0 } accepts)
        {
            w.WriteStartObject("requestBody");
            w.WriteBoolean("required", !accepts.IsOptional);
            WriteContent(w, accepts.ContentTypes);
            w.WriteEndObject();
        }

        w.WriteStartObject("responses");
        var responses = new SortedDictionary<int, List<string>>();
        foreach (var produces in metadata.GetOrderedMetadata<IProducesResponseTypeMetadata>())
        {
            if (produces.StatusCode is < 100 or > 599) continue;
            if (!responses.TryGetValue(produces.StatusCode, out var types)) responses[produces.StatusCode] = types = new List<string>();
            foreach (var type in produces.ContentTypes)
            {
                if (!types.Contains(type)) types.Add(type);
            }
            // A typed result with no content type given is JSON, as ASP.NET's API explorer assumes.
            if (types.Count == 0 && produces.Type is { } clr && clr != typeof(void)) types.Add("application/json");
        }
        if (responses.Count == 0)
        {
            // Nothing says what it answers: any response.
            w.WriteStartObject("default");
            w.WriteString("description", "Response");
            w.WriteEndObject();
        }
        foreach (var (status, types) in responses)
        {
            w.WriteStartObject(status.ToString(CultureInfo.InvariantCulture));
            var phrase = ReasonPhrases.GetReasonPhrase(status);
            w.WriteString("description", phrase.Length > 0 ? phrase : "Status " + status.ToString(CultureInfo.InvariantCulture));
            if (types.Count > 0) WriteContent(w, types);
            w.WriteEndObject();
        }
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteContent(Utf8JsonWriter w, IEnumerable<string> types)
    {
        w.WriteStartObject("content");
        foreach (var type in types)
        {
            w.WriteStartObject(type);
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }

    /// <summary>The schema a route constraint tells: {id:int} is an integer; an unconstrained parameter is a string.</summary>
    private static void WriteParameterSchema(Utf8JsonWriter w, RoutePatternParameterPart parameter)
    {
        var (type, format) = ("string", (string?)null);
        foreach (var policy in parameter.ParameterPolicies)
        {
            (type, format) = policy.Content switch
            {
                "int" => ("integer", "int32"),
                "long" => ("integer", "int64"),
                "bool" => ("boolean", null),
                "double" => ("number", "double"),
                "float" => ("number", "float"),
                "decimal" => ("number", null),
                "guid" => ("string", "uuid"),
                "datetime" => ("string", "date-time"),
                _ => (type, format),
            };
        }
        w.WriteStartObject();
        w.WriteString("type", type);
        if (format is not null) w.WriteString("format", format);
        w.WriteEndObject();
    }

    /// <summary>
    /// An OpenAPI path for a route pattern, its shape (literals in lower case, every parameter "{}": routes and
    /// paths that differ only in parameter names or case are one path), and its parameters in order. A catch-all
    /// "{*rest}" and an optional "{id?}" become "{rest}" and "{id}": OpenAPI has no other form for them.
    /// </summary>
    internal static (string Path, string Shape, List<RoutePatternParameterPart> Parameters) Describe(RoutePattern pattern)
    {
        var path = new StringBuilder();
        var parameters = new List<RoutePatternParameterPart>();
        foreach (var segment in pattern.PathSegments)
        {
            path.Append('/');
            foreach (var part in segment.Parts)
            {
                switch (part)
                {
                    case RoutePatternLiteralPart literal:
                        // A literal brace would read as a parameter: it goes percent-encoded.
                        path.Append(literal.Content.Replace("{", "%7B", StringComparison.Ordinal).Replace("}", "%7D", StringComparison.Ordinal));
                        break;
                    case RoutePatternSeparatorPart separator:
                        path.Append(separator.Content);
                        break;
                    case RoutePatternParameterPart parameter:
                        path.Append('{').Append(parameter.Name).Append('}');
                        parameters.Add(parameter);
                        break;
                }
            }
        }
        var text = path.Length == 0 ? "/" : path.ToString();
        return (text, Shape(text), parameters);
    }

    /// <summary>"/Books/{id}/" -> "/books/{}".</summary>
    internal static string Shape(string path)
    {
        var sb = new StringBuilder(path.Length);
        for (var i = 0; i < path.Length; i++)
        {
            var c = path[i];
            if (c == '{')
            {
                var end = path.IndexOf('}', i);
                if (end < 0) end = path.Length - 1;
                sb.Append("{}");
                i = end;
            }
            else
            {
                sb.Append(char.ToLowerInvariant(c));
            }
        }
        while (sb.Length > 1 && sb[^1] == '/') sb.Length--;
        return sb.ToString();
    }

    /// <summary>The parameter names of an OpenAPI path in order: "/a/{x}/b/{y}" -> [x, y].</summary>
    private static List<string> ParameterNames(string path)
    {
        var names = new List<string>();
        for (var i = path.IndexOf('{'); i >= 0; i = path.IndexOf('{', i + 1))
        {
            var end = path.IndexOf('}', i);
            if (end < 0) break;
            names.Add(path.Substring(i + 1, end - i - 1));
            i = end;
        }
        return names;
    }
}
