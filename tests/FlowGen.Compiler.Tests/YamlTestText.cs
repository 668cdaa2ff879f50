using System.Linq;
using System.Text;
using FlowGen.Compiler.Json;
using FlowGen.Compiler.Yaml;
using Microsoft.CodeAnalysis.Text;

namespace FlowGen.Compiler.Tests;

/// <summary>Reading YAML in tests, and showing the trees it yields in a short JSON-like form.</summary>
internal static class YamlTestText
{
    public static JsonSyntax Read(string yaml)
    {
        var node = YamlParser.Parse(yaml, out var error);
        Assert.True(error is null, error?.Message);
        return node!;
    }

    public static JsonSyntaxError Fails(string yaml)
    {
        Assert.Null(YamlParser.Parse(yaml, out var error));
        Assert.NotNull(error);
        return error!;
    }

    /// <summary>The tree as compact JSON; numbers as written, so "1.0" and 1 differ.</summary>
    public static string Show(JsonSyntax node) => node switch
    {
        JsonObjectSyntax o => "{" + string.Join(",", o.Properties.Select(p => Quote(p.Name) + ":" + Show(p.Value))) + "}",
        JsonArraySyntax a => "[" + string.Join(",", a.Items.Select(Show)) + "]",
        JsonStringSyntax s => Quote(s.Value),
        JsonNumberSyntax n => n.Text,
        JsonBooleanSyntax b => b.Value ? "true" : "false",
        _ => "null",
    };

    public static string Quote(string value)
    {
        var sb = new StringBuilder("\"");
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (c < ' ') sb.Append("\\u").Append(((int)c).ToString("x4"));
                    else sb.Append(c);
                    break;
            }
        }
        return sb.Append('"').ToString();
    }

    /// <summary>The 1-based line and column where a span starts.</summary>
    public static (int Line, int Column) Start(string text, TextSpan span)
    {
        var position = SourceText.From(text).Lines.GetLinePosition(span.Start);
        return (position.Line + 1, position.Character + 1);
    }

    public static string TextOf(string text, TextSpan span) => text.Substring(span.Start, span.Length);

    public static JsonSyntax Get(JsonSyntax node, params object[] path)
    {
        foreach (var step in path)
        {
            node = step is string name
                ? Assert.IsType<JsonObjectSyntax>(node)[name] ?? throw new Xunit.Sdk.XunitException($"no property '{name}'")
                : Assert.IsType<JsonArraySyntax>(node).Items[(int)step];
        }
        return node;
    }
}
