namespace RocketMQ.Go.Port.Internal;

/// <summary>
/// Request codes (Java's <c>RequestCode</c> of RocketMQ 4.9.8; Go: the <c>Req*</c> constants of internal/request.go).
/// Names are Java's so they match the broker source and the wire captures.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1707", Justification = "Java's names, so codes grep the same in both code bases.")]
internal static class RequestCode
{
    /// <summary>Send one message (v1 header with full field names). Go: <c>ReqSendMessage</c>.</summary>
    public const int SEND_MESSAGE = 10;

    /// <summary>Pull messages from a queue; long-polled by the broker. Go: <c>ReqPullMessage</c>.</summary>
    public const int PULL_MESSAGE = 11;

    /// <summary>Query messages by key within a time range. Go: <c>ReqQueryMessage</c>.</summary>
    public const int QUERY_MESSAGE = 12;

    /// <summary>Query a broker's offset (unused by clients).</summary>
    public const int QUERY_BROKER_OFFSET = 13;

    /// <summary>Read a consumer group's committed offset for a queue. Go: <c>ReqQueryConsumerOffset</c>.</summary>
    public const int QUERY_CONSUMER_OFFSET = 14;

    /// <summary>Commit a consumer group's offset for a queue. Go: <c>ReqUpdateConsumerOffset</c>.</summary>
    public const int UPDATE_CONSUMER_OFFSET = 15;

    /// <summary>Create or update a topic on a broker. Go: <c>ReqCreateTopic</c>.</summary>
    public const int UPDATE_AND_CREATE_TOPIC = 17;

    /// <summary>Read every topic configuration of a broker.</summary>
    public const int GET_ALL_TOPIC_CONFIG = 21;

    /// <summary>Read the topic configuration list.</summary>
    public const int GET_TOPIC_CONFIG_LIST = 22;

    /// <summary>Read the topic names of a broker.</summary>
    public const int GET_TOPIC_NAME_LIST = 23;

    /// <summary>Change a broker's configuration.</summary>
    public const int UPDATE_BROKER_CONFIG = 25;

    /// <summary>Read a broker's configuration.</summary>
    public const int GET_BROKER_CONFIG = 26;

    /// <summary>Ask a broker to delete expired files.</summary>
    public const int TRIGGER_DELETE_FILES = 27;

    /// <summary>Read a broker's runtime statistics.</summary>
    public const int GET_BROKER_RUNTIME_INFO = 28;

    /// <summary>Find the queue offset of a store timestamp. Go: <c>ReqSearchOffsetByTimestamp</c>.</summary>
    public const int SEARCH_OFFSET_BY_TIMESTAMP = 29;

    /// <summary>Read a queue's max offset. Go: <c>ReqGetMaxOffset</c>.</summary>
    public const int GET_MAX_OFFSET = 30;

    /// <summary>Read a queue's min offset. Go: <c>ReqGetMinOffset</c>.</summary>
    public const int GET_MIN_OFFSET = 31;

    /// <summary>Read the store time of a queue's earliest message.</summary>
    public const int GET_EARLIEST_MSG_STORETIME = 32;

    /// <summary>Read one message by its commit-log offset (offset message id). Go: <c>ReqViewMessageByID</c>.</summary>
    public const int VIEW_MESSAGE_BY_ID = 33;

    /// <summary>Client heartbeat: producer and consumer groups with subscriptions. Go: <c>ReqHeartBeat</c>.</summary>
    public const int HEART_BEAT = 34;

    /// <summary>Remove a client's producer/consumer group registration.</summary>
    public const int UNREGISTER_CLIENT = 35;

    /// <summary>Send a failed message back for retry. Go: <c>ReqConsumerSendMsgBack</c>.</summary>
    public const int CONSUMER_SEND_MSG_BACK = 36;

    /// <summary>Commit or roll back a prepared (half) message. Go: <c>ReqENDTransaction</c>.</summary>
    public const int END_TRANSACTION = 37;

    /// <summary>List the client ids of a consumer group. Go: <c>ReqGetConsumerListByGroup</c>.</summary>
    public const int GET_CONSUMER_LIST_BY_GROUP = 38;

    /// <summary>Broker to producer: ask the state of a prepared transaction. Go: <c>ReqCheckTransactionState</c>.</summary>
    public const int CHECK_TRANSACTION_STATE = 39;

    /// <summary>Broker to consumer: the group's members changed, rebalance now. Go: <c>ReqNotifyConsumerIdsChanged</c>.</summary>
    public const int NOTIFY_CONSUMER_IDS_CHANGED = 40;

    /// <summary>Lock queues for orderly consumption. Go: <c>ReqLockBatchMQ</c>.</summary>
    public const int LOCK_BATCH_MQ = 41;

    /// <summary>Unlock queues held for orderly consumption. Go: <c>ReqUnlockBatchMQ</c>.</summary>
    public const int UNLOCK_BATCH_MQ = 42;

