using System;
using System.Text;

namespace FlowGen.Runtime;

/// <summary>
/// The helpers compiled mustache templates call: mustache.js 4.2.0's value conversion and HTML escaping and its
/// section rules. The template itself was parsed at build time; nothing here parses a template.
/// </summary>
public static class Mustache
{
    /// <summary>
    /// <c>{{name}}</c>: nothing for null and undefined, numbers as <c>String(n)</c>, anything else as
    /// <c>String(value)</c> with <c>&amp; &lt; &gt; " ' / ` =</c> replaced by HTML entities.
    /// </summary>
    public static string Escaped(object? value) => value switch
    {
        null or JsUndefined => "",
        string s => Escape(s),
        double d => Js.FormatNumber(d),
        _ => Escape(Js.ToJsString(value)),
    };

    /// <summary><c>{{{name}}}</c> and <c>{{&amp; name}}</c>: nothing for null and undefined, else <c>String(value)</c>.</summary>
    public static string Raw(object? value) => value is null or JsUndefined ? "" : Js.ToJsString(value);

    /// <summary>Appends <see cref="Escaped"/>.</summary>
    public static void AppendEscaped(StringBuilder text, object? value)
    {
        ArgumentNullException.ThrowIfNull(text);
        text.Append(Escaped(value));
    }

    /// <summary>Appends <see cref="Raw"/>.</summary>
    public static void AppendRaw(StringBuilder text, object? value)
    {
        ArgumentNullException.ThrowIfNull(text);
        text.Append(Raw(value));
    }

    /// <summary>mustache.js's escapeHtml.</summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var first = text.AsSpan().IndexOfAny("&<>\"'`=/");
        if (first < 0) return text;
        var sb = StringBuilderCache.Acquire(text.Length + 16);
        sb.Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"': sb.Append("&quot;"); break;
                case '\'': sb.Append("&#39;"); break;
                case '/': sb.Append("&#x2F;"); break;
                case '`': sb.Append("&#x60;"); break;
                case '=': sb.Append("&#x3D;"); break;
                default: sb.Append(c); break;
            }
        }
        return StringBuilderCache.ToStringAndRelease(sb);
    }

    /// <summary>
    /// Node-RED's escaping of message strings for output "json": backslash, newline, tab, carriage return, form
    /// feed and backspace become their JSON escapes (quotes are left alone).
    /// </summary>
    public static string EscapeJsonString(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var first = text.AsSpan().IndexOfAny("\\\n\t\r\f\b");
        if (first < 0) return text;
        var sb = StringBuilderCache.Acquire(text.Length + 8);
        sb.Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\t': sb.Append("\\t"); break;
                case '\r': sb.Append("\\r"); break;
                case '\f': sb.Append("\\f"); break;
                case '\b': sb.Append("\\b"); break;
                default: sb.Append(c); break;
            }
        }
        return StringBuilderCache.ToStringAndRelease(sb);
    }

    /// <summary>
    /// The contexts a section <c>{{#name}}</c> renders its content in: none for a falsy value, one per element
    /// (each pushed) for an array, the value pushed for an object, string or number, and the current context
    /// unchanged for <c>true</c>.
    /// </summary>
    public static MustacheSectionContexts Section(MustacheContext context, object? value)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new MustacheSectionContexts(context, value);
    }

    /// <summary>Whether an inverted section <c>{{^name}}</c> renders: for a falsy value or an empty array.</summary>
    public static bool IsInvertedShown(object? value) => !Js.ToBoolean(value) || value is JsArray { Count: 0 };

    /// <summary>
    /// JavaScript's <c>key in value</c> for objects (own properties; arrays and Buffers also have their indexes
    /// and <c>length</c>); false for primitives, null and undefined.
    /// </summary>
    public static bool HasProperty(object? value, string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return value switch
        {
            JsObject o => o.ContainsKey(key),
            JsArray a => key == "length" || (JsObject.TryParseArrayIndex(key, out var i) && i < (uint)a.Count),
            byte[] b => key == "length" || (JsObject.TryParseArrayIndex(key, out var i) && i < (uint)b.Length),
            _ => false,
        };
    }

    /// <summary>
    /// <c>primitive.hasOwnProperty(key)</c> for strings, numbers and booleans: a string has its indexes and
    /// <c>length</c>, numbers and booleans have nothing.
    /// </summary>
    public static bool PrimitiveHasOwnProperty(object? value, string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return value is string s && (key == "length" || (JsObject.TryParseArrayIndex(key, out var i) && i < (uint)s.Length));
    }

    /// <summary><c>value[key]</c> for a value that is not null or undefined; undefined for what it does not have.</summary>
    public static object? GetProperty(object? value, string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        switch (value)
        {
            case JsObject o:
                return o[key];
            case JsArray a:
                if (key == "length") return (double)a.Count;
                return JsObject.TryParseArrayIndex(key, out var ai) && ai < (uint)a.Count ? a[(int)ai] : JsUndefined.Value;
            case byte[] b:
                if (key == "length") return (double)b.Length;
                return JsObject.TryParseArrayIndex(key, out var bi) && bi < (uint)b.Length ? (double)b[(int)bi] : JsUndefined.Value;
            case string s:
                if (key == "length") return (double)s.Length;
                return JsObject.TryParseArrayIndex(key, out var si) && si < (uint)s.Length ? s[(int)si].ToString() : JsUndefined.Value;
            default:
                return JsUndefined.Value;
        }
    }
}

