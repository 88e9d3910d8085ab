using System.Globalization;
using System.Text.Json;
using RocketMQ.Go.Port.Broker.Store;
using RocketMQ.Go.Port.Internal;
using RocketMQ.Go.Port.Internal.Utils;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Broker.Processor;

/// <summary>
/// What a broker tells tools about itself (Java: AdminBrokerProcessor's getBrokerRuntimeInfo, getBrokerConfig,
/// updateBrokerConfig): the runtime info table under Java's keys (GET_BROKER_RUNTIME_INFO 28), the settings
/// (GET_BROKER_CONFIG 26) and changing them (UPDATE_BROKER_CONFIG 25).
/// </summary>
internal sealed class BrokerRuntimeProcessor(BrokerController broker)
{
    public RemotingCommand RuntimeInfo(RemotingCommand request, ServerChannel channel)
    {
        var response = RemotingCommand.CreateResponse(request, ResponseCode.SUCCESS);
        response.Body = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object> { ["table"] = Table() });
        return response;
    }

    /// <summary>GET_BROKER_CONFIG: "key=value" lines, and the topic table's data version in the "version" field as Java.</summary>
    public RemotingCommand GetConfig(RemotingCommand request, ServerChannel channel)
    {
        var response = RemotingCommand.CreateResponse(request, ResponseCode.SUCCESS);
        response.Body = JavaProperties.Encode(BrokerConfigTable.Read(broker));
        var version = broker.Topics.DataVersion;
        response.SetExtField("version", $"{{\"counter\":{Str(version.Counter)},\"timestamp\":{Str(version.Timestamp)}}}");
        return response;
    }

    /// <summary>UPDATE_BROKER_CONFIG: applies what it can; names the keys it cannot change in the error remark.</summary>
    public RemotingCommand UpdateConfig(RemotingCommand request, ServerChannel channel)
    {
        var changes = JavaProperties.Decode(request.Body.Span);
        var permission = broker.Config.BrokerPermission;
        var refused = BrokerConfigTable.Update(broker, changes);
        if (broker.Config.BrokerPermission != permission)
        {
            broker.Topics.Touch();
        }

        return refused.Count == 0
            ? RemotingCommand.CreateResponse(request, ResponseCode.SUCCESS)
            : RemotingCommand.CreateResponse(request, ResponseCode.SYSTEM_ERROR, $"the embedded broker cannot change [{string.Join(", ", refused)}] (unknown, fixed, or a value that does not parse)");
    }

    private Dictionary<string, string> Table()
    {
        var store = broker.Store;
        var table = new Dictionary<string, string>(StringComparer.Ordinal);
        store.Stats.AddRuntimeInfo(table);
        table["brokerVersionDesc"] = MQVersion.GetVersionDesc(MQVersion.Current);
        table["brokerVersion"] = Str(MQVersion.Current);
        table["msgPutTotalYesterdayMorning"] = "0";
        table["msgPutTotalTodayMorning"] = "0";
        table["msgPutTotalTodayNow"] = Str(store.Stats.PutMessageTimesTotal);
        table["msgGetTotalYesterdayMorning"] = "0";
        table["msgGetTotalTodayMorning"] = "0";
        table["msgGetTotalTodayNow"] = Str(store.Stats.GetMessageTransferredTotal);
        foreach (var pool in (ReadOnlySpan<(string Name, string Capacity)>)[("send", "10000"), ("pull", "100000"), ("query", "20000")])
        {
            // Requests are handled as they arrive: no thread pool queue builds up.
            table[pool.Name + "ThreadPoolQueueSize"] = "0";
            table[pool.Name + "ThreadPoolQueueCapacity"] = pool.Capacity;
            table[pool.Name + "ThreadPoolQueueHeadWaitTimeMills"] = "0";
        }

        table["EndTransactionQueueSize"] = "0";
        table["EndTransactionThreadPoolQueueCapacity"] = "100000";
        table["dispatchBehindBytes"] = "0";
        table["pageCacheLockTimeMills"] = "0";
        table["earliestMessageTimeStamp"] = Str(store.GetEarliestMessageTime());
        table["startAcceptSendRequestTimeStamp"] = "0";
        table["remainTransientStoreBufferNumbs"] = Str(int.MaxValue);
        table["remainHowManyDataToFlush"] = "0 B";
        table["commitLogMinOffset"] = Str(store.MinPhysicalOffset);
        table["commitLogMaxOffset"] = Str(store.MaxPhysicalOffset);
        AddDisk(table);
        foreach (var (level, offset) in broker.Schedule.Offsets)
        {
            table["scheduleMessageOffset_" + Str(level)] = Str(offset) + "," + Str(store.GetMaxOffsetInQueue(Constants.ScheduleTopic, level - 1));
        }

        return table;
    }

    /// <summary>Disk figures of the store directory, or of the working directory for a broker kept in memory.</summary>
    private void AddDisk(Dictionary<string, string> table)
    {
        var path = Path.GetFullPath(broker.StoreConfig.StoreDirectory ?? Environment.CurrentDirectory);
        try
        {
            var drive = new DriveInfo(path);
            var used = drive.TotalSize == 0 ? 0 : (drive.TotalSize - drive.AvailableFreeSpace) / (double)drive.TotalSize;
            var ratio = StoreStatsService.JavaDouble(used);
            table["commitLogDiskRatio"] = ratio;
            table["commitLogDiskRatio_" + Path.Combine(path, "commitlog")] = ratio;
            table["consumeQueueDiskRatio"] = ratio;
            table["commitLogDirCapacity"] = $"Total : {HumanBytes(drive.TotalSize)}, Free : {HumanBytes(drive.AvailableFreeSpace)}.";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            table["commitLogDiskRatio"] = "-1.0";
        }
    }

    /// <summary>Java's MixAll.humanReadableByteCount(bytes, si: false): "78.1 GiB", "0 B".</summary>
    internal static string HumanBytes(long bytes)
    {
        if (bytes < 1024)
        {
            return Str(bytes) + " B";
        }

        var exp = (int)(Math.Log(bytes) / Math.Log(1024));
        return (bytes / Math.Pow(1024, exp)).ToString("F1", CultureInfo.InvariantCulture) + " " + "KMGTPE"[exp - 1] + "iB";
    }

    private static string Str(long value) => value.ToString(CultureInfo.InvariantCulture);
}
