using System;
using System.Collections.Generic;
using System.Globalization;

namespace FlowGen.Compiler.Mustache;

/// <summary>
/// Parses a mustache template exactly as mustache.js 4.2.0's parseTemplate does (the engine Node-RED 4.1's template
/// node uses): the same tag scanning, the same removal of standalone tag lines, the same errors at the same
/// positions. The result is a syntax tree that the emitter turns into string-building C#.
/// </summary>
public static class MustacheParser
{
    private const char NameType = 'n';
    private const string TagTypes = "#^/>{&=!";

    /// <summary>The tree of the template, or null with <paramref name="error"/> set when mustache.js would throw.</summary>
    public static IReadOnlyList<MustacheNode>? Parse(string template, out MustacheError? error)
    {
        error = null;
        if (template.Length == 0) return Array.Empty<MustacheNode>();
        var tokens = Tokenize(template, out error);
        return tokens is null ? null : Nest(Squash(tokens));
    }

    /// <summary>JavaScript's <c>\s</c>: the characters a regular expression's whitespace class matches.</summary>
    public static bool IsJsWhitespace(char c) => c switch
    {
        '\t' or '\n' or '\v' or '\f' or '\r' or ' ' or '\u00a0' or '\u1680' or '\u2028' or '\u2029' or '\u202f' or '\u205f' or '\u3000' or '\ufeff' => true,
        _ => c >= '\u2000' && c <= '\u200a',
    };

    private sealed class Token
    {
        public Token(char type, string value, int start, int end)
        {
            Type = type;
            Value = value;
            Start = start;
            End = end;
        }

        public char Type { get; }

        public string Value { get; set; }

        public int Start { get; }

        public int End { get; set; }

        public string Open { get; set; } = "";

        public string Close { get; set; } = "";

        public List<MustacheNode>? Children { get; set; }

        public int CloseStart { get; set; }
    }

    private static List<Token?>? Tokenize(string template, out MustacheError? error)
    {
        error = null;
        var tokens = new List<Token?>();
        var sections = new Stack<Token>();
        var spaces = new List<int>();
        var hasTag = false;    // a tag on the current line
        var nonSpace = false;  // a non-space character (or an interpolation) on the current line
        var open = "{{";
        var close = "}}";
        var pos = 0;

        void StripSpace()
        {
            if (hasTag && !nonSpace)
            {
                foreach (var index in spaces) tokens[index] = null;
            }
            spaces.Clear();
            hasTag = false;
            nonSpace = false;
        }

        while (pos < template.Length)
        {
            // The text up to the next opening tag, one token per character.
            var openAt = template.IndexOf(open, pos, StringComparison.Ordinal);
            var textEnd = openAt < 0 ? template.Length : openAt;
            for (var i = pos; i < textEnd; i++)
            {
                var c = template[i];
                if (IsJsWhitespace(c)) spaces.Add(tokens.Count);
                else nonSpace = true;
                tokens.Add(new Token('t', c.ToString(), i, i + 1));
                if (c == '\n') StripSpace();
            }
            pos = textEnd;
            if (openAt < 0) break;

            var start = pos;
            pos = SkipWhitespace(template, pos + open.Length);
            hasTag = true;
            var type = NameType;
            if (pos < template.Length && TagTypes.IndexOf(template[pos]) >= 0) type = template[pos++];
            pos = SkipWhitespace(template, pos);

            string value;
            if (type == '=')
            {
                value = ScanUntil(template, ref pos, "=");
                var afterEquals = MatchAt(template, pos, "=");
                if (afterEquals >= 0) pos = afterEquals;
                ScanUntil(template, ref pos, close);
            }
            else if (type == '{')
            {
                value = ScanUntil(template, ref pos, "}" + close);
                var afterCurly = MatchAt(template, pos, "}");
                if (afterCurly >= 0) pos = afterCurly;
                ScanUntil(template, ref pos, close);
                type = '&';
            }
            else
            {
                value = ScanUntil(template, ref pos, close);
            }

            var end = MatchAt(template, pos, close);
            if (end < 0)
            {
                error = new MustacheError(
                    "Unclosed tag at " + Int(pos),
                    $"the tag that starts here is never closed with \"{close}\"",
                    start, Math.Min(open.Length, template.Length - start));
                return null;
            }
            pos = end;
            var token = new Token(type, value, start, pos);
            tokens.Add(token);

            switch (type)
            {
                case '#':
                case '^':
                    sections.Push(token);
                    break;
                case '/':
                    if (sections.Count == 0)
                    {
                        error = new MustacheError(
                            $"Unopened section \"{value}\" at {Int(start)}",
                            $"\"{template.Substring(start, pos - start)}\" closes a section that is not open",
                            start, pos - start);
                        return null;
                    }
                    var opened = sections.Pop();
                    if (opened.Value != value)
                    {
                        error = new MustacheError(
                            $"Unclosed section \"{opened.Value}\" at {Int(start)}",
                            $"\"{template.Substring(start, pos - start)}\" does not close the open section \"{opened.Value}\"",
                            start, pos - start);
                        return null;
                    }
                    break;
                case NameType:
                case '&':
                    nonSpace = true;
                    break;
                case '=':
                    if (!SplitTags(value, out var newOpen, out var newClose))
                    {
                        error = new MustacheError(
                            "Invalid tags: " + value,
                            "a delimiter change needs an opening and a closing delimiter separated by whitespace, as in {{=<% %>=}}",
                            start, pos - start);
                        return null;
                    }
                    open = newOpen;
                    close = newClose;
                    token.Open = newOpen;
                    token.Close = newClose;
                    break;
            }
        }

        StripSpace();
        if (sections.Count > 0)
        {
            var unclosed = sections.Pop();
            error = new MustacheError(
                $"Unclosed section \"{unclosed.Value}\" at {Int(pos)}",
                $"the section \"{unclosed.Value}\" opened here is never closed",
                unclosed.Start, unclosed.End - unclosed.Start);
            return null;
        }
        return tokens;
    }

