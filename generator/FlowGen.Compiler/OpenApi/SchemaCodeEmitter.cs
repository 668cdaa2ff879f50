using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using FlowGen.Compiler.Binding;
using FlowGen.Compiler.Emit;
using FlowGen.Compiler.Json;
using FlowGen.Compiler.Nodes;

namespace FlowGen.Compiler.OpenApi;

/// <summary>
/// Compiles schemas of an OpenAPI document into C#: per schema a static method that checks a value (a parsed JSON body,
/// a typed parameter) and reports each violation at its JSON pointer, and, for urlencoded forms, a method that reads the
/// form's texts as the types the schema declares. Schemas that refer to each other call each other's methods, so a
/// recursive schema is a recursive method; patterns are static Regex fields built once. Only the schemas the flow file's
/// endpoints use are written, each once. Nothing of the schema is looked at while a request is checked.
/// </summary>
public sealed class SchemaCodeEmitter
{
    internal const string Errors = "global::FlowGen.Runtime.RequestErrors";
    internal const string Values = "global::FlowGen.Runtime.RequestValues";
    internal const string TypesEnum = "global::FlowGen.Runtime.RequestTypes";
    private const string FormatChecks = "global::FlowGen.Runtime.RequestFormats";
    private const string JsObject = "global::FlowGen.Runtime.JsObject";
    private const string JsArray = "global::FlowGen.Runtime.JsArray";
    private const string Regex = "global::System.Text.RegularExpressions.Regex";

    /// <summary>The formats FlowGen checks: whether they apply to numbers (else strings), the check, what a value must be.</summary>
    internal static readonly IReadOnlyDictionary<string, (bool Numeric, string Check, string Must)> CheckedFormats = new Dictionary<string, (bool, string, string)>
    {
        ["int32"] = (true, Values + ".IsInt32", "a 32-bit integer (int32)"),
        ["int64"] = (true, Values + ".IsInt64", "a 64-bit integer (int64)"),
        ["uuid"] = (false, FormatChecks + ".IsUuid", "a UUID"),
        ["date"] = (false, FormatChecks + ".IsDate", "a date (YYYY-MM-DD)"),
        ["date-time"] = (false, FormatChecks + ".IsDateTime", "a date-time (RFC 3339)"),
        ["email"] = (false, FormatChecks + ".IsEmail", "an email address"),
        ["uri"] = (false, FormatChecks + ".IsUri", "an absolute URI"),
    };

    private readonly ApiDocument _document;
    private readonly bool[] _trivial;
    private readonly bool[] _needsForm;
    private readonly Dictionary<int, string> _checks = new();
    private readonly Dictionary<int, string> _forms = new();
    private readonly Queue<int> _pendingChecks = new();
    private readonly Queue<int> _pendingForms = new();
    private readonly CodeWriter _fields = new();
    private readonly CodeWriter _methods = new();
    private readonly Dictionary<string, string> _patterns = new();
    private int _fieldCount;

    public SchemaCodeEmitter(ApiDocument document)
    {
        _document = document;
        _trivial = AcceptsEverything(document);
        _needsForm = FormReading(document);
    }

    public ApiDocument Document => _document;

    /// <summary>Whether a schema (an index, -1 for none) accepts every value, so checking it can be left out.</summary>
    public bool IsTrivial(int schema) => schema < 0 || schema >= _trivial.Length || _trivial[schema];

    /// <summary>Whether a form value for this schema has texts to read as numbers or booleans, or values to gather into arrays.</summary>
    public bool NeedsFormReading(int schema) => schema >= 0 && schema < _needsForm.Length && _needsForm[schema];

    /// <summary>The name of the method that checks a value against the schema: <c>bool Name(object? value, RequestErrors errors)</c>.</summary>
    public string Check(int schema)
    {
        if (_checks.TryGetValue(schema, out var name)) return name;
        name = MethodName("Schema", schema);
        _checks[schema] = name;
        _pendingChecks.Enqueue(schema);
        return name;
    }

    /// <summary>The name of the method that reads a form value as the schema's types: <c>object? Name(object? value)</c>.</summary>
    public string Form(int schema)
    {
        if (_forms.TryGetValue(schema, out var name)) return name;
        name = MethodName("Form", schema);
        _forms[schema] = name;
        _pendingForms.Enqueue(schema);
        return name;
    }

