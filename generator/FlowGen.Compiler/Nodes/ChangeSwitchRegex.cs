using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace FlowGen.Compiler.Nodes;

/// <summary>
/// A JavaScript regular expression (no u/y flags, Annex B syntax, as change and switch build them with
/// <c>new RegExp(text, flags)</c>) translated at build time into a .NET pattern that matches the same strings:
/// JavaScript's ASCII \d \w \b, its \s set, '.' that stops at every line terminator, '$' at the very end only,
/// octal and identity escapes, [] and [^], and named groups numbered in order of their parenthesis as in
/// JavaScript (.NET numbers them after the unnamed ones, so they are emitted unnamed and the names are kept here).
/// </summary>
public sealed class ChangeSwitchRegex
{
    private const string WordClass = "a-zA-Z0-9_";
    private const string SpaceClass = @"\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff";
    private const string DigitClass = "0-9";

    private ChangeSwitchRegex(string pattern, int groupCount, IReadOnlyList<string?> groupNames)
    {
        Pattern = pattern;
        GroupCount = groupCount;
        GroupNames = groupNames;
    }

    /// <summary>The .NET pattern (to be used with RegexOptions.CultureInvariant, plus IgnoreCase for the i flag).</summary>
    public string Pattern { get; }

    /// <summary>The number of capturing groups, as JavaScript counts them.</summary>
    public int GroupCount { get; }

    /// <summary>The name of each group by number (index 0 unused); empty when the pattern has no named groups.</summary>
    public IReadOnlyList<string?> GroupNames { get; }

    public bool HasNamedGroups => GroupNames.Count > 0;

    /// <summary>Translates a pattern, or returns null with JavaScript's reason and the offending position.</summary>
    public static ChangeSwitchRegex? Translate(string source, out string? error, out int errorPosition)
    {
        var translator = new Translator(source);
        var result = translator.Run();
        error = translator.Error;
        errorPosition = translator.ErrorPosition;
        return result;
    }

    /// <summary>JavaScript's escaping of a literal search string in the change node, as a .NET pattern.</summary>
    public static string Literal(string text)
    {
        var sb = new StringBuilder();
        foreach (var c in text) AppendLiteral(sb, c);
        return sb.ToString();
    }

    private static void AppendLiteral(StringBuilder sb, char c)
    {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_') sb.Append(c);
        else if (c > 0x20 && c < 0x7f) sb.Append('\\').Append(c);
        else sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
    }

