using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using FlowGen.Compiler.Diagnostics;
using FlowGen.Compiler.Emit;
using FlowGen.Compiler.Nodes;

namespace FlowGen.Compiler.OpenApi;

/// <summary>
/// Writes the request side of the OpenAPI contract for the http in nodes of one flow file that are bound to operations:
/// per endpoint a method that reads each declared parameter as its schema's type (path, query, header, cookie), checks
/// it and the body against their schemas and puts the typed values where the flow reads them, and a RequestContract
/// field that the entry method hands to the runtime with the body's declared media types. The schema checks are
/// <see cref="SchemaCodeEmitter"/>'s, shared by the file's endpoints. Everything goes into one nested class.
/// </summary>
public sealed class RequestValidationEmitter
{
    /// <summary>The nested class of the flow class that holds the contracts and schema checks.</summary>
    public const string ClassName = "RequestContracts";

    private const string Input = "global::FlowGen.Runtime.RequestInput";
    private const string Place = "global::FlowGen.Runtime.RequestPlace";
    private const string Undefined = "global::FlowGen.Runtime.JsUndefined";
    private const string JsArray = "global::FlowGen.Runtime.JsArray";

    /// <summary>Header parameters OpenAPI says to ignore: their meaning is HTTP's own.</summary>
    private static readonly HashSet<string> IgnoredHeaders = new(System.StringComparer.OrdinalIgnoreCase) { "Accept", "Content-Type", "Authorization" };

    private readonly CodeWriter _endpoints = new();
    private SchemaCodeEmitter? _schemas;

    public bool IsEmpty => _schemas is null;

    /// <summary>
    /// Writes the contract of an endpoint and returns the expression of its RequestContract field.
    /// <paramref name="endpoint"/> is the entry method's name, unique in the file.
    /// </summary>
    public string Add(string endpoint, ApiDocument document, ApiOperation operation, HttpRoute route)
    {
        var schemas = _schemas ??= new SchemaCodeEmitter(document);
        var w = _endpoints;
        var check = "Check_" + endpoint;
        // Express never reads a GET body, so a GET endpoint has no body to check.
        var body = route.Method == "get" ? null : operation.RequestBody;
        var mediaTypes = MediaTypes(body);
        if (!w.IsEmpty) w.Line();
        w.Line($"/// <summary>What {CSharp.Comment(operation.DisplayName)} requires of a request to {CSharp.Comment(endpoint)}.</summary>");
        w.Line($"internal static readonly global::FlowGen.Runtime.RequestContract {endpoint} = new({CSharp.String(operation.DisplayName)}, {CSharp.Array("string", mediaTypes.Select(m => CSharp.String(m.Name)).ToList())}, {check});");
        w.Line();
        w.Line($"/// <summary>Checks a request against {CSharp.Comment(operation.DisplayName)} and gives its parameters their declared types.</summary>");
        w.OpenBlock($"private static bool {check}({Input} request, {SchemaCodeEmitter.Errors} errors)");
        var routeNames = RouteNames(operation.Path, route);
        var counter = 0;
        foreach (var parameter in Ordered(operation.Parameters))
        {
            if (parameter.In == ApiParameterLocation.Header && IgnoredHeaders.Contains(parameter.Name)) continue;
            var key = parameter.Name;
            if (parameter.In == ApiParameterLocation.Path && !routeNames.TryGetValue(parameter.Name, out key)) continue;
            WriteParameter(w, schemas, parameter, key!, counter++);
        }
        if (body is not null) WriteBody(w, schemas, body, mediaTypes);
        w.Line("return errors.Failures == 0;");
        w.CloseBlock();
        return ClassName + "." + endpoint;
    }

    /// <summary>Writes the nested class with every endpoint's contract and the schema checks they use.</summary>
    public void WriteTo(CodeWriter w)
    {
        if (_schemas is null) return;
        w.Line("/// <summary>The OpenAPI request contracts of this file's endpoints, compiled from the document's schemas.</summary>");
        w.OpenBlock($"private static class {ClassName}");
        w.Append(_endpoints);
        w.Line();
        _schemas.WriteTo(w);
        w.CloseBlock();
    }

