using System;
using System.Collections.Generic;

namespace FlowGen.Runtime;

/// <summary>
/// A JavaScript array. Elements are JavaScript values (see <see cref="Js"/>); holes are
/// <see cref="JsUndefined.Value"/>. Identity is reference identity, as for JavaScript arrays.
/// </summary>
public class JsArray : List<object?>
{
    /// <summary>
    /// The largest number of holes one write may add past the end of an array. JavaScript arrays are sparse,
    /// this list is dense, so writing index 4000000000 of an empty array fails with a <see cref="JsRangeError"/>
    /// instead of allocating gigabytes.
    /// </summary>
    public const int MaxHoles = 1 << 24;

    /// <summary>Creates an empty array.</summary>
    public JsArray()
    {
    }

    /// <summary>Creates an empty array with the given capacity.</summary>
    public JsArray(int capacity)
        : base(capacity)
    {
    }

    /// <summary>Creates an array holding the given elements.</summary>
    public JsArray(IEnumerable<object?> items)
        : base(items)
    {
    }

    /// <summary>Creates an array holding the given elements (<c>Of(null)</c> is <c>[null]</c>).</summary>
    public static JsArray Of(params object?[] items) => items is null ? [null] : new(items);

    /// <summary>Reads element <paramref name="index"/>; <see cref="JsUndefined.Value"/> when out of range (<c>arr[i]</c>).</summary>
    public object? ElementAtOrUndefined(long index) =>
        index >= 0 && index < Count ? this[(int)index] : JsUndefined.Value;

    /// <summary>
    /// Writes element <paramref name="index"/> as JavaScript's <c>arr[i] = v</c> does: past the end, the array
    /// grows and the gap is filled with holes (<see cref="JsUndefined.Value"/>).
    /// </summary>
    public void SetElement(long index, object? value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        if (index < Count)
        {
            this[(int)index] = value;
            return;
        }

        Resize(index);
        Add(value);
    }

    /// <summary>Sets the length as JavaScript's <c>arr.length = n</c> does: truncates, or pads with holes.</summary>
    public void SetLength(long length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (length <= Count)
        {
            RemoveRange((int)length, Count - (int)length);
            return;
        }

        Resize(length);
    }

    private void Resize(long length)
    {
        if (length - Count > MaxHoles || length > int.MaxValue - 1)
        {
            throw new JsRangeError("Invalid array length");
        }

        int target = (int)length;
        if (Capacity < target + 1)
        {
            Capacity = target + 1;
        }

        while (Count < target)
        {
            Add(JsUndefined.Value);
        }
    }
}