    /// <summary>mustache.js's compileTags: the text split on whitespace must give (at least) two delimiters.</summary>
    private static bool SplitTags(string value, out string open, out string close)
    {
        open = close = "";
        var i = 0;
        while (i < value.Length && !IsJsWhitespace(value[i])) i++;
        if (i == value.Length) return false;
        open = value.Substring(0, i);
        while (i < value.Length && IsJsWhitespace(value[i])) i++;
        var j = i;
        while (j < value.Length && !IsJsWhitespace(value[j])) j++;
        close = value.Substring(i, j - i);
        // "a b".split(/\s+/, 2) has two parts; an empty part (leading whitespace) cannot occur after the scanner
        // skipped whitespace, but an empty delimiter would make every later tag unparseable.
        return open.Length > 0 && close.Length > 0;
    }

    private static int SkipWhitespace(string text, int pos)
    {
        while (pos < text.Length && IsJsWhitespace(text[pos])) pos++;
        return pos;
    }

    /// <summary>
    /// Scanner.scanUntil(/\s*literal/): moves to the start of the first match (the whitespace before the literal)
    /// and returns the text skipped, or takes the rest of the text when there is no match.
    /// </summary>
    private static string ScanUntil(string text, ref int pos, string literal)
    {
        var at = text.IndexOf(literal, pos, StringComparison.Ordinal);
        if (at < 0)
        {
            var rest = text.Substring(pos);
            pos = text.Length;
            return rest;
        }
        while (at > pos && IsJsWhitespace(text[at - 1])) at--;
        var skipped = text.Substring(pos, at - pos);
        pos = at;
        return skipped;
    }

    /// <summary>Scanner.scan(/\s*literal/): the position after the match when it matches right here, else -1.</summary>
    private static int MatchAt(string text, int pos, string literal)
    {
        var at = SkipWhitespace(text, pos);
        return at + literal.Length <= text.Length && string.CompareOrdinal(text, at, literal, 0, literal.Length) == 0 ? at + literal.Length : -1;
    }

    /// <summary>squashTokens: consecutive text tokens become one.</summary>
    private static List<Token> Squash(List<Token?> tokens)
    {
        var result = new List<Token>();
        Token? last = null;
        foreach (var token in tokens)
        {
            if (token is null) continue;
            if (token.Type == 't' && last is { Type: 't' })
            {
                last.Value += token.Value;
                last.End = token.End;
            }
            else
            {
                result.Add(token);
                last = token;
            }
        }
        return result;
    }

    /// <summary>nestTokens: sections collect the tokens up to their closing tag.</summary>
    private static IReadOnlyList<MustacheNode> Nest(List<Token> tokens)
    {
        var root = new List<MustacheNode>();
        var collector = root;
        var open = new Stack<(Token Token, List<MustacheNode> Parent)>();
        foreach (var token in tokens)
        {
            switch (token.Type)
            {
                case '#':
                case '^':
                    token.Children = new List<MustacheNode>();
                    open.Push((token, collector));
                    collector = token.Children;
                    break;
                case '/':
                    var (section, parent) = open.Pop();
                    parent.Add(new MustacheSection(section.Value, section.Type == '^', section.Start, section.End, section.Children!, token.Start));
                    collector = parent;
                    break;
                case 't':
                    collector.Add(new MustacheText(token.Value, token.Start, token.End));
                    break;
                case NameType:
                    collector.Add(new MustacheVariable(token.Value, escaped: true, token.Start, token.End));
                    break;
                case '&':
                    collector.Add(new MustacheVariable(token.Value, escaped: false, token.Start, token.End));
                    break;
                case '>':
                    collector.Add(new MustachePartial(token.Value, token.Start, token.End));
                    break;
                case '!':
                    collector.Add(new MustacheComment(token.Value, token.Start, token.End));
                    break;
                case '=':
                    collector.Add(new MustacheDelimiters(token.Open, token.Close, token.Start, token.End));
                    break;
            }
        }
        return root;
    }

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);
}
