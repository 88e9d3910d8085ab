using System.Globalization;

namespace RocketMQ.Go.Port.Broker;

/// <summary>
/// The broker's settings under Java's property names (Java: Configuration over BrokerConfig, NettyServerConfig,
/// NettyClientConfig and MessageStoreConfig), what GET_BROKER_CONFIG reports and UPDATE_BROKER_CONFIG changes.
/// Settings the embedded broker acts on read and write the live objects; Java settings it has no counterpart for
/// are reported with Java's defaults and cannot change.
/// </summary>
internal static class BrokerConfigTable
{
    private static readonly KeyValuePair<string, string>[] JavaDefaults =
    [
        new("serverSocketBacklog", "1024"), new("clientWorkerThreads", "4"), new("clientAsyncSemaphoreValue", "65535"),
        new("channelNotActiveInterval", "60000"), new("enableConsumeQueueExt", "false"), new("clientSocketSndBufSize", "0"),
        new("haHousekeepingInterval", "20000"), new("consumerManageThreadPoolNums", "32"), new("syncFlushTimeout", "5000"),
        new("clientChannelMaxIdleTimeSeconds", "120"), new("autoDeleteUnusedStats", "false"), new("maxIndexNum", "20000000"),
        new("clientSocketRcvBufSize", "0"), new("clientManagerThreadPoolQueueCapacity", "1000000"), new("writeBufferLowWaterMark", "0"),
        new("debugLockEnable", "false"), new("notifyConsumerIdsChangedEnable", "true"), new("enableDetailStat", "true"),
        new("brokerFastFailureEnable", "true"), new("transientStorePoolEnable", "false"), new("queryMessageThreadPoolNums", "10"),
        new("useReentrantLockWhenPutMessage", "true"), new("heartbeatThreadPoolQueueCapacity", "50000"),
        new("deleteCommitLogFilesInterval", "100"), new("brokerRole", "ASYNC_MASTER"), new("sendMessageThreadPoolNums", "1"),
        new("pullMessageThreadPoolNums", "36"), new("fileReservedTime", "72"), new("deleteWhen", "04"),
        new("mapedFileSizeCommitLog", "1073741824"), new("mapedFileSizeConsumeQueue", "6000000"), new("haListenPort", "10912"),
        new("sendThreadPoolQueueCapacity", "10000"), new("pullThreadPoolQueueCapacity", "100000"),
        new("queryThreadPoolQueueCapacity", "20000"), new("endTransactionPoolQueueCapacity", "100000"),
    ];

    /// <summary>Every setting, "key" to "value" as Java prints it.</summary>
    public static List<KeyValuePair<string, string?>> Read(BrokerController broker)
    {
        var config = broker.Config;
        var store = broker.StoreConfig;
        var settings = new List<KeyValuePair<string, string?>>();
        foreach (var (key, value) in JavaDefaults)
        {
            settings.Add(new(key, value));
        }

        settings.Add(new("brokerName", config.BrokerName));
        settings.Add(new("brokerClusterName", config.BrokerClusterName));
        settings.Add(new("brokerId", Str(config.BrokerId)));
        settings.Add(new("brokerIP1", config.ListenHost));
        settings.Add(new("listenPort", broker.Address.Split(':')[^1]));
        settings.Add(new("namesrvAddr", string.Join(';', config.NamesrvAddresses)));
        settings.Add(new("brokerPermission", Str(config.BrokerPermission)));
        settings.Add(new("autoCreateTopicEnable", Bool(config.AutoCreateTopicEnable)));
        settings.Add(new("defaultTopicQueueNums", Str(config.DefaultTopicQueueNums)));
        settings.Add(new("autoCreateSubscriptionGroup", Bool(config.AutoCreateSubscriptionGroup)));
        settings.Add(new("enablePropertyFilter", Bool(config.EnablePropertyFilter)));
        settings.Add(new("longPollingEnable", Bool(config.LongPollingEnable)));
        settings.Add(new("shortPollingTimeMills", Millis(config.ShortPollingTime)));
        settings.Add(new("regionId", config.RegionId));
        settings.Add(new("traceOn", Bool(config.TraceOn)));
        settings.Add(new("rejectTransactionMessage", Bool(config.RejectTransactionMessage)));
        settings.Add(new("storeReplyMessageEnable", Bool(config.StoreReplyMessageEnable)));
        settings.Add(new("transactionTimeOut", Millis(config.TransactionTimeout)));
        settings.Add(new("transactionCheckInterval", Millis(config.TransactionCheckInterval)));
        settings.Add(new("transactionCheckMax", Str(config.TransactionCheckMax)));
        settings.Add(new("storePathRootDir", store.StoreDirectory ?? string.Empty));
        settings.Add(new("flushDiskType", store.FlushDiskType == Store.FlushDiskType.SyncFlush ? "SYNC_FLUSH" : "ASYNC_FLUSH"));
        settings.Add(new("maxMessageSize", Str(store.MaxMessageSize)));
        settings.Add(new("maxTransferBytesOnMessageInMemory", Str(store.MaxTransferBytesOnMessageInMemory)));
        settings.Add(new("maxTransferCountOnMessageInMemory", Str(store.MaxTransferCountOnMessageInMemory)));
        settings.Add(new("messageDelayLevel", store.MessageDelayLevel));
        return settings;
    }

