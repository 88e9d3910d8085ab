using System.Net;
using System.Text;
using RocketMQ.Go.Port.Primitive;

namespace RocketMQ.Go.Port.Broker.Store;

/// <summary>
/// A message on its way into the store (Java: MessageExtBrokerInner). Offsets and the store timestamp are assigned
/// by the store when it appends.
/// </summary>
internal sealed class MessageInner
{
    public string Topic { get; set; } = "";

    public int QueueId { get; set; }

    public int Flag { get; set; }

    public int SysFlag { get; set; }

    public long BornTimestamp { get; set; }

    public IPEndPoint BornHost { get; set; } = new(IPAddress.Loopback, 0);

    public IPEndPoint StoreHost { get; set; } = new(IPAddress.Loopback, 0);

    public int ReconsumeTimes { get; set; }

    public long PreparedTransactionOffset { get; set; }

    public ReadOnlyMemory<byte> Body { get; set; }

    /// <summary>The properties as they will be stored.</summary>
    public PropertyMap Properties { get; set; } = new();

    /// <summary>
    /// The WAIT value the send processor took out of the stored string (Java keeps it in the map only); the store
    /// puts it back when it re-encodes the map for a delayed message, as Java's CommitLog does.
    /// </summary>
    public ReadOnlyMemory<char>? DeferredWait { get; set; }

    /// <summary>
    /// Store as given even with a DELAY property (Java clears DELAY from the map but keeps it in the stored string
    /// when the schedule service delivers a due message).
    /// </summary>
    public bool IgnoreDelay { get; set; }

    /// <summary>Resets for reuse on the send path.</summary>
    public void Reset()
    {
        Topic = "";
        QueueId = Flag = SysFlag = ReconsumeTimes = 0;
        BornTimestamp = PreparedTransactionOffset = 0;
        Body = default;
        Properties.Clear();
        DeferredWait = null;
        IgnoreDelay = false;
    }

    /// <summary>
    /// What Java's SendMessageProcessor does to a producer's properties: adds CLUSTER, and keeps WAIT out of the
    /// stored string (it costs 9 bytes a message) while remembering it for a later re-encode.
    /// </summary>
    public void ApplySendRules(string clusterName)
    {
        Properties.Put(PropertyKeys.Cluster, clusterName);
        DeferredWait = Properties.Remove(PropertyKeys.WaitStoreMsgOk);
    }

    /// <summary>The delay level from DELAY, or 0.</summary>
    public int DelayTimeLevel
        => Properties.TryGet(PropertyKeys.DelayTimeLevel, out var v) && int.TryParse(v.Span, out var level) ? level : 0;

    /// <summary>Rebuilds a message from a stored record (for send-back, scheduling and transactions).</summary>
    public static MessageInner FromRecord(ReadOnlySpan<byte> record)
    {
        var view = StoredMessage.Read(record, out _);
        var message = new MessageInner
        {
            Topic = Encoding.UTF8.GetString(view.Topic),
            QueueId = view.QueueId,
            Flag = view.Flag,
            SysFlag = view.SysFlag,
            BornTimestamp = view.BornTimestamp,
            BornHost = view.BornHost,
            StoreHost = view.StoreHost,
            ReconsumeTimes = view.ReconsumeTimes,
            PreparedTransactionOffset = view.PreparedTransactionOffset,
            Body = view.Body.ToArray(),
        };
        message.Properties.Parse(Encoding.UTF8.GetString(view.Properties));
        return message;
    }
}
