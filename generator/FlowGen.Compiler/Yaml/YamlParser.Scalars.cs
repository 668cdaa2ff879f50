using System.Globalization;
using System.Text;
using FlowGen.Compiler.Json;
using Microsoft.CodeAnalysis.Text;

namespace FlowGen.Compiler.Yaml;

// Plain, quoted and block scalars.
public sealed partial class YamlParser
{
    private enum TokenKind { Plain, Quoted, Alias, Collection }

    /// <summary>
    /// A node's content, read before it is known to be a key or a value: a plain scalar (in block context only its
    /// first line, Value null), a quoted scalar, or an alias or flow collection already read into Node.
    /// </summary>
    private readonly struct ContentToken
    {
        public ContentToken(TokenKind kind, int start, int end, string? value = null, bool multiLine = false, JsonSyntax? node = null)
        {
            Kind = kind;
            Start = start;
            End = end;
            Value = value;
            MultiLine = multiLine;
            Node = node;
        }

        public TokenKind Kind { get; }

        public int Start { get; }

        public int End { get; }

        public string? Value { get; }

        public bool MultiLine { get; }

        public JsonSyntax? Node { get; }
    }

    /// <summary>Reads the content at _pos in block context far enough to tell a key from a value.</summary>
    private ContentToken ScanLineToken(int parentIndent, Properties properties)
    {
        var start = _pos;
        var c = _text[_pos];
        switch (c)
        {
            case '[':
            case '{':
                {
                    var collection = c == '[' ? ParseFlowSequence(parentIndent, properties) : ParseFlowMapping(parentIndent, properties);
                    return new ContentToken(TokenKind.Collection, start, _pos, node: collection);
                }
            case '*':
                {
                    var alias = ParseAlias();
                    return new ContentToken(TokenKind.Alias, start, _pos, node: alias);
                }
            case '"':
            case '\'':
                {
                    var value = ScanQuoted(parentIndent, out var multiLine);
                    return new ContentToken(TokenKind.Quoted, start, _pos, value, multiLine);
                }
        }
        if (!IsPlainStart(_pos, flow: false)) throw CannotStartValue();
        return new ContentToken(TokenKind.Plain, start, ScanPlainLine(flow: false));
    }

    /// <summary>Turns a token that is not a key into its value; a plain scalar goes on over the lines that continue it.</summary>
    private JsonSyntax FinishValue(ContentToken token, Properties properties, int parentIndent, bool flow)
    {
        switch (token.Kind)
        {
            case TokenKind.Plain when token.Value is null:
                {
                    var value = ContinuePlain(token.Start, token.End, parentIndent, flow, out _);
                    return ResolveScalar(value, plain: true, properties, TextSpan.FromBounds(token.Start, _pos));
                }
            case TokenKind.Plain:
            case TokenKind.Quoted:
                return ResolveScalar(token.Value!, token.Kind == TokenKind.Plain, properties, TextSpan.FromBounds(token.Start, token.End));
            case TokenKind.Alias when !properties.IsEmpty:
                throw AliasWithProperties(properties);
            default:
                return token.Node!;
        }
    }

    /// <summary>A plain or quoted scalar in flow context, read to its end.</summary>
    private ContentToken ScanFlowScalar(int blockIndent)
    {
        var start = _pos;
        if (_text[_pos] == '"' || _text[_pos] == '\'')
        {
            var quoted = ScanQuoted(blockIndent, out var quotedMultiLine);
            return new ContentToken(TokenKind.Quoted, start, _pos, quoted, quotedMultiLine);
        }
        var firstEnd = ScanPlainLine(flow: true);
        var value = ContinuePlain(start, firstEnd, blockIndent, flow: true, out var multiLine);
        return new ContentToken(TokenKind.Plain, start, _pos, value, multiLine);
    }

    // ---- Plain scalars ----

    /// <summary>Can a plain scalar start at <paramref name="p"/>? Indicators cannot, except '-', '?' and ':' before a safe character.</summary>
    private bool IsPlainStart(int p, bool flow)
    {
        var c = _text[p];
        if (IsBlank(c)) return false;
        if (c == '-' || c == '?' || c == ':')
        {
            return p + 1 < _text.Length && !IsBlank(_text[p + 1]) && !(flow && IsFlowIndicator(_text[p + 1]));
        }
        return "-?:,[]{}#&*!|>'\"%@`".IndexOf(c) < 0;
    }

