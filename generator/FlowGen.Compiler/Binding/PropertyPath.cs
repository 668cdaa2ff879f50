using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace FlowGen.Compiler.Binding;

/// <summary>One part of a property path: a key, an array index, or a nested [msg...] reference.</summary>
public sealed class PathPart
{
    private PathPart(string? key, int index, PropertyPath? nested)
    {
        Key = key;
        Index = index;
        Nested = nested;
    }

    /// <summary>For a nested reference: where it starts in the path text, for run-time error messages.</summary>
    public int Position => Index;

    public string? Key { get; }

    public int Index { get; }

    public PropertyPath? Nested { get; }

    public static PathPart ForKey(string key) => new(key, 0, null);

    public static PathPart ForIndex(int index) => new(null, index, null);

    public static PathPart ForNested(PropertyPath nested, int position) => new(null, position, nested);
}

/// <summary>
/// A Node-RED property expression (payload.a[0]["b c"], a[msg.topic].x) parsed at build time with the rules of
/// RED.util.normalisePropertyExpression, so a bad path is a build error and nothing is parsed per request.
/// </summary>
public sealed class PropertyPath
{
    private static readonly Regex Digits = new("^[0-9]+$");

    private PropertyPath(string text, IReadOnlyList<PathPart> parts)
    {
        Text = text;
        Parts = parts;
    }

    public string Text { get; }

    public IReadOnlyList<PathPart> Parts { get; }

    /// <summary>Parses a path on the message, dropping a leading "msg." as Node-RED's message helpers do.</summary>
    public static PropertyPath? ParseMessagePath(string text, out string? error)
    {
        var body = text.StartsWith("msg.", System.StringComparison.Ordinal) ? text.Substring(4) : text;
        return Parse(body, out error);
    }

    public static PropertyPath? Parse(string str, out string? error)
    {
        error = null;
        var length = str.Length;
        if (length == 0) return Fail("zero-length", out error);
        var parts = new List<PathPart>();
        var start = 0;
        var inString = false;
        var inBox = false;
        var quote = '\0';
        for (var i = 0; i < length; i++)
        {
            var c = str[i];
            if (!inString)
            {
                if (c == '\'' || c == '"')
                {
                    if (i != start) return Fail($"unexpected {c} at position {i}", out error);
                    inString = true;
                    quote = c;
                    start = i + 1;
                }
                else if (c == '.')
                {
                    if (i == 0) return Fail("unexpected . at position 0", out error);
                    if (start != i)
                    {
                        var v = str.Substring(start, i - start);
                        parts.Add(Digits.IsMatch(v) && int.TryParse(v, out var n) ? PathPart.ForIndex(n) : PathPart.ForKey(v));
                    }
                    if (i == length - 1) return Fail("unterminated expression", out error);
                    if (!IsIdentifierStart(str[i + 1])) return Fail($"unexpected {str[i + 1]} at position {i + 1}", out error);
                    start = i + 1;
                }
                else if (c == '[')
                {
                    if (i == 0) return Fail($"unexpected {c} at position {i}", out error);
                    if (start != i) parts.Add(PathPart.ForKey(str.Substring(start, i - start)));
                    if (i == length - 1) return Fail("unterminated expression", out error);
                    var rest = str.Substring(i + 1);
                    if (rest.StartsWith("msg.", System.StringComparison.Ordinal) || rest.StartsWith("msg[", System.StringComparison.Ordinal))
                    {
                        var depth = 1;
                        var inLocal = false;
                        var localQuote = '\0';
                        var closed = false;
                        for (var j = i + 1; j < length; j++)
                        {
                            var cj = str[j];
                            if (cj == '"' || cj == '\'')
                            {
                                if (inLocal) { if (cj == localQuote) inLocal = false; }
                                else { inLocal = true; localQuote = cj; }
                            }
                            if (cj == '[') depth++;
                            else if (cj == ']') depth--;
                            if (depth == 0)
                            {
                                var nested = ParseMessagePath(str.Substring(i + 1, j - i - 1), out var nestedError);
                                if (nested is null) return Fail($"invalid expression started at position {i + 1}: {nestedError}", out error);
                                parts.Add(PathPart.ForNested(nested, i + 1));
                                inBox = false;
                                i = j;
                                start = j + 1;
                                closed = true;
                                break;
                            }
                        }
                        if (!closed) return Fail($"unmatched '[' at position {i}", out error);
                        continue;
                    }
                    var next = str[i + 1];
                    if (next != '"' && next != '\'' && !(next >= '0' && next <= '9'))
                        return Fail($"unexpected {next} at position {i + 1}", out error);
                    start = i + 1;
                    inBox = true;
                }
                else if (c == ']')
                {
                    if (!inBox) return Fail($"unexpected {c} at position {i}", out error);
                    if (start != i)
                    {
                        var v = str.Substring(start, i - start);
                        if (Digits.IsMatch(v) && int.TryParse(v, out var n)) parts.Add(PathPart.ForIndex(n));
                        else return Fail($"unexpected array expression at position {start}", out error);
                    }
                    start = i + 1;
                    inBox = false;
                }
                else if (c == ' ')
                {
                    return Fail($"unexpected ' ' at position {i}", out error);
                }
            }
            else if (c == quote)
            {
                if (i - start == 0) return Fail($"zero-length string at position {start}", out error);
                parts.Add(PathPart.ForKey(str.Substring(start, i - start)));
                if (inBox && (i + 1 >= length || str[i + 1] != ']'))
                    return Fail($"unexpected array expression at position {start}", out error);
                if (!inBox && i + 1 != length && str[i + 1] != '[' && str[i + 1] != '.')
                    return Fail($"unexpected {str[i + 1]} expression at position {i + 1}", out error);
                start = i + 1;
                inString = false;
            }
        }
        if (inBox || inString) return Fail("unterminated expression", out error);
        if (start < length) parts.Add(PathPart.ForKey(str.Substring(start)));
        return new PropertyPath(str, parts);
    }

    private static bool IsIdentifierStart(char c) =>
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '$' || c == '_';

    private static PropertyPath? Fail(string message, out string? error)
    {
        error = "invalid property expression: " + message;
        return null;
    }
}