    /// <summary>
    /// Applies the settings the broker can change while running; returns the keys it could not apply (unknown,
    /// fixed, or a value that does not parse).
    /// </summary>
    public static List<string> Update(BrokerController broker, IEnumerable<KeyValuePair<string, string>> changes)
    {
        var config = broker.Config;
        var store = broker.StoreConfig;
        var refused = new List<string>();
        foreach (var (key, value) in changes)
        {
            var applied = key switch
            {
                "brokerPermission" => TryInt(value, v => config.BrokerPermission = v),
                "autoCreateTopicEnable" => TryBool(value, v => config.AutoCreateTopicEnable = v),
                "autoCreateSubscriptionGroup" => TryBool(value, v => config.AutoCreateSubscriptionGroup = v),
                "enablePropertyFilter" => TryBool(value, v => config.EnablePropertyFilter = v),
                "longPollingEnable" => TryBool(value, v => config.LongPollingEnable = v),
                "shortPollingTimeMills" => TryInt(value, v => config.ShortPollingTime = TimeSpan.FromMilliseconds(v)),
                "regionId" => Set(() => config.RegionId = value),
                "traceOn" => TryBool(value, v => config.TraceOn = v),
                "rejectTransactionMessage" => TryBool(value, v => config.RejectTransactionMessage = v),
                "storeReplyMessageEnable" => TryBool(value, v => config.StoreReplyMessageEnable = v),
                "transactionCheckMax" => TryInt(value, v => config.TransactionCheckMax = v),
                "maxMessageSize" => TryInt(value, v => store.MaxMessageSize = v),
                "maxTransferBytesOnMessageInMemory" => TryInt(value, v => store.MaxTransferBytesOnMessageInMemory = v),
                "maxTransferCountOnMessageInMemory" => TryInt(value, v => store.MaxTransferCountOnMessageInMemory = v),
                _ => false,
            };
            if (!applied)
            {
                refused.Add(key);
            }
        }

        return refused;
    }

    private static string Str(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Bool(bool value) => value ? "true" : "false";

    private static string Millis(TimeSpan value) => Str((long)value.TotalMilliseconds);

    private static bool Set(Action apply)
    {
        apply();
        return true;
    }

    private static bool TryBool(string value, Action<bool> apply)
    {
        if (!bool.TryParse(value, out var parsed))
        {
            return false;
        }

        apply(parsed);
        return true;
    }

    private static bool TryInt(string value, Action<int> apply)
    {
        if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) || parsed < 0)
        {
            return false;
        }

        apply(parsed);
        return true;
    }
}