    /// <summary>Reads one line of a plain scalar; returns the end of its text (trailing whitespace excluded), leaving _pos there.</summary>
    private int ScanPlainLine(bool flow)
    {
        var end = _pos;
        var i = _pos;
        while (i < _text.Length)
        {
            var c = _text[i];
            if (c == ' ' || c == '\t')
            {
                i++;
                continue;
            }
            if (IsBreak(c)) break;
            if (c == ':' && EndsPlainAfterColon(i + 1, flow)) break;
            if (c == '#' && IsBlank(_text[i - 1])) break;
            if (flow && IsFlowIndicator(c)) break;
            end = ++i;
        }
        _pos = end;
        return end;
    }

    private bool EndsPlainAfterColon(int next, bool flow) =>
        next >= _text.Length || IsBlank(_text[next]) || (flow && IsFlowIndicator(_text[next]));

    /// <summary>
    /// Continues a plain scalar over the following lines indented more than its parent, folding line breaks as YAML
    /// does (one break is a space, each empty line a newline); a comment line or a less indented line ends it.
    /// </summary>
    private string ContinuePlain(int start, int firstEnd, int parentIndent, bool flow, out bool multiLine)
    {
        multiLine = false;
        var end = firstEnd;
        StringBuilder? folded = null;
        while (true)
        {
            var p = end;
            while (p < _text.Length && (_text[p] == ' ' || _text[p] == '\t')) p++;
            if (p >= _text.Length || !IsBreak(_text[p])) break;

            var breaks = 0;
            int lineStart, spaces;
            do
            {
                p = AfterBreak(p);
                breaks++;
                lineStart = p;
                while (p < _text.Length && _text[p] == ' ') p++;
                spaces = p - lineStart;
                while (p < _text.Length && (_text[p] == ' ' || _text[p] == '\t')) p++;
            }
            while (p < _text.Length && IsBreak(_text[p]));

            if (p >= _text.Length || spaces <= parentIndent) break;
            var c = _text[p];
            if (c == '#' || (p == lineStart && IsDocumentMarkerAt(p))) break;
            if ((flow && IsFlowIndicator(c)) || (c == ':' && EndsPlainAfterColon(p + 1, flow))) break;

            folded ??= new StringBuilder().Append(_text, start, end - start);
            if (breaks == 1) folded.Append(' ');
            else folded.Append('\n', breaks - 1);
            _lineStart = lineStart;
            _pos = p;
            var lineEnd = ScanPlainLine(flow);
            if (!flow && ConsumeImplicitKeyIndicator())
                throw Error("unexpected ': ' in a value continued from the line above; check the indentation, or quote the value", _pos, 1);
            folded.Append(_text, p, lineEnd - p);
            end = lineEnd;
            multiLine = true;
        }
        _pos = end;
        return folded?.ToString() ?? _text.Substring(start, end - start);
    }

    private YamlException CannotStartValue()
    {
        var c = _text[_pos];
        if (c == ':' && IsBlankOrEnd(_pos + 1)) return Error("a mapping key is missing before ':'", _pos, 1);
        if (c == '%' && _pos == _lineStart) return Error("a directive ('%') can only come before '---' at the start of the file; quote a value that starts with '%'", _pos, 1);
        if (c == '@' || c == '`') return Error($"'{c}' is reserved in YAML and cannot start a plain value; quote the value", _pos, 1);
        if (c is ',' or ']' or '}') return Error($"unexpected '{c}'", _pos, 1);
        return Error($"'{Describe(c)}' cannot start a plain value here; quote the value", _pos, 1);
    }

    // ---- Quoted scalars ----

