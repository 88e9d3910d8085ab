using System.Globalization;
using System.Text;
using RocketMQ.Go.Port.Internal.Utils;
using RocketMQ.Go.Port.Primitive;

namespace RocketMQ.Go.Port.Internal;

/// <summary>One encoded trace record and the keys it is indexed by (Go: trace.go <c>TraceTransferBean</c>).</summary>
/// <param name="TransData">The record(s), fields separated by \u0001, records terminated by \u0002.</param>
/// <param name="TransKeys">Message ids and keys, so the console can find the trace by either.</param>
internal sealed record TraceTransferBean(string TransData, IReadOnlyList<string> TransKeys);

/// <summary>
/// The trace text format the Java console decodes (Go: trace.go <c>marshal2Bean</c>; Java: TraceDataEncoder).
/// Pub records carry Go's 15 fields (Java's 14 plus the client host, which Java's decoder reads when present);
/// SubAfter carries the timestamp and group (Java's non-cloud form); EndTransaction (Java only) has Java's 13.
/// </summary>
internal static class TraceEncoder
{
    /// <summary>Separates the fields of a record (Java: CONTENT_SPLITOR).</summary>
    public const char ContentSplitter = '\u0001';

    /// <summary>Ends a record (Java: FIELD_SPLITOR).</summary>
    public const char FieldSplitter = '\u0002';

    /// <summary>Go: <c>marshal2Bean</c>.</summary>
    public static TraceTransferBean Encode(TraceContext ctx)
    {
        var sb = new StringBuilder(256);
        var group = Namespace.WithoutNamespace(ctx.GroupName);
        switch (ctx.TraceType)
        {
            case TraceType.Pub when ctx.TraceBeans.Count > 0:
                var bean = ctx.TraceBeans[0];
                Append(sb, "Pub").Append(ContentSplitter);
                Append(sb, ctx.TimeStamp).Append(ContentSplitter);
                Append(sb, ctx.RegionId).Append(ContentSplitter);
                Append(sb, group).Append(ContentSplitter);
                Append(sb, Namespace.WithoutNamespace(bean.Topic)).Append(ContentSplitter);
                Append(sb, bean.MsgId).Append(ContentSplitter);
                Append(sb, bean.Tags).Append(ContentSplitter);
                Append(sb, bean.Keys).Append(ContentSplitter);
                Append(sb, bean.StoreHost).Append(ContentSplitter);
                Append(sb, bean.BodyLength).Append(ContentSplitter);
                Append(sb, ctx.CostTime).Append(ContentSplitter);
                Append(sb, (int)bean.MsgType).Append(ContentSplitter);
                Append(sb, bean.OffsetMsgId).Append(ContentSplitter);
                Append(sb, ctx.IsSuccess).Append(ContentSplitter);
                Append(sb, bean.ClientHost).Append(FieldSplitter);
                break;
            case TraceType.SubBefore:
                foreach (var b in ctx.TraceBeans)
                {
                    Append(sb, "SubBefore").Append(ContentSplitter);
                    Append(sb, ctx.TimeStamp).Append(ContentSplitter);

                    // Java writes the messages' MSG_REGION, "null" when they carry none (Go: empty).
                    Append(sb, NullWrap(ctx.RegionId)).Append(ContentSplitter);
                    Append(sb, group).Append(ContentSplitter);
                    Append(sb, ctx.RequestId).Append(ContentSplitter);
                    Append(sb, b.MsgId).Append(ContentSplitter);
                    Append(sb, b.RetryTimes).Append(ContentSplitter);
                    Append(sb, NullWrap(b.Keys)).Append(ContentSplitter);
                    Append(sb, b.ClientHost).Append(FieldSplitter);
                }

                break;
            case TraceType.SubAfter:
                foreach (var b in ctx.TraceBeans)
                {
                    Append(sb, "SubAfter").Append(ContentSplitter);
                    Append(sb, ctx.RequestId).Append(ContentSplitter);
                    Append(sb, b.MsgId).Append(ContentSplitter);
                    Append(sb, ctx.CostTime).Append(ContentSplitter);
                    Append(sb, ctx.IsSuccess).Append(ContentSplitter);
                    Append(sb, NullWrap(b.Keys)).Append(ContentSplitter);
                    Append(sb, ctx.ContextCode).Append(ContentSplitter);
                    Append(sb, ctx.TimeStamp).Append(ContentSplitter);
                    Append(sb, group).Append(FieldSplitter);
                }

                break;
            case TraceType.EndTransaction when ctx.TraceBeans.Count > 0:
                // Java 4.9.8's layout (Go has no such record); missing tags and keys print as Java's null.
                var tx = ctx.TraceBeans[0];
                Append(sb, "EndTransaction").Append(ContentSplitter);
                Append(sb, ctx.TimeStamp).Append(ContentSplitter);
                Append(sb, ctx.RegionId).Append(ContentSplitter);
                Append(sb, group).Append(ContentSplitter);
                Append(sb, Namespace.WithoutNamespace(tx.Topic)).Append(ContentSplitter);
                Append(sb, tx.MsgId).Append(ContentSplitter);
                Append(sb, NullWrap(tx.Tags)).Append(ContentSplitter);
                Append(sb, NullWrap(tx.Keys)).Append(ContentSplitter);
                Append(sb, tx.StoreHost).Append(ContentSplitter);
                Append(sb, (int)tx.MsgType).Append(ContentSplitter);
                Append(sb, NullWrap(tx.TransactionId)).Append(ContentSplitter);
                Append(sb, JavaName(tx.TransactionState)).Append(ContentSplitter);
                Append(sb, tx.FromTransactionCheck).Append(FieldSplitter);
                break;
        }

        var keys = new List<string>(ctx.TraceBeans.Count * 2);
        foreach (var b in ctx.TraceBeans)
        {
            keys.Add(b.MsgId);
            if (b.Keys.Length > 0)
            {
                // Java splits multiple keys so each is indexed; Go indexes the joined string.
                keys.AddRange(b.Keys.Split(PropertyKeys.KeySeparator, StringSplitOptions.RemoveEmptyEntries));
            }
        }

        return new TraceTransferBean(sb.ToString(), keys);
    }

    /// <summary>Java's <c>LocalTransactionState</c> constant names, as its trace records and decoder spell them.</summary>
    public static string JavaName(LocalTransactionState state) => state switch
    {
        LocalTransactionState.CommitMessageState => "COMMIT_MESSAGE",
        LocalTransactionState.RollbackMessageState => "ROLLBACK_MESSAGE",
        _ => "UNKNOW",
    };

    // The Java console shows "null" for missing keys (Go: nullWrap).
    private static string NullWrap(string s) => s.Length == 0 ? "null" : s;

    private static StringBuilder Append(StringBuilder sb, string value) => sb.Append(value);

    private static StringBuilder Append(StringBuilder sb, long value) => sb.Append(value.ToString(CultureInfo.InvariantCulture));

    private static StringBuilder Append(StringBuilder sb, bool value) => sb.Append(value ? "true" : "false");
}