    /// <summary>
    /// The JSON types a text for this schema may be read as, as a RequestTypes expression; null when it stays text.
    /// A schema without a type of its own takes its allOf, anyOf and oneOf schemas' types.
    /// </summary>
    public string? ScalarTypes(int schema)
    {
        var types = SchemaShapes.Types(_document, schema);
        var parts = new List<string>();
        if (types.Contains("integer") && !types.Contains("number")) parts.Add(TypesEnum + ".Integer");
        if (types.Contains("number")) parts.Add(TypesEnum + ".Number");
        if (types.Contains("boolean")) parts.Add(TypesEnum + ".Boolean");
        return parts.Count == 0 ? null : string.Join(" | ", parts);
    }

    /// <summary>Writes the fields and methods asked for so far (and those they call) as members of the current class.</summary>
    public void WriteTo(CodeWriter w)
    {
        while (_pendingChecks.Count > 0 || _pendingForms.Count > 0)
        {
            if (_pendingChecks.Count > 0) WriteCheck(_pendingChecks.Dequeue());
            else WriteForm(_pendingForms.Dequeue());
        }
        w.Append(_fields);
        if (!_fields.IsEmpty && !_methods.IsEmpty) w.Line();
        w.Append(_methods);
    }

    private string MethodName(string prefix, int schema)
    {
        var name = _document.Schemas[schema].Name;
        return prefix + CSharp.Int(schema) + (name is { Length: > 0 } ? "_" + CSharp.Pascal(name) : "");
    }

    private string Describe(int schema)
    {
        var s = _document.Schemas[schema];
        var where = $"{System.IO.Path.GetFileName(s.Location.Path)} line {CSharp.Int(s.Location.LineSpan.Start.Line + 1)}";
        return s.Name is { Length: > 0 } name ? $"schema {CSharp.Comment(name)} ({CSharp.Comment(where)})" : $"the schema at {CSharp.Comment(where)}";
    }

    // ------------------------------------------------------------------ checks

    private void WriteCheck(int index)
    {
        var schema = _document.Schemas[index];
        var locals = new Locals();
        var w = _methods;
        if (!w.IsEmpty) w.Line();
        w.Line($"/// <summary>Checks a value against {Describe(index)}.</summary>");
        w.OpenBlock($"internal static bool {_checks[index]}(object? value, {Errors} errors)");
        w.Line("var failures = errors.Failures;");
        WriteTypeChecks(w, schema, locals);
        WriteValueChecks(w, schema);
        WriteApplicators(w, schema, locals);
        w.Line("return errors.Failures == failures;");
        w.CloseBlock();
    }

    /// <summary>
    /// A switch over the value's JSON type: each type the schema allows gets the keywords that apply to it (as JSON
    /// Schema applies string keywords to strings only, and so on); a type it does not allow is a violation.
    /// </summary>
    private void WriteTypeChecks(CodeWriter w, ApiSchema schema, Locals locals)
    {
        var typed = schema.Types.Count > 0;
        bool Allows(string type) => !typed || schema.Types.Contains(type);
        var numbers = !typed || schema.Types.Contains("number") || schema.Types.Contains("integer");
        var typeMessage = "must be " + string.Join(" or ", OrderedTypes(schema).Select(TypeName));
        // (the type, the variable the checks read it as, the checks)
        var sections = new List<(string Type, string Variable, CodeWriter Body)>();
        if (Allows("string")) sections.Add(("string", "text", StringChecks(schema)));
        if (numbers) sections.Add(("double", "number", NumberChecks(schema, typeMessage)));
        if (Allows("boolean")) sections.Add(("bool", "", new CodeWriter()));
        if (Allows("null")) sections.Add(("null", "", new CodeWriter()));
        if (Allows("array")) sections.Add((JsArray, "array", ArrayChecks(schema, locals)));
        if (Allows("object")) sections.Add((JsObject, "obj", ObjectChecks(schema, locals)));
        // Without a type, only the types with keywords need a section: every other value passes.
        if (!typed) sections.RemoveAll(section => section.Body.IsEmpty);
        if (sections.Count == 0 && !typed) return;
        w.OpenBlock("switch (value)");
        foreach (var (type, variable, body) in sections)
        {
            if (body.IsEmpty)
            {
                w.Line($"case {type}:");
                w.Indent++;
                w.Line("break;");
                w.Indent--;
                continue;
            }
            w.Line($"case {type} {variable}:");
            w.Line("{");
            w.Indent++;
            w.Append(body);
            w.Line("break;");
            w.Indent--;
            w.Line("}");
        }
        if (typed)
        {
            w.Line("default:");
            w.Indent++;
            w.Line($"errors.Fail({CSharp.String(typeMessage)});");
            w.Line("return false;");
            w.Indent--;
        }
        w.CloseBlock();
    }

