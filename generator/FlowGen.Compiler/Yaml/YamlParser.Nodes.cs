using System;
using System.Collections.Generic;
using FlowGen.Compiler.Json;
using Microsoft.CodeAnalysis.Text;

namespace FlowGen.Compiler.Yaml;

// Node properties (anchors and tags), aliases, keys, mappings with merge keys, and the typing of scalars.
public sealed partial class YamlParser
{
    private const string CoreTagPrefix = "tag:yaml.org,2002:";

    private readonly Dictionary<string, string> _tagHandles = new(StringComparer.Ordinal)
    {
        ["!"] = "!",
        ["!!"] = CoreTagPrefix,
    };

    // An anchor maps to null while its own node is being read: an alias to it there would be a cycle.
    private readonly Dictionary<string, Anchored?> _anchors = new(StringComparer.Ordinal);

    // Nodes produced, an alias counting as the nodes it repeats: the cap stops alias bombs from flooding later stages.
    private readonly int _maxNodes;
    private int _nodeCount;

    // The deepest nesting reached (through aliases too), to know the height of an anchored node.
    private int _maxDepthSeen;

    private sealed class Anchored
    {
        public Anchored(JsonSyntax node, int size, int height)
        {
            Node = node;
            Size = size;
            Height = height;
        }

        public JsonSyntax Node { get; }

        public int Size { get; }

        public int Height { get; }
    }

    /// <summary>A node's anchor and tag. Tag is a core tag name ("str", "map", ...) or "!" (the non-specific tag).</summary>
    private struct Properties
    {
        public string? Anchor;
        public string? Tag;
        public TextSpan TagSpan;
        public int Start;
        public int End;

        public readonly bool IsEmpty => Anchor is null && Tag is null;
    }

    private readonly struct YamlKey
    {
        public YamlKey(string name, TextSpan span, bool isMerge)
        {
            Name = name;
            Span = span;
            IsMerge = isMerge;
        }

        public string Name { get; }

        public TextSpan Span { get; }

        public bool IsMerge { get; }
    }

    private readonly struct CollectionMark
    {
        public CollectionMark(int nodeCount, int depth, int maxDepthSeen)
        {
            NodeCount = nodeCount;
            Depth = depth;
            MaxDepthSeen = maxDepthSeen;
        }

        public int NodeCount { get; }

        public int Depth { get; }

        public int MaxDepthSeen { get; }
    }

    // ---- Properties ----

    private Properties ParseProperties(bool flow, int blockIndent, int openedAt)
    {
        var properties = new Properties { Start = _pos, End = _pos };
        while (_pos < _text.Length)
        {
            var start = _pos;
            var c = _text[_pos];
            if (c == '&')
            {
                if (properties.Anchor is not null) throw Error("a node can have only one anchor", start, 1);
                _pos++;
                properties.Anchor = ScanAnchorName();
                if (properties.Anchor.Length == 0) throw Error("an anchor needs a name after '&'", start, 1);
            }
            else if (c == '!')
            {
                if (properties.Tag is not null) throw Error("a node can have only one tag", start, 1);
                properties.Tag = ScanTag();
                properties.TagSpan = TextSpan.FromBounds(start, _pos);
            }
            else
            {
                break;
            }
            properties.End = _pos;
            if (_pos < _text.Length && !IsBlank(_text[_pos]) && !(flow && IsFlowIndicator(_text[_pos])))
                throw Error("an anchor or tag must be followed by a space", _pos, 1);
            if (flow) SkipFlowSpace(blockIndent, openedAt);
            else SkipInlineWhitespace();
        }
        return properties;
    }

    /// <summary>Properties from the line of an indicator and from the node's own line apply to the same node.</summary>
    private Properties Combine(Properties outer, Properties own)
    {
        if (outer.IsEmpty) return own;
        if (own.IsEmpty) return outer;
        if (outer.Anchor is not null && own.Anchor is not null) throw Error("a node can have only one anchor", own.Start, 1);
        if (outer.Tag is not null && own.Tag is not null) throw Error("a node can have only one tag", own.TagSpan);
        return new Properties
        {
            Anchor = outer.Anchor ?? own.Anchor,
            Tag = outer.Tag ?? own.Tag,
            TagSpan = outer.Tag is not null ? outer.TagSpan : own.TagSpan,
            Start = outer.Start,
            End = own.End,
        };
    }

