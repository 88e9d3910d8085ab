namespace RocketMQ.Go.Port.Broker;

/// <summary>One broker's settings (Java: BrokerConfig, the parts a development broker needs).</summary>
public sealed class BrokerConfig
{
    /// <summary>The broker's name (broker-a, broker-b, ...).</summary>
    public string BrokerName { get; set; } = "broker-a";

    /// <summary>The cluster the broker registers in.</summary>
    public string BrokerClusterName { get; set; } = "DefaultCluster";

    /// <summary>0 for a master, 1 and up for a slave (<see cref="EmbeddedClusterOptions.SlavesPerBroker"/>).</summary>
    public long BrokerId { get; set; }

    /// <summary>Address to listen on.</summary>
    public string ListenHost { get; set; } = "127.0.0.1";

    /// <summary>Port to listen on; 0 picks a free one.</summary>
    public int ListenPort { get; set; } = 10911;

    /// <summary>
    /// Also listen on the VIP port, listen port - 2 (Java's fastListenPort, which a 4.x broker always opens), where
    /// clients with VIPChannelEnabled send sends, offset, lock and other administrative calls. With port 0 a free
    /// pair of ports is picked.
    /// </summary>
    public bool VipChannelEnabled { get; set; }

    /// <summary>TLS (Java: tls.server.*); plain TCP without a certificate.</summary>
    public Tls.ServerTlsConfig Tls { get; set; } = new();

    /// <summary>Name server addresses ("host:port") the broker registers with.</summary>
    public IList<string> NamesrvAddresses { get; set; } = new List<string>();

    /// <summary>How often the broker re-registers with every name server (Java: 30 s).</summary>
    public TimeSpan RegisterInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Create unknown topics on first send from TBW102 (Java: autoCreateTopicEnable).</summary>
    public bool AutoCreateTopicEnable { get; set; } = true;

    /// <summary>Queue count of TBW102, so the most a topic created on first send gets.</summary>
    public int DefaultTopicQueueNums { get; set; } = 4;

    /// <summary>Create unknown consumer groups on first use (Java: autoCreateSubscriptionGroup).</summary>
    public bool AutoCreateSubscriptionGroup { get; set; } = true;

    /// <summary>Read/write permission of the whole broker (6 = read and write).</summary>
    public int BrokerPermission { get; set; } = 6;

    /// <summary>Serve SQL92 property filters (Java: enablePropertyFilter).</summary>
    public bool EnablePropertyFilter { get; set; } = true;

    /// <summary>Hold pulls until a message arrives (Java: longPollingEnable).</summary>
    public bool LongPollingEnable { get; set; } = true;

    /// <summary>How long a pull is held when long polling is off (Java: shortPollingTimeMills).</summary>
    public TimeSpan ShortPollingTime { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The region reported in send responses (MSG_REGION).</summary>
    public string RegionId { get; set; } = "DefaultRegion";

    /// <summary>The trace switch reported in send responses (TRACE_ON).</summary>
    public bool TraceOn { get; set; } = true;

    /// <summary>Refuse transactional messages (Java: rejectTransactionMessage).</summary>
    public bool RejectTransactionMessage { get; set; }

    /// <summary>Store reply messages (SEND_REPLY_MESSAGE) in the commit log besides pushing them (Java: storeReplyMessageEnable, default true).</summary>
    public bool StoreReplyMessageEnable { get; set; } = true;

    /// <summary>Half messages older than this are checked back with their producer (Java: transactionTimeOut, 6 s).</summary>
    public TimeSpan TransactionTimeout { get; set; } = TimeSpan.FromSeconds(6);

    /// <summary>How often half messages are scanned for check-back (Java: transactionCheckInterval, 60 s).</summary>
    public TimeSpan TransactionCheckInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Check-backs before a half message is given up (Java: transactionCheckMax).</summary>
    public int TransactionCheckMax { get; set; } = 15;

    /// <summary>A client silent for this long is dropped (Java: channel expiry, 120 s).</summary>
    public TimeSpan ChannelExpiredTimeout { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>A queue lock not renewed for this long expires (Java: rebalance.lockMaxLiveTime, 60 s).</summary>
    public TimeSpan RebalanceLockMaxLiveTime { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Access key/secret pairs allowed when ACL is on; empty means ACL off.</summary>
    public IDictionary<string, string> AclAccounts { get; set; } = new Dictionary<string, string>();
}
