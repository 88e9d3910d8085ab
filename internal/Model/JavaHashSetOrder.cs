namespace RocketMQ.Go.Port.Internal;

/// <summary>
/// The iteration order of a default-sized Java HashSet/HashMap, so sets the Java client writes from a HashSet
/// (a subscription's tagsSet and codeSet) come out in the same order and our bodies match Java's byte for byte.
/// Java puts an element in bucket <c>(h ^ (h &gt;&gt;&gt; 16)) &amp; (capacity - 1)</c>, iterates buckets in order and
/// keeps insertion order inside a bucket; capacity starts at 16 and doubles while size exceeds 0.75 x capacity.
/// (Buckets turned into trees after 8 collisions are not modelled: tag sets are never that large.)
/// </summary>
internal static class JavaHashSetOrder
{
    public static List<T> Order<T>(IReadOnlyCollection<T> items, Func<T, int> javaHashCode)
    {
        var capacity = 16;
        while (items.Count > capacity * 3 / 4)
        {
            capacity <<= 1;
        }

        var keyed = new List<(int Bucket, int Index, T Item)>(items.Count);
        var index = 0;
        foreach (var item in items)
        {
            var h = javaHashCode(item);
            keyed.Add(((h ^ (int)((uint)h >> 16)) & (capacity - 1), index++, item));
        }

        keyed.Sort(static (a, b) => a.Bucket != b.Bucket ? a.Bucket.CompareTo(b.Bucket) : a.Index.CompareTo(b.Index));
        return keyed.ConvertAll(static k => k.Item);
    }
}
