using Microsoft.CodeAnalysis.Text;

namespace FlowGen.Compiler.Mustache;

/// <summary>
/// Maps offsets in the value of a JSON string back to the file: a template is a JSON string in the flow file, so
/// offset N of the template is wherever its N-th UTF-16 unit is written, after any escapes (<c>\n</c>,
/// <c>\"</c>, <c>\u00e9</c>, ...) before it.
/// </summary>
public static class JsonStringPositions
{
    /// <summary>
    /// The file position of the value's UTF-16 unit at <paramref name="valueOffset"/>; an offset at (or past) the
    /// end maps to the closing quote. <paramref name="stringSpan"/> is the span of the string token, quotes included.
    /// </summary>
    public static int ToFilePosition(SourceText text, TextSpan stringSpan, int valueOffset)
    {
        var pos = stringSpan.Start + 1;
        var end = stringSpan.End - 1;
        for (var unit = 0; unit < valueOffset && pos < end; unit++)
        {
            pos += text[pos] != '\\' ? 1 : text[pos + 1] == 'u' ? 6 : 2;
        }
        return pos < end ? pos : end;
    }

    /// <summary>The file span of the value's units [start, start + length), escapes included whole.</summary>
    public static TextSpan ToFileSpan(SourceText text, TextSpan stringSpan, int start, int length) =>
        TextSpan.FromBounds(ToFilePosition(text, stringSpan, start), ToFilePosition(text, stringSpan, start + length));
}
