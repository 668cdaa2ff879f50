using System.Collections.Generic;
using FlowGen.Compiler.Json;
using Microsoft.CodeAnalysis.Text;

namespace FlowGen.Compiler.Yaml;

// Flow collections: [a, b] and {a: 1}, JSON included. Their lines must be indented more than the enclosing block
// (blockIndent, -1 at the top of the document); a closing bracket may stand at the block's own indentation.
public sealed partial class YamlParser
{
    private JsonSyntax ParseFlowSequence(int blockIndent, Properties properties)
    {
        var open = _pos;
        var mark = BeginCollection(properties, "seq", open);
        _pos++;
        var items = new List<JsonSyntax>();
        while (true)
        {
            SkipFlowSpace(blockIndent, open);
            if (AtEnd) throw NeverClosed(open);
            if (_text[_pos] == ']') break;
            items.Add(ParseFlowSequenceEntry(blockIndent, open));
            if (ClosesAfterEntry(blockIndent, open, ']', "flow sequence")) break;
        }
        _pos++;
        _lastEnd = _pos;
        return EndCollection(new JsonArraySyntax(TextSpan.FromBounds(open, _pos), items), properties, mark);
    }

    /// <summary>An entry of a flow sequence: a node, or a single 'key: value' pair, which is a mapping of one entry.</summary>
    private JsonSyntax ParseFlowSequenceEntry(int blockIndent, int open)
    {
        if (AtComplexKey(flow: true)) throw Unsupported("complex mapping keys ('?')", _pos, 1);
        var properties = ParseProperties(flow: true, blockIndent, open);
        if (AtEnd) throw NeverClosed(open);
        var c = _text[_pos];
        if (c == ':' && EndsPlainAfterColon(_pos + 1, flow: true)) throw Error("a mapping key is missing before ':'", _pos, 1);
        if (!(c == '"' || c == '\'' || IsPlainStart(_pos, flow: true)))
        {
            var node = ParseFlowContent(blockIndent, properties, open);
            if (AtFlowPairIndicator(jsonLikeKey: c is '[' or '{'))
            {
                throw c == '*'
                    ? Unsupported("an alias as a mapping key", _pos, 1)
                    : Unsupported("a mapping or sequence as a mapping key", _pos, 1);
            }
            return node;
        }

        var token = ScanFlowScalar(blockIndent);
        if (!AtFlowPairIndicator(jsonLikeKey: token.Kind == TokenKind.Quoted)) return FinishValue(token, properties, blockIndent, flow: true);

        // [a: b] holds the mapping {a: b}.
        var mark = BeginCollection(default, "map", token.Start);
        var key = MakeKey(token, properties, singleLine: true);
        while (_text[_pos] != ':') _pos++;
        var entries = new MappingBuilder();
        AddEntry(entries, key, ParseFlowValueAfterColon(blockIndent, open));
        return EndCollection(new JsonObjectSyntax(TextSpan.FromBounds(token.Start, _lastEnd), BuildProperties(entries)), default, mark);
    }

    /// <summary>Is a ':' next on this line, the value indicator after a key? After a quoted or flow key it may touch the value.</summary>
    private bool AtFlowPairIndicator(bool jsonLikeKey)
    {
        var p = _pos;
        while (p < _text.Length && (_text[p] == ' ' || _text[p] == '\t')) p++;
        return p < _text.Length && _text[p] == ':' && (jsonLikeKey || EndsPlainAfterColon(p + 1, flow: true));
    }

    private JsonSyntax ParseFlowMapping(int blockIndent, Properties properties)
    {
        var open = _pos;
        var mark = BeginCollection(properties, "map", open);
        _pos++;
        var entries = new MappingBuilder();
        while (true)
        {
            SkipFlowSpace(blockIndent, open);
            if (AtEnd) throw NeverClosed(open);
            if (_text[_pos] == '}') break;
            var key = ParseFlowKey(blockIndent, open, out var jsonLikeKey);
            SkipFlowSpace(blockIndent, open);
            if (AtEnd) throw NeverClosed(open);
            var value = _text[_pos] == ':' && (jsonLikeKey || EndsPlainAfterColon(_pos + 1, flow: true))
                ? ParseFlowValueAfterColon(blockIndent, open)
                : EmptyNode(default, key.Span.End);
            AddEntry(entries, key, value);
            if (ClosesAfterEntry(blockIndent, open, '}', "flow mapping")) break;
        }
        _pos++;
        _lastEnd = _pos;
        return EndCollection(new JsonObjectSyntax(TextSpan.FromBounds(open, _pos), BuildProperties(entries)), properties, mark);
    }

