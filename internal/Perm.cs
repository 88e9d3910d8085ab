namespace RocketMQ.Go.Port.Internal;

/// <summary>Topic/queue permission bits (Go: internal/perm.go; Java: PermName).</summary>
internal static class Perm
{
    /// <summary>Priority (Go: <c>permPriority</c>).</summary>
    public const int Priority = 1 << 3;

    /// <summary>Readable (Go: <c>permRead</c>).</summary>
    public const int Read = 1 << 2;

    /// <summary>Writeable (Go: <c>permWrite</c>).</summary>
    public const int Write = 1 << 1;

    /// <summary>Inherited by auto-created topics (Go: <c>permInherit</c>).</summary>
    public const int Inherit = 1 << 0;

    /// <summary>Go: <c>queueIsReadable</c>.</summary>
    public static bool IsReadable(int perm) => (perm & Read) == Read;

    /// <summary>Go: <c>queueIsWriteable</c>.</summary>
    public static bool IsWriteable(int perm) => (perm & Write) == Write;

    /// <summary>Go: <c>queueIsInherited</c>.</summary>
    public static bool IsInherited(int perm) => (perm & Inherit) == Inherit;

    /// <summary>"RWX"-style text, '-' for a missing bit (Go: <c>perm2string</c>).</summary>
    public static string ToString(int perm)
        => string.Create(3, perm, static (span, p) =>
        {
            span[0] = IsReadable(p) ? 'R' : '-';
            span[1] = IsWriteable(p) ? 'W' : '-';
            span[2] = IsInherited(p) ? 'X' : '-';
        });
}
