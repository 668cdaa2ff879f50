using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace FlowGen.Compiler.Json;

/// <summary>A JSON syntax error: what is wrong and where.</summary>
public sealed record JsonSyntaxError(string Message, TextSpan Span);

/// <summary>
/// A strict RFC 8259 JSON reader that keeps the span of every value. It never throws on bad input:
/// the first error is returned with its position. Netstandard2.0 analyzers cannot rely on
/// System.Text.Json being loadable in every host, so FlowGen reads JSON itself.
/// </summary>
public sealed class JsonParser
{
    private const int MaxDepth = 256;
    private readonly string _text;
    private int _pos;
    private int _depth;
    private JsonSyntaxError? _error;

    private JsonParser(string text) => _text = text;

    public static JsonSyntax? Parse(string text, out JsonSyntaxError? error)
    {
        var parser = new JsonParser(text);
        var value = parser.ParseDocument();
        error = parser._error;
        return error is null ? value : null;
    }

    private JsonSyntax? ParseDocument()
    {
        // A UTF-8 byte order mark decoded into the text is not content.
        if (_text.Length > 0 && _text[0] == '\uFEFF') _pos = 1;
        SkipWhitespace();
        if (_pos >= _text.Length) return Fail("The file is empty: expected a JSON value", _pos, 0);
        var value = ParseValue();
        if (value is null) return null;
        SkipWhitespace();
        if (_pos < _text.Length) return Fail($"Unexpected '{Describe(_text[_pos])}' after the end of the JSON value", _pos, 1);
        return value;
    }

    private JsonSyntax? ParseValue()
    {
        SkipWhitespace();
        if (_pos >= _text.Length) return Fail("Unexpected end of file: expected a value", _pos, 0);
        var c = _text[_pos];
        switch (c)
        {
            case '{': return ParseObject();
            case '[': return ParseArray();
            case '"':
                {
                    var start = _pos;
                    var s = ParseString();
                    return s is null ? null : new JsonStringSyntax(TextSpan.FromBounds(start, _pos), s);
                }
            case 't': return ParseLiteral("true", span => new JsonBooleanSyntax(span, true));
            case 'f': return ParseLiteral("false", span => new JsonBooleanSyntax(span, false));
            case 'n': return ParseLiteral("null", span => new JsonNullSyntax(span));
            default:
                if (c == '-' || (c >= '0' && c <= '9')) return ParseNumber();
                return Fail($"Unexpected '{Describe(c)}': expected a value", _pos, 1);
        }
    }

    private JsonSyntax? ParseObject()
    {
        var start = _pos;
        if (++_depth > MaxDepth) return Fail("The JSON is nested too deeply", _pos, 1);
        _pos++;
        var properties = new List<JsonPropertySyntax>();
        SkipWhitespace();
        if (Peek() == '}')
        {
            _pos++;
            _depth--;
            return new JsonObjectSyntax(TextSpan.FromBounds(start, _pos), properties);
        }
        while (true)
        {
            SkipWhitespace();
            if (Peek() != '"')
            {
                return _pos >= _text.Length
                    ? Fail("Unexpected end of file inside an object: expected a property name", _pos, 0)
                    : Fail($"Unexpected '{Describe(_text[_pos])}': expected a property name in double quotes", _pos, 1);
            }
            var nameStart = _pos;
            var name = ParseString();
            if (name is null) return null;
            var nameSpan = TextSpan.FromBounds(nameStart, _pos);
            SkipWhitespace();
            if (Peek() != ':') return Expected("':' after the property name");
            _pos++;
            var value = ParseValue();
            if (value is null) return null;
            properties.Add(new JsonPropertySyntax(name, nameSpan, value));
            SkipWhitespace();
            var next = Peek();
            if (next == ',') { _pos++; continue; }
            if (next == '}') { _pos++; break; }
            return Expected("',' or '}' in the object");
        }
        _depth--;
        return new JsonObjectSyntax(TextSpan.FromBounds(start, _pos), properties);
    }

    private JsonSyntax? ParseArray()
    {
        var start = _pos;
        if (++_depth > MaxDepth) return Fail("The JSON is nested too deeply", _pos, 1);
        _pos++;
        var items = new List<JsonSyntax>();
        SkipWhitespace();
        if (Peek() == ']')
        {
            _pos++;
            _depth--;
            return new JsonArraySyntax(TextSpan.FromBounds(start, _pos), items);
        }
        while (true)
        {
            var value = ParseValue();
            if (value is null) return null;
            items.Add(value);
            SkipWhitespace();
            var next = Peek();
            if (next == ',') { _pos++; continue; }
            if (next == ']') { _pos++; break; }
            return Expected("',' or ']' in the array");
        }
        _depth--;
        return new JsonArraySyntax(TextSpan.FromBounds(start, _pos), items);
    }