    private static void AppendClassChar(StringBuilder sb, char c) =>
        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));

    private sealed class Translator
    {
        private readonly string _s;
        private readonly StringBuilder _out = new();
        private readonly List<string?> _names = new();
        private int _pos;
        private int _groupCount;
        private bool _hasNames;

        public Translator(string source) => _s = source;

        public string? Error { get; private set; }

        public int ErrorPosition { get; private set; }

        public ChangeSwitchRegex? Run()
        {
            if (!CountGroups()) return null;
            var depth = 0;
            // Whether the last thing written can take a quantifier, and where it starts in the output.
            var canQuantify = false;
            while (_pos < _s.Length)
            {
                var c = _s[_pos];
                switch (c)
                {
                    case '\\':
                        if (!Escape(out canQuantify)) return null;
                        break;
                    case '.':
                        _out.Append(@"[^\n\r\u2028\u2029]");
                        _pos++;
                        canQuantify = true;
                        break;
                    case '^':
                        _out.Append('^');
                        _pos++;
                        canQuantify = false;
                        break;
                    case '$':
                        _out.Append(@"\z");
                        _pos++;
                        canQuantify = false;
                        break;
                    case '(':
                        if (!GroupOpen()) return null;
                        depth++;
                        canQuantify = false;
                        break;
                    case ')':
                        if (depth == 0) return Fail("Unmatched ')'", _pos);
                        depth--;
                        _out.Append(')');
                        _pos++;
                        // A lookbehind cannot be repeated; JavaScript (Annex B) still lets a lookahead be.
                        canQuantify = true;
                        break;
                    case '|':
                        _out.Append('|');
                        _pos++;
                        canQuantify = false;
                        break;
                    case '[':
                        if (!CharacterClass()) return null;
                        canQuantify = true;
                        break;
                    case '*':
                    case '+':
                    case '?':
                        if (!canQuantify) return Fail("Nothing to repeat", _pos);
                        _out.Append(c);
                        _pos++;
                        if (_pos < _s.Length && _s[_pos] == '?') { _out.Append('?'); _pos++; }
                        canQuantify = false;
                        break;
                    case '{':
                        if (TryBraceQuantifier(out var quantifier, out var outOfOrder))
                        {
                            if (outOfOrder) return Fail("numbers out of order in {} quantifier", _pos);
                            if (!canQuantify) return Fail("Nothing to repeat", _pos);
                            _out.Append(quantifier);
                            _pos += quantifier.Length;
                            if (_pos < _s.Length && _s[_pos] == '?') { _out.Append('?'); _pos++; }
                            canQuantify = false;
                        }
                        else
                        {
                            _out.Append(@"\{");
                            _pos++;
                            canQuantify = true;
                        }
                        break;
                    default:
                        AppendLiteral(_out, c);
                        _pos++;
                        canQuantify = true;
                        break;
                }
            }
            if (depth > 0) return Fail("Unterminated group", _s.Length);
            return new ChangeSwitchRegex(_out.ToString(), _groupCount, _hasNames ? _names : new List<string?>());
        }

        private ChangeSwitchRegex? Fail(string message, int position)
        {
            Error ??= message;
            ErrorPosition = position;
            return null;
        }

        private bool FailBool(string message, int position)
        {
            Fail(message, position);
            return false;
        }

        /// <summary>First pass: the capturing groups and their names, so \N and \k know what exists.</summary>
        private bool CountGroups()
        {
            _names.Add(null);
            var inClass = false;
            for (var i = 0; i < _s.Length; i++)
            {
                var c = _s[i];
                if (c == '\\') { i++; continue; }
                if (inClass) { if (c == ']') inClass = false; continue; }
                if (c == '[') { inClass = true; continue; }
                if (c != '(') continue;
                if (i + 1 < _s.Length && _s[i + 1] == '?')
                {
                    if (i + 2 < _s.Length && _s[i + 2] == '<' && i + 3 < _s.Length && _s[i + 3] != '=' && _s[i + 3] != '!')
                    {
                        var end = _s.IndexOf('>', i + 3);
                        if (end < 0) return FailBool("Invalid capture group name", i + 3);
                        var name = _s.Substring(i + 3, end - i - 3);
                        if (!IsGroupName(name)) return FailBool("Invalid capture group name", i + 3);
                        if (_names.Contains(name)) return FailBool("Duplicate capture group name", i + 3);
                        _groupCount++;
                        _names.Add(name);
                        _hasNames = true;
                    }
                    continue;
                }
                _groupCount++;
                _names.Add(null);
            }
            return true;
        }

        private static bool IsGroupName(string name)
        {
            if (name.Length == 0) return false;
            for (var i = 0; i < name.Length; i++)
            {
                var c = name[i];
                var ok = c == '$' || c == '_' || char.IsLetter(c) || (i > 0 && (char.IsDigit(c) || c == '\u200c' || c == '\u200d'));
                if (!ok) return false;
            }
            return true;
        }

        private bool GroupOpen()
        {
            var start = _pos;
            if (_pos + 1 < _s.Length && _s[_pos + 1] == '?')
            {
                var rest = _s.Substring(_pos + 2);
                if (rest.StartsWith(":", System.StringComparison.Ordinal) || rest.StartsWith("=", System.StringComparison.Ordinal) || rest.StartsWith("!", System.StringComparison.Ordinal))
                {
                    _out.Append("(?").Append(rest[0]);
                    _pos += 3;
                    return true;
                }
                if (rest.StartsWith("<=", System.StringComparison.Ordinal) || rest.StartsWith("<!", System.StringComparison.Ordinal))
                {
                    _out.Append("(?").Append(rest, 0, 2);
                    _pos += 4;
                    return true;
                }
                if (rest.StartsWith("<", System.StringComparison.Ordinal))
                {
                    var end = _s.IndexOf('>', _pos);
                    // Emitted unnamed: the group keeps the number JavaScript gives it.
                    _out.Append('(');
                    _pos = end + 1;
                    return true;
                }
                return FailBool("Invalid group", start);
            }
            _out.Append('(');
            _pos++;
            return true;
        }

        private bool TryBraceQuantifier(out string text, out bool outOfOrder)
        {
            text = "";
            outOfOrder = false;
            var i = _pos + 1;
            var minStart = i;
            while (i < _s.Length && _s[i] >= '0' && _s[i] <= '9') i++;
            if (i == minStart) return false;
            var min = _s.Substring(minStart, i - minStart);
            string? max = null;
            if (i < _s.Length && _s[i] == ',')
            {
                i++;
                var maxStart = i;
                while (i < _s.Length && _s[i] >= '0' && _s[i] <= '9') i++;
                if (i > maxStart) max = _s.Substring(maxStart, i - maxStart);
            }
            if (i >= _s.Length || _s[i] != '}') return false;
            text = _s.Substring(_pos, i + 1 - _pos);
            if (max is not null && Compare(min, max) > 0) outOfOrder = true;
            return true;
        }

        private static int Compare(string a, string b)
        {
            a = a.TrimStart('0');
            b = b.TrimStart('0');
            if (a.Length != b.Length) return a.Length.CompareTo(b.Length);
            return string.CompareOrdinal(a, b);
        }

        /// <summary>An escape outside a class.</summary>
        private bool Escape(out bool canQuantify)
        {
            canQuantify = true;
            if (_pos + 1 >= _s.Length) return FailBool("\\ at end of pattern", _pos);
            var c = _s[_pos + 1];
            _pos += 2;
            switch (c)
            {
                case 'd': _out.Append('[').Append(DigitClass).Append(']'); return true;
                case 'D': _out.Append("[^").Append(DigitClass).Append(']'); return true;
                case 'w': _out.Append('[').Append(WordClass).Append(']'); return true;
                case 'W': _out.Append("[^").Append(WordClass).Append(']'); return true;
                case 's': _out.Append('[').Append(SpaceClass).Append(']'); return true;
                case 'S': _out.Append("[^").Append(SpaceClass).Append(']'); return true;
                case 'b':
                    _out.Append("(?:(?<=[").Append(WordClass).Append("])(?![").Append(WordClass).Append("])|(?<![").Append(WordClass).Append("])(?=[").Append(WordClass).Append("]))");
                    canQuantify = false;
                    return true;
                case 'B':
                    _out.Append("(?:(?<=[").Append(WordClass).Append("])(?=[").Append(WordClass).Append("])|(?<![").Append(WordClass).Append("])(?![").Append(WordClass).Append("]))");
                    canQuantify = false;
                    return true;
                case 'k' when _hasNames:
                    if (_pos >= _s.Length || _s[_pos] != '<') return FailBool("Invalid named reference", _pos - 2);
                    var end = _s.IndexOf('>', _pos);
                    var name = end < 0 ? "" : _s.Substring(_pos + 1, end - _pos - 1);
                    var number = _names.IndexOf(name);
                    if (end < 0 || number <= 0) return FailBool("Invalid named capture referenced", _pos - 2);
                    Backreference(number);
                    _pos = end + 1;
                    return true;
            }
            if (c >= '1' && c <= '9')
            {
                var start = _pos - 1;
                var i = start;
                while (i < _s.Length && _s[i] >= '0' && _s[i] <= '9') i++;
                var digits = _s.Substring(start, i - start);
                if (int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n <= _groupCount)
                {
                    Backreference(n);
                    _pos = i;
                    return true;
                }
                // Annex B: not a group, so an octal escape (or the digit itself for 8 and 9).
                _pos = start;
                AppendLiteral(_out, ReadLegacyOctalOrDigit());
                return true;
            }
            var ch = SimpleEscape(c);
            AppendLiteral(_out, ch);
            return true;
        }

        private void Backreference(int number)
        {
            // JavaScript matches a group that has not taken part as the empty string; .NET would fail.
            var n = number.ToString(CultureInfo.InvariantCulture);
            _out.Append("(?(").Append(n).Append(")\\").Append(n).Append(')');
        }

        /// <summary>Reads at _pos an octal escape body (Annex B) or a lone 8/9; _pos moves past it.</summary>
        private char ReadLegacyOctalOrDigit()
        {
            var first = _s[_pos];
            if (first == '8' || first == '9') { _pos++; return first; }
            var value = first - '0';
            _pos++;
            var maxDigits = first <= '3' ? 3 : 2;
            for (var k = 1; k < maxDigits && _pos < _s.Length && _s[_pos] >= '0' && _s[_pos] <= '7'; k++)
            {
                value = value * 8 + (_s[_pos] - '0');
                _pos++;
            }
            return (char)value;
        }

        /// <summary>The character an escape stands for when it is not a class, assertion or reference (_pos is after the escape letter).</summary>
        private char SimpleEscape(char c)
        {
            switch (c)
            {
                case 't': return '\t';
                case 'n': return '\n';
                case 'v': return '\v';
                case 'f': return '\f';
                case 'r': return '\r';
                case '0':
                    _pos--;
                    return ReadLegacyOctalOrDigit();
                case 'c':
                    if (_pos < _s.Length && ((_s[_pos] >= 'a' && _s[_pos] <= 'z') || (_s[_pos] >= 'A' && _s[_pos] <= 'Z')))
                    {
                        return (char)(_s[_pos++] % 32);
                    }
                    // Annex B: "\c" not followed by a letter is a backslash and a 'c'.
                    _pos--;
                    return '\\';
                case 'x':
                    if (TryHex(2, out var x)) return x;
                    return 'x';
                case 'u':
                    if (TryHex(4, out var u)) return u;
                    return 'u';
                default:
                    // Identity escape: \a, \e, \z, \p, \/ ... stand for the character itself in JavaScript.
                    return c;
            }
        }

        private bool TryHex(int count, out char value)
        {
            value = '\0';
            if (_pos + count > _s.Length) return false;
            var text = _s.Substring(_pos, count);
            if (!int.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var v)) return false;
            value = (char)v;
            _pos += count;
            return true;
        }

        /// <summary>A [...] class: positive ranges plus JavaScript's \D \W \S, which .NET cannot union inside one class.</summary>
        private bool CharacterClass()
        {
            var start = _pos;
            _pos++;
            var negated = false;
            if (_pos < _s.Length && _s[_pos] == '^') { negated = true; _pos++; }
            var ranges = new StringBuilder();
            var negatedSets = new List<string>();
            var closed = false;
            while (_pos < _s.Length)
            {
                if (_s[_pos] == ']') { closed = true; _pos++; break; }
                if (!ClassAtom(out var low, out var set, out var setNegated)) return false;
                if (set is null && _pos + 1 < _s.Length && _s[_pos] == '-' && _s[_pos + 1] != ']')
                {
                    var dash = _pos;
                    _pos++;
                    if (!ClassAtom(out var high, out var highSet, out var highNegated)) return false;
                    if (highSet is not null)
                    {
                        // Annex B: a class escape at either end makes the '-' literal.
                        AppendClassChar(ranges, low);
                        AppendClassChar(ranges, '-');
                        if (highNegated) negatedSets.Add(highSet); else ranges.Append(highSet);
                        continue;
                    }
                    if (high < low) return FailBool("Range out of order in character class", dash);
                    AppendClassChar(ranges, low);
                    ranges.Append('-');
                    AppendClassChar(ranges, high);
                    continue;
                }
                if (set is not null)
                {
                    if (setNegated) negatedSets.Add(set); else ranges.Append(set);
                }
                else
                {
                    AppendClassChar(ranges, low);
                }
            }
            if (!closed) return FailBool("Unterminated character class", start);

            var positive = ranges.ToString();
            if (negatedSets.Count == 0)
            {
                if (positive.Length == 0) _out.Append(negated ? @"[\u0000-\uffff]" : "(?!)");
                else _out.Append(negated ? "[^" : "[").Append(positive).Append(']');
                return true;
            }
            if (!negated)
            {
                // Any of: the positive set, or outside one of the negated sets.
                _out.Append("(?:");
                var first = true;
                if (positive.Length > 0) { _out.Append('[').Append(positive).Append(']'); first = false; }
                foreach (var set in negatedSets)
                {
                    if (!first) _out.Append('|');
                    _out.Append("[^").Append(set).Append(']');
                    first = false;
                }
                _out.Append(')');
                return true;
            }
            // None of them: inside every negated set and outside the positive set.
            _out.Append("(?:");
            foreach (var set in negatedSets) _out.Append("(?=[").Append(set).Append("])");
            _out.Append(positive.Length > 0 ? "[^" + positive + "]" : @"[\u0000-\uffff]").Append(')');
            return true;
        }

        /// <summary>One class member: a character, or a class escape (set holds its .NET class body).</summary>
        private bool ClassAtom(out char value, out string? set, out bool setNegated)
        {
            value = '\0';
            set = null;
            setNegated = false;
            var c = _s[_pos];
            if (c != '\\')
            {
                value = c;
                _pos++;
                return true;
            }
            if (_pos + 1 >= _s.Length) return FailBool("\\ at end of pattern", _pos);
            var e = _s[_pos + 1];
            _pos += 2;
            switch (e)
            {
                case 'd': set = DigitClass; return true;
                case 'D': set = DigitClass; setNegated = true; return true;
                case 'w': set = WordClass; return true;
                case 'W': set = WordClass; setNegated = true; return true;
                case 's': set = SpaceClass; return true;
                case 'S': set = SpaceClass; setNegated = true; return true;
                case 'b': value = '\b'; return true;
                case '-': value = '-'; return true;
            }
            if (e >= '1' && e <= '9')
            {
                // Inside a class there are no backreferences: Annex B octal, or the digit.
                _pos--;
                value = ReadLegacyOctalOrDigit();
                return true;
            }
            if (e == 'c' && _pos < _s.Length && ((_s[_pos] >= '0' && _s[_pos] <= '9') || _s[_pos] == '_'))
            {
                // Annex B inside a class: \c followed by a digit or _ is that control character.
                value = (char)(_s[_pos++] % 32);
                return true;
            }
            value = SimpleEscape(e);
            return true;
        }
    }
}