    /// <summary>Reads a single- or double-quoted scalar; line breaks inside fold as in plain scalars.</summary>
    private string ScanQuoted(int parentIndent, out bool multiLine)
    {
        var quote = _text[_pos];
        var start = _pos++;
        multiLine = false;
        StringBuilder? sb = null;
        var runStart = _pos;
        while (true)
        {
            if (_pos >= _text.Length) throw UnclosedQuote(quote, start);
            var c = _text[_pos];
            if (c == quote)
            {
                if (quote == '\'' && _pos + 1 < _text.Length && _text[_pos + 1] == '\'')
                {
                    sb ??= new StringBuilder();
                    sb.Append(_text, runStart, _pos - runStart).Append('\'');
                    _pos += 2;
                    runStart = _pos;
                    continue;
                }
                var value = sb is null ? _text.Substring(runStart, _pos - runStart) : sb.Append(_text, runStart, _pos - runStart).ToString();
                _pos++;
                return value;
            }
            if (c == '\\' && quote == '"')
            {
                sb ??= new StringBuilder();
                sb.Append(_text, runStart, _pos - runStart);
                ReadEscape(sb, parentIndent, start);
                runStart = _pos;
                continue;
            }
            if (c == ' ' || c == '\t' || IsBreak(c))
            {
                var whiteEnd = _pos;
                while (whiteEnd < _text.Length && (_text[whiteEnd] == ' ' || _text[whiteEnd] == '\t')) whiteEnd++;
                if (whiteEnd < _text.Length && IsBreak(_text[whiteEnd]))
                {
                    // Whitespace before a line break is dropped; the break folds.
                    sb ??= new StringBuilder();
                    sb.Append(_text, runStart, _pos - runStart);
                    _pos = whiteEnd;
                    var breaks = SkipQuotedLineBreaks(parentIndent, quote, start);
                    if (breaks == 1) sb.Append(' ');
                    else sb.Append('\n', breaks - 1);
                    multiLine = true;
                    runStart = _pos;
                    continue;
                }
                _pos = whiteEnd;
                continue;
            }
            _pos++;
        }
    }

    /// <summary>
    /// From a line break inside a quoted scalar to the next line's first character, over empty lines; returns the
    /// number of breaks. A continued line must be indented more than the enclosing block.
    /// </summary>
    private int SkipQuotedLineBreaks(int parentIndent, char quote, int start)
    {
        var breaks = 0;
        do
        {
            ConsumeBreak();
            breaks++;
            while (_pos < _text.Length && _text[_pos] == ' ') _pos++;
            var spaces = _pos - _lineStart;
            while (_pos < _text.Length && (_text[_pos] == ' ' || _text[_pos] == '\t')) _pos++;
            if (_pos >= _text.Length) throw UnclosedQuote(quote, start);
            if (IsBreak(_text[_pos])) continue;
            if (spaces == 0 && IsDocumentMarkerAt(_lineStart))
                throw Error("a document marker cannot stand inside a quoted string; is a closing quote missing?", _lineStart, 3);
            if (spaces <= parentIndent)
                throw Error("bad indentation: a quoted string continued on this line must be indented more than the block it is in", _pos, 1);
        }
        while (IsBreak(_text[_pos]));
        return breaks;
    }

    private YamlException UnclosedQuote(char quote, int start) =>
        Error($"this {(quote == '"' ? "double" : "single")}-quoted string is never closed", start, 1);

    private void ReadEscape(StringBuilder sb, int parentIndent, int start)
    {
        var escapeStart = _pos++;
        if (_pos >= _text.Length) throw UnclosedQuote('"', start);
        var e = _text[_pos++];
        switch (e)
        {
            case '0': sb.Append('\0'); break;
            case 'a': sb.Append('\a'); break;
            case 'b': sb.Append('\b'); break;
            case 't': case '\t': sb.Append('\t'); break;
            case 'n': sb.Append('\n'); break;
            case 'v': sb.Append('\v'); break;
            case 'f': sb.Append('\f'); break;
            case 'r': sb.Append('\r'); break;
            case 'e': sb.Append('\u001B'); break;
            case ' ': sb.Append(' '); break;
            case '"': sb.Append('"'); break;
            case '/': sb.Append('/'); break;
            case '\\': sb.Append('\\'); break;
            case 'N': sb.Append('\u0085'); break;
            case '_': sb.Append('\u00A0'); break;
            case 'L': sb.Append('\u2028'); break;
            case 'P': sb.Append('\u2029'); break;
            case 'x': sb.Append((char)ReadHex(2, escapeStart)); break;
            // A \u escape may be half of a surrogate pair, as in JSON.
            case 'u': sb.Append((char)ReadHex(4, escapeStart)); break;
            case 'U':
                {
                    var code = ReadHex(8, escapeStart);
                    if (code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF))
                        throw Error("the \\U escape names no Unicode character", escapeStart, 10);
                    sb.Append(char.ConvertFromUtf32((int)code));
                    break;
                }
            case '\r':
            case '\n':
                {
                    // An escaped line break joins the lines with nothing between them; empty lines still count.
                    _pos--;
                    var breaks = SkipQuotedLineBreaks(parentIndent, '"', start);
                    sb.Append('\n', breaks - 1);
                    break;
                }
            default:
                throw Error($"invalid escape '\\{Describe(e)}' in a double-quoted string", escapeStart, 2);
        }
    }