    private CodeWriter StringChecks(ApiSchema schema)
    {
        var w = new CodeWriter();
        if (schema.MinLength is not null || schema.MaxLength is not null) w.Line($"var length = {Values}.Length(text);");
        if (schema.MinLength is { } min) Fail(w, $"length < {CSharp.Int(min)}", $"must be at least {Count(min, "character")} long");
        if (schema.MaxLength is { } max) Fail(w, $"length > {CSharp.Int(max)}", $"must be at most {Count(max, "character")} long");
        if (schema.Pattern is { } pattern && PatternField(pattern) is { } field) Fail(w, $"!{Values}.Matches({field}, text)", $"must match the pattern {pattern}");
        if (schema.Format is { } format && CheckedFormats.TryGetValue(format, out var check) && !check.Numeric) Fail(w, $"!{check.Check}(text)", $"must be {check.Must}");
        return w;
    }

    private CodeWriter NumberChecks(ApiSchema schema, string typeMessage)
    {
        var w = new CodeWriter();
        if (schema.Types.Contains("integer") && !schema.Types.Contains("number"))
        {
            w.OpenBlock($"if (!{Values}.IsInteger(number))");
            w.Line($"errors.Fail({CSharp.String(typeMessage)});");
            w.Line("return false;");
            w.CloseBlock();
        }
        if (schema.Minimum is { } minimum) Fail(w, $"number < {CSharp.Double(minimum)}", $"must be >= {JsNumbers.ToJsString(minimum)}");
        if (schema.ExclusiveMinimum is { } exclusiveMinimum) Fail(w, $"number <= {CSharp.Double(exclusiveMinimum)}", $"must be > {JsNumbers.ToJsString(exclusiveMinimum)}");
        if (schema.Maximum is { } maximum) Fail(w, $"number > {CSharp.Double(maximum)}", $"must be <= {JsNumbers.ToJsString(maximum)}");
        if (schema.ExclusiveMaximum is { } exclusiveMaximum) Fail(w, $"number >= {CSharp.Double(exclusiveMaximum)}", $"must be < {JsNumbers.ToJsString(exclusiveMaximum)}");
        if (schema.MultipleOf is { } multipleOf) Fail(w, $"!{Values}.IsMultipleOf(number, {CSharp.Double(multipleOf)})", $"must be a multiple of {JsNumbers.ToJsString(multipleOf)}");
        if (schema.Format is { } format && CheckedFormats.TryGetValue(format, out var check) && check.Numeric) Fail(w, $"!{check.Check}(number)", $"must be {check.Must}");
        return w;
    }

    private CodeWriter ArrayChecks(ApiSchema schema, Locals locals)
    {
        var w = new CodeWriter();
        if (schema.MinItems is { } min) Fail(w, $"array.Count < {CSharp.Int(min)}", $"must have at least {Count(min, "item")}");
        if (schema.MaxItems is { } max) Fail(w, $"array.Count > {CSharp.Int(max)}", $"must have at most {Count(max, "item")}");
        if (schema.UniqueItems)
        {
            w.Line($"if ({Values}.FirstDuplicate(array) is {{ }} duplicate && errors.Fail($\"must not have duplicate items (items {{duplicate.First}} and {{duplicate.Second}} are equal)\")) return false;");
        }
        if (!IsTrivial(schema.Items))
        {
            w.OpenBlock("for (var i = 0; i < array.Count; i++)");
            WriteNested(w, "i", "array[i]", schema.Items, locals);
            w.CloseBlock();
        }
        return w;
    }

