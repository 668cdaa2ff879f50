using System.Collections.Generic;
using Microsoft.CodeAnalysis.Text;

namespace FlowGen.Compiler.Json;

/// <summary>
/// A JSON value read from a flow or OpenAPI file, with the span of its text, so diagnostics can point into the file.
/// </summary>
public abstract class JsonSyntax
{
    protected JsonSyntax(TextSpan span) => Span = span;

    public TextSpan Span { get; }

    /// <summary>A short name of the value's JSON kind for messages ("a string", "an object", ...).</summary>
    public abstract string KindName { get; }
}

public sealed class JsonObjectSyntax : JsonSyntax
{
    public JsonObjectSyntax(TextSpan span, IReadOnlyList<JsonPropertySyntax> properties) : base(span) => Properties = properties;

    public IReadOnlyList<JsonPropertySyntax> Properties { get; }

    public override string KindName => "an object";

    /// <summary>The last property of that name, as JSON.parse keeps it.</summary>
    public JsonPropertySyntax? GetProperty(string name)
    {
        for (var i = Properties.Count - 1; i >= 0; i--)
        {
            if (Properties[i].Name == name) return Properties[i];
        }
        return null;
    }

    public JsonSyntax? this[string name] => GetProperty(name)?.Value;
}

public sealed class JsonPropertySyntax
{
    public JsonPropertySyntax(string name, TextSpan nameSpan, JsonSyntax value)
    {
        Name = name;
        NameSpan = nameSpan;
        Value = value;
    }

    public string Name { get; }

    public TextSpan NameSpan { get; }

    public JsonSyntax Value { get; }
}

public sealed class JsonArraySyntax : JsonSyntax
{
    public JsonArraySyntax(TextSpan span, IReadOnlyList<JsonSyntax> items) : base(span) => Items = items;

    public IReadOnlyList<JsonSyntax> Items { get; }

    public override string KindName => "an array";
}

public sealed class JsonStringSyntax : JsonSyntax
{
    public JsonStringSyntax(TextSpan span, string value) : base(span) => Value = value;

    public string Value { get; }

    public override string KindName => "a string";
}

public sealed class JsonNumberSyntax : JsonSyntax
{
    public JsonNumberSyntax(TextSpan span, string text, double value) : base(span)
    {
        Text = text;
        Value = value;
    }

    /// <summary>The number as written in the file.</summary>
    public string Text { get; }

    public double Value { get; }

    public override string KindName => "a number";
}

public sealed class JsonBooleanSyntax : JsonSyntax
{
    public JsonBooleanSyntax(TextSpan span, bool value) : base(span) => Value = value;

    public bool Value { get; }

    public override string KindName => "a boolean";
}

public sealed class JsonNullSyntax : JsonSyntax
{
    public JsonNullSyntax(TextSpan span) : base(span) { }

    public override string KindName => "null";
}