    private long ReadHex(int digits, int escapeStart)
    {
        if (_pos + digits > _text.Length
            || !long.TryParse(_text.Substring(_pos, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
            throw Error($"invalid \\{_text[escapeStart + 1]} escape: expected {digits} hex digits", escapeStart, 2);
        _pos += digits;
        return code;
    }

    // ---- Block scalars ----

    private bool IsWhitespaceLine(int p)
    {
        while (p < _text.Length && (_text[p] == ' ' || _text[p] == '\t')) p++;
        return p >= _text.Length || IsBreak(_text[p]);
    }

    /// <summary>A literal ('|') or folded ('>') block scalar, with its chomping and indentation indicators.</summary>
    private JsonSyntax ParseBlockScalar(int parentIndent, Properties properties)
    {
        var start = _pos;
        var literal = _text[_pos++] == '|';
        var explicitIndent = 0;
        var chomping = ' ';
        for (var i = 0; i < 2 && _pos < _text.Length; i++)
        {
            var c = _text[_pos];
            if (c >= '1' && c <= '9' && explicitIndent == 0) explicitIndent = c - '0';
            else if ((c == '+' || c == '-') && chomping == ' ') chomping = c;
            else break;
            _pos++;
        }
        var headerEnd = _pos;
        SkipInlineWhitespace();
        if (!AtLineEnd())
            throw Error("invalid block scalar header: after '|' or '>' may come only '-' or '+' (chomping), a digit 1-9 (indentation) and a comment", _pos, 1);
        SkipToBreak();

        var contentIndent = explicitIndent > 0 ? parentIndent + explicitIndent : -1;
        var sb = new StringBuilder();
        var contentEnd = headerEnd;
        var hasContent = false;
        var previousFoldable = false;
        var emptyLines = 0;          // empty lines since the last content line
        var leadingEmptyMax = 0;     // the widest empty line before the first content line
        while (_pos < _text.Length)
        {
            // _pos is at a line break; look at the next line. The end of the text ends a line like a break.
            var lineStart = AfterBreak(_pos);
            var p = lineStart;
            while (p < _text.Length && _text[p] == ' ') p++;
            var spaces = p - lineStart;
            if (p >= _text.Length && spaces == 0) break;
            var blank = p >= _text.Length || IsBreak(_text[p]);
            if (blank && (contentIndent < 0 || spaces <= contentIndent))
            {
                if (contentIndent < 0) leadingEmptyMax = System.Math.Max(leadingEmptyMax, spaces);
                emptyLines++;
                _pos = p;
                _lineStart = lineStart;
                continue;
            }
            var ends = contentIndent < 0 ? spaces <= parentIndent : spaces < contentIndent;
            if (ends || (spaces == 0 && IsDocumentMarkerAt(lineStart)))
            {
                // A tab where the text would be indented is no empty line: YAML does not know what it means.
                if (!blank && _text[p] == '\t' && IsWhitespaceLine(p)) throw Error("a tab cannot indent YAML; indent with spaces", p, 1);
                break;
            }
            if (contentIndent < 0)
            {
                if (leadingEmptyMax > spaces) throw Error("a leading empty line of this block scalar has more spaces than its first text line", start, 1);
                contentIndent = spaces;
            }

            var textStart = lineStart + contentIndent;
            var lineEnd = textStart;
            while (lineEnd < _text.Length && !IsBreak(_text[lineEnd])) lineEnd++;
            // Folding joins adjacent lines that start with text; lines starting with whitespace keep their breaks.
            var foldable = !literal && textStart < lineEnd && _text[textStart] != ' ' && _text[textStart] != '\t';
            if (!hasContent) sb.Append('\n', emptyLines);
            else if (previousFoldable && foldable) sb.Append(emptyLines == 0 ? " " : new string('\n', emptyLines));
            else sb.Append('\n', emptyLines + 1);
            sb.Append(_text, textStart, lineEnd - textStart);
            hasContent = true;
            previousFoldable = foldable;
            emptyLines = 0;
            contentEnd = lineEnd;
            _pos = lineEnd;
            _lineStart = lineStart;
        }

        // Chomping: '-' strips the final line break, clipping keeps one, '+' keeps it and the trailing empty lines.
        if (chomping == '+') sb.Append('\n', (hasContent ? 1 : 0) + emptyLines);
        else if (chomping == ' ' && hasContent) sb.Append('\n');
        var value = ResolveScalar(sb.ToString(), plain: false, properties, TextSpan.FromBounds(start, contentEnd));
        SkipToContentLine();
        return value;
    }
}
