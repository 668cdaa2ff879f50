using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using FlowGen.Compiler.Json;
using FlowGen.Compiler.Yaml;
using Microsoft.CodeAnalysis.Text;

namespace FlowGen.Compiler.Tests;

/// <summary>Properties that hold for every input: YAML reads JSON as JSON does, and no input makes the reader throw.</summary>
public sealed class YamlPropertyTests
{
    /// <summary>JSON texts the flow and OpenAPI files do not cover: every escape and number form, tabs, CRLF, no whitespace.</summary>
    private static readonly string[] JsonSamples =
    [
        """{"s":"\u00e9\/\b\f\n\r\t\"\\ \ud83d\ude00","n":[-0,0,1e5,1E+5,1.5E-3,-12.0e+2,123456789012345678901234567890],"t":true,"f":false,"z":null,"e":{},"l":[]}""",
        "{\n\t\"tabbed\": [\n\t\t1,\n\t\t{\"deeper\": \"x\"}\n\t]\n}\n",
        "{\r\n  \"crlf\": [1,\r\n    2]\r\n}\r\n",
        "[\"a\",{\"b\":[{},[]],\"c\":\"# not a comment\",\"d\":\"- not an item\",\"e\":\"key: value\"}]",
        "\"a lone string\"",
        "-12.5e-1",
        "{\"\":\"empty name\",\"<<\":\"not a merge\",\"&a\":\"*a\",\"!!str\":\"|\"}",
        "  [ 1 , 2 ]  ",
    ];

