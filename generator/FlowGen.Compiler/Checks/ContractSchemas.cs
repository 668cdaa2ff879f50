using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using FlowGen.Compiler.Binding;
using FlowGen.Compiler.Json;
using FlowGen.Compiler.OpenApi;

namespace FlowGen.Compiler.Checks;

/// <summary>
/// Checks a constant JSON value of the flow against a schema of the OpenAPI document, as API Builder validates a JSON
/// response body, but at build time: types, const and enum, object properties (required, additionalProperties, counts),
/// array items (counts, uniqueness), string lengths and patterns, number bounds, and allOf, anyOf, oneOf, not. Formats
/// are annotations, as JSON Schema 2020-12 treats them by default.
/// </summary>
internal static class ContractSchemas
{
    /// <summary>Deeper than any constant a flow sets; stops a schema that refers to itself through allOf from looping.</summary>
    private const int MaxDepth = 64;

    private static readonly System.TimeSpan PatternTimeout = System.TimeSpan.FromMilliseconds(200);

    /// <summary>The first way <paramref name="value"/> breaks schema <paramref name="schema"/>, and the part of the value where; null when it matches.</summary>
    public static (string Problem, JsonSyntax At)? Check(ApiDocument document, int schema, JsonSyntax value, string path) =>
        Check(document, schema, value, path, 0);

    /// <summary>
    /// Whether a value of the JSON type <paramref name="type"/> ("object", "array", "string", ...) can match the schema
    /// at all, for a payload whose kind is known but whose content is not (a template parsed as JSON).
    /// </summary>
    public static string? CheckType(ApiDocument document, int schema, string type, string path)
    {
        if (schema < 0 || schema >= document.Schemas.Count) return null;
        var s = document.Schemas[schema];
        return s.Allows(type) ? null : $"{path} is {Article(type)}, but the schema requires {Types(s)}{Named(s)}";
    }

    private static (string Problem, JsonSyntax At)? Check(ApiDocument document, int index, JsonSyntax value, string path, int depth)
    {
        if (index < 0 || index >= document.Schemas.Count || depth > MaxDepth) return null;
        var schema = document.Schemas[index];
        var type = TypeOf(value);
        if (!schema.Allows(type))
        {
            return ($"{path} is {Describe(value)}, but the schema requires {Types(schema)}{Named(schema)}", value);
        }
        if (schema.Const is { } constant && JsonParser.Parse(constant, out _) is { } expected && !JsonEquals(value, expected))
        {
            return ($"{path} is {Describe(value)}, but the schema requires {constant}{Named(schema)}", value);
        }
        if (schema.Enum.Count > 0 && !schema.Enum.Any(e => JsonParser.Parse(e, out _) is { } allowed && JsonEquals(value, allowed)))
        {
            return ($"{path} is {Describe(value)}, which is not one of {string.Join(", ", schema.Enum)}{Named(schema)}", value);
        }
        var problem = value switch
        {
            JsonObjectSyntax obj => CheckObject(document, schema, obj, path, depth),
            JsonArraySyntax array => CheckArray(document, schema, array, path, depth),
            JsonStringSyntax s => CheckString(schema, s, path),
            JsonNumberSyntax n => CheckNumber(schema, n, path),
            _ => null,
        };
        if (problem is not null) return problem;

        foreach (var part in schema.AllOf)
        {
            if (Check(document, part, value, path, depth + 1) is { } broken) return broken;
        }
        if (schema.AnyOf.Count > 0 && schema.AnyOf.All(part => Check(document, part, value, path, depth + 1) is not null))
        {
            var first = Check(document, schema.AnyOf[0], value, path, depth + 1)!.Value;
            return ($"{path} matches none of the schemas anyOf allows{Named(schema)} (the first: {first.Problem})", value);
        }
        if (schema.OneOf.Count > 0)
        {
            var matching = schema.OneOf.Count(part => Check(document, part, value, path, depth + 1) is null);
            if (matching != 1)
            {
                return (matching == 0
                    ? $"{path} matches none of the schemas oneOf allows{Named(schema)}"
                    : $"{path} matches {matching.ToString(CultureInfo.InvariantCulture)} of the schemas oneOf allows, and must match exactly one{Named(schema)}", value);
            }
        }
        if (schema.Not >= 0 && Check(document, schema.Not, value, path, depth + 1) is null)
        {
            return ($"{path} matches the schema that 'not' excludes{Named(schema)}", value);
        }
        return null;
    }

