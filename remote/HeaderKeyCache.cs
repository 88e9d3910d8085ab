namespace RocketMQ.Go.Port.Remote;

/// <summary>
/// Interns the ext-field keys the protocol uses, so decoding a header does not allocate a string per key.
/// Unknown keys fall back to a fresh string.
/// </summary>
internal static class HeaderKeyCache
{
    private static readonly string[] KnownKeys =
    [
        "topic", "queueId", "queueOffset", "msgId", "offsetMsgId", "transactionId", "consumerGroup", "producerGroup",
        "subscription", "subVersion", "sysFlag", "commitOffset", "suspendTimeoutMillis", "maxMsgNums", "expressionType",
        "nextBeginOffset", "minOffset", "maxOffset", "suggestWhichBrokerId", "offset", "clientID", "clientId",
        "defaultTopic", "defaultTopicQueueNums", "flag", "bornTimestamp", "properties", "reconsumeTimes", "unitMode",
        "batch", "maxReconsumeTimes", "delayLevel", "originMsgId", "originTopic", "commitLogOffset", "tranStateTableOffset",
        "commitOrRollback", "fromTransactionCheck", "group", "timestamp", "key", "beginTimestamp", "endTimestamp",
        "brokerName", "brokerAddr", "clusterName", "haServerAddr", "brokerId", "compressed", "AccessKey", "Signature",
        "SecurityToken", "isForce", "jstackEnable", "readQueueNums", "writeQueueNums", "perm", "topicFilterType",
        "topicSysFlag", "order", "indexLastUpdatePhyoffset", "indexLastUpdateTimestamp", "a", "b", "c", "d", "e", "f",
        "g", "h", "i", "j", "k", "l", "m", "n", "MSG_REGION", "TRACE_ON",
    ];

    private static readonly Dictionary<int, string[]> ByLength = KnownKeys.Distinct().GroupBy(k => k.Length).ToDictionary(g => g.Key, g => g.ToArray());

    /// <summary>The interned key equal to <paramref name="utf8"/> (an unescaped key), or null when unknown.</summary>
    public static string? GetOrCreate(ReadOnlySpan<byte> utf8)
    {
        if (!ByLength.TryGetValue(utf8.Length, out var candidates))
        {
            return null;
        }

        foreach (var candidate in candidates)
        {
            if (Ascii.Equals(utf8, candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
