using System;
using System.Text;

namespace FlowGen.Runtime;

/// <summary>
/// One StringBuilder kept per thread for the text FlowGen builds on every request (JSON, cookies, decoded and
/// escaped values, URLs): a new builder that grows chunk by chunk is most of what that text would otherwise
/// allocate. Acquire, build, then <see cref="ToStringAndRelease"/> (or read it in place and <see cref="Release"/>); never use the builder after releasing it.
/// </summary>
internal static class StringBuilderCache
{
    private const int MaxKeptCapacity = 16 * 1024;

    [ThreadStatic]
    private static StringBuilder? t_cached;

    /// <summary>The thread's builder, emptied, or a new one while it is in use.</summary>
    public static StringBuilder Acquire(int capacity = 256)
    {
        var builder = t_cached;
        if (builder is null) return new StringBuilder(Math.Max(capacity, 256));
        t_cached = null;
        builder.Clear();
        builder.EnsureCapacity(capacity);
        return builder;
    }

    /// <summary>The text built, the builder kept for the next request on this thread (unless it grew large).</summary>
    public static string ToStringAndRelease(StringBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var text = builder.ToString();
        Release(builder);
        return text;
    }

    /// <summary>The builder kept for the next request on this thread (unless it grew large), its text read in place.</summary>
    public static void Release(StringBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder.Capacity <= MaxKeptCapacity) t_cached = builder;
    }
}