    private static (string, JsonSyntax)? CheckObject(ApiDocument document, ApiSchema schema, JsonObjectSyntax obj, string path, int depth)
    {
        var properties = MessageValues.Properties(obj).ToList();
        foreach (var required in schema.Required)
        {
            if (!properties.Any(p => p.Name == required)) return ($"{path} has no property '{required}', which the schema requires{Named(schema)}", obj);
        }
        foreach (var property in properties)
        {
            var inner = Member(path, property.Name);
            var declared = schema.Properties.FirstOrDefault(p => p.Name == property.Name);
            if (declared is not null)
            {
                if (Check(document, declared.Schema, property.Value, inner, depth + 1) is { } broken) return broken;
            }
            else if (!schema.AdditionalProperties)
            {
                return ($"{path} has the property '{property.Name}', which the schema does not declare and does not allow (additionalProperties: false){Named(schema)}",
                    new JsonStringSyntax(property.NameSpan, property.Name));
            }
            else if (Check(document, schema.AdditionalPropertiesSchema, property.Value, inner, depth + 1) is { } broken)
            {
                return broken;
            }
        }
        if (schema.MinProperties is { } min && properties.Count < min) return ($"{path} has {Count(properties.Count, "property", "properties")}, fewer than the {min.ToString(CultureInfo.InvariantCulture)} the schema requires{Named(schema)}", obj);
        if (schema.MaxProperties is { } max && properties.Count > max) return ($"{path} has {Count(properties.Count, "property", "properties")}, more than the {max.ToString(CultureInfo.InvariantCulture)} the schema allows{Named(schema)}", obj);
        return null;
    }

    private static (string, JsonSyntax)? CheckArray(ApiDocument document, ApiSchema schema, JsonArraySyntax array, string path, int depth)
    {
        var count = array.Items.Count;
        if (schema.MinItems is { } min && count < min) return ($"{path} has {Count(count, "item", "items")}, fewer than the {min.ToString(CultureInfo.InvariantCulture)} the schema requires{Named(schema)}", array);
        if (schema.MaxItems is { } max && count > max) return ($"{path} has {Count(count, "item", "items")}, more than the {max.ToString(CultureInfo.InvariantCulture)} the schema allows{Named(schema)}", array);
        for (var i = 0; i < count; i++)
        {
            if (Check(document, schema.Items, array.Items[i], $"{path}[{i.ToString(CultureInfo.InvariantCulture)}]", depth + 1) is { } broken) return broken;
        }
        if (schema.UniqueItems)
        {
            for (var i = 1; i < count; i++)
            {
                for (var j = 0; j < i; j++)
                {
                    if (JsonEquals(array.Items[i], array.Items[j]))
                    {
                        return ($"{path}[{i.ToString(CultureInfo.InvariantCulture)}] repeats item {j.ToString(CultureInfo.InvariantCulture)}, but the schema requires unique items{Named(schema)}", array.Items[i]);
                    }
                }
            }
        }
        return null;
    }

    private static (string, JsonSyntax)? CheckString(ApiSchema schema, JsonStringSyntax value, string path)
    {
        // JSON Schema counts characters (code points), not UTF-16 units.
        var length = 0;
        for (var i = 0; i < value.Value.Length; i++)
        {
            if (!char.IsLowSurrogate(value.Value[i]) || i == 0 || !char.IsHighSurrogate(value.Value[i - 1])) length++;
        }
        if (schema.MinLength is { } min && length < min) return ($"{path} is {Describe(value)}, shorter than the {min.ToString(CultureInfo.InvariantCulture)} characters the schema requires{Named(schema)}", value);
        if (schema.MaxLength is { } max && length > max) return ($"{path} is {Describe(value)}, longer than the {max.ToString(CultureInfo.InvariantCulture)} characters the schema allows{Named(schema)}", value);
        if (schema.Pattern is { } pattern && Matches(pattern, value.Value) == false)
        {
            return ($"{path} is {Describe(value)}, which does not match the pattern {pattern}{Named(schema)}", value);
        }
        return null;
    }

    /// <summary>Whether the text matches the pattern anywhere (JSON Schema patterns are not anchored); null when .NET cannot read the pattern.</summary>
    private static bool? Matches(string pattern, string text)
    {
        try
        {
            return Regex.IsMatch(text, pattern, RegexOptions.CultureInvariant, PatternTimeout);
        }
        catch (System.ArgumentException)
        {
            return null;
        }
        catch (RegexMatchTimeoutException)
        {
            return null;
        }
    }