    private string? ParseString()
    {
        var start = _pos;
        _pos++; // opening quote
        StringBuilder? sb = null;
        var runStart = _pos;
        while (true)
        {
            if (_pos >= _text.Length)
            {
                Fail("Unterminated string", start, _pos - start);
                return null;
            }
            var c = _text[_pos];
            if (c == '"')
            {
                string result;
                if (sb is null) result = _text.Substring(runStart, _pos - runStart);
                else result = sb.Append(_text, runStart, _pos - runStart).ToString();
                _pos++;
                return result;
            }
            if (c < 0x20)
            {
                Fail("Control characters must be escaped inside a string", _pos, 1);
                return null;
            }
            if (c != '\\')
            {
                _pos++;
                continue;
            }
            sb ??= new StringBuilder();
            sb.Append(_text, runStart, _pos - runStart);
            var escapeStart = _pos;
            _pos++;
            if (_pos >= _text.Length)
            {
                Fail("Unterminated string", start, _pos - start);
                return null;
            }
            var e = _text[_pos++];
            switch (e)
            {
                case '"': sb.Append('"'); break;
                case '\\': sb.Append('\\'); break;
                case '/': sb.Append('/'); break;
                case 'b': sb.Append('\b'); break;
                case 'f': sb.Append('\f'); break;
                case 'n': sb.Append('\n'); break;
                case 'r': sb.Append('\r'); break;
                case 't': sb.Append('\t'); break;
                case 'u':
                    if (_pos + 4 > _text.Length || !int.TryParse(_text.Substring(_pos, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                    {
                        Fail("Invalid \\u escape: expected four hex digits", escapeStart, 2);
                        return null;
                    }
                    sb.Append((char)code);
                    _pos += 4;
                    break;
                default:
                    Fail($"Invalid escape '\\{Describe(e)}' in a string", escapeStart, 2);
                    return null;
            }
            runStart = _pos;
        }
    }

    private JsonSyntax? ParseNumber()
    {
        var start = _pos;
        if (Peek() == '-') _pos++;
        if (Peek() == '0')
        {
            _pos++;
        }
        else if (IsDigit(Peek()))
        {
            while (IsDigit(Peek())) _pos++;
        }
        else
        {
            return Fail("Invalid number: expected a digit", start, _pos - start + 1);
        }
        if (Peek() == '.')
        {
            _pos++;
            if (!IsDigit(Peek())) return Fail("Invalid number: expected a digit after '.'", start, _pos - start + 1);
            while (IsDigit(Peek())) _pos++;
        }
        if (Peek() == 'e' || Peek() == 'E')
        {
            _pos++;
            if (Peek() == '+' || Peek() == '-') _pos++;
            if (!IsDigit(Peek())) return Fail("Invalid number: expected a digit in the exponent", start, _pos - start + 1);
            while (IsDigit(Peek())) _pos++;
        }
        var text = _text.Substring(start, _pos - start);
        var value = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        return new JsonNumberSyntax(TextSpan.FromBounds(start, _pos), text, value);
    }

    private JsonSyntax? ParseLiteral(string word, System.Func<TextSpan, JsonSyntax> create)
    {
        if (string.CompareOrdinal(_text, _pos, word, 0, word.Length) != 0)
        {
            var end = _pos;
            while (end < _text.Length && char.IsLetter(_text[end])) end++;
            return Fail($"Unexpected '{_text.Substring(_pos, System.Math.Max(1, end - _pos))}': expected a value", _pos, System.Math.Max(1, end - _pos));
        }
        var start = _pos;
        _pos += word.Length;
        return create(TextSpan.FromBounds(start, _pos));
    }

    private JsonSyntax? Expected(string what)
    {
        if (_pos >= _text.Length) return Fail($"Unexpected end of file: expected {what}", _pos, 0);
        return Fail($"Unexpected '{Describe(_text[_pos])}': expected {what}", _pos, 1);
    }

    private JsonSyntax? Fail(string message, int start, int length)
    {
        _error ??= new JsonSyntaxError(message, new TextSpan(start, System.Math.Min(length, _text.Length - start)));
        return null;
    }

    private char Peek() => _pos < _text.Length ? _text[_pos] : '\0';

    private static bool IsDigit(char c) => c >= '0' && c <= '9';

    private void SkipWhitespace()
    {
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') _pos++;
            else break;
        }
    }

    private static string Describe(char c) => c < 0x20 ? $"\\u{(int)c:x4}" : c.ToString();
}
