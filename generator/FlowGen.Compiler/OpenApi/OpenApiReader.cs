using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using FlowGen.Compiler.Binding;
using FlowGen.Compiler.Diagnostics;
using FlowGen.Compiler.Helpers;
using FlowGen.Compiler.Json;
using Microsoft.CodeAnalysis.Text;

namespace FlowGen.Compiler.OpenApi;

/// <summary>
/// Reads the project's OpenAPI document (3.0 or 3.1, JSON or YAML) into its <see cref="ApiContract"/>: operations,
/// parameters, bodies, responses and schemas, local <c>$ref</c>s resolved. Both formats become the compiler's
/// span-keeping JSON tree first, so every diagnostic points into the document whatever its format. Never throws
/// on bad input: what cannot be read is a diagnostic, and what can still be read is kept.
/// </summary>
public static class OpenApiReader
{
    private static readonly string[] Methods = { "get", "put", "post", "delete", "options", "head", "patch", "trace" };

    /// <summary>Keywords FlowGen reads; any other validation keyword of JSON Schema is reported as not enforced.</summary>
    private static readonly HashSet<string> UnenforcedKeywords = new(StringComparer.Ordinal)
    {
        "prefixItems", "contains", "minContains", "maxContains", "patternProperties", "propertyNames",
        "dependentRequired", "dependentSchemas", "if", "then", "else", "unevaluatedItems", "unevaluatedProperties",
    };