    private static (string, JsonSyntax)? CheckNumber(ApiSchema schema, JsonNumberSyntax value, string path)
    {
        var n = value.Value;
        string Bound(double bound) => JsNumbers.ToJsString(bound);
        if (schema.Minimum is { } min && n < min) return ($"{path} is {Describe(value)}, below the minimum {Bound(min)}{Named(schema)}", value);
        if (schema.Maximum is { } max && n > max) return ($"{path} is {Describe(value)}, above the maximum {Bound(max)}{Named(schema)}", value);
        if (schema.ExclusiveMinimum is { } exMin && n <= exMin) return ($"{path} is {Describe(value)}, but the schema requires more than {Bound(exMin)}{Named(schema)}", value);
        if (schema.ExclusiveMaximum is { } exMax && n >= exMax) return ($"{path} is {Describe(value)}, but the schema requires less than {Bound(exMax)}{Named(schema)}", value);
        if (schema.MultipleOf is { } step && step > 0)
        {
            var quotient = n / step;
            if (System.Math.Abs(quotient - System.Math.Round(quotient)) > 1e-9 * System.Math.Max(1, System.Math.Abs(quotient)))
            {
                return ($"{path} is {Describe(value)}, which is not a multiple of {Bound(step)}{Named(schema)}", value);
            }
        }
        return null;
    }

    /// <summary>The JSON Schema type of a value; a number without a fraction is an integer (which "number" also allows).</summary>
    private static string TypeOf(JsonSyntax value) => value switch
    {
        JsonObjectSyntax => "object",
        JsonArraySyntax => "array",
        JsonStringSyntax => "string",
        JsonNumberSyntax n => n.Value == System.Math.Floor(n.Value) && !double.IsInfinity(n.Value) ? "integer" : "number",
        JsonBooleanSyntax => "boolean",
        _ => "null",
    };

    /// <summary>JSON equality, as const and enum compare: numbers by value, objects by their properties in any order.</summary>
    public static bool JsonEquals(JsonSyntax a, JsonSyntax b)
    {
        switch (a)
        {
            case JsonNumberSyntax x when b is JsonNumberSyntax y:
                return x.Value == y.Value;
            case JsonStringSyntax x when b is JsonStringSyntax y:
                return x.Value == y.Value;
            case JsonBooleanSyntax x when b is JsonBooleanSyntax y:
                return x.Value == y.Value;
            case JsonNullSyntax:
                return b is JsonNullSyntax;
            case JsonArraySyntax x when b is JsonArraySyntax y:
                return x.Items.Count == y.Items.Count && x.Items.Zip(y.Items, JsonEquals).All(same => same);
            case JsonObjectSyntax x when b is JsonObjectSyntax y:
                var left = MessageValues.Properties(x).ToList();
                var right = MessageValues.Properties(y).ToDictionary(p => p.Name, p => p.Value);
                return left.Count == right.Count && left.All(p => right.TryGetValue(p.Name, out var other) && JsonEquals(p.Value, other));
            default:
                return false;
        }
    }

    private static string Member(string path, string name) =>
        name.Length > 0 && (char.IsLetter(name[0]) || name[0] == '_' || name[0] == '$') && name.All(c => char.IsLetterOrDigit(c) || c == '_' || c == '$')
            ? path + "." + name
            : path + "[\"" + name.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"]";

    private static string Types(ApiSchema schema) => string.Join(" or ", schema.Types.Select(Article));

    private static string Named(ApiSchema schema) => schema.Name is { Length: > 0 } name ? $" (schema {name})" : "";

    private static string Article(string type) => type switch
    {
        "object" => "an object",
        "array" => "an array",
        "integer" => "an integer",
        "null" => "null",
        _ => "a " + type,
    };

    private static string Count(int n, string one, string many) => n.ToString(CultureInfo.InvariantCulture) + " " + (n == 1 ? one : many);

    /// <summary>A value as messages show it: short values in full, containers by kind.</summary>
    public static string Describe(JsonSyntax value) => value switch
    {
        JsonStringSyntax s => "the string " + Quote(s.Value),
        JsonNumberSyntax n => "the number " + JsNumbers.ToJsString(n.Value),
        JsonBooleanSyntax b => b.Value ? "the boolean true" : "the boolean false",
        JsonNullSyntax => "null",
        JsonArraySyntax => "an array",
        _ => "an object",
    };

    private static string Quote(string text) => "\"" + (text.Length > 40 ? text.Substring(0, 40) + "…" : text) + "\"";
}