/// <summary>
/// A rendering context as mustache.js keeps it under Node-RED's template node: a view (the message at the root,
/// then each section's value) and the context it was pushed on. Lookups walk from here to the root.
/// </summary>
public sealed class MustacheContext
{
    private readonly bool _escapeJsonStrings;

    private MustacheContext(object? view, MustacheContext? parent, bool escapeJsonStrings)
    {
        View = view;
        Parent = parent;
        _escapeJsonStrings = escapeJsonStrings;
    }

    /// <summary>The value names are looked up in first.</summary>
    public object? View { get; }

    /// <summary>The context this one was pushed on; null at the root.</summary>
    public MustacheContext? Parent { get; }

    /// <summary>
    /// The root context over the message. With <paramref name="escapeJsonStrings"/> (output "json"), string
    /// values found from the root context (not inside sections) get <see cref="Mustache.EscapeJsonString"/>.
    /// </summary>
    public static MustacheContext Root(object? view, bool escapeJsonStrings = false) => new(view, null, escapeJsonStrings);

    /// <summary>A context for a section's value, on top of this one.</summary>
    public MustacheContext Push(object? view) => new(view, this, escapeJsonStrings: false);

    /// <summary><c>{{.}}</c>: the current view.</summary>
    public object? LookupSelf() => Found(View);

    /// <summary>
    /// A name without a dot after its first character: the first context (from here to the root) whose view is
    /// an object that has the property. A null or undefined view on the way throws, as reading a property of it
    /// does in JavaScript. Not found gives <c>""</c>, as Node-RED's lookup does.
    /// </summary>
    public object? Lookup(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        for (var context = this; context is not null; context = context.Parent)
        {
            var view = context.View;
            if (view is null or JsUndefined)
            {
                throw new FlowError($"Cannot read properties of {(view is null ? "null" : "undefined")} (reading '{name}')");
            }
            if (Mustache.HasProperty(view, name)) return Found(Mustache.GetProperty(view, name));
        }
        return "";
    }

    /// <summary>
    /// A dotted name (<c>a.b.c</c>, split at build time): in each context from here to the root, the path is
    /// walked while the value is not null or undefined, and the context answers when the last object (or
    /// string) has the last key. Not found gives <c>""</c>.
    /// </summary>
    public object? Lookup(string[] names)
    {
        var value = Walk(names);
        return value is JsUndefined ? "" : Found(value);
    }

