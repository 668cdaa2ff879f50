using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace FlowGen.Runtime;

public static partial class JsJson
{
    /// <summary>
    /// <c>JSON.parse(text)</c>: numbers become <see cref="double"/>, objects <see cref="JsObject"/> (a repeated key
    /// keeps its first position and its last value), arrays <see cref="JsArray"/>. Only space, tab, LF and CR
    /// count as whitespace (no BOM, comments or trailing commas). Invalid input throws
    /// <see cref="JsonParseException"/> with Node.js 20's message. Nesting depth is not limited by the call stack.
    /// </summary>
    public static object? Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new Parser(text).ParseDocument();
    }

    /// <summary>
    /// <c>JSON.parse(buffer.toString())</c>: the bytes are decoded as UTF-8 (invalid sequences become U+FFFD, a
    /// BOM is kept and therefore rejected), then parsed as <see cref="Parse(string)"/>; error positions count
    /// UTF-16 code units of the decoded text.
    /// </summary>
    public static object? Parse(ReadOnlySpan<byte> utf8) => Parse(Encoding.UTF8.GetString(utf8));

    [ThreadStatic]
    private static List<(JsObject? Obj, JsArray? Array, string? Key)>? t_openContainers;

    private sealed class Parser
    {
        private const int MaxContextCharacters = 10;
        private const int MinSourceLengthForContext = (MaxContextCharacters * 2) + 1;

        private readonly string _text;
        private int _pos;

        public Parser(string text) => _text = text;

        public object? ParseDocument()
        {
            // Explicit stack of open containers: deep nesting cannot overflow the call stack. Each thread keeps
            // the last one (bodies are parsed on every request); a parse that throws just drops it.
            var stack = t_openContainers ?? new List<(JsObject? Obj, JsArray? Array, string? Key)>();
            t_openContainers = null;
            object? value;

            ParseValue:
            SkipWhitespace();
            if (_pos >= _text.Length)
            {
                throw UnexpectedEnd();
            }

            switch (_text[_pos])
            {
                case '{':
                    _pos++;
                    SkipWhitespace();
                    if (_pos < _text.Length && _text[_pos] == '}')
                    {
                        _pos++;
                        value = new JsObject();
                        break;
                    }

                    if (_pos < _text.Length && _text[_pos] == '"')
                    {
                        var obj = new JsObject();
                        stack.Add((obj, null, ParsePropertyName(first: true)));
                        goto ParseValue;
                    }

                    throw Error("Expected property name or '}'", _pos);
                case '[':
                    _pos++;
                    SkipWhitespace();
                    if (_pos < _text.Length && _text[_pos] == ']')
                    {
                        _pos++;
                        value = new JsArray();
                        break;
                    }

                    stack.Add((null, new JsArray(), null));
                    goto ParseValue;
                case '"':
                    value = ParseString(propertyName: false);
                    break;
                case 't':
                    ParseLiteral("true");
                    value = true;
                    break;
                case 'f':
                    ParseLiteral("false");
                    value = false;
                    break;
                case 'n':
                    ParseLiteral("null");
                    value = null;
                    break;
                case '-':
                case >= '0' and <= '9':
                    value = JsNumber.Box(ParseNumber());
                    break;
                default:
                    throw UnexpectedToken(_pos);
            }

            // A value is complete: attach it to the innermost open container, or finish.
            while (stack.Count > 0)
            {
                var (obj, array, key) = stack[^1];
                SkipWhitespace();
                char c = _pos < _text.Length ? _text[_pos] : '\0';
                if (obj is not null)
                {
                    obj[key!] = value;
                    if (_pos < _text.Length && c == ',')
                    {
                        _pos++;
                        SkipWhitespace();
                        if (_pos < _text.Length && _text[_pos] == '"')
                        {
                            stack[^1] = (obj, null, ParsePropertyName(first: false));
                            goto ParseValue;
                        }

                        throw Error("Expected double-quoted property name", _pos);
                    }

                    if (_pos < _text.Length && c == '}')
                    {
                        _pos++;
                        stack.RemoveAt(stack.Count - 1);
                        value = obj;
                        continue;
                    }

                    throw Error("Expected ',' or '}' after property value", _pos);
                }

                array!.Add(value);
                if (_pos < _text.Length && c == ',')
                {
                    _pos++;
                    goto ParseValue;
                }

                if (_pos < _text.Length && c == ']')
                {
                    _pos++;
                    stack.RemoveAt(stack.Count - 1);
                    value = array;
                    continue;
                }

                throw Error("Expected ',' or ']' after array element", _pos);
            }

            SkipWhitespace();
            if (_pos < _text.Length)
            {
                throw new JsonParseException(
                    "Unexpected non-whitespace character after JSON at position " + _pos.ToString(CultureInfo.InvariantCulture), _pos);
            }

            t_openContainers = stack;
            return value;
        }

        private void SkipWhitespace()
        {
            while (_pos < _text.Length)
            {
                char c = _text[_pos];
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
                {
                    return;
                }

                _pos++;
            }
        }

        /// <summary>Parses a key string (cursor on its quote) and the colon after it.</summary>
        /// <param name="first">
        /// V8 words a missing colon after an object's first key as "Expected ':'", after later keys by the
        /// token found instead.
        /// </param>
        private string ParsePropertyName(bool first)
        {
            string key = ParseString(propertyName: true);
            SkipWhitespace();
            if (_pos >= _text.Length || _text[_pos] != ':')
            {
                throw first ? Error("Expected ':' after property name", _pos) : UnexpectedToken(_pos);
            }

            _pos++;
            return key;
        }

        private void ParseLiteral(string literal)
        {
            for (int i = 0; i < literal.Length; i++)
            {
                int p = _pos + i;
                if (p >= _text.Length)
                {
                    throw UnexpectedEnd();
                }

                if (_text[p] != literal[i])
                {
                    throw UnexpectedToken(p);
                }
            }

            _pos += literal.Length;
        }

        private double ParseNumber()
        {
            int start = _pos;
            if (_text[_pos] == '-')
            {
                _pos++;
                if (_pos >= _text.Length || !IsDigit(_text[_pos]))
                {
                    throw Error("No number after minus sign", _pos);
                }
            }

            if (_text[_pos] == '0')
            {
                _pos++;
                if (_pos < _text.Length && IsDigit(_text[_pos]))
                {
                    throw Error("Unexpected number", _pos);
                }
            }
            else
            {
                while (_pos < _text.Length && IsDigit(_text[_pos]))
                {
                    _pos++;
                }
            }

            bool integer = true;
            if (_pos < _text.Length && _text[_pos] == '.')
            {
                integer = false;
                _pos++;
                if (_pos >= _text.Length || !IsDigit(_text[_pos]))
                {
                    throw Error("Unterminated fractional number", _pos);
                }

                while (_pos < _text.Length && IsDigit(_text[_pos]))
                {
                    _pos++;
                }
            }

            if (_pos < _text.Length && (_text[_pos] == 'e' || _text[_pos] == 'E'))
            {
                integer = false;
                _pos++;
                if (_pos < _text.Length && (_text[_pos] == '+' || _text[_pos] == '-'))
                {
                    _pos++;
                }

                if (_pos >= _text.Length || !IsDigit(_text[_pos]))
                {
                    throw Error("Exponent part is missing a number", _pos);
                }

                while (_pos < _text.Length && IsDigit(_text[_pos]))
                {
                    _pos++;
                }
            }

            var span = _text.AsSpan(start, _pos - start);
            if (integer && span.Length <= 16)
            {
                // Up to 15 digits (plus a sign) are exact in a long and in a double.
                long n = 0;
                bool negative = span[0] == '-';
                for (int i = negative ? 1 : 0; i < span.Length; i++)
                {
                    n = (n * 10) + (span[i] - '0');
                }

                if (n != 0 || !negative)
                {
                    return negative ? -n : n;
                }
            }

            return JsNumber.ParseValidatedDecimal(span);
        }

        /// <param name="propertyName">An object key: taken from <see cref="PropertyNames"/>, as keys repeat from one body to the next.</param>
        private string ParseString(bool propertyName)
        {
            // Cursor on the opening quote.
            _pos++;
            int runStart = _pos;
            StringBuilder? sb = null;
            while (true)
            {
                if (_pos >= _text.Length)
                {
                    throw Error("Unterminated string", _pos);
                }

                char c = _text[_pos];
                if (c == '"')
                {
                    string result;
                    if (sb is null)
                    {
                        result = propertyName ? PropertyNames.Get(_text.AsSpan(runStart, _pos - runStart)) : _text.Substring(runStart, _pos - runStart);
                    }
                    else
                    {
                        sb.Append(_text, runStart, _pos - runStart);
                        result = sb.ToString();
                    }

                    _pos++;
                    return result;
                }

                if (c < 0x20)
                {
                    throw Error("Bad control character in string literal", _pos);
                }

                if (c != '\\')
                {
                    _pos++;
                    continue;
                }

                sb ??= new StringBuilder();
                sb.Append(_text, runStart, _pos - runStart);
                _pos++;
                if (_pos >= _text.Length)
                {
                    throw UnexpectedEnd();
                }

                char e = _text[_pos];
                switch (e)
                {
                    case '"':
                    case '\\':
                    case '/':
                        sb.Append(e);
                        break;
                    case 'b':
                        sb.Append('\b');
                        break;
                    case 'f':
                        sb.Append('\f');
                        break;
                    case 'n':
                        sb.Append('\n');
                        break;
                    case 'r':
                        sb.Append('\r');
                        break;
                    case 't':
                        sb.Append('\t');
                        break;
                    case 'u':
                        int code = 0;
                        for (int i = 1; i <= 4; i++)
                        {
                            int p = _pos + i;
                            int digit = p < _text.Length ? HexValue(_text[p]) : -1;
                            if (digit < 0)
                            {
                                throw Error("Bad Unicode escape", p);
                            }

                            code = (code << 4) | digit;
                        }

                        sb.Append((char)code);
                        _pos += 4;
                        break;
                    default:
                        // Beyond Latin-1, V8 reports the character as an unexpected token.
                        throw e > '\u00FF' ? UnexpectedToken(_pos) : Error("Bad escaped character", _pos);
                }

                _pos++;
                runStart = _pos;
            }
        }

        private static bool IsDigit(char c) => c >= '0' && c <= '9';

        private static int HexValue(char c) => c switch
        {
            >= '0' and <= '9' => c - '0',
            >= 'a' and <= 'f' => c - 'a' + 10,
            >= 'A' and <= 'F' => c - 'A' + 10,
            _ => -1,
        };

        private static JsonParseException Error(string what, int position) =>
            new(what + " in JSON at position " + position.ToString(CultureInfo.InvariantCulture), position);

        private JsonParseException UnexpectedEnd() => new("Unexpected end of JSON input", _text.Length);

        private JsonParseException UnexpectedToken(int position)
        {
            string source = _text;
            if (position >= source.Length)
            {
                return UnexpectedEnd();
            }

            if (source is "NaN" or "Infinity" or "undefined" or "[object Object]")
            {
                return new JsonParseException("\"" + source + "\" is not valid JSON", position);
            }

            // V8 names the kind of token the offending character starts, when it is a string or a number.
            char offending = source[position];
            if (offending == '"')
            {
                return Error("Unexpected string", position);
            }

            if (offending == '-' || IsDigit(offending))
            {
                return Error("Unexpected number", position);
            }

            string token = offending.ToString();
            int length = source.Length;
            string message;
            if (length < MinSourceLengthForContext)
            {
                message = "Unexpected token '" + token + "', \"" + source + "\" is not valid JSON";
            }
            else if (position < MaxContextCharacters)
            {
                message = "Unexpected token '" + token + "', \"" + source[..(position + MaxContextCharacters)]
                    + "\"... is not valid JSON";
            }
            else if (position < length - MaxContextCharacters)
            {
                message = "Unexpected token '" + token + "', ...\""
                    + source.Substring(position - MaxContextCharacters, 2 * MaxContextCharacters)
                    + "\"... is not valid JSON";
            }
            else
            {
                message = "Unexpected token '" + token + "', ...\"" + source[(position - MaxContextCharacters)..]
                    + "\" is not valid JSON";
            }

            return new JsonParseException(message, position);
        }
    }
}