    // Path first, then query, header and cookie, as a request reads from left to right.
    private static IEnumerable<ApiParameter> Ordered(IEnumerable<ApiParameter> parameters) => parameters.OrderBy(p => (int)p.In);

    private static void WriteParameter(CodeWriter w, SchemaCodeEmitter schemas, ApiParameter parameter, string key, int n)
    {
        // RequestPlace.Path and request.Path(name) / request.SetPath(name, value), and so on.
        var place = parameter.In switch
        {
            ApiParameterLocation.Path => "Path",
            ApiParameterLocation.Query => "Query",
            ApiParameterLocation.Header => "Header",
            _ => "Cookie",
        };
        var raw = "raw" + CSharp.Int(n);
        var typed = "typed" + CSharp.Int(n);
        var schema = parameter.Schema;
        var where = parameter.In.ToString().ToLowerInvariant();
        w.Line($"// {where} parameter {CSharp.Comment(parameter.Name)}{(key != parameter.Name ? $" (msg.req.params.{CSharp.Comment(key)})" : "")}");
        w.Line($"errors.Begin({Place}.{place}, {CSharp.String(parameter.Name)});");
        w.Line($"var {raw} = request.{place}({CSharp.String(key)});");

        var body = new CodeWriter();
        if (SchemaShapes.IsObject(schemas.Document, schema))
        {
            // Reported as FLOW332: the value stays as Node-RED gives it.
        }
        else if (SchemaShapes.IsArray(schemas.Document, schema))
        {
            // Simple style (path, header) and form style without explode (cookie) separate items with commas; a query
            // array (form style, exploded) repeats the parameter.
            var separator = parameter.In == ApiParameterLocation.Query ? "null" : "','";
            var trim = CSharp.Bool(parameter.In == ApiParameterLocation.Header);
            var itemTypes = schemas.ScalarTypes(SchemaShapes.Items(schemas.Document, schema)) ?? SchemaCodeEmitter.TypesEnum + ".None";
            body.Line($"var {typed} = {SchemaCodeEmitter.Values}.Items({raw}, {separator}, {trim}, {itemTypes});");
            WriteTypedCheck(body, schemas, schema, place, key, parameter.In, typed);
        }
        else
        {
            var value = new CodeWriter();
            if (schemas.ScalarTypes(schema) is { } types)
            {
                value.Line($"var {typed} = {SchemaCodeEmitter.Values}.Scalar({raw}, {types});");
                WriteTypedCheck(value, schemas, schema, place, key, parameter.In, typed);
            }
            else if (!schemas.IsTrivial(schema))
            {
                value.Line($"if (!{schemas.Check(schema)}({raw}, errors) && errors.Stopped) return false;");
            }
            if (parameter.In == ApiParameterLocation.Query)
            {
                // A repeated query parameter is an array to the query parser; this one takes one value.
                body.OpenBlock($"if ({raw} is {JsArray})");
                body.Line("if (errors.Fail(\"must be given once\")) return false;");
                body.CloseBlock();
                if (!value.IsEmpty)
                {
                    body.OpenBlock("else");
                    body.Append(value);
                    body.CloseBlock();
                }
            }
            else
            {
                body.Append(value);
            }
        }

        if (parameter.Required)
        {
            w.OpenBlock($"if ({raw} is {Undefined})");
            w.Line("if (errors.Fail(\"is required\")) return false;");
            w.CloseBlock();
            if (!body.IsEmpty)
            {
                w.OpenBlock("else");
                w.Append(body);
                w.CloseBlock();
            }
        }
        else if (!body.IsEmpty)
        {
            w.OpenBlock($"if ({raw} is not {Undefined})");
            w.Append(body);
            w.CloseBlock();
        }
    }

