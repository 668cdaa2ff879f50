using System;
using System.Collections.Generic;
using FlowGen.Compiler.Json;
using Microsoft.CodeAnalysis.Text;

namespace FlowGen.Compiler.Yaml;

/// <summary>
/// A YAML 1.2 reader for OpenAPI documents. It yields the same span-keeping <see cref="JsonSyntax"/> tree as
/// <see cref="JsonParser"/> (spans are those of the YAML text), so every later stage reads JSON and YAML alike.
/// FlowGen reads YAML itself because the compiler core takes no third-party dependency (it loads in IDE hosts).
/// It never throws on bad input: the first error is returned with its position.
/// </summary>
/// <remarks>
/// Supported: one document; block and flow collections; plain, quoted and block scalars; the core schema; the core
/// tags; anchors, aliases and merge keys. An alias yields the anchored node itself, so its spans are the anchor's.
/// Complex keys ('?'), collections or aliases as keys, other tags and duplicate keys are errors; an error message
/// starts with its line ("line 12: ..."). JSON is YAML: on JSON text the tree and every span equal JsonParser's.
/// This file holds the document and block structure; scalars, flow collections and nodes have their own files.
/// </remarks>
public sealed partial class YamlParser
{
    private const int MaxDepth = 256;

    private readonly string _text;
    private int _pos;
    private int _lineStart;     // start of the line holding _pos
    private int _indent;        // leading spaces of the current content line; -1 at the end of the text
    private bool _tabIndented;  // a tab comes before the current content line's first character
    private int _lastEnd;       // end of the last value read: a block collection ends there
    private int _depth;

    private YamlParser(string text)
    {
        _text = text;
        _maxNodes = 1_000_000 + text.Length;
    }

    /// <summary>Where a node stands: its indicator decides which block collections may start on its line.</summary>
    private enum Place { Document, MapValue, SeqEntry }

    public static JsonSyntax? Parse(string text, out JsonSyntaxError? error)
    {
        var parser = new YamlParser(text);
        try
        {
            var value = parser.ParseStream();
            error = null;
            return value;
        }
        catch (YamlException e)
        {
            error = e.Error;
            return null;
        }
    }

    private JsonSyntax ParseStream()
    {
        // A UTF-8 byte order mark decoded into the text is not content.
        if (_text.Length > 0 && _text[0] == '\uFEFF') _pos = _lineStart = 1;
        CheckCharacters();
        SkipToContentLine();
        var hasDirectives = ReadDirectives();
        while (!hasDirectives && AtDocumentMarker("...")) SkipMarkerLine();

        JsonSyntax root;
        if (AtDocumentMarker("---"))
        {
            _pos += 3;
            root = ParseValueAfterIndicator(-1, Place.Document);
        }
        else if (hasDirectives)
        {
            throw Error("directives must be followed by '---', the start of the document", _pos, 0);
        }
        else if (AtEnd)
        {
            throw Error("the file is empty: expected a YAML document", _pos, 0);
        }
        else
        {
            root = ParseBlockNode(-1, Place.Document, onNewLine: true, _tabIndented, default);
        }

        if (AtDocumentMarker("..."))
        {
            SkipMarkerLine();
            if (!AtEnd) throw Error("one document per file: nothing may follow '...', the end of the document", _pos, 1);
        }
        else if (AtDocumentMarker("---"))
        {
            throw Error("one document per file: a second document starts here", _pos, 3);
        }
        else if (!AtEnd)
        {
            if (_tabIndented) throw TabError();
            throw Error("bad indentation: this line does not continue the YAML above it", _pos, 1);
        }
        return root;
    }

    private void SkipMarkerLine()
    {
        _pos += 3;
        ExpectLineEnd();
        SkipToContentLine();
    }