    private string ScanAnchorName()
    {
        var start = _pos;
        while (_pos < _text.Length && !IsBlank(_text[_pos]) && !IsFlowIndicator(_text[_pos])) _pos++;
        return _text.Substring(start, _pos - start);
    }

    /// <summary>Reads a tag and returns its core name, or "!" for the non-specific tag; any other tag is an error.</summary>
    private string ScanTag()
    {
        var start = _pos;
        string resolved;
        if (_pos + 1 < _text.Length && _text[_pos + 1] == '<')
        {
            // A verbatim tag: !<tag:yaml.org,2002:str>
            var close = _pos + 2;
            while (close < _text.Length && _text[close] != '>' && !IsBlank(_text[close])) close++;
            if (close >= _text.Length || _text[close] != '>' || close == _pos + 2) throw Error("a verbatim tag needs the form !<tag>", start, close - start);
            resolved = _text.Substring(_pos + 2, close - _pos - 2);
            _pos = close + 1;
        }
        else
        {
            _pos++;
            while (_pos < _text.Length && !IsBlank(_text[_pos]) && !IsFlowIndicator(_text[_pos])) _pos++;
            var written = _text.Substring(start, _pos - start);
            if (written == "!") return "!";
            var secondBang = written.IndexOf('!', 1);
            var handle = secondBang < 0 ? "!" : written.Substring(0, secondBang + 1);
            var suffix = written.Substring(handle.Length);
            if (suffix.Length == 0) throw Error($"the tag '{written}' needs a name after its handle", start, written.Length);
            if (!_tagHandles.TryGetValue(handle, out var prefix)) throw Error($"undeclared tag handle '{handle}': declare it with a %TAG directive", start, handle.Length);
            resolved = prefix + suffix;
        }
        if (resolved.StartsWith(CoreTagPrefix, StringComparison.Ordinal))
        {
            var name = resolved.Substring(CoreTagPrefix.Length);
            if (name is "str" or "int" or "float" or "bool" or "null" or "map" or "seq") return name;
        }
        throw Unsupported(
            $"the tag '{_text.Substring(start, _pos - start)}' (FlowGen reads only the core tags !!str, !!int, !!float, !!bool, !!null, !!map and !!seq)",
            start, _pos - start);
    }