    /// <summary>Puts the typed value where the flow reads the parameter, and checks it.</summary>
    private static void WriteTypedCheck(CodeWriter w, SchemaCodeEmitter schemas, int schema, string place, string key, ApiParameterLocation location, string typed)
    {
        var name = location == ApiParameterLocation.Header ? key.ToLowerInvariant() : key;
        w.Line($"request.Set{place}({CSharp.String(name)}, {typed});");
        if (!schemas.IsTrivial(schema)) w.Line($"if (!{schemas.Check(schema)}({typed}, errors) && errors.Stopped) return false;");
    }

    private static void WriteBody(CodeWriter w, SchemaCodeEmitter schemas, ApiRequestBody body, IReadOnlyList<ApiMediaType> mediaTypes)
    {
        w.Line("// request body");
        w.Line($"errors.Begin({Place}.Body, null);");
        var cases = new CodeWriter();
        foreach (var media in mediaTypes)
        {
            if (schemas.IsTrivial(media.Schema)) continue;
            cases.Line($"case {CSharp.String(media.Name)}:");
            cases.Line("{");
            cases.Indent++;
            if (MayBeForm(media.Name) && schemas.NeedsFormReading(media.Schema))
            {
                cases.Line($"if (request.IsForm) request.Body = {schemas.Form(media.Schema)}(request.Body);");
            }
            cases.Line($"if (request.TryBody(errors, out var body) && !{schemas.Check(media.Schema)}(body, errors) && errors.Stopped) return false;");
            cases.Line("break;");
            cases.Indent--;
            cases.Line("}");
        }
        if (body.Required)
        {
            w.OpenBlock("if (!request.HasBody)");
            w.Line("if (errors.Fail(\"is required\")) return false;");
            w.CloseBlock();
            if (!cases.IsEmpty) w.OpenBlock("else");
        }
        else if (!cases.IsEmpty)
        {
            w.OpenBlock("if (request.HasBody)");
        }
        if (!cases.IsEmpty)
        {
            w.OpenBlock("switch (request.DeclaredMediaType)");
            w.Append(cases);
            w.CloseBlock();
            w.CloseBlock();
        }
    }

    private static bool MayBeForm(string mediaType) => mediaType is "application/x-www-form-urlencoded" or "application/*" or "*/*";

    /// <summary>The body's media types as the runtime matches them: lower case, without parameters, each once.</summary>
    private static List<ApiMediaType> MediaTypes(ApiRequestBody? body)
    {
        var result = new List<ApiMediaType>();
        if (body is null) return result;
        foreach (var media in body.Content)
        {
            var name = media.Name.Split(';')[0].Trim().ToLowerInvariant();
            if (name.Length > 0 && result.All(m => m.Name != name)) result.Add(media with { Name = name });
        }
        return result;
    }

    /// <summary>
    /// Which msg.req.params name holds each path parameter of the operation: the one of the same name, else the one at
    /// the same place in the path (the route and the document may name a parameter differently).
    /// </summary>
    public static Dictionary<string, string> RouteNames(string operationPath, HttpRoute route)
    {
        var names = new Dictionary<string, string>();
        var byKey = route.Parameters.ToDictionary(p => p.RouteKey, p => p.Name);
        var byName = new HashSet<string>(route.Parameters.Select(p => p.Name));
        var documentSegments = operationPath.Split(new[] { '/' }, System.StringSplitOptions.RemoveEmptyEntries);
        var routeSegments = route.Template.Split(new[] { '/' }, System.StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < documentSegments.Length; i++)
        {
            var declared = OperationBinder.PathParameterNames(documentSegments[i]);
            var routed = i < routeSegments.Length ? OperationBinder.PathParameterNames(routeSegments[i]) : new List<string>();
            for (var j = 0; j < declared.Count; j++)
            {
                if (byName.Contains(declared[j])) names[declared[j]] = declared[j];
                else if (j < routed.Count && byKey.TryGetValue(routed[j], out var name)) names[declared[j]] = name;
            }
        }
        return names;
    }

    // ------------------------------------------------------------------ what cannot be compiled

