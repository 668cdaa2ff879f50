using System;
using System.Collections.Generic;

namespace FlowGen.Runtime;

/// <summary>
/// A plain JavaScript object: a string-keyed map whose enumeration follows JavaScript's own-key order
/// (<c>Object.keys</c>, <c>JSON.stringify</c>, <c>for..in</c>): array-index keys (<c>"0"</c>, <c>"12"</c>, any
/// canonical integer up to 2^32-2) first in ascending numeric order, then every other key in insertion order.
/// </summary>
/// <remarks>
/// <para>Reading an absent key gives <see cref="JsUndefined.Value"/>. A key may also be present with the value
/// <see cref="JsUndefined.Value"/> (as after <c>o.k = undefined</c>); it then exists for
/// <see cref="ContainsKey"/> but <see cref="JsJson.Stringify"/> skips it.</para>
/// <para>Subclasses can compute properties lazily (the HTTP request object materializes <c>headers</c>,
/// <c>query</c>, ... on first use). Every public member is virtual, and the base implementation calls
/// <see cref="Materialize(string)"/> before any operation on one key and <see cref="MaterializeAll"/> before any
/// operation on the whole object, when the subclass was constructed with <c>hasLazyProperties: true</c>.
/// A materializing subclass stores values with <see cref="SetOwn"/>, which does not call back into the hooks.</para>
/// <para>Identity is reference identity, as for JavaScript objects.</para>
/// <para>Storage: the properties in insertion order in one array, found by a linear search while the object is small
/// (most messages, requests and payloads have a handful of keys) and through a key → position index beyond
/// <see cref="IndexedAbove"/> keys, so a small object costs two allocations and a large one stays O(1) per lookup.</para>
/// </remarks>
public class JsObject
{
    /// <summary>Past this many properties, lookups go through <see cref="_positions"/> instead of a linear search.</summary>
    private const int IndexedAbove = 16;

    private KeyValuePair<string, object?>[] _entries;
    private int _count;
    private Dictionary<string, int>? _positions;
    private readonly bool _lazy;
    private int _indexKeyCount;

    /// <summary>Bumped when a key is added or removed, so an enumeration sees the change and stops.</summary>
    private int _version;

    /// <summary>Creates an empty object.</summary>
    public JsObject()
    {
        _entries = [];
    }

    /// <summary>Creates an empty object with room for <paramref name="capacity"/> properties.</summary>
    public JsObject(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        _entries = capacity == 0 ? [] : new KeyValuePair<string, object?>[capacity];
    }

    /// <summary>Creates an object holding the given properties, set in order (a repeated key keeps its first position and its last value).</summary>
    public JsObject(IEnumerable<KeyValuePair<string, object?>> properties)
        : this()
    {
        ArgumentNullException.ThrowIfNull(properties);
        foreach (var p in properties)
        {
            SetOwn(p.Key, p.Value);
        }
    }

    /// <summary>
    /// For subclasses. With <paramref name="hasLazyProperties"/> true, the base members call
    /// <see cref="Materialize(string)"/> / <see cref="MaterializeAll"/> before they touch the storage.
    /// </summary>
    protected JsObject(bool hasLazyProperties)
        : this()
    {
        _lazy = hasLazyProperties;
    }

    /// <summary>The number of own properties.</summary>
    public virtual int Count
    {
        get
        {
            EnsureAll();
            return _count;
        }
    }

    /// <summary>
    /// Gets a property (<see cref="JsUndefined.Value"/> when absent) or sets one (adding it at the end of the
    /// insertion order, or replacing the value in place). Setting <see cref="JsUndefined.Value"/> stores
    /// <c>undefined</c>; use <see cref="Remove"/> to delete.
    /// </summary>
    public virtual object? this[string key]
    {
        get
        {
            ArgumentNullException.ThrowIfNull(key);
            EnsureKey(key);
            return TryGetOwn(key, out var value) ? value : JsUndefined.Value;
        }

        set
        {
            ArgumentNullException.ThrowIfNull(key);
            EnsureKey(key);
            SetOwn(key, value);
        }
    }

    /// <summary>Own property keys in JavaScript order.</summary>
    public IEnumerable<string> Keys
    {
        get
        {
            foreach (var entry in Entries)
            {
                yield return entry.Key;
            }
        }
    }

    /// <summary>
    /// Own properties in JavaScript order (array-index keys ascending, then insertion order). A struct: a
    /// <c>foreach</c> over it allocates nothing unless the object has array-index keys to sort.
    /// </summary>
    public EntryList Entries
    {
        get
        {
            EnsureAll();
            return new EntryList(this, _indexKeyCount == 0 ? null : EntriesInJsOrder());
        }
    }