    /// <summary>
    /// After an entry of a flow collection: true at its closing bracket (left for the caller), false after the ','
    /// that separates it from the next entry (consumed); anything else is an error.
    /// </summary>
    private bool ClosesAfterEntry(int blockIndent, int open, char close, string collection)
    {
        SkipFlowSpace(blockIndent, open);
        if (AtEnd) throw NeverClosed(open);
        var c = _text[_pos];
        if (c == ',')
        {
            _pos++;
            return false;
        }
        if (c == close) return true;
        throw Error($"unexpected '{Describe(c)}': expected ',' or '{close}' in the {collection}", _pos, 1);
    }

    private YamlKey ParseFlowKey(int blockIndent, int open, out bool jsonLike)
    {
        if (AtComplexKey(flow: true)) throw Unsupported("complex mapping keys ('?')", _pos, 1);
        var properties = ParseProperties(flow: true, blockIndent, open);
        if (AtEnd) throw NeverClosed(open);
        var c = _text[_pos];
        if (c == '[' || c == '{') throw Unsupported("a mapping or sequence as a mapping key", _pos, 1);
        if (c == '*') throw Unsupported("an alias as a mapping key", _pos, 1);
        if (c == ',' || c == '}' || (c == ':' && EndsPlainAfterColon(_pos + 1, flow: true)))
        {
            // A key may be empty only if a tag or anchor stands for it, as in {!!str : a}.
            if (properties.IsEmpty) throw Error("a mapping key is missing", _pos, 1);
            jsonLike = false;
            return MakeKey(new ContentToken(TokenKind.Plain, properties.End, properties.End, ""), properties, singleLine: false);
        }
        if (!(c == '"' || c == '\'' || IsPlainStart(_pos, flow: true))) throw CannotStartValue();
        var token = ScanFlowScalar(blockIndent);
        jsonLike = token.Kind == TokenKind.Quoted;
        return MakeKey(token, properties, singleLine: false);
    }

    /// <summary>The value after a ':' in a flow collection; empty when the entry ends there.</summary>
    private JsonSyntax ParseFlowValueAfterColon(int blockIndent, int open)
    {
        var colonEnd = ++_pos;
        SkipFlowSpace(blockIndent, open);
        if (AtEnd) throw NeverClosed(open);
        if (_text[_pos] is ',' or ']' or '}') return EmptyNode(default, colonEnd);
        return ParseFlowContent(blockIndent, ParseProperties(flow: true, blockIndent, open), open);
    }

    /// <summary>A node inside a flow collection, after its properties.</summary>
    private JsonSyntax ParseFlowContent(int blockIndent, Properties properties, int open)
    {
        if (AtEnd) throw NeverClosed(open);
        var c = _text[_pos];
        if (c == ':' && EndsPlainAfterColon(_pos + 1, flow: true)) throw Error("a mapping key is missing before ':'", _pos, 1);
        if (c is ',' or ']' or '}')
        {
            if (properties.IsEmpty) throw Error($"unexpected '{c}': expected a value", _pos, 1);
            return EmptyNode(properties, properties.End);
        }
        switch (c)
        {
            case '[': return ParseFlowSequence(blockIndent, properties);
            case '{': return ParseFlowMapping(blockIndent, properties);
            case '*': return properties.IsEmpty ? ParseAlias() : throw AliasWithProperties(properties);
        }
        if (!(c == '"' || c == '\'' || IsPlainStart(_pos, flow: true))) throw CannotStartValue();
        return FinishValue(ScanFlowScalar(blockIndent), properties, blockIndent, flow: true);
    }

    /// <summary>Skips whitespace, comments and line breaks inside a flow collection, checking each new line's indentation.</summary>
    private void SkipFlowSpace(int blockIndent, int open)
    {
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (c == ' ' || c == '\t')
            {
                _pos++;
                continue;
            }
            if (c == '#' && IsWhitespaceBefore(_pos))
            {
                SkipToBreak();
                continue;
            }
            if (!IsBreak(c)) return;
            ConsumeBreak();
            var p = _pos;
            while (p < _text.Length && _text[p] == ' ') p++;
            var spaces = p - _pos;
            while (p < _text.Length && (_text[p] == ' ' || _text[p] == '\t')) p++;
            if (p >= _text.Length || IsBreak(_text[p]) || _text[p] == '#') continue;
            if (spaces == 0 && IsDocumentMarkerAt(_pos)) throw NeverClosed(open);
            var closes = _text[p] == ']' || _text[p] == '}';
            if (spaces < blockIndent || (spaces == blockIndent && !closes))
                throw Error("bad indentation: a flow collection continued on this line must be indented more than the block it is in", p, 1);
        }
    }

    private YamlException NeverClosed(int open) =>
        Error($"this '{_text[open]}' is never closed: expected '{(_text[open] == '[' ? ']' : '}')}'", open, 1);
}