    /// <summary>
    /// Reports what the request checks of an operation cannot compile: a pattern that is not a JavaScript regular
    /// expression FlowGen translates (FLOW330), a schema that refers to itself without descending into a value
    /// (FLOW331), a parameter whose value is an object (FLOW332, a warning: it is left as Node-RED gives it).
    /// </summary>
    public static void ReportProblems(NodeLoweringContext context, ApiDocument document, ApiOperation operation)
    {
        var roots = operation.Parameters.Select(p => p.Schema).ToList();
        if (operation.RequestBody is { } body && context.Route?.Method != "get") roots.AddRange(body.Content.Select(m => m.Schema));
        var reachable = Reachable(document, roots);
        foreach (var index in reachable.OrderBy(i => i))
        {
            var schema = document.Schemas[index];
            if (schema.Pattern is { } pattern && PatternProblem(pattern) is { } problem)
            {
                context.ReportInDocument(FlowDiagnostics.UntranslatableSchemaPattern, schema.Location, operation.DisplayName, pattern, problem);
            }
        }
        foreach (var (index, keyword) in InPlaceCycles(document, reachable))
        {
            context.ReportInDocument(FlowDiagnostics.SchemaCycle, document.Schemas[index].Location, operation.DisplayName, keyword);
        }
        foreach (var parameter in operation.Parameters)
        {
            if (parameter.In == ApiParameterLocation.Header && IgnoredHeaders.Contains(parameter.Name)) continue;
            if (SchemaShapes.IsObject(document, parameter.Schema))
            {
                context.ReportInDocument(FlowDiagnostics.ObjectParameter, parameter.Location, parameter.In.ToString().ToLowerInvariant(), parameter.Name, operation.DisplayName);
            }
        }
    }

    private static string? PatternProblem(string pattern)
    {
        var translated = ChangeSwitchRegex.Translate(pattern, out var error, out var position);
        if (translated is null) return $"{error} at position {position.ToString(CultureInfo.InvariantCulture)}";
        try
        {
            _ = new Regex(translated.Pattern, RegexOptions.CultureInvariant);
            return null;
        }
        catch (System.ArgumentException ex)
        {
            return $"its translation to .NET does not compile ({ex.Message})";
        }
    }

    private static HashSet<int> Reachable(ApiDocument document, IEnumerable<int> roots)
    {
        var seen = new HashSet<int>();
        var stack = new Stack<int>(roots.Where(r => r >= 0));
        while (stack.Count > 0)
        {
            var index = stack.Pop();
            if (index < 0 || index >= document.Schemas.Count || !seen.Add(index)) continue;
            var s = document.Schemas[index];
            foreach (var p in s.Properties) stack.Push(p.Schema);
            stack.Push(s.AdditionalPropertiesSchema);
            stack.Push(s.Items);
            stack.Push(s.Not);
            foreach (var part in s.AllOf.Concat(s.AnyOf).Concat(s.OneOf)) stack.Push(part);
        }
        return seen;
    }

    /// <summary>
    /// Schemas that reach themselves through allOf, anyOf, oneOf or not alone: checking them would call itself on the
    /// same value forever. One report per cycle, at the schema where it is found, naming the keyword that closes it.
    /// </summary>
    private static List<(int Schema, string Keyword)> InPlaceCycles(ApiDocument document, HashSet<int> reachable)
    {
        IEnumerable<(int Target, string Keyword)> Edges(int i)
        {
            var s = document.Schemas[i];
            foreach (var a in s.AllOf) yield return (a, "allOf");
            foreach (var a in s.AnyOf) yield return (a, "anyOf");
            foreach (var a in s.OneOf) yield return (a, "oneOf");
            if (s.Not >= 0) yield return (s.Not, "not");
        }
        var cycles = new List<(int, string)>();
        var state = new Dictionary<int, int>(); // 1 on the stack, 2 done
        void Visit(int i)
        {
            state[i] = 1;
            foreach (var (target, keyword) in Edges(i))
            {
                if (target < 0 || target >= document.Schemas.Count) continue;
                if (!state.TryGetValue(target, out var s)) Visit(target);
                else if (s == 1) cycles.Add((i, keyword));
            }
            state[i] = 2;
        }
        foreach (var i in reachable.OrderBy(i => i))
        {
            if (!state.ContainsKey(i)) Visit(i);
        }
        return cycles;
    }
}