    private CodeWriter ObjectChecks(ApiSchema schema, Locals locals)
    {
        var w = new CodeWriter();
        if (schema.MinProperties is { } min) Fail(w, $"obj.Count < {CSharp.Int(min)}", $"must have at least {Count(min, "property", "properties")}");
        if (schema.MaxProperties is { } max) Fail(w, $"obj.Count > {CSharp.Int(max)}", $"must have at most {Count(max, "property", "properties")}");
        foreach (var property in schema.Properties)
        {
            var required = schema.Required.Contains(property.Name);
            var name = CSharp.String(property.Name);
            if (IsTrivial(property.Schema))
            {
                if (required) w.Line($"if (!obj.ContainsKey({name}) && errors.FailAt({name}, \"is required\")) return false;");
                continue;
            }
            var local = locals.Next("property");
            w.OpenBlock($"if (obj.TryGetValue({name}, out var {local}))");
            WriteNested(w, name, local, property.Schema, locals);
            w.CloseBlock();
            if (required) w.Line($"else if (errors.FailAt({name}, \"is required\")) return false;");
        }
        foreach (var name in schema.Required)
        {
            if (schema.Properties.Any(p => p.Name == name)) continue;
            w.Line($"if (!obj.ContainsKey({CSharp.String(name)}) && errors.FailAt({CSharp.String(name)}, \"is required\")) return false;");
        }
        var additional = schema.AdditionalProperties ? schema.AdditionalPropertiesSchema : -1;
        if (!schema.AdditionalProperties || !IsTrivial(additional))
        {
            w.OpenBlock("foreach (var entry in obj.Entries)");
            if (schema.Properties.Count > 0) w.Line($"if (entry.Key is {string.Join(" or ", schema.Properties.Select(p => CSharp.String(p.Name)))}) continue;");
            if (!schema.AdditionalProperties) w.Line("if (errors.FailAt(entry.Key, \"is not allowed: the schema declares no such property\")) return false;");
            else WriteNested(w, "entry.Key", "entry.Value", additional, locals);
            w.CloseBlock();
        }
        return w;
    }

    /// <summary>Checks a property or an item against its schema, with the pointer one step deeper.</summary>
    private void WriteNested(CodeWriter w, string segment, string value, int schema, Locals locals)
    {
        var ok = locals.Next("ok");
        w.Line($"errors.Push({segment});");
        w.Line($"var {ok} = {Check(schema)}({value}, errors);");
        w.Line("errors.Pop();");
        w.Line($"if (!{ok} && errors.Stopped) return false;");
    }

    /// <summary>enum and const, which apply to a value of any type.</summary>
    private void WriteValueChecks(CodeWriter w, ApiSchema schema)
    {
        if (schema.Enum.Count > 0)
        {
            var allowed = schema.Enum.Select(ValueTest).ToList();
            var shown = string.Join(", ", schema.Enum.Take(10)) + (schema.Enum.Count > 10 ? ", ..." : "");
            Fail(w, $"!({string.Join(" || ", allowed)})", schema.Enum.Count == 1 ? $"must be {schema.Enum[0]}" : $"must be one of {shown}");
        }
        if (schema.Const is { } constant) Fail(w, $"!({ValueTest(constant)})", $"must be {constant}");
    }

    /// <summary>A test that the value equals a JSON constant: a pattern for scalars, JSON equality with a static field for objects and arrays.</summary>
    private string ValueTest(string json)
    {
        switch (JsonParser.Parse(json, out _))
        {
            case JsonStringSyntax s:
                return $"value is {CSharp.String(s.Value)}";
            case JsonNumberSyntax n:
                return $"value is {CSharp.Double(n.Value)}";
            case JsonBooleanSyntax b:
                return $"value is {CSharp.Bool(b.Value)}";
            case JsonNullSyntax:
                return "value is null";
            default:
                var field = Field("object?", $"global::FlowGen.Runtime.JsJson.Parse({CSharp.String(json)})", "Value");
                return $"{Values}.JsonEquals(value, {field})";
        }
    }

