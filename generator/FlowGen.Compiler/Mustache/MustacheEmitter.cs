using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using FlowGen.Compiler.Emit;

namespace FlowGen.Compiler.Mustache;

/// <summary>
/// Turns a parsed mustache template into C# statements that build the rendered text, with the semantics of
/// mustache.js's Writer under Node-RED's template node: names are looked up through the runtime's
/// <c>MustacheContext</c> chain (the message at the root, one context per section level), values are written with
/// mustache.js's escaping and String() conversion, sections iterate lists, push objects, strings and numbers, and
/// skip falsy values. Nothing of the template is parsed at run time.
/// </summary>
public sealed class MustacheEmitter
{
    private const string Runtime = "global::FlowGen.Runtime.Mustache";
    private readonly Func<string[], string> _namesField;

    /// <param name="namesField">Declares a static <c>string[]</c> field holding a dotted name's parts and returns its name.</param>
    /// <param name="envScope">
    /// The node's env scope field, for Node-RED's template node where "env.NAME" falls back to the environment;
    /// null for plain mustache.js (http request's URL), where every name is looked up in the message only.
    /// </param>
    public MustacheEmitter(Func<string[], string> namesField, Func<string>? envScope)
    {
        _namesField = namesField;
        _envScope = envScope;
    }

    private readonly Func<string>? _envScope;

    /// <summary>The rendered text when it is the same for every message (no interpolation and no section), else null.</summary>
    public static string? ConstantText(IReadOnlyList<MustacheNode> nodes)
    {
        var sb = new StringBuilder();
        foreach (var node in nodes)
        {
            switch (node)
            {
                case MustacheText text:
                    sb.Append(text.Text);
                    break;
                case MustacheComment:
                case MustacheDelimiters:
                    break;
                default:
                    return null;
            }
        }
        return sb.ToString();
    }

    /// <summary>True when rendering can raise an error: a section item that is null or undefined makes a plain name lookup throw.</summary>
    public static bool CanFail(IReadOnlyList<MustacheNode> nodes) => nodes.Any(n => n is MustacheSection);

    /// <summary>
    /// Writes statements that leave the rendered text in a new local <paramref name="result"/>, reading names from
    /// <paramref name="rootContext"/> (an expression of type MustacheContext).
    /// </summary>
    public void Emit(CodeWriter w, IReadOnlyList<MustacheNode> nodes, string rootContext, string result)
    {
        w.Line($"var context0 = {rootContext};");
        if (!nodes.Any(n => n is MustacheSection))
        {
            // No sections: one string.Concat of the literal parts and the values.
            var parts = new List<string>();
            CollectParts(nodes, "context0", parts);
            w.Line($"var {result} = {Concat(parts)};");
            return;
        }
        var capacity = nodes.OfType<MustacheText>().Sum(t => t.Text.Length) + 16 * nodes.Count(n => n is not MustacheText);
        w.Line($"var text = new global::System.Text.StringBuilder({CSharp.Int(capacity)});");
        EmitNodes(w, nodes, depth: 0);
        w.Line($"var {result} = text.ToString();");
    }

    private void CollectParts(IReadOnlyList<MustacheNode> nodes, string context, List<string> parts)
    {
        var literal = new StringBuilder();
        foreach (var node in nodes)
        {
            switch (node)
            {
                case MustacheText text:
                    literal.Append(text.Text);
                    break;
                case MustacheVariable variable:
                    if (literal.Length > 0) parts.Add(CSharp.String(literal.ToString()));
                    literal.Clear();
                    parts.Add($"{Runtime}.{(variable.Escaped ? "Escaped" : "Raw")}({Lookup(variable.Name, context)})");
                    break;
            }
        }
        if (literal.Length > 0) parts.Add(CSharp.String(literal.ToString()));
    }

    private static string Concat(List<string> parts) => parts.Count switch
    {
        0 => "\"\"",
        1 => parts[0],
        _ => $"string.Concat({string.Join(", ", parts)})",
    };

    private void EmitNodes(CodeWriter w, IReadOnlyList<MustacheNode> nodes, int depth)
    {
        var context = Context(depth);
        var literal = new StringBuilder();
        void Flush()
        {
            if (literal.Length == 0) return;
            w.Line($"text.Append({CSharp.String(literal.ToString())});");
            literal.Clear();
        }

        foreach (var node in nodes)
        {
            switch (node)
            {
                case MustacheText text:
                    literal.Append(text.Text);
                    break;
                case MustacheVariable variable:
                    Flush();
                    w.Line($"{Runtime}.{(variable.Escaped ? "AppendEscaped" : "AppendRaw")}(text, {Lookup(variable.Name, context)});");
                    break;
                case MustacheSection { Inverted: false } section:
                    Flush();
                    w.OpenBlock($"foreach (var {Context(depth + 1)} in {Runtime}.Section({context}, {Lookup(section.Name, context)}))");
                    EmitNodes(w, section.Children, depth + 1);
                    w.CloseBlock();
                    break;
                case MustacheSection section:
                    Flush();
                    w.OpenBlock($"if ({Runtime}.IsInvertedShown({Lookup(section.Name, context)}))");
                    // An inverted section renders in the same context.
                    EmitNodes(w, section.Children, depth);
                    w.CloseBlock();
                    break;
            }
        }
        Flush();
    }

    private static string Context(int depth) => "context" + depth.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The C# expression that looks a tag name up as Node-RED's NodeContext does: "." is the current view, a name
    /// with a dot after its first character is a dotted path, anything else one key; "env.NAME" falls back to the
    /// environment variable when the message has no such property.
    /// </summary>
    public string Lookup(string name, string context)
    {
        if (name == ".") return $"{context}.LookupSelf()";
        if (name.IndexOf('.') <= 0) return $"{context}.Lookup({CSharp.String(name)})";
        var field = _namesField(name.Split('.'));
        var env = _envScope is null ? null : EnvName(name);
        return env is null ? $"{context}.Lookup({field})" : $"{context}.LookupEnv({field}, {_envScope!()}, {CSharp.String(env)})";
    }

    /// <summary>The variable of an "env.NAME" tag (Node-RED's /^env\.(.+)/), else null.</summary>
    public static string? EnvName(string name)
    {
        if (!name.StartsWith("env.", StringComparison.Ordinal)) return null;
        var rest = name.Substring(4);
        var end = rest.IndexOfAny(new[] { '\n', '\r', '\u2028', '\u2029' });
        if (end >= 0) rest = rest.Substring(0, end);
        return rest.Length > 0 ? rest : null;
    }

    /// <summary>
    /// True for names Node-RED reads from flow or global context when the message has no such property
    /// (/^(flow|global)(\[(\w+)\])?\.(.+)/).
    /// </summary>
    public static bool IsContextName(string name) =>
        System.Text.RegularExpressions.Regex.IsMatch(name, @"^(flow|global)(\[[A-Za-z0-9_]+\])?\.[^\n\r\u2028\u2029]");
}
