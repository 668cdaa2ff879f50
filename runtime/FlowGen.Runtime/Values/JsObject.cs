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
/// </remarks>
public class JsObject
{
    private readonly OrderedDictionary<string, object?> _map;
    private readonly bool _lazy;
    private int _indexKeyCount;

    /// <summary>Creates an empty object.</summary>
    public JsObject()
    {
        _map = new OrderedDictionary<string, object?>(StringComparer.Ordinal);
    }

    /// <summary>Creates an empty object with room for <paramref name="capacity"/> properties.</summary>
    public JsObject(int capacity)
    {
        _map = new OrderedDictionary<string, object?>(capacity, StringComparer.Ordinal);
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
            return _map.Count;
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
            return _map.TryGetValue(key, out var value) ? value : JsUndefined.Value;
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

    /// <summary>Own properties in JavaScript order (array-index keys ascending, then insertion order).</summary>
    public virtual IEnumerable<KeyValuePair<string, object?>> Entries
    {
        get
        {
            EnsureAll();
            return _indexKeyCount == 0 ? InsertionOrder() : JsOrder();
        }
    }

    /// <summary>True when the object has this own property (even if its value is <c>undefined</c>).</summary>
    public virtual bool ContainsKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        EnsureKey(key);
        return _map.ContainsKey(key);
    }

    /// <summary>Reads an own property; false when absent.</summary>
    public virtual bool TryGetValue(string key, out object? value)
    {
        ArgumentNullException.ThrowIfNull(key);
        EnsureKey(key);
        return _map.TryGetValue(key, out value);
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
        _map.Clear();
        _indexKeyCount = 0;
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
        int before = _map.Count;
        _map[key] = value;
        if (_map.Count != before && IsArrayIndex(key))
        {
            _indexKeyCount++;
        }
    }

    /// <summary>Reads a stored property without calling the materialization hooks.</summary>
    protected bool TryGetOwn(string key, out object? value) => _map.TryGetValue(key, out value);

    /// <summary>Deletes a stored property without calling the materialization hooks.</summary>
    protected bool RemoveOwn(string key)
    {
        if (!_map.Remove(key))
        {
            return false;
        }

        if (IsArrayIndex(key))
        {
            _indexKeyCount--;
        }

        return true;
    }

    /// <summary>
    /// Fast path for the serializer and cloner: the storage itself, when this is a plain
    /// <see cref="JsObject"/> whose insertion order already is the JavaScript order; otherwise null.
    /// </summary>
    internal OrderedDictionary<string, object?>? PlainStorageInJsOrder =>
        _indexKeyCount == 0 && GetType() == typeof(JsObject) ? _map : null;

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

    private IEnumerable<KeyValuePair<string, object?>> InsertionOrder()
    {
        foreach (var entry in _map)
        {
            yield return entry;
        }
    }

    private IEnumerable<KeyValuePair<string, object?>> JsOrder()
    {
        var indexed = new KeyValuePair<string, object?>[_indexKeyCount];
        var order = new uint[_indexKeyCount];
        int n = 0;
        foreach (var entry in _map)
        {
            if (TryParseArrayIndex(entry.Key, out uint index))
            {
                indexed[n] = entry;
                order[n] = index;
                n++;
            }
        }

        Array.Sort(order, indexed, 0, n);
        for (int i = 0; i < n; i++)
        {
            yield return indexed[i];
        }

        foreach (var entry in _map)
        {
            if (!IsArrayIndex(entry.Key))
            {
                yield return entry;
            }
        }
    }
}
