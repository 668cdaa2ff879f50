using System;
using System.Threading;

namespace FlowGen.Runtime;

/// <summary>
/// The strings of short JSON object keys, shared between parses: the bodies an endpoint receives use the same few
/// keys request after request, so a key is usually found here instead of allocated. A direct-mapped cache: a slot
/// holds the last key that hashed to it, a miss simply replaces it, and no lock is needed (a slot is one reference).
/// </summary>
internal static class PropertyNames
{
    private const int MaxLength = 32;
    private static readonly string?[] Slots = new string?[1024];

    public static string Get(ReadOnlySpan<char> chars)
    {
        if (chars.Length == 0) return string.Empty;
        if (chars.Length > MaxLength) return new string(chars);
        ref var slot = ref Slots[(uint)string.GetHashCode(chars) % (uint)Slots.Length];
        var cached = Volatile.Read(ref slot);
        if (cached is not null && chars.SequenceEqual(cached)) return cached;
        var made = new string(chars);
        Volatile.Write(ref slot, made);
        return made;
    }
}
