namespace RocketMQ.Go.Port.Primitive;

/// <summary>
/// Java's <c>String.hashCode</c>: the tag hash the broker stores in consume queues and matches against a
/// subscription's codeSet. Computed over UTF-16 code units with int32 wrap-around, so non-ASCII tags hash as Java
/// hashes them (Go hashes UTF-8 bytes, which breaks non-ASCII tag filtering).
/// </summary>
internal static class JavaHash
{
    /// <summary>The hash Java computes for <paramref name="value"/>.</summary>
    public static int StringHashCode(ReadOnlySpan<char> value)
    {
        var hash = 0;
        foreach (var c in value)
        {
            hash = unchecked((31 * hash) + c);
        }

        return hash;
    }
}