    /// <summary>allOf, anyOf, oneOf and not. The last three only ask whether a schema matches, so they probe.</summary>
    private void WriteApplicators(CodeWriter w, ApiSchema schema, Locals locals)
    {
        foreach (var part in schema.AllOf)
        {
            if (!IsTrivial(part)) w.Line($"if (!{Check(part)}(value, errors) && errors.Stopped) return false;");
        }
        if (schema.AnyOf.Count > 0 && !schema.AnyOf.Any(IsTrivial))
        {
            var probe = locals.Next("probe");
            var matched = locals.Next("matched");
            w.Line($"var {probe} = errors.BeginProbe();");
            w.Line($"var {matched} = {string.Join(" || ", schema.AnyOf.Select(s => $"{Check(s)}(value, errors)"))};");
            w.Line($"errors.EndProbe({probe});");
            Fail(w, $"!{matched}", "must match at least one of the anyOf schemas");
        }
        if (schema.OneOf.Count > 0)
        {
            var probe = locals.Next("probe");
            var matches = locals.Next("matches");
            w.Line($"var {probe} = errors.BeginProbe();");
            w.Line($"var {matches} = {string.Join(" + ", schema.OneOf.Select(s => IsTrivial(s) ? "1" : $"({Check(s)}(value, errors) ? 1 : 0)"))};");
            w.Line($"errors.EndProbe({probe});");
            w.Line($"if ({matches} != 1 && errors.Fail({matches} == 0 ? \"must match exactly one of the oneOf schemas; it matches none\" : $\"must match exactly one of the oneOf schemas; it matches {{{matches}}}\")) return false;");
        }
        if (schema.Not >= 0 && IsTrivial(schema.Not))
        {
            // not {} (3.1's false schema) refuses every value.
            w.Line("if (errors.Fail(\"must not match the schema in not\")) return false;");
        }
        else if (schema.Not >= 0)
        {
            var probe = locals.Next("probe");
            var matched = locals.Next("matched");
            w.Line($"var {probe} = errors.BeginProbe();");
            w.Line($"var {matched} = {Check(schema.Not)}(value, errors);");
            w.Line($"errors.EndProbe({probe});");
            Fail(w, matched, "must not match the schema in not");
        }
    }

    private static void Fail(CodeWriter w, string condition, string message) =>
        w.Line($"if ({condition} && errors.Fail({CSharp.String(message)})) return false;");

    private string? PatternField(string pattern)
    {
        if (_patterns.TryGetValue(pattern, out var field)) return field;
        // Untranslatable patterns were reported while lowering (FLOW330), and their endpoints are not emitted.
        if (ChangeSwitchRegex.Translate(pattern, out _, out _) is not { } regex) return null;
        field = Field(Regex, $"new {Regex}({CSharp.String(regex.Pattern)}, global::System.Text.RegularExpressions.RegexOptions.CultureInvariant, global::System.TimeSpan.FromSeconds(1))", "Pattern");
        _patterns[pattern] = field;
        return field;
    }

    private string Field(string type, string initializer, string purpose)
    {
        var name = purpose + CSharp.Int(_fieldCount++);
        _fields.Line($"private static readonly {type} {name} = {initializer};");
        return name;
    }

    // ------------------------------------------------------------------ form reading

    /// <summary>
    /// Reads a urlencoded form value as OpenAPI does: texts become numbers and booleans where the schema says so, a
    /// single value becomes a one-item array where it declares an array, and objects are read property by property.
    /// A text that does not read as its type stays text, for the check to refuse.
    /// </summary>
    private void WriteForm(int index)
    {
        var w = _methods;
        if (!w.IsEmpty) w.Line();
        w.Line($"/// <summary>Reads a form value as the types of {Describe(index)}.</summary>");
        w.OpenBlock($"internal static object? {_forms[index]}(object? value)");
        var locals = new Locals();
        var declared = SchemaShapes.Properties(_document, index);
        var properties = declared.Where(p => NeedsFormReading(p.Value)).ToList();
        var additional = SchemaShapes.AdditionalProperties(_document, index);
        if (properties.Count > 0 || NeedsFormReading(additional))
        {
            w.OpenBlock($"if (value is {JsObject} obj)");
            foreach (var property in properties)
            {
                var (name, schema) = (property.Key, property.Value);
                var field = locals.Next("field");
                w.Line($"if (obj.TryGetValue({CSharp.String(name)}, out var {field})) obj[{CSharp.String(name)}] = {Form(schema)}({field});");
            }
            if (NeedsFormReading(additional))
            {
                w.OpenBlock("foreach (var key in new global::System.Collections.Generic.List<string>(obj.Keys))");
                if (declared.Count > 0) w.Line($"if (key is {string.Join(" or ", declared.Keys.Select(CSharp.String))}) continue;");
                w.Line($"obj[key] = {Form(additional)}(obj[key]);");
                w.CloseBlock();
            }
            w.Line("return obj;");
            w.CloseBlock();
        }
        if (SchemaShapes.IsArray(_document, index))
        {
            var items = SchemaShapes.Items(_document, index);
            w.Line($"value = {Values}.AsArray(value);");
            if (NeedsFormReading(items))
            {
                w.OpenBlock($"if (value is {JsArray} array)");
                w.Line($"for (var i = 0; i < array.Count; i++) array[i] = {Form(items)}(array[i]);");
                w.CloseBlock();
            }
            w.Line("return value;");
        }
        else
        {
            w.Line(ScalarTypes(index) is { } types ? $"return {Values}.Scalar(value, {types});" : "return value;");
        }
        w.CloseBlock();
    }

