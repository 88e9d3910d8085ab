using System.Collections;

namespace RocketMQ.Go.Port.Internal;

/// <summary>
/// One entry of a <see cref="FastJsonObject"/>. fastjson writes map keys that are not strings as they are:
/// unquoted numbers (<c>{0:"addr"}</c>) or whole objects (<c>{{"brokerName":..}:{..}}</c>), so the key is a node.
/// </summary>
/// <param name="Key">A <see cref="FastJsonString"/>, <see cref="FastJsonNumber"/> or <see cref="FastJsonObject"/>.</param>
/// <param name="Value">The entry's value.</param>
internal readonly record struct FastJsonProperty(FastJsonValue Key, FastJsonValue Value)
{
    /// <summary>The key as text when it is a string or a number (quoted or not); null for an object key.</summary>
    public string? Name => Key is FastJsonString or FastJsonNumber or FastJsonBoolean ? Key.GetString() : null;

    /// <summary>The key when it is an object (a MessageQueue in offset tables); otherwise null.</summary>
    public FastJsonObject? ObjectKey => Key as FastJsonObject;
}

/// <summary>A JSON object with its entries in document order.</summary>
internal sealed class FastJsonObject : FastJsonValue, IReadOnlyList<FastJsonProperty>
{
    private readonly List<FastJsonProperty> _entries;

    /// <summary>An empty object.</summary>
    public FastJsonObject() => _entries = [];

    /// <summary>An object over <paramref name="entries"/> (taken, not copied).</summary>
    public FastJsonObject(List<FastJsonProperty> entries) => _entries = entries;

    /// <inheritdoc />
    public override FastJsonKind Kind => FastJsonKind.Object;

    /// <summary>Number of entries.</summary>
    public int Count => _entries.Count;

    /// <summary>The entry at <paramref name="index"/>.</summary>
    public FastJsonProperty this[int index] => _entries[index];

    /// <summary>The value of the first entry whose key text is <paramref name="name"/>, or null when absent.</summary>
    public FastJsonValue? this[string name] => TryGetValue(name, out var value) ? value : null;

    /// <summary>Adds an entry with a string key.</summary>
    public FastJsonObject Add(string name, FastJsonValue value)
    {
        _entries.Add(new FastJsonProperty(new FastJsonString(name), value));
        return this;
    }

    /// <summary>Adds an entry with any key node (an object for offset tables).</summary>
    public FastJsonObject Add(FastJsonValue key, FastJsonValue value)
    {
        _entries.Add(new FastJsonProperty(key, value));
        return this;
    }

    /// <summary>Finds the first entry whose key text is <paramref name="name"/>.</summary>
    public bool TryGetValue(string name, out FastJsonValue value)
    {
        // Linear: broker objects have a handful of fields, and a dictionary would cost more to build than to scan.
        foreach (var entry in _entries)
        {
            if (entry.Key is not FastJsonObject && entry.Name == name)
            {
                value = entry.Value;
                return true;
            }
        }

        value = FastJsonNull.Instance;
        return false;
    }

    /// <summary>True when an entry named <paramref name="name"/> exists.</summary>
    public bool Contains(string name) => TryGetValue(name, out _);

    /// <summary>The named string, or <paramref name="defaultValue"/> when absent or null.</summary>
    public string? GetString(string name, string? defaultValue = null)
        => TryGetValue(name, out var v) && !v.IsNull ? v.GetString() : defaultValue;

    /// <summary>The named integer, or <paramref name="defaultValue"/> when absent or null.</summary>
    public long GetInt64(string name, long defaultValue = 0)
        => TryGetValue(name, out var v) && !v.IsNull ? v.GetInt64() : defaultValue;

    /// <summary>The named 32-bit integer, or <paramref name="defaultValue"/> when absent or null.</summary>
    public int GetInt32(string name, int defaultValue = 0)
        => TryGetValue(name, out var v) && !v.IsNull ? v.GetInt32() : defaultValue;

    /// <summary>The named double, or <paramref name="defaultValue"/> when absent or null.</summary>
    public double GetDouble(string name, double defaultValue = 0)
        => TryGetValue(name, out var v) && !v.IsNull ? v.GetDouble() : defaultValue;

    /// <summary>The named boolean, or <paramref name="defaultValue"/> when absent or null.</summary>
    public bool GetBoolean(string name, bool defaultValue = false)
        => TryGetValue(name, out var v) && !v.IsNull ? v.GetBoolean() : defaultValue;

    /// <summary>The named object, or null when absent or null.</summary>
    public FastJsonObject? GetObject(string name)
        => TryGetValue(name, out var v) && !v.IsNull ? v.AsObject() : null;

    /// <summary>The named array, or null when absent or null.</summary>
    public FastJsonArray? GetArray(string name)
        => TryGetValue(name, out var v) && !v.IsNull ? v.AsArray() : null;

    /// <inheritdoc />
    public List<FastJsonProperty>.Enumerator GetEnumerator() => _entries.GetEnumerator();

    IEnumerator<FastJsonProperty> IEnumerable<FastJsonProperty>.GetEnumerator() => _entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _entries.GetEnumerator();
}

/// <summary>A JSON array.</summary>
internal sealed class FastJsonArray : FastJsonValue, IReadOnlyList<FastJsonValue>
{
    private readonly List<FastJsonValue> _items;

    /// <summary>An empty array.</summary>
    public FastJsonArray() => _items = [];

    /// <summary>An array over <paramref name="items"/> (taken, not copied).</summary>
    public FastJsonArray(List<FastJsonValue> items) => _items = items;

    /// <inheritdoc />
    public override FastJsonKind Kind => FastJsonKind.Array;

    /// <summary>Number of items.</summary>
    public int Count => _items.Count;

    /// <summary>The item at <paramref name="index"/>.</summary>
    public FastJsonValue this[int index] => _items[index];

    /// <summary>Appends an item.</summary>
    public FastJsonArray Add(FastJsonValue item)
    {
        _items.Add(item);
        return this;
    }

    /// <inheritdoc />
    public List<FastJsonValue>.Enumerator GetEnumerator() => _items.GetEnumerator();

    IEnumerator<FastJsonValue> IEnumerable<FastJsonValue>.GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();
}
