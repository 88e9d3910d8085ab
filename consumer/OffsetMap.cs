namespace RocketMQ.Go.Port.Consumer;

/// <summary>
/// Messages of one queue keyed by queue offset, smallest first (Go: the gods treemap of process_queue.go; Java:
/// TreeMap). Pulls deliver offsets in increasing order and consumption removes mostly from the front, so this is
/// a sorted ring buffer: appending a larger offset and trimming the front are O(1), a removal in the middle leaves a
/// hole (found by binary search) that is skipped once it reaches an end. Not thread-safe: the owner locks.
/// </summary>
internal sealed class OffsetMap
{
    private long[] _offsets = new long[16];
    private MessageExt?[] _messages = new MessageExt?[16];
    private int _head;
    private int _span;

    /// <summary>Number of messages held.</summary>
    public int Count { get; private set; }

    /// <summary>True when empty.</summary>
    public bool IsEmpty => Count == 0;

    /// <summary>The smallest offset, or -1 when empty.</summary>
    public long MinKey => Count == 0 ? -1 : _offsets[_head];

    /// <summary>The largest offset, or -1 when empty.</summary>
    public long MaxKey => Count == 0 ? -1 : _offsets[Physical(_span - 1)];

    /// <summary>The message with the smallest offset, or null.</summary>
    public MessageExt? First => Count == 0 ? null : _messages[_head];

    /// <summary>Adds a message unless its offset is present; returns whether it was added.</summary>
    public bool TryAdd(long offset, MessageExt message)
    {
        if (_span == 0 || offset > _offsets[Physical(_span - 1)])
        {
            EnsureCapacity();
            _offsets[Physical(_span)] = offset;
            _messages[Physical(_span)] = message;
            _span++;
            Count++;
            return true;
        }

        if (offset < _offsets[_head])
        {
            EnsureCapacity();
            _head = (_head - 1) & (_offsets.Length - 1);
            _offsets[_head] = offset;
            _messages[_head] = message;
            _span++;
            Count++;
            return true;
        }

        var index = Search(offset);
        if (index >= 0)
        {
            ref var slot = ref _messages[Physical(index)];
            if (slot is not null)
            {
                return false;
            }

            // A hole left by an earlier removal: reuse it.
            slot = message;
            Count++;
            return true;
        }

        InsertAt(~index, offset, message);
        return true;
    }

    /// <summary>Removes the message at <paramref name="offset"/>; returns it, or null when absent.</summary>
    public MessageExt? Remove(long offset)
    {
        if (Count == 0)
        {
            return null;
        }

        var index = Search(offset);
        if (index < 0)
        {
            return null;
        }

        ref var slot = ref _messages[Physical(index)];
        var message = slot;
        if (message is null)
        {
            return null;
        }

        slot = null;
        Count--;
        Trim();
        return message;
    }

    /// <summary>Removes and returns the message with the smallest offset, or null when empty.</summary>
    public MessageExt? RemoveFirst()
    {
        if (Count == 0)
        {
            return null;
        }

        var message = _messages[_head];
        _messages[_head] = null;
        Count--;
        Trim();
        return message;
    }

    /// <summary>Removes everything.</summary>
    public void Clear()
    {
        Array.Clear(_messages);
        _head = 0;
        _span = 0;
        Count = 0;
    }

    /// <summary>True when a message is held at <paramref name="offset"/>.</summary>
    public bool Contains(long offset)
    {
        if (Count == 0 || offset < _offsets[_head] || offset > _offsets[Physical(_span - 1)])
        {
            return false;
        }

        var index = Search(offset);
        return index >= 0 && _messages[Physical(index)] is not null;
    }

    /// <summary>Sum of the body lengths of the messages held.</summary>
    public long BodySize()
    {
        long size = 0;
        for (var i = 0; i < _span; i++)
        {
            if (_messages[Physical(i)] is { } message)
            {
                size += message.Body.Length;
            }
        }

        return size;
    }

    /// <summary>The messages, smallest offset first.</summary>
    public List<MessageExt> ToList()
    {
        var list = new List<MessageExt>(Count);
        for (var i = 0; i < _span; i++)
        {
            if (_messages[Physical(i)] is { } message)
            {
                list.Add(message);
            }
        }

        return list;
    }

    private int Physical(int logical) => (_head + logical) & (_offsets.Length - 1);

    // Binary search over the logical positions (holes keep their offsets, so the order holds).
    private int Search(long offset)
    {
        int lo = 0, hi = _span - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var value = _offsets[Physical(mid)];
            if (value == offset)
            {
                return mid;
            }

            if (value < offset)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return ~lo;
    }

    private void InsertAt(int logical, long offset, MessageExt message)
    {
        EnsureCapacity();
        for (var i = _span; i > logical; i--)
        {
            _offsets[Physical(i)] = _offsets[Physical(i - 1)];
            _messages[Physical(i)] = _messages[Physical(i - 1)];
        }

        _offsets[Physical(logical)] = offset;
        _messages[Physical(logical)] = message;
        _span++;
        Count++;
    }

    private void Trim()
    {
        if (Count == 0)
        {
            Array.Clear(_messages);
            _head = 0;
            _span = 0;
            return;
        }

        while (_messages[_head] is null)
        {
            _head = (_head + 1) & (_offsets.Length - 1);
            _span--;
        }

        while (_messages[Physical(_span - 1)] is null)
        {
            _span--;
        }
    }

    private void EnsureCapacity()
    {
        if (_span < _offsets.Length)
        {
            return;
        }

        var offsets = new long[_offsets.Length * 2];
        var messages = new MessageExt?[_offsets.Length * 2];
        for (var i = 0; i < _span; i++)
        {
            offsets[i] = _offsets[Physical(i)];
            messages[i] = _messages[Physical(i)];
        }

        _offsets = offsets;
        _messages = messages;
        _head = 0;
    }
}
