using System;

namespace FlowGen.Runtime;

/// <summary>What a <see cref="PathSegment"/> holds.</summary>
public enum PathSegmentKind
{
    /// <summary>A string key: <c>a</c>, <c>["a b"]</c>, or a dotted all-digit key not followed by another <c>.</c>.</summary>
    Key,

    /// <summary>A numeric key: <c>[0]</c>, or a dotted all-digit key followed by another <c>.</c> (<c>a.0.b</c>).</summary>
    Index,

    /// <summary>A nested <c>[msg.x.y]</c> reference, evaluated against the message; its value is the key.</summary>
    Ref,
}

/// <summary>
/// One part of a normalised Node-RED property expression (the elements of the array
/// <c>RED.util.normalisePropertyExpression</c> returns). Whether a part is a string key or a number decides
/// whether <see cref="JsPath.Set"/> creates <c>{}</c> or <c>[]</c> for a missing parent.
/// </summary>
public readonly struct PathSegment : IEquatable<PathSegment>
{
    private readonly string? _name;
    private readonly double _number;
    private readonly JsPath? _nested;
    private readonly int _position;

    private PathSegment(PathSegmentKind kind, string? name, double number, JsPath? nested, int position)
    {
        Kind = kind;
        _name = name;
        _number = number;
        _nested = nested;
        _position = position;
    }

    /// <summary>The kind of segment.</summary>
    public PathSegmentKind Kind { get; }

    /// <summary>The key of a <see cref="PathSegmentKind.Key"/> segment.</summary>
    public string Name => Kind == PathSegmentKind.Key ? _name! : throw new InvalidOperationException("Not a key segment.");

    /// <summary>
    /// The number of an <see cref="PathSegmentKind.Index"/> segment. It is a double because <c>parseInt</c> of a
    /// long digit run can exceed <see cref="int"/>; <see cref="IndexValue"/> gives it as an int.
    /// </summary>
    public double Number => Kind == PathSegmentKind.Index ? _number : throw new InvalidOperationException("Not an index segment.");

    /// <summary>The number of an <see cref="PathSegmentKind.Index"/> segment as an int (saturated to <see cref="int.MaxValue"/>).</summary>
    public int IndexValue => Number >= int.MaxValue ? int.MaxValue : (int)Number;

    /// <summary>The nested path of a <see cref="PathSegmentKind.Ref"/> segment, relative to the message (no <c>msg.</c>).</summary>
    public JsPath Nested => Kind == PathSegmentKind.Ref ? _nested! : throw new InvalidOperationException("Not a reference segment.");

    /// <summary>
    /// For a <see cref="PathSegmentKind.Ref"/> segment: the offset in the enclosing path's text where the nested
    /// expression starts (just after its <c>[</c>), used in the error <c>Invalid expression started at position N</c>;
    /// -1 when unknown (<see cref="JsPath"/> then looks it up in its text).
    /// </summary>
    public int NestedPosition => Kind == PathSegmentKind.Ref ? _position : -1;

    /// <summary>False for <c>default(PathSegment)</c>.</summary>
    internal bool IsValid => Kind != PathSegmentKind.Key || _name is not null;

    /// <summary>A string key.</summary>
    public static PathSegment Key(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return new PathSegment(PathSegmentKind.Key, name, 0, null, -1);
    }

    /// <summary>A numeric key (array index).</summary>
    public static PathSegment Index(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return new PathSegment(PathSegmentKind.Index, null, index, null, -1);
    }

    /// <summary>A numeric key beyond <see cref="int"/> range, as <c>parseInt</c> of a long digit run gives it.</summary>
    public static PathSegment Index(double number)
    {
        if (!(number >= 0) || double.IsInfinity(number) || number != Math.Floor(number))
        {
            throw new ArgumentOutOfRangeException(nameof(number));
        }

        return new PathSegment(PathSegmentKind.Index, null, number, null, -1);
    }

    /// <summary>A nested <c>[msg....]</c> reference; <paramref name="nested"/> is relative to the message.</summary>
    public static PathSegment Ref(JsPath nested) => Ref(nested, -1);

    /// <summary>A nested reference that starts at <paramref name="position"/> in the enclosing path's text.</summary>
    public static PathSegment Ref(JsPath nested, int position)
    {
        ArgumentNullException.ThrowIfNull(nested);
        return new PathSegment(PathSegmentKind.Ref, null, 0, nested, position);
    }

    /// <inheritdoc/>
    public bool Equals(PathSegment other) =>
        Kind == other.Kind
        && string.Equals(_name, other._name, StringComparison.Ordinal)
        && _number.Equals(other._number)
        && (_nested is null ? other._nested is null : _nested.Equals(other._nested));

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is PathSegment other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Kind, _name, _number, _nested);

    /// <summary>Value equality.</summary>
    public static bool operator ==(PathSegment left, PathSegment right) => left.Equals(right);

    /// <summary>Value inequality.</summary>
    public static bool operator !=(PathSegment left, PathSegment right) => !left.Equals(right);

    /// <summary>A readable form: <c>"a"</c>, <c>0</c>, <c>[msg.topic]</c>.</summary>
    public override string ToString() => Kind switch
    {
        PathSegmentKind.Key => JsJson.Quote(_name!),
        PathSegmentKind.Index => JsNumber.Format(_number),
        _ => "[" + _nested!.Text + "]",
    };
}
