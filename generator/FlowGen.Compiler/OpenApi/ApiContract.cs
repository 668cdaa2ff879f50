using System.Linq;
using FlowGen.Compiler.Diagnostics;
using FlowGen.Compiler.Helpers;

namespace FlowGen.Compiler.OpenApi;

// The OpenAPI contract as the rest of the compiler sees it: what FlowGen checks flows against and generates typed
// endpoints from, read from a JSON or YAML document (OpenApiReader). Every type is an immutable, value-equatable
// record so the contract can flow through the incremental generator and be compared between runs. Locations point
// into the OpenAPI document, so diagnostics can cite the operation, response or schema they are about.

/// <summary>One OpenAPI document of the project.</summary>
/// <param name="Path">The document's file path.</param>
/// <param name="Version">The <c>openapi</c> field as written ("3.0.3", "3.1.0").</param>
/// <param name="Json">
/// The document as compact JSON (a YAML document converted), served at run time as the app's OpenAPI description.
/// </param>
/// <param name="Schemas">
/// Every schema of the document in one table, components first; a schema refers to others by index into it, so
/// recursive schemas (a tree whose children are trees) stay finite values.
/// </param>
public sealed record ApiDocument(
    string Path,
    string Version,
    string Title,
    string Json,
    EquatableArray<ApiOperation> Operations,
    EquatableArray<ApiSchema> Schemas,
    SourceLocation Location)
{
    public bool IsOpenApi31 => Version.StartsWith("3.1", System.StringComparison.Ordinal);
}

/// <summary>An operation: one method on one path of the document.</summary>
/// <param name="Method">Lower case: get, put, post, delete, options, head, patch, trace.</param>
/// <param name="Path">The path as the document writes it: "/users/{id}".</param>
/// <param name="Parameters">The path item's parameters merged with the operation's (the operation's win by name and place).</param>
/// <param name="Location">The operation object (its method key), where "cited" diagnostics point in the document.</param>
public sealed record ApiOperation(
    string Method,
    string Path,
    string? OperationId,
    EquatableArray<string> Tags,
    EquatableArray<ApiParameter> Parameters,
    ApiRequestBody? RequestBody,
    EquatableArray<ApiResponse> Responses,
    SourceLocation Location)
{
    /// <summary>"GET /users/{id}" or the operationId when there is one, for messages.</summary>
    public string DisplayName => OperationId is { Length: > 0 } id ? $"{id} ({Method.ToUpperInvariant()} {Path})" : $"{Method.ToUpperInvariant()} {Path}";
}

/// <summary>Where a parameter is carried.</summary>
public enum ApiParameterLocation
{
    Path,
    Query,
    Header,
    Cookie,
}

/// <summary>A parameter; <paramref name="Schema"/> indexes <see cref="ApiDocument.Schemas"/>, -1 when it has none.</summary>
public sealed record ApiParameter(
    string Name,
    ApiParameterLocation In,
    bool Required,
    int Schema,
    SourceLocation Location);

/// <summary>A request body: its media types, each with an optional schema.</summary>
public sealed record ApiRequestBody(
    bool Required,
    EquatableArray<ApiMediaType> Content,
    SourceLocation Location);

/// <summary>A media type of a body ("application/json"), with its schema index or -1.</summary>
public sealed record ApiMediaType(
    string Name,
    int Schema,
    SourceLocation Location);

/// <summary>A declared response.</summary>
/// <param name="Key">As written: a status ("200"), a range ("4XX") or "default".</param>
/// <param name="Content">Empty when the response declares no content (no body may be sent).</param>
public sealed record ApiResponse(
    string Key,
    EquatableArray<ApiHeader> Headers,
    EquatableArray<ApiMediaType> Content,
    SourceLocation Location)
{
    public bool IsDefault => Key == "default";

    /// <summary>Whether this response covers the status code: exactly, by its range ("4XX"), or not at all.</summary>
    public bool Covers(int status) =>
        Key.Length == 3 && (Key == status.ToString(System.Globalization.CultureInfo.InvariantCulture)
            || (char.ToUpperInvariant(Key[1]) == 'X' && char.ToUpperInvariant(Key[2]) == 'X' && Key[0] - '0' == status / 100));

    public bool IsRange => Key.Length == 3 && char.ToUpperInvariant(Key[1]) == 'X';
}

/// <summary>A declared response header; <paramref name="Schema"/> indexes the schema table or is -1.</summary>
public sealed record ApiHeader(
    string Name,
    bool Required,
    int Schema,
    SourceLocation Location);

/// <summary>A named property of an object schema.</summary>
public sealed record ApiProperty(string Name, int Schema);

/// <summary>
/// A JSON Schema as OpenAPI uses it, 3.0 and 3.1 folded into one shape: <c>nullable: true</c> adds "null" to
/// <see cref="Types"/>, boolean <c>exclusiveMinimum</c> (3.0) becomes the number form (3.1). Indexes refer to
/// <see cref="ApiDocument.Schemas"/>; -1 means absent.
/// </summary>
/// <param name="Name">The component name for a schema under components/schemas, else null.</param>
/// <param name="Types">"object", "array", "string", "number", "integer", "boolean", "null"; empty means any.</param>
/// <param name="Enum">The allowed values as compact JSON texts ("\"red\"", "1", "null"); empty means unrestricted.</param>
/// <param name="Const">The one allowed value as compact JSON, or null.</param>
/// <param name="AdditionalProperties">True unless the schema says <c>additionalProperties: false</c>.</param>
/// <param name="AdditionalPropertiesSchema">The schema extra properties must match, or -1.</param>
public sealed record ApiSchema(
    string? Name,
    EquatableArray<string> Types,
    string? Format,
    EquatableArray<string> Enum,
    string? Const,
    EquatableArray<ApiProperty> Properties,
    EquatableArray<string> Required,
    bool AdditionalProperties,
    int AdditionalPropertiesSchema,
    int Items,
    double? Minimum,
    double? Maximum,
    double? ExclusiveMinimum,
    double? ExclusiveMaximum,
    double? MultipleOf,
    int? MinLength,
    int? MaxLength,
    string? Pattern,
    int? MinItems,
    int? MaxItems,
    bool UniqueItems,
    int? MinProperties,
    int? MaxProperties,
    EquatableArray<int> AllOf,
    EquatableArray<int> AnyOf,
    EquatableArray<int> OneOf,
    int Not,
    SourceLocation Location)
{
    public bool Allows(string type) => Types.Count == 0 || Types.Contains(type) || (type == "integer" && Types.Contains("number"));
}

/// <summary>
/// The project's contract: its one OpenAPI document, or none. A value of its own so the generator can combine every
/// flow file with it; an edit to the document reruns the flows, an edit to a flow leaves the document cached.
/// </summary>
public sealed record ApiContract(ApiDocument? Document, EquatableArray<DiagnosticInfo> Diagnostics)
{
    public static readonly ApiContract None = new(null, EquatableArray<DiagnosticInfo>.Empty);
}