    /// <summary>Read every consumer offset of a broker.</summary>
    public const int GET_ALL_CONSUMER_OFFSET = 43;

    /// <summary>Read the delay-queue offsets of a broker.</summary>
    public const int GET_ALL_DELAY_OFFSET = 45;

    /// <summary>Check a consumer's subscription (e.g. SQL92 filter) on the broker.</summary>
    public const int CHECK_CLIENT_CONFIG = 46;

    /// <summary>Create or update an ACL account.</summary>
    public const int UPDATE_AND_CREATE_ACL_CONFIG = 50;

    /// <summary>Delete an ACL account.</summary>
    public const int DELETE_ACL_CONFIG = 51;

    /// <summary>Read the ACL configuration of a broker.</summary>
    public const int GET_BROKER_CLUSTER_ACL_INFO = 52;

    /// <summary>Update the ACL global white-list.</summary>
    public const int UPDATE_GLOBAL_WHITE_ADDRS_CONFIG = 53;

    /// <summary>Name server: store a key/value setting.</summary>
    public const int PUT_KV_CONFIG = 100;

    /// <summary>Name server: read a key/value setting.</summary>
    public const int GET_KV_CONFIG = 101;

    /// <summary>Name server: delete a key/value setting.</summary>
    public const int DELETE_KV_CONFIG = 102;

    /// <summary>Broker to name server: register the broker and its topics.</summary>
    public const int REGISTER_BROKER = 103;

    /// <summary>Broker to name server: unregister the broker.</summary>
    public const int UNREGISTER_BROKER = 104;

    /// <summary>Name server: read a topic's route (brokers and queues). Go: <c>ReqGetRouteInfoByTopic</c>.</summary>
    public const int GET_ROUTEINFO_BY_TOPIC = 105;

    /// <summary>Name server: read the cluster's brokers. Go: <c>ReqGetBrokerClusterInfo</c>.</summary>
    public const int GET_BROKER_CLUSTER_INFO = 106;

    /// <summary>Create or update a subscription group.</summary>
    public const int UPDATE_AND_CREATE_SUBSCRIPTIONGROUP = 200;

    /// <summary>Read every subscription group of a broker. Go: <c>ReqGetAllSubscriptionGroupConfig</c>.</summary>
    public const int GET_ALL_SUBSCRIPTIONGROUP_CONFIG = 201;

    /// <summary>Read a topic's per-queue offsets.</summary>
    public const int GET_TOPIC_STATS_INFO = 202;

    /// <summary>List a consumer group's connections.</summary>
    public const int GET_CONSUMER_CONNECTION_LIST = 203;

    /// <summary>List a producer group's connections.</summary>
    public const int GET_PRODUCER_CONNECTION_LIST = 204;

    /// <summary>Name server: remove a broker's write permission.</summary>
    public const int WIPE_WRITE_PERM_OF_BROKER = 205;

    /// <summary>Name server: list every topic. Go: <c>ReqGetAllTopicListFromNameServer</c>.</summary>
    public const int GET_ALL_TOPIC_LIST_FROM_NAMESERVER = 206;

    /// <summary>Delete a subscription group.</summary>
    public const int DELETE_SUBSCRIPTIONGROUP = 207;

    /// <summary>Read a consumer group's consume statistics (lag).</summary>
    public const int GET_CONSUME_STATS = 208;

    /// <summary>Suspend a consumer (reserved).</summary>
    public const int SUSPEND_CONSUMER = 209;

    /// <summary>Resume a consumer (reserved).</summary>
    public const int RESUME_CONSUMER = 210;

    /// <summary>Reset offsets inside the consumer (reserved).</summary>
    public const int RESET_CONSUMER_OFFSET_IN_CONSUMER = 211;

    /// <summary>Reset offsets inside the broker (reserved).</summary>
    public const int RESET_CONSUMER_OFFSET_IN_BROKER = 212;

    /// <summary>Resize a consumer's thread pool (reserved).</summary>
    public const int ADJUST_CONSUMER_THREAD_POOL = 213;

    /// <summary>Which groups consumed a message (reserved).</summary>
    public const int WHO_CONSUME_THE_MESSAGE = 214;

    /// <summary>Delete a topic on a broker. Go: <c>ReqDeleteTopicInBroker</c>.</summary>
    public const int DELETE_TOPIC_IN_BROKER = 215;

    /// <summary>Delete a topic on the name server. Go: <c>ReqDeleteTopicInNameSrv</c>.</summary>
    public const int DELETE_TOPIC_IN_NAMESRV = 216;

    /// <summary>Name server: list the key/value settings of a namespace.</summary>
    public const int GET_KVLIST_BY_NAMESPACE = 219;

    /// <summary>Broker to consumer: reset the group's offsets to the given table. Go: <c>ReqResetConsumerOffset</c>.</summary>
    public const int RESET_CONSUMER_CLIENT_OFFSET = 220;

    /// <summary>Broker to consumer: report the offsets of a topic. Go: <c>ReqGetConsumerStatsFromClient</c>.</summary>
    public const int GET_CONSUMER_STATUS_FROM_CLIENT = 221;