    /// <summary>
    /// An <c>env.NAME</c> name: the message (and section contexts) first, as <see cref="Lookup(string[])"/>;
    /// when that finds nothing, the environment variable as Node-RED's env typed input reads it ("" when unset).
    /// </summary>
    public object? LookupEnv(string[] names, FlowEnvScope scope, string variable)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(variable);
        var value = Walk(names);
        return value is JsUndefined ? scope.Evaluate(variable) : Found(value);
    }

    private object? Walk(string[] names)
    {
        ArgumentNullException.ThrowIfNull(names);
        for (var context = this; context is not null; context = context.Parent)
        {
            var value = context.View;
            var hit = false;
            for (var i = 0; value is not (null or JsUndefined) && i < names.Length; i++)
            {
                if (i == names.Length - 1)
                {
                    hit = Mustache.HasProperty(value, names[i]) || Mustache.PrimitiveHasOwnProperty(value, names[i]);
                }
                value = Mustache.GetProperty(value, names[i]);
            }
            if (hit) return value;
        }
        return JsUndefined.Value;
    }

    /// <summary>Node-RED's answer for a value the message has: undefined counts as not found ("").</summary>
    private object? Found(object? value) => value switch
    {
        JsUndefined => "",
        string s when _escapeJsonStrings => Mustache.EscapeJsonString(s),
        _ => value,
    };
}

/// <summary>The contexts of one section, enumerated without allocating a collection.</summary>
public readonly struct MustacheSectionContexts
{
    private readonly MustacheContext _context;
    private readonly object? _value;

    internal MustacheSectionContexts(MustacheContext context, object? value)
    {
        _context = context;
        _value = value;
    }

    public Enumerator GetEnumerator() => new(_context, _value);

    /// <summary>Yields the section's contexts.</summary>
    public struct Enumerator
    {
        private readonly MustacheContext _context;
        private readonly object? _value;
        private readonly JsArray? _array;
        private readonly int _count;
        private int _index;

        internal Enumerator(MustacheContext context, object? value)
        {
            _context = context;
            _value = value;
            _array = value as JsArray;
            // The length is read once, when the section starts, as mustache.js's loop does.
            _count = !Js.ToBoolean(value) ? 0 : _array?.Count ?? 1;
            _index = -1;
            Current = context;
        }

        public MustacheContext Current { get; private set; }

        public bool MoveNext()
        {
            if (++_index >= _count) return false;
            Current = _array is not null ? _context.Push(_array[_index])
                : _value is bool ? _context
                : _context.Push(_value);
            return true;
        }
    }
}

/// <summary>The template node's run-time steps around the compiled template.</summary>
public static class TemplateNode
{
    /// <summary>
    /// An empty template with syntax "plain": Node-RED outputs msg.template when the message has that property,
    /// else the configured value (<c>""</c> or <c>null</c>).
    /// </summary>
    public static object? MessageTemplate(FlowMessage msg, object? configured)
    {
        ArgumentNullException.ThrowIfNull(msg);
        return msg.TryGetValue("template", out var template) ? template : configured;
    }

    /// <summary>Output "json": <c>JSON.parse</c> of the rendered text; invalid JSON is a flow error with V8's message.</summary>
    public static object? ParseJson(object? text)
    {
        try
        {
            return JsJson.Parse(text as string ?? Js.ToJsString(text));
        }
        catch (JsonParseException ex)
        {
            throw new FlowError(ex.Message);
        }
    }

    /// <summary>
    /// Writes the result to the message property, creating missing parents. The template node reports the
    /// errors of this step with their bare message, as Node-RED's done(err.message) does.
    /// </summary>
    public static void Set(FlowMessage msg, JsPath path, object? value)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            path.Set(msg, value);
        }
        catch (JsTypeError ex)
        {
            throw new FlowError(ex.Message);
        }
        catch (JsRangeError ex)
        {
            throw new FlowError(ex.Message);
        }
        catch (JsPathException ex)
        {
            throw new FlowError(ex.Message);
        }
    }
}