    /// <summary>Reads the %YAML and %TAG lines before '---'; other (reserved) directives are ignored, as YAML asks.</summary>
    private bool ReadDirectives()
    {
        var any = false;
        var sawVersion = false;
        var declaredHandles = new HashSet<string>(StringComparer.Ordinal);
        while (!AtEnd && _pos == _lineStart && _text[_pos] == '%')
        {
            any = true;
            var start = _pos;
            var name = ScanWord();
            if (name == "%YAML")
            {
                if (sawVersion) throw Error("only one %YAML directive is allowed", start, name.Length);
                sawVersion = true;
                SkipInlineWhitespace();
                var versionStart = _pos;
                var version = ScanWord();
                var dot = version.IndexOf('.');
                if (dot <= 0 || dot == version.Length - 1 || !IsAllDigits(version, 0, dot) || !IsAllDigits(version, dot + 1, version.Length))
                    throw Error($"the %YAML directive needs a version such as 1.2, not '{version}'", versionStart, version.Length);
                if (version.Substring(0, dot) != "1") throw Error($"unsupported YAML version {version}: FlowGen reads YAML 1.x", versionStart, version.Length);
            }
            else if (name == "%TAG")
            {
                SkipInlineWhitespace();
                var handleStart = _pos;
                var handle = ScanWord();
                if (!IsTagHandle(handle)) throw Error($"the %TAG directive needs a tag handle such as '!', '!!' or '!name!', not '{handle}'", handleStart, handle.Length);
                if (!declaredHandles.Add(handle)) throw Error($"the tag handle '{handle}' is declared twice", handleStart, handle.Length);
                SkipInlineWhitespace();
                var prefix = ScanWord();
                if (prefix.Length == 0) throw Error($"the %TAG directive needs a prefix after '{handle}'", _pos, 0);
                _tagHandles[handle] = prefix;
            }
            ExpectLineEnd(allowAnyText: name != "%YAML" && name != "%TAG");
            SkipToContentLine();
        }
        return any;
    }

    /// <summary>Reads the node after an indicator ('key:', '-', '---'): on the same line, on the lines below, or empty.</summary>
    private JsonSyntax ParseValueAfterIndicator(int parentIndent, Place place)
    {
        var indicatorEnd = _pos;
        var tabbed = SkipInlineWhitespace();
        if (AtLineEnd()) return ParseNodeBelow(parentIndent, place, default, indicatorEnd);
        return ParseBlockNode(parentIndent, place, onNewLine: false, tabbed, default);
    }

    /// <summary>The node on the lines below its indicator, or an empty node when the next line is not indented into it.</summary>
    private JsonSyntax ParseNodeBelow(int parentIndent, Place place, Properties properties, int emptyAt)
    {
        ExpectLineEnd();
        SkipToContentLine();
        var belongs = !AtEnd && !AtAnyDocumentMarker()
            && (_indent > parentIndent || (place == Place.MapValue && _indent == parentIndent && AtSequenceEntry()));
        return belongs ? ParseBlockNode(parentIndent, place, onNewLine: true, _tabIndented, properties) : EmptyNode(properties, emptyAt);
    }

    /// <summary>
    /// Reads the node whose content starts at _pos. A block collection may start here if the content begins its line,
    /// or follows '- ' (a compact collection). Returns at the next content line.
    /// </summary>
    private JsonSyntax ParseBlockNode(int parentIndent, Place place, bool onNewLine, bool tabbed, Properties outer)
    {
        var start = _pos;
        var indent = onNewLine ? _indent : _pos - _lineStart;
        var collectionAllowed = onNewLine || place == Place.SeqEntry;
        if (AtSequenceEntry())
        {
            if (!collectionAllowed) throw CollectionOnIndicatorLine(place, "a block sequence", _pos);
            if (tabbed) throw TabError();
            return ParseBlockSequence(indent, outer, sameIndentAsKey: onNewLine && indent == parentIndent);
        }
        if (AtComplexKey(flow: false)) throw Unsupported("complex mapping keys ('?')", _pos, 1);

        // Properties on the line of a mapping's first key belong to the key; those before belong to the mapping.
        var own = ParseProperties(flow: false, parentIndent, -1);
        if (!own.IsEmpty && AtLineEnd()) return ParseNodeBelow(parentIndent, place, Combine(outer, own), own.End);
        var c = _text[_pos];
        if (c == '|' || c == '>') return ParseBlockScalar(parentIndent, Combine(outer, own));
        if (AtSequenceEntry()) throw Error("an anchor or tag of a block sequence must be on the line before it", own.Start, 1);

        var token = ScanLineToken(parentIndent, c is '[' or '{' ? Combine(outer, own) : default);
        if (ConsumeImplicitKeyIndicator())
        {
            if (!collectionAllowed) throw CollectionOnIndicatorLine(place, "a block mapping", token.Start);
            if (tabbed) throw TabError(start);
            var key = MakeKey(token, own, singleLine: true);
            return ParseBlockMapping(indent, key, outer);
        }
        var properties = Combine(outer, own);
        var value = FinishValue(token, properties, parentIndent, flow: false);
        ExpectLineEnd();
        SkipToContentLine();
        return value;
    }

