namespace RocketMQ.Go.Port.Remote;

/// <summary>
/// A small lock-protected stack of reusable objects for the per-request hot path. Objects are rented on the
/// sending thread and come back on whichever thread handles the answer, so a per-thread cache would not help;
/// the lock is held for one array access. Beyond <c>capacity</c> returned objects are left to the collector.
/// </summary>
internal sealed class BoundedPool<T>(int capacity)
    where T : class
{
    private readonly T?[] _items = new T?[capacity];
    private int _count;

    /// <summary>A pooled object, or null when the pool is empty.</summary>
    public T? TryRent()
    {
        lock (_items)
        {
            if (_count == 0)
            {
                return null;
            }

            var item = _items[--_count];
            _items[_count] = null;
            return item;
        }
    }

    /// <summary>Keeps <paramref name="item"/> for a later <see cref="TryRent"/> when there is room.</summary>
    public void Return(T item)
    {
        lock (_items)
        {
            if (_count < _items.Length)
            {
                _items[_count++] = item;
            }
        }
    }
}
