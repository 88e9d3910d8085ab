using System.Globalization;
using System.Text;
using RocketMQ.Go.Port.Admin;
using RocketMQ.Go.Port.Primitive;
using static RocketMQ.Go.Port.Cmd.Rmqadmin.Cli.JavaText;

namespace RocketMQ.Go.Port.Cmd.Rmqadmin.Commands;

/// <summary>
/// Messages as mqadmin prints them: the "%-20s %s" detail of queryMsgById and friends (with the body saved under
/// /tmp/rocketmq/msgbodys and the message tracks after it), and printMsg's one line per message built from Java's
/// MessageExt.toString. Properties print in the message's order (Java's follow a HashMap's).
/// </summary>
internal static class MessageText
{
    /// <summary>Where Java's tools save bodies: /tmp/rocketmq/msgbodys.</summary>
    public static string BodyDirectory => Path.Combine(Path.GetTempPath(), "rocketmq", "msgbodys");

    /// <summary>Saves the body as /tmp/rocketmq/msgbodys/&lt;msgId&gt;[_index] and returns the path.</summary>
    public static string SaveBody(MessageExt msg, int index = 0)
    {
        Directory.CreateDirectory(BodyDirectory);
        var path = Path.Combine(BodyDirectory, msg.MsgId + (index > 0 ? "_" + Str(index) : string.Empty));
        File.WriteAllBytes(path, msg.Body);
        return path;
    }

    /// <summary>The message as JSON.</summary>
    public static MessageView View(MessageExt msg, string? bodyPath, IReadOnlyList<MessageTrack>? tracks)
        => new(msg.MsgId, msg.OffsetMsgId, msg.Topic, Null(msg.GetTags()), Null(msg.GetKeys()), msg.Queue?.BrokerName, msg.QueueId, msg.QueueOffset,
            msg.CommitLogOffset, msg.ReconsumeTimes, msg.BornTimestamp, msg.StoreTimestamp, msg.BornHost, msg.StoreHost, msg.SysFlag,
            msg.GetProperties(), Encoding.UTF8.GetString(msg.Body), bodyPath, tracks?.Select(t => new TrackView(t.ConsumerGroup, t.TrackType, t.ExceptionDesc)).ToList());

    /// <summary>
    /// QueryMsgByIdSubCommand.printMsg / QueryMsgByUniqueKeySubCommand.showMessage: "OffsetID:" first when
    /// <paramref name="withOffsetId"/>, then the fields, then the tracks glued on one line as Java prints them.
    /// </summary>
    public static void PrintDetail(TextWriter w, MessageView m, bool withOffsetId)
    {
        if (withOffsetId)
        {
            Field(w, "OffsetID:", m.OffsetMsgId);
        }

        Field(w, "Topic:", m.Topic);
        Field(w, "Tags:", "[" + (m.Tags ?? "null") + "]");
        Field(w, "Keys:", "[" + (m.Keys ?? "null") + "]");
        Field(w, "Queue ID:", Str(m.QueueId));
        Field(w, "Queue Offset:", Str(m.QueueOffset));
        Field(w, "CommitLog Offset:", Str(m.CommitLogOffset));
        Field(w, "Reconsume Times:", Str(m.ReconsumeTimes));
        Field(w, "Born Timestamp:", TimeWithMillis(m.BornTimestamp));
        Field(w, "Store Timestamp:", TimeWithMillis(m.StoreTimestamp));
        Field(w, "Born Host:", m.BornHost);
        Field(w, "Store Host:", m.StoreHost);
        Field(w, "System Flag:", Str(m.SysFlag));
        Field(w, "Properties:", Map(m.Properties));
        Field(w, "Message Body Path:", m.BodyPath);
        if (m.Tracks is { Count: 0 })
        {
            w.Write("\n\nWARN: No Consumer\n");
        }
        else if (m.Tracks is { } tracks)
        {
            w.Write("\n\n");
            foreach (var t in tracks)
            {
                w.Write($"MessageTrack [consumerGroup={t.ConsumerGroup}, trackType={t.TrackType}, exceptionDesc={t.ExceptionDesc ?? "null"}]");
            }

            w.Write('\n');
        }
    }

    /// <summary>PrintMessageSubCommand.printMessage: "MSGID: id MessageExt [...] BODY: text".</summary>
    public static string Line(MessageExt msg, Encoding charset, bool printBody)
        => $"MSGID: {msg.MsgId} {JavaToString(msg)} BODY: {(printBody ? charset.GetString(msg.Body) : "NOT PRINT BODY")}";

    /// <summary>Java's MessageExt.toString (msgId there is the offset id, hosts as InetSocketAddress prints them).</summary>
    public static string JavaToString(MessageExt m)
        => $"MessageExt [brokerName={m.Queue?.BrokerName ?? "null"}, queueId={Str(m.QueueId)}, storeSize={Str(m.StoreSize)}, queueOffset={Str(m.QueueOffset)}, "
            + $"sysFlag={Str(m.SysFlag)}, bornTimestamp={Str(m.BornTimestamp)}, bornHost=/{m.BornHost}, storeTimestamp={Str(m.StoreTimestamp)}, "
            + $"storeHost=/{m.StoreHost}, msgId={m.OffsetMsgId}, commitLogOffset={Str(m.CommitLogOffset)}, bodyCRC={Str(m.BodyCRC)}, "
            + $"reconsumeTimes={Str(m.ReconsumeTimes)}, preparedTransactionOffset={Str(m.PreparedTransactionOffset)}, "
            + $"toString()=Message{{topic='{m.Topic}', flag={Str(m.Flag)}, properties={Map(m.GetProperties())}, body=[{string.Join(", ", m.Body.Select(b => ((sbyte)b).ToString(CultureInfo.InvariantCulture)))}], "
            + $"transactionId='{m.TransactionId ?? "null"}'}}]";

    private static void Field(TextWriter w, string name, string? value) => w.Write($"{L(name, 20)} {value ?? "null"}\n");

    private static string? Null(string value) => value.Length == 0 ? null : value;
}

/// <summary>A message in --json output.</summary>
internal sealed record MessageView(
    string MsgId, string OffsetMsgId, string Topic, string? Tags, string? Keys, string? BrokerName, int QueueId, long QueueOffset,
    long CommitLogOffset, int ReconsumeTimes, long BornTimestamp, long StoreTimestamp, string BornHost, string StoreHost, int SysFlag,
    IReadOnlyDictionary<string, string> Properties, string Body, string? BodyPath, IReadOnlyList<TrackView>? Tracks);

/// <summary>A message track in --json output.</summary>
internal sealed record TrackView(string ConsumerGroup, string TrackType, string? ExceptionDesc);