    private static bool IsTagHandle(string handle)
    {
        if (handle == "!" || handle == "!!") return true;
        if (handle.Length < 3 || handle[0] != '!' || handle[handle.Length - 1] != '!') return false;
        for (var i = 1; i < handle.Length - 1; i++)
        {
            var c = handle[i];
            if (!(c == '-' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) return false;
        }
        return true;
    }

    // ---- Collections, anchors and aliases ----

    private CollectionMark BeginCollection(Properties properties, string kind, int start)
    {
        if (properties.Tag is { } tag && tag != "!" && tag != kind)
            throw Error($"the tag !!{tag} does not fit a {(kind == "map" ? "mapping" : "sequence")}", properties.TagSpan);
        if (properties.Anchor is not null) _anchors[properties.Anchor] = null;
        var mark = new CollectionMark(_nodeCount, _depth, _maxDepthSeen);
        if (++_depth > MaxDepth) throw Error($"the YAML is nested too deeply (more than {MaxDepth} levels)", start, 1);
        // From here _maxDepthSeen measures this collection alone; EndCollection merges it back.
        _maxDepthSeen = _depth;
        return mark;
    }

    private JsonSyntax EndCollection(JsonSyntax node, Properties properties, CollectionMark mark)
    {
        _depth--;
        _nodeCount++;
        if (properties.Anchor is not null)
            _anchors[properties.Anchor] = new Anchored(node, _nodeCount - mark.NodeCount, _maxDepthSeen - mark.Depth);
        _maxDepthSeen = Math.Max(_maxDepthSeen, mark.MaxDepthSeen);
        return node;
    }

    private JsonSyntax ParseAlias()
    {
        var start = _pos;
        _pos++;
        var name = ScanAnchorName();
        var span = TextSpan.FromBounds(start, _pos);
        if (name.Length == 0) throw Error("an alias needs a name after '*'", start, 1);
        if (!_anchors.TryGetValue(name, out var anchored)) throw Error($"unknown alias '*{name}': no anchor '&{name}' comes before it", span);
        if (anchored is null) throw Unsupported($"recursive structures: the alias '*{name}' stands inside the node it refers to", span.Start, span.Length);
        if (_depth + anchored.Height > MaxDepth) throw Error($"the YAML is nested too deeply (more than {MaxDepth} levels through aliases)", span);
        _maxDepthSeen = Math.Max(_maxDepthSeen, _depth + anchored.Height);
        _nodeCount += anchored.Size;
        if (_nodeCount > _maxNodes) throw Error($"aliases repeat too much of this document (more than {_maxNodes} values in all)", span);
        _lastEnd = _pos;
        return anchored.Node;
    }

    private YamlException AliasWithProperties(Properties properties) =>
        Error("an alias cannot have an anchor or a tag", properties.Start, properties.End - properties.Start);

    // ---- Keys and mappings ----

    private YamlKey MakeKey(ContentToken token, Properties properties, bool singleLine)
    {
        var span = TextSpan.FromBounds(token.Start, token.End);
        switch (token.Kind)
        {
            case TokenKind.Collection:
                throw Unsupported("a mapping or sequence as a mapping key", span.Start, span.Length);
            case TokenKind.Alias:
                throw Unsupported("an alias as a mapping key", span.Start, span.Length);
        }
        if (singleLine && token.MultiLine) throw Error("a mapping key must be on one line", span);
        var plain = token.Kind == TokenKind.Plain;
        var name = token.Value ?? _text.Substring(token.Start, token.End - token.Start);
        // The key is a property name as written; resolving it still checks its tag and records its anchor.
        if (!properties.IsEmpty) ResolveScalar(name, plain, properties, span);
        return new YamlKey(name, span, isMerge: plain && name == "<<");
    }

    /// <summary>The entries of one mapping: duplicate keys are refused, merge keys are expanded at the end.</summary>
    private sealed class MappingBuilder
    {
        public List<JsonPropertySyntax> Properties { get; } = new();

        public Dictionary<string, TextSpan>? Index { get; set; }

        public YamlKey MergeKey { get; set; }

        public JsonSyntax? MergeValue { get; set; }

        public int MergeIndex { get; set; }
    }

    private void AddEntry(MappingBuilder entries, YamlKey key, JsonSyntax value)
    {
        if (key.IsMerge)
        {
            if (entries.MergeValue is not null) throw Error("a mapping can have only one merge key '<<'; merge several mappings with '<<: [*a, *b]'", key.Span);
            entries.MergeKey = key;
            entries.MergeValue = value;
            entries.MergeIndex = entries.Properties.Count;
            return;
        }
        if (FindEntry(entries, key.Name) is { } first)
            throw Error($"duplicate key '{key.Name}' in this mapping (first on line {LineOf(first.Start)})", key.Span);
        entries.Properties.Add(new JsonPropertySyntax(key.Name, key.Span, value));
        entries.Index?.Add(key.Name, key.Span);
    }

    private static TextSpan? FindEntry(MappingBuilder entries, string name)
    {
        var properties = entries.Properties;
        if (entries.Index is null)
        {
            foreach (var property in properties)
            {
                if (property.Name == name) return property.NameSpan;
            }
            // Small mappings are searched in place; a large one gets an index so reading stays linear.
            if (properties.Count >= 8)
            {
                entries.Index = new Dictionary<string, TextSpan>(StringComparer.Ordinal);
                foreach (var property in properties) entries.Index[property.Name] = property.NameSpan;
            }
            return null;
        }
        return entries.Index.TryGetValue(name, out var span) ? span : null;
    }

    /// <summary>
    /// The properties of a mapping, with those of a merge key ('&lt;&lt;: *a' or '&lt;&lt;: [*a, *b]') in its place:
    /// keys written in the mapping win, then earlier merged mappings win over later ones.
    /// </summary>
    private IReadOnlyList<JsonPropertySyntax> BuildProperties(MappingBuilder entries)
    {
        if (entries.MergeValue is not { } merge) return entries.Properties;
        var sources = new List<JsonObjectSyntax>();
        if (merge is JsonObjectSyntax single)
        {
            sources.Add(single);
        }
        else if (merge is JsonArraySyntax list)
        {
            foreach (var item in list.Items)
            {
                if (item is not JsonObjectSyntax source)
                    throw Error($"the merge key '<<' takes a mapping or a list of mappings, but this list holds {item.KindName}", entries.MergeKey.Span);
                sources.Add(source);
            }
        }
        else
        {
            throw Error($"the merge key '<<' takes a mapping or a list of mappings, not {merge.KindName}", entries.MergeKey.Span);
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in entries.Properties) names.Add(property.Name);
        var result = new List<JsonPropertySyntax>(entries.Properties.Count);
        for (var i = 0; i < entries.MergeIndex; i++) result.Add(entries.Properties[i]);
        foreach (var source in sources)
        {
            foreach (var property in source.Properties)
            {
                if (names.Add(property.Name)) result.Add(property);
            }
        }
        for (var i = entries.MergeIndex; i < entries.Properties.Count; i++) result.Add(entries.Properties[i]);
        return result;
    }

    // ---- Scalars ----

    /// <summary>An empty node: null, unless a tag makes it an empty string, mapping or sequence.</summary>
    private JsonSyntax EmptyNode(Properties properties, int at)
    {
        var span = new TextSpan(at, 0);
        if (properties.Tag is "map" or "seq")
        {
            var mark = BeginCollection(properties, properties.Tag, at);
            JsonSyntax node = properties.Tag == "map"
                ? new JsonObjectSyntax(span, Array.Empty<JsonPropertySyntax>())
                : new JsonArraySyntax(span, Array.Empty<JsonSyntax>());
            _lastEnd = at;
            return EndCollection(node, properties, mark);
        }
        return ResolveScalar("", plain: true, properties, span);
    }

    /// <summary>
    /// Types a scalar: by its tag if it has one, else by the YAML 1.2 core schema if it is plain; quoted scalars are strings.
    /// </summary>
    private JsonSyntax ResolveScalar(string value, bool plain, Properties properties, TextSpan span)
    {
        JsonSyntax node;
        switch (properties.Tag)
        {
            case null when plain:
                node = YamlCoreSchema.Resolve(value, span);
                break;
            case null or "!" or "str":
                node = new JsonStringSyntax(span, value);
                break;
            case "null":
                node = YamlCoreSchema.IsNull(value) ? new JsonNullSyntax(span) : throw NotOfTag(value, "a null", span);
                break;
            case "bool":
                node = YamlCoreSchema.TryBool(value, out var flag) ? new JsonBooleanSyntax(span, flag) : throw NotOfTag(value, "a boolean", span);
                break;
            case "int":
                node = YamlCoreSchema.TryInt(value, out var integer) ? new JsonNumberSyntax(span, value, integer) : throw NotOfTag(value, "an integer", span);
                break;
            case "float":
                node = YamlCoreSchema.TryInt(value, out var number) || YamlCoreSchema.TryFloat(value, out number)
                    ? new JsonNumberSyntax(span, value, number)
                    : throw NotOfTag(value, "a number", span);
                break;
            default:
                throw Error($"the tag !!{properties.Tag} does not fit a scalar value", properties.TagSpan);
        }
        _nodeCount++;
        _lastEnd = span.End;
        if (properties.Anchor is not null) _anchors[properties.Anchor] = new Anchored(node, 1, 0);
        return node;
    }

    private YamlException NotOfTag(string value, string what, TextSpan span) =>
        Error($"'{(value.Length > 40 ? value.Substring(0, 40) + "..." : value)}' is not {what}, as its tag says", span);
}
