using System.Collections.Generic;

namespace FlowGen.Compiler.Mustache;

/// <summary>
/// A node of a parsed mustache template. Positions are UTF-16 offsets into the template text, as mustache.js
/// counts them: <see cref="Start"/> is where the node begins and <see cref="End"/> where it ends (exclusive).
/// </summary>
public abstract class MustacheNode
{
    protected MustacheNode(int start, int end)
    {
        Start = start;
        End = end;
    }

    public int Start { get; }

    public int End { get; }
}

/// <summary>Literal text, after mustache.js removed the whitespace of standalone tag lines.</summary>
public sealed class MustacheText : MustacheNode
{
    public MustacheText(string text, int start, int end) : base(start, end) => Text = text;

    public string Text { get; }
}

/// <summary>An interpolation: <c>{{name}}</c> (HTML-escaped) or <c>{{{name}}}</c> / <c>{{&amp; name}}</c> (raw).</summary>
public sealed class MustacheVariable : MustacheNode
{
    public MustacheVariable(string name, bool escaped, int start, int end) : base(start, end)
    {
        Name = name;
        Escaped = escaped;
    }

    public string Name { get; }

    public bool Escaped { get; }
}

/// <summary>
/// A section <c>{{#name}}…{{/name}}</c> or an inverted section <c>{{^name}}…{{/name}}</c>; <see cref="MustacheNode.Start"/>
/// and <see cref="MustacheNode.End"/> are the opening tag's.
/// </summary>
public sealed class MustacheSection : MustacheNode
{
    public MustacheSection(string name, bool inverted, int start, int end, IReadOnlyList<MustacheNode> children, int closeStart) : base(start, end)
    {
        Name = name;
        Inverted = inverted;
        Children = children;
        CloseStart = closeStart;
    }

    public string Name { get; }

    public bool Inverted { get; }

    /// <summary>The nodes between the opening and the closing tag.</summary>
    public IReadOnlyList<MustacheNode> Children { get; }

    /// <summary>Where the closing tag begins.</summary>
    public int CloseStart { get; }
}

/// <summary>A partial <c>{{&gt; name}}</c>.</summary>
public sealed class MustachePartial : MustacheNode
{
    public MustachePartial(string name, int start, int end) : base(start, end) => Name = name;

    public string Name { get; }
}

/// <summary>A comment <c>{{! text}}</c>; renders nothing.</summary>
public sealed class MustacheComment : MustacheNode
{
    public MustacheComment(string text, int start, int end) : base(start, end) => Text = text;

    public string Text { get; }
}

/// <summary>A delimiter change <c>{{=&lt;% %&gt;=}}</c>; renders nothing, later tags use the new delimiters.</summary>
public sealed class MustacheDelimiters : MustacheNode
{
    public MustacheDelimiters(string open, string close, int start, int end) : base(start, end)
    {
        Open = open;
        Close = close;
    }

    public string Open { get; }

    public string Close { get; }
}

/// <summary>
/// A template mustache.js refuses to parse. <see cref="Message"/> is mustache.js's own error text (what Node-RED
/// reports at run time); <see cref="Start"/> and <see cref="Length"/> mark the offending tag in the template and
/// <see cref="Explanation"/> says what is wrong there.
/// </summary>
public sealed class MustacheError
{
    public MustacheError(string message, string explanation, int start, int length)
    {
        Message = message;
        Explanation = explanation;
        Start = start;
        Length = length;
    }

    public string Message { get; }

    public string Explanation { get; }

    public int Start { get; }

    public int Length { get; }

    public override string ToString() => $"{Explanation} (mustache.js: {Message})";
}