    // ------------------------------------------------------------------ analysis

    /// <summary>
    /// Which schemas accept every value: the greatest fixpoint, so a recursive schema with no keyword of its own
    /// (a tree that is any object) accepts everything too.
    /// </summary>
    private static bool[] AcceptsEverything(ApiDocument document)
    {
        var schemas = document.Schemas;
        var trivial = new bool[schemas.Count];
        for (var i = 0; i < schemas.Count; i++) trivial[i] = LocallyTrivial(schemas[i]);
        bool Trivial(int s) => s < 0 || s >= trivial.Length || trivial[s];
        for (var changed = true; changed;)
        {
            changed = false;
            for (var i = 0; i < schemas.Count; i++)
            {
                if (!trivial[i]) continue;
                var s = schemas[i];
                var holds = s.Properties.All(p => Trivial(p.Schema)) && Trivial(s.AdditionalPropertiesSchema) && Trivial(s.Items)
                    && s.AllOf.All(Trivial) && (s.AnyOf.Count == 0 || s.AnyOf.Any(Trivial)) && (s.OneOf.Count == 0 || (s.OneOf.Count == 1 && Trivial(s.OneOf[0])));
                if (!holds)
                {
                    trivial[i] = false;
                    changed = true;
                }
            }
        }
        return trivial;
    }

    private static bool LocallyTrivial(ApiSchema s) =>
        s.Types.Count == 0 && s.Enum.Count == 0 && s.Const is null && s.Required.Count == 0 && s.AdditionalProperties
        && s.Minimum is null && s.Maximum is null && s.ExclusiveMinimum is null && s.ExclusiveMaximum is null && s.MultipleOf is null
        && s.MinLength is null && s.MaxLength is null && s.Pattern is null && s.MinItems is null && s.MaxItems is null && !s.UniqueItems
        && s.MinProperties is null && s.MaxProperties is null && s.Not < 0
        && (s.Format is null || !CheckedFormats.ContainsKey(s.Format));

    /// <summary>Which schemas' form values need reading (the least fixpoint: a cycle reads only if something on it does).</summary>
    private bool[] FormReading(ApiDocument document)
    {
        var schemas = document.Schemas;
        var needs = new bool[schemas.Count];
        for (var i = 0; i < schemas.Count; i++) needs[i] = ScalarTypes(i) is not null || SchemaShapes.IsArray(document, i);
        bool Needs(int s) => s >= 0 && s < needs.Length && needs[s];
        for (var changed = true; changed;)
        {
            changed = false;
            for (var i = 0; i < schemas.Count; i++)
            {
                if (needs[i]) continue;
                var s = schemas[i];
                if (SchemaShapes.Properties(document, i).Values.Any(Needs) || Needs(SchemaShapes.AdditionalProperties(document, i)) || Needs(SchemaShapes.Items(document, i))
                    || s.AllOf.Concat(s.AnyOf).Concat(s.OneOf).Any(Needs))
                {
                    needs[i] = true;
                    changed = true;
                }
            }
        }
        return needs;
    }

    // ------------------------------------------------------------------ wording

    private static IEnumerable<string> OrderedTypes(ApiSchema schema)
    {
        foreach (var type in new[] { "object", "array", "string", "integer", "number", "boolean", "null" })
        {
            if (schema.Types.Contains(type) && !(type == "integer" && schema.Types.Contains("number"))) yield return type;
        }
    }

    private static string TypeName(string type) => type switch
    {
        "object" => "an object",
        "array" => "an array",
        "string" => "a string",
        "integer" => "an integer",
        "number" => "a number",
        "boolean" => "a boolean",
        _ => "null",
    };

    private static string Count(int count, string one, string? many = null) =>
        count.ToString(CultureInfo.InvariantCulture) + " " + (count == 1 ? one : many ?? one + "s");

    /// <summary>Unique local variable names within one generated method.</summary>
    private sealed class Locals
    {
        private int _next;

        public string Next(string prefix) => prefix + CSharp.Int(_next++);
    }
}
