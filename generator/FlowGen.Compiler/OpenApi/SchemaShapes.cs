using System;
using System.Collections.Generic;
using System.Linq;

namespace FlowGen.Compiler.OpenApi;

/// <summary>
/// What the values of a schema look like, for reading texts (parameters, form fields) as them: their JSON types,
/// properties and items. A schema without a type of its own takes its allOf, anyOf and oneOf parts' (a common
/// "allOf: [$ref Base, {properties}]" object, a "oneOf: [integer, string]" value).
/// </summary>
internal static class SchemaShapes
{
    /// <summary>The JSON types of a schema's values; empty when any.</summary>
    public static HashSet<string> Types(ApiDocument document, int schema) => Types(document, schema, new HashSet<int>());

    /// <summary>Whether the values are arrays (and not also strings, which a text already is).</summary>
    public static bool IsArray(ApiDocument document, int schema)
    {
        var types = Types(document, schema);
        return types.Contains("array") && !types.Contains("string");
    }

    /// <summary>Whether the values are objects and nothing else.</summary>
    public static bool IsObject(ApiDocument document, int schema)
    {
        var types = Types(document, schema);
        return (types.Count == 1 && types.Contains("object")) || (types.Count == 0 && Properties(document, schema).Count > 0);
    }

    /// <summary>The properties of an object schema and of its parts (the first declaration of a name wins).</summary>
    public static Dictionary<string, int> Properties(ApiDocument document, int schema)
    {
        var properties = new Dictionary<string, int>();
        void Collect(int s, HashSet<int> seen)
        {
            if (!Valid(document, s) || !seen.Add(s)) return;
            var current = document.Schemas[s];
            foreach (var p in current.Properties)
            {
                if (!properties.ContainsKey(p.Name)) properties[p.Name] = p.Schema;
            }
            foreach (var part in Parts(current)) Collect(part, seen);
        }
        Collect(schema, new HashSet<int>());
        return properties;
    }

    /// <summary>The items schema of an array schema or of its parts, or -1.</summary>
    public static int Items(ApiDocument document, int schema) => Find(document, schema, s => s.Items, new HashSet<int>());

    /// <summary>The schema of the additional properties of an object schema or of its parts, or -1.</summary>
    public static int AdditionalProperties(ApiDocument document, int schema) => Find(document, schema, s => s.AdditionalPropertiesSchema, new HashSet<int>());

    private static HashSet<string> Types(ApiDocument document, int schema, HashSet<int> seen)
    {
        var types = new HashSet<string>();
        if (!Valid(document, schema) || !seen.Add(schema)) return types;
        var s = document.Schemas[schema];
        if (s.Types.Count > 0)
        {
            types.UnionWith(s.Types);
            return types;
        }
        foreach (var part in Parts(s)) types.UnionWith(Types(document, part, seen));
        return types;
    }

    private static int Find(ApiDocument document, int schema, Func<ApiSchema, int> pick, HashSet<int> seen)
    {
        if (!Valid(document, schema) || !seen.Add(schema)) return -1;
        var s = document.Schemas[schema];
        if (pick(s) >= 0) return pick(s);
        foreach (var part in Parts(s))
        {
            var inner = Find(document, part, pick, seen);
            if (inner >= 0) return inner;
        }
        return -1;
    }

    private static IEnumerable<int> Parts(ApiSchema s) => s.AllOf.Concat(s.AnyOf).Concat(s.OneOf);

    private static bool Valid(ApiDocument document, int schema) => schema >= 0 && schema < document.Schemas.Count;
}