    [Fact]
    public void Every_JSON_file_reads_the_same_as_YAML()
    {
        var files = Directory.GetFiles(RepositoryFlows.ConformanceKit, "*.json", SearchOption.AllDirectories)
            .Concat(Directory.GetFiles(RepositoryFlows.Root, "*.flow.json", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
            .OrderBy(f => f, StringComparer.Ordinal)
            .ToList();
        var texts = files.Select(f => (Name: f, Text: File.ReadAllText(f))).Concat(JsonSamples.Select((t, i) => (Name: $"sample {i}", Text: t)));
        var compared = 0;
        foreach (var (name, text) in texts)
        {
            var json = JsonParser.Parse(text, out var jsonError);
            Assert.True(jsonError is null, $"{name}: {jsonError?.Message}");
            var yaml = YamlParser.Parse(text, out var yamlError);
            Assert.True(yamlError is null, $"{name}: {yamlError?.Message}");
            AssertSameTree(json!, yaml!, name + ": $");
            compared++;
        }
        Assert.True(files.Count(f => f.EndsWith(".flow.json", StringComparison.Ordinal)) >= 20, "the flow files were not found");
        Assert.True(compared >= files.Count + JsonSamples.Length);
    }

    /// <summary>Same kinds, names, values and spans: on JSON text no span differs.</summary>
    private static void AssertSameTree(JsonSyntax json, JsonSyntax yaml, string path)
    {
        Assert.True(json.GetType() == yaml.GetType(), $"{path}: {json.KindName} read as {yaml.KindName}");
        Assert.True(json.Span == yaml.Span, $"{path}: span {json.Span} read as {yaml.Span}");
        switch (json)
        {
            case JsonObjectSyntax o:
                var yo = (JsonObjectSyntax)yaml;
                Assert.True(o.Properties.Count == yo.Properties.Count, $"{path}: {o.Properties.Count} properties read as {yo.Properties.Count}");
                for (var i = 0; i < o.Properties.Count; i++)
                {
                    Assert.True(o.Properties[i].Name == yo.Properties[i].Name, $"{path}: name '{o.Properties[i].Name}' read as '{yo.Properties[i].Name}'");
                    Assert.True(o.Properties[i].NameSpan == yo.Properties[i].NameSpan, $"{path}.{o.Properties[i].Name}: name span differs");
                    AssertSameTree(o.Properties[i].Value, yo.Properties[i].Value, $"{path}.{o.Properties[i].Name}");
                }
                break;
            case JsonArraySyntax a:
                var ya = (JsonArraySyntax)yaml;
                Assert.True(a.Items.Count == ya.Items.Count, $"{path}: {a.Items.Count} items read as {ya.Items.Count}");
                for (var i = 0; i < a.Items.Count; i++) AssertSameTree(a.Items[i], ya.Items[i], $"{path}[{i}]");
                break;
            case JsonStringSyntax s:
                Assert.True(s.Value == ((JsonStringSyntax)yaml).Value, $"{path}: string differs");
                break;
            case JsonNumberSyntax n:
                var yn = (JsonNumberSyntax)yaml;
                Assert.True(n.Text == yn.Text && n.Value.Equals(yn.Value), $"{path}: {n.Text} read as {yn.Text} ({yn.Value})");
                break;
            case JsonBooleanSyntax b:
                Assert.True(b.Value == ((JsonBooleanSyntax)yaml).Value, $"{path}: boolean differs");
                break;
        }
    }

    [Fact]
    public void Random_and_mutated_inputs_never_throw()
    {
        var random = new Random(20_240_611);
        var document = File.ReadAllText(Path.Combine(RepositoryFlows.Root, "tests", "FlowGen.Compiler.Tests", "Yaml", "petstore.openapi.yaml"));
        var seeds = new List<string>
        {
            // Small seeds, so that most mutations land near something interesting.
            "a: &x {b: [1, 'two', \"th\\u0072ee\"]}\nc: *x\nd:\n  <<: *x\n  e: |+\n    keep\n\n  f: >-\n    fold\n    ed\n",
            "%YAML 1.2\n%TAG !e! tag:yaml.org,2002:\n--- !e!map\n- - a\n  - ? b\n-\t\"x\\\n  y\"\n...\n",
            "{\"json\": [1, 2.5e3, true, null, {\"k\": \"v\"}], 'single': 'it''s'}\r\n",
            "k: v\n  cont\n# c\nlist:\n- a: 1\n  b: [x,\n    y]\n- !!str 12\n- &n ~\n- *n\n",
            "a: |2-\n    x\n  \n   y\nb: 'q\n\n  r'\nc: \"\\x41\\U0001F600\\\n  \\ d\"\n",
            "---\n? k\n: v\n[a: b, {c: d}]: e\n...\n",
        };
        const string alphabet = " \t\n\r-?:,[]{}#&*!|>'\"%@`\\.~0123456789abcxyzABC<+\uFEFF\u00e9";
        var runs = 0;
        for (var i = 0; i < 20_000; i++)
        {
            string text;
            if (i % 20 == 1)
            {
                text = Mutate(document, random, alphabet);
            }
            else if (i % 4 == 0)
            {
                var chars = new char[random.Next(0, 120)];
                for (var j = 0; j < chars.Length; j++) chars[j] = alphabet[random.Next(alphabet.Length)];
                text = new string(chars);
            }
            else
            {
                text = Mutate(seeds[random.Next(seeds.Count)], random, alphabet);
            }
            CheckNeverThrows(text);
            runs++;
        }
        Assert.Equal(20_000, runs);
    }

    private static string Mutate(string text, Random random, string alphabet)
    {
        var sb = new StringBuilder(text);
        var edits = random.Next(1, 6);
        for (var e = 0; e < edits && sb.Length > 0; e++)
        {
            var at = random.Next(sb.Length);
            switch (random.Next(7))
            {
                case 0: sb[at] = alphabet[random.Next(alphabet.Length)]; break;
                case 1: sb.Insert(at, alphabet[random.Next(alphabet.Length)]); break;
                case 2: sb.Remove(at, Math.Min(sb.Length - at, random.Next(1, 20))); break;
                case 3: sb.Length = at; break;
                case 4: sb.Insert(at, sb.ToString(at, Math.Min(sb.Length - at, random.Next(1, 40)))); break;
                case 5: sb.Insert(at, "\t"); break;
                default: sb.Insert(at, new string(' ', random.Next(1, 6))); break;
            }
        }
        return sb.ToString();
    }

    /// <summary>The reader returns a tree or an error, never both, never an exception; an error names the line it points at.</summary>
    private static void CheckNeverThrows(string text)
    {
        JsonSyntax? node;
        JsonSyntaxError? error;
        try
        {
            node = YamlParser.Parse(text, out error);
        }
        catch (Exception e)
        {
            throw new Xunit.Sdk.XunitException($"YamlParser threw on {YamlTestText.Quote(text)}: {e}");
        }
        if (error is null)
        {
            Assert.NotNull(node);
            CheckSpans(node!, text, new HashSet<JsonSyntax>(ReferenceEqualityComparer.Instance));
            return;
        }
        Assert.Null(node);
        Assert.True(error.Span.Start >= 0 && error.Span.End <= text.Length, $"error span {error.Span} outside the text {YamlTestText.Quote(text)}");
        var line = SourceText.From(text).Lines.GetLinePosition(error.Span.Start).Line + 1;
        Assert.True(error.Message.StartsWith($"line {line}: ", StringComparison.Ordinal), $"'{error.Message}' points at line {line} of {YamlTestText.Quote(text)}");
    }

    private static void CheckSpans(JsonSyntax node, string text, HashSet<JsonSyntax> seen)
    {
        if (!seen.Add(node)) return;
        Assert.True(node.Span.End <= text.Length, $"span {node.Span} outside the text {YamlTestText.Quote(text)}");
        switch (node)
        {
            case JsonObjectSyntax o:
                foreach (var property in o.Properties)
                {
                    Assert.True(property.NameSpan.End <= text.Length);
                    CheckSpans(property.Value, text, seen);
                }
                break;
            case JsonArraySyntax a:
                foreach (var item in a.Items) CheckSpans(item, text, seen);
                break;
        }
    }
}