    private JsonSyntax ParseBlockMapping(int indent, YamlKey firstKey, Properties properties)
    {
        var mark = BeginCollection(properties, "map", firstKey.Span.Start);
        var entries = new MappingBuilder();
        var key = firstKey;
        while (true)
        {
            _pos++; // ':'
            AddEntry(entries, key, ParseValueAfterIndicator(indent, Place.MapValue));
            // No line after a value may be indented with a tab: it could only be an entry or a mistake.
            if (_tabIndented) throw TabError();
            if (EndsBlock(indent)) break;
            if (_indent > indent) throw Error("bad indentation: this line does not line up with the 'key: value' entries above it", _pos, 1);
            key = ParseNextBlockKey(indent);
        }
        var node = new JsonObjectSyntax(TextSpan.FromBounds(firstKey.Span.Start, _lastEnd), BuildProperties(entries));
        return EndCollection(node, properties, mark);
    }

    private YamlKey ParseNextBlockKey(int indent)
    {
        if (AtSequenceEntry()) throw Error("a sequence item ('- ') cannot stand among the 'key: value' entries of a mapping; check the indentation", _pos, 1);
        if (AtComplexKey(flow: false)) throw Unsupported("complex mapping keys ('?')", _pos, 1);
        var own = ParseProperties(flow: false, indent, -1);
        if (AtLineEnd()) throw Error("expected a key after the anchor or tag", _pos, 0);
        var token = ScanLineToken(indent, own);
        if (!ConsumeImplicitKeyIndicator())
            throw Error("expected a 'key: value' entry here (a line that continues a value must be indented more than its key)", token.Start, token.End - token.Start);
        return MakeKey(token, own, singleLine: true);
    }

    private JsonSyntax ParseBlockSequence(int indent, Properties properties, bool sameIndentAsKey)
    {
        var start = _pos;
        var mark = BeginCollection(properties, "seq", start);
        var items = new List<JsonSyntax>();
        while (true)
        {
            _pos++; // '-'
            items.Add(ParseValueAfterIndicator(indent, Place.SeqEntry));
            if (_tabIndented) throw TabError();
            if (EndsBlock(indent)) break;
            if (_indent > indent) throw Error("bad indentation: this line does not line up with the '- ' items above it", _pos, 1);
            if (!AtSequenceEntry())
            {
                // A sequence may sit at the indentation of its key; the mapping goes on with the next key.
                if (sameIndentAsKey) break;
                throw Error("expected a sequence item ('- ') at this indentation", _pos, 1);
            }
        }
        var node = new JsonArraySyntax(TextSpan.FromBounds(start, _lastEnd), items);
        return EndCollection(node, properties, mark);
    }

    private YamlException CollectionOnIndicatorLine(Place place, string what, int at) => Error(
        place == Place.Document
            ? $"{what} cannot start on the '---' line; start it on the next line"
            : $"{what} cannot start on the same line as its key; start it on the next line, indented (or quote the value if it is text)",
        at, 1);

    private YamlException TabError() => TabError(_pos);

