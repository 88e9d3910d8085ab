namespace RocketMQ.Go.Port.Broker.Store;

/// <summary>
/// Key index: "topic#key" -> commit-log offsets, newest first (Java: IndexService over IndexFile). Like the Java
/// index it is a hash table of chains kept in flat arrays, so indexing a message allocates nothing beyond amortised
/// array growth; a hash hit is only a candidate, and callers confirm it against the stored record.
/// </summary>
internal sealed class IndexService
{
    private readonly Lock _lock = new();
    private readonly Dictionary<int, int> _heads = new();
    private int[] _hashes = new int[1024];
    private long[] _offsets = new long[1024];
    private long[] _timestamps = new long[1024];
    private int[] _previous = new int[1024];
    private int _count;

    /// <summary>Number of indexed keys.</summary>
    public int Count => _count;

    /// <summary>Indexes every space-separated key of <paramref name="keys"/> for <paramref name="topic"/>.</summary>
    public void AddKeys(string topic, ReadOnlySpan<char> keys, long commitLogOffset, long storeTimestamp)
    {
        foreach (var range in keys.Split(' '))
        {
            var key = keys[range];
            if (!key.IsEmpty)
            {
                Add(topic, key, commitLogOffset, storeTimestamp);
            }
        }
    }

    /// <summary>Indexes one key.</summary>
    public void Add(string topic, ReadOnlySpan<char> key, long commitLogOffset, long storeTimestamp)
    {
        var hash = Hash(topic, key);
        lock (_lock)
        {
            if (_count == _hashes.Length)
            {
                var size = _count * 2;
                Array.Resize(ref _hashes, size);
                Array.Resize(ref _offsets, size);
                Array.Resize(ref _timestamps, size);
                Array.Resize(ref _previous, size);
            }

            var slot = _count++;
            _hashes[slot] = hash;
            _offsets[slot] = commitLogOffset;
            _timestamps[slot] = storeTimestamp;
            _previous[slot] = _heads.TryGetValue(hash, out var head) ? head : -1;
            _heads[hash] = slot;
        }
    }

    /// <summary>Candidate offsets for a key stored within [begin, end], newest first, at most <paramref name="maxNum"/>.</summary>
    public List<long> Query(string topic, string key, int maxNum, long begin, long end)
    {
        var result = new List<long>();
        var hash = Hash(topic, key);
        lock (_lock)
        {
            if (!_heads.TryGetValue(hash, out var slot))
            {
                return result;
            }

            while (slot >= 0 && result.Count < maxNum)
            {
                if (_hashes[slot] == hash && _timestamps[slot] >= begin && _timestamps[slot] <= end)
                {
                    result.Add(_offsets[slot]);
                }

                slot = _previous[slot];
            }
        }

        return result;
    }

    private static int Hash(string topic, ReadOnlySpan<char> key)
    {
        // Java hashes the string topic + "#" + key; computing it piecewise avoids building that string.
        var hash = Primitive.JavaHash.StringHashCode(topic);
        hash = unchecked((31 * hash) + '#');
        foreach (var c in key)
        {
            hash = unchecked((31 * hash) + c);
        }

        return hash;
    }
}
