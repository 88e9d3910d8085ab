namespace RocketMQ.Go.Port.Primitive;

/// <summary>
/// Bits of a stored message's sysFlag (Go: <c>FlagCompressed</c>, <c>FlagBornHostV6</c>, ... in result.go and the
/// transaction flag helpers of message.go; Java: <c>MessageSysFlag</c>).
/// </summary>
public static class MessageSysFlag
{
    /// <summary>The body is compressed (Go: CompressedFlag / FlagCompressed).</summary>
    public const int Compressed = 0x1;

    /// <summary>Multiple tags (Go: MultiTagsFlag).</summary>
    public const int MultiTags = 0x1 << 1;

    /// <summary>Not a transactional message.</summary>
    public const int TransactionNotType = 0;

    /// <summary>A transactional half message.</summary>
    public const int TransactionPreparedType = 0x1 << 2;

    /// <summary>A committed transactional message.</summary>
    public const int TransactionCommitType = 0x2 << 2;

    /// <summary>A rolled back transactional message; also the mask of the two transaction bits.</summary>
    public const int TransactionRollbackType = 0x3 << 2;

    /// <summary>The born host is IPv6 (16 address bytes).</summary>
    public const int BornHostV6 = 0x1 << 4;

    /// <summary>The store host is IPv6 (16 address bytes).</summary>
    public const int StoreHostV6 = 0x1 << 5;

    /// <summary>Mask of the 4.9+/5.x compression type bits (bits 8-10).</summary>
    public const int CompressionTypeMask = 0x7 << 8;

    /// <summary>Compression type LZ4 in the compression type bits.</summary>
    public const int CompressionLz4Type = 0x1 << 8;

    /// <summary>Compression type ZSTD in the compression type bits.</summary>
    public const int CompressionZstdType = 0x2 << 8;

    /// <summary>Compression type ZLIB in the compression type bits (0 means zlib too, for older senders).</summary>
    public const int CompressionZlibType = 0x3 << 8;

    /// <summary>The transaction bits of <paramref name="flag"/> (Go: GetTransactionValue).</summary>
    public static int GetTransactionValue(int flag) => flag & TransactionRollbackType;

    /// <summary>Replaces the transaction bits (Go: ResetTransactionValue).</summary>
    public static int ResetTransactionValue(int flag, int typeFlag) => (flag & ~TransactionRollbackType) | typeFlag;

    /// <summary>Clears the compressed bit (Go: ClearCompressedFlag).</summary>
    public static int ClearCompressedFlag(int flag) => flag & ~Compressed;

    /// <summary>Sets the compressed bit (Go: SetCompressedFlag).</summary>
    public static int SetCompressedFlag(int flag) => flag | Compressed;
}