    private YamlException TabError(int contentStart)
    {
        // Point at the first tab in the whitespace before the content.
        var tab = contentStart;
        for (var i = contentStart - 1; i >= 0 && (_text[i] == ' ' || _text[i] == '\t'); i--)
        {
            if (_text[i] == '\t') tab = i;
        }
        return Error("a tab cannot indent YAML; indent with spaces", tab, 1);
    }

    // ---- Lines ----

    private bool AtEnd => _pos >= _text.Length;

    /// <summary>
    /// Moves from a line start or line break to the first character of the next line that holds content, past blank
    /// and comment lines, and records that line's indentation.
    /// </summary>
    private void SkipToContentLine()
    {
        while (true)
        {
            if (_pos < _text.Length && IsBreak(_text[_pos])) ConsumeBreak();
            if (_pos >= _text.Length)
            {
                _indent = -1;
                _tabIndented = false;
                return;
            }
            var lineStart = _pos;
            var p = _pos;
            while (p < _text.Length && _text[p] == ' ') p++;
            var spaces = p - lineStart;
            var tab = false;
            while (p < _text.Length && (_text[p] == ' ' || _text[p] == '\t'))
            {
                tab |= _text[p] == '\t';
                p++;
            }
            _lineStart = lineStart;
            _pos = p;
            if (p >= _text.Length)
            {
                _indent = -1;
                _tabIndented = false;
                return;
            }
            if (IsBreak(_text[p])) continue;
            if (_text[p] == '#')
            {
                SkipToBreak();
                continue;
            }
            _indent = spaces;
            _tabIndented = tab;
            return;
        }
    }

    /// <summary>After a value: only whitespace and a comment may end its line.</summary>
    private void ExpectLineEnd(bool allowAnyText = false)
    {
        SkipInlineWhitespace();
        if (AtEnd || IsBreak(_text[_pos])) return;
        if ((_text[_pos] == '#' && IsWhitespaceBefore(_pos)) || allowAnyText)
        {
            SkipToBreak();
            return;
        }
        if (_text[_pos] == '#') throw Error("a comment needs a space before '#'", _pos, 1);
        throw Error($"unexpected '{Describe(_text[_pos])}' after the value", _pos, 1);
    }

    private bool EndsBlock(int indent) => AtEnd || _indent < indent || AtAnyDocumentMarker();

    private bool AtLineEnd() =>
        AtEnd || IsBreak(_text[_pos]) || (_text[_pos] == '#' && IsWhitespaceBefore(_pos));

    private bool AtSequenceEntry() => !AtEnd && _text[_pos] == '-' && IsBlankOrEnd(_pos + 1);

    private bool AtComplexKey(bool flow) =>
        !AtEnd && _text[_pos] == '?' && (IsBlankOrEnd(_pos + 1) || (flow && IsFlowIndicator(_text[_pos + 1])));

    private bool AtDocumentMarker(string marker) =>
        _pos == _lineStart && IsDocumentMarkerAt(_pos) && _text[_pos] == marker[0];

    private bool AtAnyDocumentMarker() => _pos == _lineStart && IsDocumentMarkerAt(_pos);

    /// <summary>'---' or '...' at the start of a line, followed by whitespace or the end of the line.</summary>
    private bool IsDocumentMarkerAt(int lineStart)
    {
        if (lineStart + 3 > _text.Length) return false;
        var c = _text[lineStart];
        return (c == '-' || c == '.') && _text[lineStart + 1] == c && _text[lineStart + 2] == c && IsBlankOrEnd(lineStart + 3);
    }

    /// <summary>': ' after an implicit key on its line; leaves _pos at the ':'.</summary>
    private bool ConsumeImplicitKeyIndicator()
    {
        var p = _pos;
        while (p < _text.Length && (_text[p] == ' ' || _text[p] == '\t')) p++;
        if (p >= _text.Length || _text[p] != ':' || !IsBlankOrEnd(p + 1)) return false;
        _pos = p;
        return true;
    }