    /// <summary>Ask a broker to reset a group's offsets by timestamp.</summary>
    public const int INVOKE_BROKER_TO_RESET_OFFSET = 222;

    /// <summary>Ask a broker for a group's client offsets.</summary>
    public const int INVOKE_BROKER_TO_GET_CONSUMER_STATUS = 223;

    /// <summary>Name server: list the topics of a cluster.</summary>
    public const int GET_TOPICS_BY_CLUSTER = 224;

    /// <summary>List the groups consuming a topic.</summary>
    public const int QUERY_TOPIC_CONSUME_BY_WHO = 300;

    /// <summary>Register a filter server (removed feature).</summary>
    public const int REGISTER_FILTER_SERVER = 301;

    /// <summary>Register a message filter class (removed feature).</summary>
    public const int REGISTER_MESSAGE_FILTER_CLASS = 302;

    /// <summary>Read a group's consume time span per queue.</summary>
    public const int QUERY_CONSUME_TIME_SPAN = 303;

    /// <summary>Name server: list the system topics.</summary>
    public const int GET_SYSTEM_TOPIC_LIST_FROM_NS = 304;

    /// <summary>List a broker's system topics.</summary>
    public const int GET_SYSTEM_TOPIC_LIST_FROM_BROKER = 305;

    /// <summary>Ask a broker to clean expired consume queues.</summary>
    public const int CLEAN_EXPIRED_CONSUMEQUEUE = 306;

    /// <summary>Broker to consumer: report running info (subscriptions, queues, stats). Go: <c>ReqGetConsumerRunningInfo</c>.</summary>
    public const int GET_CONSUMER_RUNNING_INFO = 307;

    /// <summary>Read the correction offsets of groups.</summary>
    public const int QUERY_CORRECTION_OFFSET = 308;

    /// <summary>Broker to consumer: consume one given message now and report the result. Go: <c>ReqConsumeMessageDirectly</c>.</summary>
    public const int CONSUME_MESSAGE_DIRECTLY = 309;

    /// <summary>Send one message with the short (a..n) header field names.</summary>
    public const int SEND_MESSAGE_V2 = 310;

    /// <summary>Name server: list unit topics.</summary>
    public const int GET_UNIT_TOPIC_LIST = 311;

    /// <summary>Name server: list topics with unit subscriptions.</summary>
    public const int GET_HAS_UNIT_SUB_TOPIC_LIST = 312;

    /// <summary>Name server: list non-unit topics with unit subscriptions.</summary>
    public const int GET_HAS_UNIT_SUB_UNUNIT_TOPIC_LIST = 313;

    /// <summary>Copy one group's offsets to another.</summary>
    public const int CLONE_GROUP_OFFSET = 314;

    /// <summary>Read a broker statistics item.</summary>
    public const int VIEW_BROKER_STATS_DATA = 315;

    /// <summary>Ask a broker to clean unused topics.</summary>
    public const int CLEAN_UNUSED_TOPIC = 316;

    /// <summary>Read the consume statistics of a whole broker.</summary>
    public const int GET_BROKER_CONSUME_STATS = 317;

    /// <summary>Change the name server's configuration.</summary>
    public const int UPDATE_NAMESRV_CONFIG = 318;

    /// <summary>Read the name server's configuration.</summary>
    public const int GET_NAMESRV_CONFIG = 319;

    /// <summary>Send a batch of messages in one request. Go: <c>ReqSendBatchMessage</c>.</summary>
    public const int SEND_BATCH_MESSAGE = 320;

    /// <summary>Read consume-queue entries.</summary>
    public const int QUERY_CONSUME_QUEUE = 321;

    /// <summary>Name server: read a broker's data version.</summary>
    public const int QUERY_DATA_VERSION = 322;

    /// <summary>Resume the transaction check of a half message.</summary>
    public const int RESUME_CHECK_HALF_MESSAGE = 323;

    /// <summary>Send a reply message (request/reply). Go: <c>ReqSendReplyMessage</c>.</summary>
    public const int SEND_REPLY_MESSAGE = 324;

    /// <summary>Send a reply message with short header names. Go: <c>ReqSendReplyMessageV2</c>.</summary>
    public const int SEND_REPLY_MESSAGE_V2 = 325;

    /// <summary>Broker to requester: deliver a reply message. Go: <c>ReqPushReplyMessageToClient</c>.</summary>
    public const int PUSH_REPLY_MESSAGE_TO_CLIENT = 326;

    /// <summary>Name server: restore a broker's write permission.</summary>
    public const int ADD_WRITE_PERM_OF_BROKER = 327;

    /// <summary>List every producer connected to a broker.</summary>
    public const int GET_ALL_PRODUCER_INFO = 328;

    /// <summary>Ask a broker to delete expired commit-log files.</summary>
    public const int DELETE_EXPIRED_COMMITLOG = 329;
}