    /// <summary>True when the object has this own property (even if its value is <c>undefined</c>).</summary>
    public virtual bool ContainsKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        EnsureKey(key);
        return Find(key) >= 0;
    }

    /// <summary>Reads an own property; false when absent.</summary>
    public virtual bool TryGetValue(string key, out object? value)
    {
        ArgumentNullException.ThrowIfNull(key);
        EnsureKey(key);
        return TryGetOwn(key, out value);
    }

    /// <summary>Deletes an own property (JavaScript <c>delete o[key]</c>); true when it existed.</summary>
    public virtual bool Remove(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        EnsureKey(key);
        return RemoveOwn(key);
    }

    /// <summary>Deletes every own property.</summary>
    public virtual void Clear()
    {
        EnsureAll();
        Array.Clear(_entries, 0, _count);
        _count = 0;
        _positions = null;
        _indexKeyCount = 0;
        _version++;
    }

    /// <summary>Always <c>[object Object]</c>, as <c>String(obj)</c>.</summary>
    public override string ToString() => "[object Object]";

    /// <summary>
    /// When true, <see cref="Js.DeepClone"/> returns this instance instead of copying it (Node-RED keeps
    /// <c>msg.req</c>/<c>msg.res</c> shared between message clones). False for plain objects.
    /// </summary>
    public virtual bool SharedWhenCloned => false;

    /// <summary>
    /// Hook for lazily computed properties: called (only when constructed with <c>hasLazyProperties</c>)
    /// before any read, write, test or delete of <paramref name="key"/>. An implementation that owns
    /// <paramref name="key"/> and has not produced it yet stores it with <see cref="SetOwn"/> and remembers
    /// that it did, so a later delete or overwrite is not undone.
    /// </summary>
    protected virtual void Materialize(string key)
    {
    }

    /// <summary>
    /// Hook for lazily computed properties: called (only when constructed with <c>hasLazyProperties</c>)
    /// before enumeration, <see cref="Count"/> and <see cref="Clear"/>; it must materialize every pending property.
    /// </summary>
    protected virtual void MaterializeAll()
    {
    }

    /// <summary>Stores a property without calling the materialization hooks.</summary>
    protected void SetOwn(string key, object? value)
    {
        ArgumentNullException.ThrowIfNull(key);
        int at = Find(key);
        if (at >= 0)
        {
            // A replaced value keeps its key's position, as in JavaScript.
            _entries[at] = new KeyValuePair<string, object?>(_entries[at].Key, value);
            return;
        }

        if (_count == _entries.Length)
        {
            Array.Resize(ref _entries, Math.Max(4, _count * 2));
        }

        _entries[_count] = new KeyValuePair<string, object?>(key, value);
        if (_positions is not null)
        {
            _positions.Add(key, _count);
        }

        _count++;
        _version++;
        if (_positions is null && _count > IndexedAbove)
        {
            BuildIndex();
        }

        if (IsArrayIndex(key))
        {
            _indexKeyCount++;
        }
    }

    /// <summary>Reads a stored property without calling the materialization hooks.</summary>
    protected bool TryGetOwn(string key, out object? value)
    {
        int at = Find(key);
        value = at >= 0 ? _entries[at].Value : null;
        return at >= 0;
    }

    /// <summary>Deletes a stored property without calling the materialization hooks.</summary>
    protected bool RemoveOwn(string key)
    {
        int at = Find(key);
        if (at < 0)
        {
            return false;
        }

        _count--;
        Array.Copy(_entries, at + 1, _entries, at, _count - at);
        _entries[_count] = default;
        _version++;
        if (_positions is not null)
        {
            // The keys after the deleted one moved down by one.
            _positions.Remove(key);
            for (int i = at; i < _count; i++)
            {
                _positions[_entries[i].Key] = i;
            }
        }

        if (IsArrayIndex(key))
        {
            _indexKeyCount--;
        }

        return true;
    }

    /// <summary>
    /// Fast path for the serializer and cloner: the stored properties themselves, when this object has no lazy
    /// properties and no member that enumerates differently, and its insertion order already is the JavaScript order.
    /// The span must be read before the object changes.
    /// </summary>
    internal bool TryGetPlainEntries(out ReadOnlySpan<KeyValuePair<string, object?>> entries)
    {
        if (_indexKeyCount == 0 && (GetType() == typeof(JsObject) || this is FlowMessage))
        {
            entries = new ReadOnlySpan<KeyValuePair<string, object?>>(_entries, 0, _count);
            return true;
        }

        entries = default;
        return false;
    }

    /// <summary>The position of <paramref name="key"/> in <see cref="_entries"/>, or -1.</summary>
    private int Find(string key)
    {
        if (_positions is not null)
        {
            return _positions.TryGetValue(key, out int at) ? at : -1;
        }

        var entries = _entries;
        for (int i = 0; i < _count; i++)
        {
            if (string.Equals(entries[i].Key, key))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Builds the key → position index, once the object outgrows linear search (it is kept from then on).</summary>
    private void BuildIndex()
    {
        _positions = new Dictionary<string, int>(_count, StringComparer.Ordinal);
        for (int i = 0; i < _count; i++)
        {
            _positions.Add(_entries[i].Key, i);
        }
    }

    /// <summary>
    /// True when <paramref name="key"/> is a canonical array index (<c>"0"</c> or a digit string without a
    /// leading zero whose value is at most 2^32-2), the keys JavaScript enumerates first.
    /// </summary>
    public static bool IsArrayIndex(string key) => TryParseArrayIndex(key, out _);

    /// <summary>Parses a canonical array index key (see <see cref="IsArrayIndex"/>).</summary>
    public static bool TryParseArrayIndex(string key, out uint index)
    {
        index = 0;
        int length = key.Length;
        if (length == 0 || length > 10)
        {
            return false;
        }

        char first = key[0];
        if (first < '0' || first > '9' || (first == '0' && length > 1))
        {
            return false;
        }

        ulong value = 0;
        for (int i = 0; i < length; i++)
        {
            char c = key[i];
            if (c < '0' || c > '9')
            {
                return false;
            }

            value = (value * 10) + (uint)(c - '0');
        }

        if (value > 4294967294UL)
        {
            return false;
        }

        index = (uint)value;
        return true;
    }

    private void EnsureKey(string key)
    {
        if (_lazy)
        {
            Materialize(key);
        }
    }

    private void EnsureAll()
    {
        if (_lazy)
        {
            MaterializeAll();
        }
    }

    /// <summary>A copy of the entries with the array-index keys first, in ascending numeric order.</summary>
    private KeyValuePair<string, object?>[] EntriesInJsOrder()
    {
        var ordered = new KeyValuePair<string, object?>[_count];
        var indexes = new uint[_indexKeyCount];
        int n = 0;
        for (int i = 0; i < _count; i++)
        {
            if (TryParseArrayIndex(_entries[i].Key, out uint index))
            {
                ordered[n] = _entries[i];
                indexes[n] = index;
                n++;
            }
        }

        Array.Sort(indexes, ordered, 0, n);
        for (int i = 0; i < _count; i++)
        {
            if (!IsArrayIndex(_entries[i].Key))
            {
                ordered[n++] = _entries[i];
            }
        }

        return ordered;
    }


    /// <summary>The own properties of an object, in JavaScript order (see <see cref="Entries"/>).</summary>
    public readonly struct EntryList : IEnumerable<KeyValuePair<string, object?>>
    {
        private readonly JsObject _owner;
        private readonly KeyValuePair<string, object?>[]? _ordered;

        internal EntryList(JsObject owner, KeyValuePair<string, object?>[]? ordered)
        {
            _owner = owner;
            _ordered = ordered;
        }

        public Enumerator GetEnumerator() => new(_owner, _ordered);

        IEnumerator<KeyValuePair<string, object?>> IEnumerable<KeyValuePair<string, object?>>.GetEnumerator() => GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    /// <summary>
    /// Walks the entries; adding or deleting keys while enumerating is a bug in the caller, reported as .NET
    /// collections report it (replacing a value is fine).
    /// </summary>
    public struct Enumerator : IEnumerator<KeyValuePair<string, object?>>
    {
        private readonly JsObject _owner;
        private readonly KeyValuePair<string, object?>[]? _ordered;
        private readonly int _version;
        private int _next;
        private KeyValuePair<string, object?> _current;

        internal Enumerator(JsObject owner, KeyValuePair<string, object?>[]? ordered)
        {
            _owner = owner;
            _ordered = ordered;
            _version = owner._version;
            _next = 0;
            _current = default;
        }

        public readonly KeyValuePair<string, object?> Current => _current;

        readonly object System.Collections.IEnumerator.Current => _current;

        public bool MoveNext()
        {
            if (_version != _owner._version)
            {
                throw new InvalidOperationException("The object's keys changed during enumeration.");
            }

            var entries = _ordered ?? _owner._entries;
            int count = _ordered?.Length ?? _owner._count;
            if (_next >= count)
            {
                return false;
            }

            // A replaced value is read where it is stored, as the insertion-order walk reads it.
            _current = _ordered is null ? entries[_next] : new(entries[_next].Key, _owner.TryGetOwn(entries[_next].Key, out var value) ? value : null);
            _next++;
            return true;
        }

        public void Reset()
        {
            _next = 0;
            _current = default;
        }

        public readonly void Dispose()
        {
        }
    }
}