    private bool SkipInlineWhitespace()
    {
        var tab = false;
        while (_pos < _text.Length && (_text[_pos] == ' ' || _text[_pos] == '\t'))
        {
            tab |= _text[_pos] == '\t';
            _pos++;
        }
        return tab;
    }

    private void SkipToBreak()
    {
        while (_pos < _text.Length && !IsBreak(_text[_pos])) _pos++;
    }

    private void ConsumeBreak()
    {
        if (_text[_pos] == '\r' && _pos + 1 < _text.Length && _text[_pos + 1] == '\n') _pos++;
        _pos++;
        _lineStart = _pos;
    }

    /// <summary>The position after the line break at <paramref name="p"/> (CRLF is one break).</summary>
    private int AfterBreak(int p) => _text[p] == '\r' && p + 1 < _text.Length && _text[p + 1] == '\n' ? p + 2 : p + 1;

    private string ScanWord()
    {
        var start = _pos;
        while (_pos < _text.Length && !IsBlank(_text[_pos])) _pos++;
        return _text.Substring(start, _pos - start);
    }

    /// <summary>YAML allows only printable characters; others must be escaped in double quotes.</summary>
    private void CheckCharacters()
    {
        for (var i = _pos; i < _text.Length; i++)
        {
            var c = _text[i];
            if (c >= ' ' && c < 0x7F) continue;
            if (c == '\t' || c == '\n' || c == '\r' || c == '\u0085') continue;
            if (char.IsHighSurrogate(c) && i + 1 < _text.Length && char.IsLowSurrogate(_text[i + 1]))
            {
                i++;
                continue;
            }
            var bad = c < ' ' || (c >= 0x7F && c <= 0x9F) || c == '\uFFFE' || c == '\uFFFF' || char.IsSurrogate(c);
            if (bad) throw Error($"the character U+{(int)c:X4} is not allowed in YAML; write it as an escape in a double-quoted string", i, 1);
        }
    }

    // ---- Characters ----

    private static bool IsBreak(char c) => c == '\n' || c == '\r';

    private static bool IsBlank(char c) => c == ' ' || c == '\t' || c == '\n' || c == '\r';

    private bool IsBlankOrEnd(int p) => p >= _text.Length || IsBlank(_text[p]);

    private static bool IsFlowIndicator(char c) => c == ',' || c == '[' || c == ']' || c == '{' || c == '}';

    private bool IsWhitespaceBefore(int p) =>
        p == 0 || IsBlank(_text[p - 1]) || (p == 1 && _text[0] == '\uFEFF');

    private static bool IsAllDigits(string s, int start, int end)
    {
        for (var i = start; i < end; i++)
        {
            if (s[i] < '0' || s[i] > '9') return false;
        }
        return true;
    }

    private static string Describe(char c) => c < 0x20 ? $"\\u{(int)c:x4}" : c.ToString();

    // ---- Errors ----

    /// <summary>Unwinds the reader to <see cref="Parse"/> with the first error; never escapes it.</summary>
    private sealed class YamlException : Exception
    {
        public YamlException(JsonSyntaxError error) : base(error.Message) => Error = error;

        public JsonSyntaxError Error { get; }
    }

    private YamlException Error(string message, int start, int length)
    {
        start = Math.Max(0, Math.Min(start, _text.Length));
        length = Math.Max(0, Math.Min(length, _text.Length - start));
        return new YamlException(new JsonSyntaxError($"line {LineOf(start)}: {message}", new TextSpan(start, length)));
    }

    private YamlException Error(string message, TextSpan span) => Error(message, span.Start, span.Length);

    private YamlException Unsupported(string feature, int start, int length) =>
        Error($"unsupported YAML feature: {feature}", start, length);

    /// <summary>The 1-based line of a position (only computed for messages).</summary>
    private int LineOf(int position)
    {
        var line = 1;
        for (var i = 0; i < position; i++)
        {
            var c = _text[i];
            if (c == '\n' || (c == '\r' && (i + 1 >= _text.Length || _text[i + 1] != '\n'))) line++;
        }
        return line;
    }
}