    /// <summary>The contract of the project from its OpenAPI files; <see cref="ApiContract.None"/> when it has none.</summary>
    public static ApiContract ReadContract(IReadOnlyList<(string Path, SourceText? Text)> files, CancellationToken cancellationToken = default)
    {
        if (files.Count == 0) return ApiContract.None;
        var diagnostics = new List<DiagnosticInfo>();
        // The order of additional files is the project's; the document used must not depend on it.
        var ordered = files.OrderBy(f => f.Path, StringComparer.Ordinal).ToList();
        var (path, text) = ordered[0];
        foreach (var extra in ordered.Skip(1))
        {
            diagnostics.Add(DiagnosticInfo.Create(FlowDiagnostics.SeveralOpenApiDocuments, new SourceLocation(extra.Path, default, default), path));
        }
        ApiDocument? document = null;
        if (text is null)
        {
            diagnostics.Add(DiagnosticInfo.Create(FlowDiagnostics.InternalError, new SourceLocation(path, default, default), $"the file {path} could not be read"));
        }
        else
        {
            try
            {
                document = Read(path, text, diagnostics, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                diagnostics.Add(DiagnosticInfo.Create(FlowDiagnostics.InternalError, new SourceLocation(path, default, default), $"{ex.GetType().Name}: {ex.Message}"));
                document = null;
            }
        }
        return new ApiContract(document, diagnostics.Distinct().ToEquatableArray());
    }

    /// <summary>Reads one document; null when it cannot be read at all (the reason is in <paramref name="diagnostics"/>).</summary>
    public static ApiDocument? Read(string path, SourceText text, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken = default)
    {
        var yaml = !path.EndsWith(".json", StringComparison.OrdinalIgnoreCase);
        var source = text.ToString();
        var root = yaml ? Yaml.YamlParser.Parse(source, out var error) : JsonParser.Parse(source, out error);
        if (root is null)
        {
            diagnostics.Add(DiagnosticInfo.Create(FlowDiagnostics.MalformedOpenApi, FlowReader.Locate(path, text, error!.Span), yaml ? "YAML" : "JSON", error.Message));
            return null;
        }
        cancellationToken.ThrowIfCancellationRequested();
        return new Reader(path, text, root, diagnostics).Document();
    }

    private sealed class Reader
    {
        private readonly string _path;
        private readonly SourceText _text;
        private readonly JsonSyntax _root;
        private readonly List<DiagnosticInfo> _diagnostics;
        private readonly List<ApiSchema?> _schemas = new();
        private readonly Dictionary<JsonSyntax, int> _schemaIndex = new();
        private bool _is31;

        public Reader(string path, SourceText text, JsonSyntax root, List<DiagnosticInfo> diagnostics)
        {
            _path = path;
            _text = text;
            _root = root;
            _diagnostics = diagnostics;
        }

        public ApiDocument? Document()
        {
            if (_root is not JsonObjectSyntax root)
            {
                Report(FlowDiagnostics.NotOpenApi3, _root, $"the document is {_root.KindName}, not an object");
                return null;
            }
            if (root.GetProperty("swagger") is { } swagger)
            {
                Report(FlowDiagnostics.NotOpenApi3, swagger.Value, "this is a Swagger 2.0 document; convert it to OpenAPI 3 (for example with the Swagger editor's converter)");
                return null;
            }
            var version = root["openapi"] as JsonStringSyntax;
            if (version is null || !(version.Value.StartsWith("3.0", StringComparison.Ordinal) || version.Value.StartsWith("3.1", StringComparison.Ordinal)))
            {
                Report(FlowDiagnostics.NotOpenApi3, (JsonSyntax?)root["openapi"] ?? root,
                    version is null ? "the \"openapi\" field (\"3.0.3\" or \"3.1.0\") is missing or not a string" : $"the version is '{version.Value}'");
                return null;
            }
            _is31 = version.Value.StartsWith("3.1", StringComparison.Ordinal);
            var title = (root["info"] as JsonObjectSyntax)?["title"] is JsonStringSyntax t ? t.Value : "";

            // Components first, so the table starts with the named schemas in the document's order.
            if (Object(Resolve(root["components"]), "components") is { } components && Object(components["schemas"], "components.schemas") is { } named)
            {
                foreach (var property in named.Properties) Schema(property.Value, property.Name);
            }

            var operations = new List<ApiOperation>();
            if (root["paths"] is { } pathsValue && Object(pathsValue, "paths") is { } paths)
            {
                foreach (var pathItem in paths.Properties) ReadPathItem(pathItem, operations);
            }
            CheckOperationIds(operations);
            var schemas = _schemas.Select(s => s!).ToEquatableArray();
            return new ApiDocument(_path, version.Value, title, JsonWriter.Compact(root), operations.ToEquatableArray(), schemas, Locate(root));
        }

        private void ReadPathItem(JsonPropertySyntax pathItem, List<ApiOperation> operations)
        {
            if (!pathItem.Name.StartsWith("/", StringComparison.Ordinal))
            {
                ReportAt(FlowDiagnostics.InvalidOpenApi, pathItem.NameSpan, $"The path '{pathItem.Name}' must start with '/'");
                return;
            }
            if (Object(Resolve(pathItem.Value), $"paths.{pathItem.Name}") is not { } item) return;
            var shared = Parameters(item["parameters"], pathItem.Name);
            foreach (var property in item.Properties)
            {
                var method = property.Name;
                if (Array.IndexOf(Methods, method) < 0) continue;
                if (Object(Resolve(property.Value), $"{pathItem.Name} {method}") is not { } operation) continue;
                var own = Parameters(operation["parameters"], $"{method.ToUpperInvariant()} {pathItem.Name}");
                // The operation's parameters override the path item's of the same name and place.
                var parameters = own.Concat(shared.Where(s => !own.Any(o => o.Name == s.Name && o.In == s.In))).ToList();
                var location = FlowReader.Locate(_path, _text, property.NameSpan);
                CheckPathParameters(pathItem.Name, method, parameters, location);
                operations.Add(new ApiOperation(
                    method,
                    pathItem.Name,
                    operation["operationId"] is JsonStringSyntax id ? id.Value : null,
                    (operation["tags"] as JsonArraySyntax)?.Items.OfType<JsonStringSyntax>().Select(s => s.Value).ToEquatableArray() ?? EquatableArray<string>.Empty,
                    parameters.ToEquatableArray(),
                    RequestBody(operation["requestBody"]),
                    Responses(operation["responses"], $"{method.ToUpperInvariant()} {pathItem.Name}"),
                    location));
            }
        }

        /// <summary>Every "{name}" of the path needs a path parameter, and a path parameter needs its "{name}".</summary>
        private void CheckPathParameters(string path, string method, List<ApiParameter> parameters, SourceLocation location)
        {
            var names = OperationBinder.PathParameterNames(path);
            foreach (var name in names.Where(n => !parameters.Any(p => p.In == ApiParameterLocation.Path && p.Name == n)))
            {
                _diagnostics.Add(DiagnosticInfo.Create(FlowDiagnostics.InvalidOpenApi, location,
                    $"{method.ToUpperInvariant()} {path}: the path parameter '{{{name}}}' is not declared in the operation's or the path's parameters"));
            }
            foreach (var parameter in parameters.Where(p => p.In == ApiParameterLocation.Path && !names.Contains(p.Name)))
            {
                _diagnostics.Add(DiagnosticInfo.Create(FlowDiagnostics.InvalidOpenApi, parameter.Location,
                    $"{method.ToUpperInvariant()} {path}: the path parameter '{parameter.Name}' does not appear in the path"));
            }
        }

        private void CheckOperationIds(List<ApiOperation> operations)
        {
            foreach (var group in operations.Where(o => o.OperationId is not null).GroupBy(o => o.OperationId))
            {
                foreach (var duplicate in group.Skip(1))
                {
                    _diagnostics.Add(DiagnosticInfo.Create(FlowDiagnostics.InvalidOpenApi, duplicate.Location,
                        $"The operationId '{group.Key}' is used by {group.First().Method.ToUpperInvariant()} {group.First().Path} and {duplicate.Method.ToUpperInvariant()} {duplicate.Path}; operationIds must be unique"));
                }
            }
        }

        private List<ApiParameter> Parameters(JsonSyntax? value, string owner)
        {
            var parameters = new List<ApiParameter>();
            if (value is null) return parameters;
            if (value is not JsonArraySyntax array)
            {
                Report(FlowDiagnostics.InvalidOpenApi, value, $"{owner}: 'parameters' must be an array, not {value.KindName}");
                return parameters;
            }
            foreach (var item in array.Items)
            {
                if (Object(Resolve(item), $"{owner}: a parameter") is not { } parameter) continue;
                var name = parameter["name"] as JsonStringSyntax;
                var place = parameter["in"] as JsonStringSyntax;
                if (name is null || name.Value.Length == 0)
                {
                    Report(FlowDiagnostics.InvalidOpenApi, parameter, $"{owner}: a parameter needs a 'name'");
                    continue;
                }
                ApiParameterLocation location;
                switch (place?.Value)
                {
                    case "path": location = ApiParameterLocation.Path; break;
                    case "query": location = ApiParameterLocation.Query; break;
                    case "header": location = ApiParameterLocation.Header; break;
                    case "cookie": location = ApiParameterLocation.Cookie; break;
                    default:
                        Report(FlowDiagnostics.InvalidOpenApi, (JsonSyntax?)place ?? parameter, $"{owner}: parameter '{name.Value}' needs 'in' set to path, query, header or cookie");
                        continue;
                }
                var required = parameter["required"] is JsonBooleanSyntax { Value: true };
                if (location == ApiParameterLocation.Path && !required)
                {
                    Report(FlowDiagnostics.InvalidOpenApi, (JsonSyntax?)parameter["required"] ?? parameter, $"{owner}: path parameter '{name.Value}' must have 'required: true'");
                    required = true;
                }
                var schema = parameter["schema"] is { } s ? Schema(s) : ContentSchema(parameter["content"]);
                if (parameters.Any(p => p.Name == name.Value && p.In == location))
                {
                    Report(FlowDiagnostics.InvalidOpenApi, name, $"{owner}: parameter '{name.Value}' in {place!.Value} is declared twice");
                    continue;
                }
                parameters.Add(new ApiParameter(name.Value, location, required, schema, Locate(parameter)));
            }
            return parameters;
        }

        /// <summary>A parameter described with 'content' instead of 'schema': the schema of its one media type.</summary>
        private int ContentSchema(JsonSyntax? content)
        {
            if (Object(content, "content") is not { Properties.Count: > 0 } media) return -1;
            return Object(Resolve(media.Properties[0].Value), "a media type")?["schema"] is { } schema ? Schema(schema) : -1;
        }

        private ApiRequestBody? RequestBody(JsonSyntax? value)
        {
            if (value is null || Object(Resolve(value), "requestBody") is not { } body) return null;
            return new ApiRequestBody(body["required"] is JsonBooleanSyntax { Value: true }, Content(body["content"]), Locate(body));
        }

        private EquatableArray<ApiMediaType> Content(JsonSyntax? value)
        {
            if (value is null || Object(value, "content") is not { } content) return EquatableArray<ApiMediaType>.Empty;
            var media = new List<ApiMediaType>();
            foreach (var property in content.Properties)
            {
                var item = Object(Resolve(property.Value), $"media type '{property.Name}'");
                var schema = item?["schema"] is { } s ? Schema(s) : -1;
                media.Add(new ApiMediaType(property.Name, schema, FlowReader.Locate(_path, _text, property.NameSpan)));
            }
            return media.ToEquatableArray();
        }

        private EquatableArray<ApiResponse> Responses(JsonSyntax? value, string owner)
        {
            if (value is null) return EquatableArray<ApiResponse>.Empty;
            if (Object(value, $"{owner}: responses") is not { } responses) return EquatableArray<ApiResponse>.Empty;
            var list = new List<ApiResponse>();
            foreach (var property in responses.Properties)
            {
                if (property.Name.StartsWith("x-", StringComparison.Ordinal)) continue;
                if (!IsResponseKey(property.Name))
                {
                    ReportAt(FlowDiagnostics.InvalidOpenApi, property.NameSpan,
                        $"{owner}: the response key '{property.Name}' is not a status code (100–599), a range (1XX–5XX) or 'default'");
                    continue;
                }
                if (Object(Resolve(property.Value), $"{owner}: response {property.Name}") is not { } response) continue;
                var headers = new List<ApiHeader>();
                if (response["headers"] is { } headersValue && Object(headersValue, $"{owner}: response {property.Name} headers") is { } declared)
                {
                    foreach (var header in declared.Properties)
                    {
                        var item = Object(Resolve(header.Value), $"header '{header.Name}'");
                        var schema = item?["schema"] is { } s ? Schema(s) : ContentSchema(item?["content"]);
                        headers.Add(new ApiHeader(header.Name, item?["required"] is JsonBooleanSyntax { Value: true }, schema, FlowReader.Locate(_path, _text, header.NameSpan)));
                    }
                }
                list.Add(new ApiResponse(property.Name.ToUpperInvariant() == "DEFAULT" ? "default" : property.Name.ToUpperInvariant(),
                    headers.ToEquatableArray(), Content(response["content"]), FlowReader.Locate(_path, _text, property.NameSpan)));
            }
            return list.ToEquatableArray();
        }

        private static bool IsResponseKey(string key)
        {
            if (key == "default") return true;
            if (key.Length != 3 || key[0] < '1' || key[0] > '5') return false;
            if ((key[1] == 'X' || key[1] == 'x') && (key[2] == 'X' || key[2] == 'x')) return true;
            return char.IsDigit(key[1]) && char.IsDigit(key[2]);
        }

        /// <summary>
        /// The index of a schema in the table. Each schema object of the document gets one index, taken before its
        /// parts are read, so a schema that refers to itself (directly or through others) refers to its own index.
        /// </summary>
        private int Schema(JsonSyntax value, string? name = null)
        {
            if (value is JsonBooleanSyntax boolean)
            {
                // 3.1: true accepts anything, false nothing (it is "not" the schema that accepts anything).
                return Add(value, () => boolean.Value ? Empty(name, Locate(value)) : Empty(name, Locate(value)) with { Not = AddEmpty(Locate(value)) });
            }
            if (value is not JsonObjectSyntax schema)
            {
                Report(FlowDiagnostics.InvalidOpenApi, value, $"a schema must be an object, not {value.KindName}");
                return -1;
            }
            if (_schemaIndex.TryGetValue(schema, out var known)) return known;
            if (schema["$ref"] is { } reference)
            {
                // 3.0 ignores a $ref's siblings; 3.1 applies them too, as allOf would.
                var target = Resolve(schema);
                if (target is null) return Add(schema, () => Empty(name, Locate(schema)));
                if (!_is31 || !schema.Properties.Any(p => p.Name != "$ref" && !IsAnnotation(p.Name)))
                {
                    var index = Schema(target, null);
                    _schemaIndex[schema] = index;
                    return index;
                }
            }
            return Add(schema, () => Build(schema, name));
        }

        private int Add(JsonSyntax key, Func<ApiSchema> build)
        {
            var index = _schemas.Count;
            _schemas.Add(null);
            _schemaIndex[key] = index;
            _schemas[index] = build();
            return index;
        }

        private static bool IsAnnotation(string keyword) =>
            keyword is "description" or "summary" or "title" or "example" or "examples" or "deprecated" or "$comment" or "default" or "readOnly" or "writeOnly";

        private ApiSchema Build(JsonObjectSyntax schema, string? name)
        {
            var types = new List<string>();
            switch (schema["type"])
            {
                case JsonStringSyntax single: types.Add(single.Value); break;
                case JsonArraySyntax many: types.AddRange(many.Items.OfType<JsonStringSyntax>().Select(s => s.Value)); break;
                case { } other: Report(FlowDiagnostics.InvalidOpenApi, other, $"'type' must be a string or an array of strings, not {other.KindName}"); break;
            }
            foreach (var type in types.Where(t => t is not ("object" or "array" or "string" or "number" or "integer" or "boolean" or "null")).ToList())
            {
                Report(FlowDiagnostics.InvalidOpenApi, schema["type"], $"'{type}' is not a JSON Schema type (object, array, string, number, integer, boolean, null)");
                types.Remove(type);
            }
            if (schema["nullable"] is JsonBooleanSyntax { Value: true } && types.Count > 0 && !types.Contains("null")) types.Add("null");

            double? minimum = Number(schema["minimum"]), maximum = Number(schema["maximum"]);
            double? exclusiveMinimum = Number(schema["exclusiveMinimum"]), exclusiveMaximum = Number(schema["exclusiveMaximum"]);
            // 3.0 writes exclusiveness as a boolean beside minimum/maximum.
            if (schema["exclusiveMinimum"] is JsonBooleanSyntax { Value: true } && minimum is not null) (exclusiveMinimum, minimum) = (minimum, null);
            if (schema["exclusiveMaximum"] is JsonBooleanSyntax { Value: true } && maximum is not null) (exclusiveMaximum, maximum) = (maximum, null);

            var additional = true;
            var additionalSchema = -1;
            switch (schema["additionalProperties"])
            {
                case JsonBooleanSyntax b: additional = b.Value; break;
                case JsonObjectSyntax s: additionalSchema = Schema(s); break;
            }

            var allOf = Schemas(schema["allOf"]);
            // 3.1: a $ref with sibling keywords refers to its target as one more allOf part.
            if (schema["$ref"] is not null && Resolve(schema) is { } target) allOf = new[] { Schema(target) }.Concat(allOf).ToList();

            foreach (var keyword in schema.Properties.Where(p => UnenforcedKeywords.Contains(p.Name)))
            {
                ReportAt(FlowDiagnostics.SchemaKeywordNotEnforced, keyword.NameSpan, keyword.Name);
            }

            return new ApiSchema(
                name,
                types.ToEquatableArray(),
                (schema["format"] as JsonStringSyntax)?.Value,
                (schema["enum"] as JsonArraySyntax)?.Items.Select(JsonWriter.Compact).ToEquatableArray() ?? EquatableArray<string>.Empty,
                schema["const"] is { } constant ? JsonWriter.Compact(constant) : null,
                Properties(schema["properties"]),
                (schema["required"] as JsonArraySyntax)?.Items.OfType<JsonStringSyntax>().Select(s => s.Value).ToEquatableArray() ?? EquatableArray<string>.Empty,
                additional,
                additionalSchema,
                schema["items"] is { } items ? Schema(items) : -1,
                minimum,
                maximum,
                exclusiveMinimum,
                exclusiveMaximum,
                Number(schema["multipleOf"]),
                Integer(schema["minLength"]),
                Integer(schema["maxLength"]),
                (schema["pattern"] as JsonStringSyntax)?.Value,
                Integer(schema["minItems"]),
                Integer(schema["maxItems"]),
                schema["uniqueItems"] is JsonBooleanSyntax { Value: true },
                Integer(schema["minProperties"]),
                Integer(schema["maxProperties"]),
                allOf.ToEquatableArray(),
                Schemas(schema["anyOf"]).ToEquatableArray(),
                Schemas(schema["oneOf"]).ToEquatableArray(),
                schema["not"] is { } not ? Schema(not) : -1,
                Locate(schema));
        }

        private int AddEmpty(SourceLocation location)
        {
            _schemas.Add(Empty(null, location));
            return _schemas.Count - 1;
        }

        private static ApiSchema Empty(string? name, SourceLocation location) =>
            new(name, EquatableArray<string>.Empty, null, EquatableArray<string>.Empty, null, EquatableArray<ApiProperty>.Empty, EquatableArray<string>.Empty,
                true, -1, -1, null, null, null, null, null, null, null, null, null, null, false, null, null,
                EquatableArray<int>.Empty, EquatableArray<int>.Empty, EquatableArray<int>.Empty, -1, location);

        private EquatableArray<ApiProperty> Properties(JsonSyntax? value)
        {
            if (value is null || Object(value, "properties") is not { } properties) return EquatableArray<ApiProperty>.Empty;
            return properties.Properties.Select(p => new ApiProperty(p.Name, Schema(p.Value))).ToEquatableArray();
        }

        private List<int> Schemas(JsonSyntax? value)
        {
            if (value is null) return new List<int>();
            if (value is not JsonArraySyntax array)
            {
                Report(FlowDiagnostics.InvalidOpenApi, value, $"expected an array of schemas, not {value.KindName}");
                return new List<int>();
            }
            return array.Items.Select(item => Schema(item)).Where(i => i >= 0).ToList();
        }

        private double? Number(JsonSyntax? value) => value is JsonNumberSyntax n ? n.Value : null;

        private int? Integer(JsonSyntax? value) =>
            value is JsonNumberSyntax n && n.Value >= 0 && n.Value <= int.MaxValue && Math.Floor(n.Value) == n.Value ? (int)n.Value : null;

        /// <summary>Follows <c>$ref</c>s (local JSON pointers) to the value they name; null, with a diagnostic, when one cannot be followed.</summary>
        private JsonSyntax? Resolve(JsonSyntax? value)
        {
            var seen = new HashSet<JsonSyntax>();
            while (value is JsonObjectSyntax obj && obj["$ref"] is { } reference)
            {
                if (!seen.Add(obj))
                {
                    Report(FlowDiagnostics.UnresolvedReference, reference, (reference as JsonStringSyntax)?.Value ?? "", "the references form a cycle");
                    return null;
                }
                if (reference is not JsonStringSyntax pointer)
                {
                    Report(FlowDiagnostics.UnresolvedReference, reference, "", $"'$ref' must be a string, not {reference.KindName}");
                    return null;
                }
                if (!pointer.Value.StartsWith("#", StringComparison.Ordinal))
                {
                    Report(FlowDiagnostics.UnresolvedReference, pointer, pointer.Value, "FlowGen reads one document: only references inside it ('#/components/...') are supported");
                    return null;
                }
                var target = Pointer(pointer.Value.Substring(1), out var problem);
                if (target is null)
                {
                    Report(FlowDiagnostics.UnresolvedReference, pointer, pointer.Value, problem!);
                    return null;
                }
                value = target;
            }
            return value;
        }

        /// <summary>A JSON pointer (RFC 6901, URI fragment form) into the document.</summary>
        private JsonSyntax? Pointer(string fragment, out string? problem)
        {
            problem = null;
            var current = _root;
            if (fragment.Length == 0) return current;
            if (fragment[0] != '/')
            {
                problem = "a local reference must be a JSON pointer such as '#/components/schemas/Name'";
                return null;
            }
            foreach (var raw in fragment.Substring(1).Split('/'))
            {
                var token = Uri.UnescapeDataString(raw).Replace("~1", "/").Replace("~0", "~");
                switch (current)
                {
                    case JsonObjectSyntax obj when obj[token] is { } next:
                        current = next;
                        break;
                    case JsonArraySyntax array when int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < array.Items.Count:
                        current = array.Items[i];
                        break;
                    default:
                        problem = $"the document has nothing at '{token}'";
                        return null;
                }
            }
            return current;
        }

        private JsonObjectSyntax? Object(JsonSyntax? value, string what)
        {
            if (value is null or JsonObjectSyntax) return (JsonObjectSyntax?)value;
            Report(FlowDiagnostics.InvalidOpenApi, value, $"{what} must be an object, not {value.KindName}");
            return null;
        }

        private SourceLocation Locate(JsonSyntax value) => FlowReader.Locate(_path, _text, value.Span);

        private void Report(Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor, JsonSyntax? at, params string[] arguments) =>
            _diagnostics.Add(DiagnosticInfo.Create(descriptor, at is null ? new SourceLocation(_path, default, default) : Locate(at), arguments));

        private void ReportAt(Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor, TextSpan span, params string[] arguments) =>
            _diagnostics.Add(DiagnosticInfo.Create(descriptor, FlowReader.Locate(_path, _text, span), arguments));
    }
}
