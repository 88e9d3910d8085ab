namespace RocketMQ.Go.Port.Internal;

/// <summary>
/// Response codes (Java's <c>RemotingSysResponseCode</c> and <c>ResponseCode</c> of RocketMQ 4.9.8; Go: the <c>Res*</c>
/// constants of internal/response.go). Codes 10-12 still mean the message was stored.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1707", Justification = "Java's names, so codes grep the same in both code bases.")]
internal static class ResponseCode
{
    /// <summary>The request succeeded. Go: <c>ResSuccess</c>.</summary>
    public const int SUCCESS = 0;

    /// <summary>The server failed while handling the request; the remark says why. Go: <c>ResError</c>.</summary>
    public const int SYSTEM_ERROR = 1;

    /// <summary>The server is too busy to take the request now.</summary>
    public const int SYSTEM_BUSY = 2;

    /// <summary>The server has no processor for the request code.</summary>
    public const int REQUEST_CODE_NOT_SUPPORTED = 3;

    /// <summary>A transaction operation failed.</summary>
    public const int TRANSACTION_FAILED = 4;

    /// <summary>Stored, but the synchronous disk flush timed out. Go: <c>ResFlushDiskTimeout</c>.</summary>
    public const int FLUSH_DISK_TIMEOUT = 10;

    /// <summary>Stored, but no slave was available for synchronous replication. Go: <c>ResSlaveNotAvailable</c>.</summary>
    public const int SLAVE_NOT_AVAILABLE = 11;

    /// <summary>Stored, but synchronous replication to the slave timed out. Go: <c>ResFlushSlaveTimeout</c>.</summary>
    public const int FLUSH_SLAVE_TIMEOUT = 12;

    /// <summary>The message is invalid (e.g. too large, bad properties).</summary>
    public const int MESSAGE_ILLEGAL = 13;

    /// <summary>The broker cannot serve the request (e.g. shutting down, slave asked to write). Go: <c>ResServiceNotAvailable</c>.</summary>
    public const int SERVICE_NOT_AVAILABLE = 14;

    /// <summary>The client version is not supported.</summary>
    public const int VERSION_NOT_SUPPORTED = 15;

    /// <summary>The operation is not permitted (topic/broker permission or ACL). Go: <c>ResNoPermission</c>.</summary>
    public const int NO_PERMISSION = 16;

    /// <summary>The topic does not exist. Go: <c>ResTopicNotExist</c>.</summary>
    public const int TOPIC_NOT_EXIST = 17;

    /// <summary>The topic exists already.</summary>
    public const int TOPIC_EXIST_ALREADY = 18;

    /// <summary>Pull: no new message yet. Go: <c>ResPullNotFound</c>.</summary>
    public const int PULL_NOT_FOUND = 19;

    /// <summary>Pull: retry at once. Go: <c>ResPullRetryImmediately</c>.</summary>
    public const int PULL_RETRY_IMMEDIATELY = 20;

    /// <summary>Pull: the requested offset is illegal; use the suggested one. Go: <c>ResPullOffsetMoved</c>.</summary>
    public const int PULL_OFFSET_MOVED = 21;

    /// <summary>Query: nothing matched. Go: <c>ResQueryNotFound</c>.</summary>
    public const int QUERY_NOT_FOUND = 22;

    /// <summary>The subscription expression could not be parsed.</summary>
    public const int SUBSCRIPTION_PARSE_FAILED = 23;

    /// <summary>The broker has no subscription for the group and topic.</summary>
    public const int SUBSCRIPTION_NOT_EXIST = 24;

    /// <summary>The broker's subscription is older than the client's.</summary>
    public const int SUBSCRIPTION_NOT_LATEST = 25;

    /// <summary>The subscription group does not exist.</summary>
    public const int SUBSCRIPTION_GROUP_NOT_EXIST = 26;

    /// <summary>The filter data does not exist.</summary>
    public const int FILTER_DATA_NOT_EXIST = 27;

    /// <summary>The filter data is not the latest.</summary>
    public const int FILTER_DATA_NOT_LATEST = 28;

    /// <summary>Transaction check answer: commit.</summary>
    public const int TRANSACTION_SHOULD_COMMIT = 200;

    /// <summary>Transaction check answer: roll back.</summary>
    public const int TRANSACTION_SHOULD_ROLLBACK = 201;

    /// <summary>Transaction check answer: unknown (Java's spelling).</summary>
    public const int TRANSACTION_STATE_UNKNOW = 202;

    /// <summary>The transaction's producer group is wrong.</summary>
    public const int TRANSACTION_STATE_GROUP_WRONG = 203;

    /// <summary>No buyer id (legacy).</summary>
    public const int NO_BUYER_ID = 204;

    /// <summary>Not in the current unit (legacy).</summary>
    public const int NOT_IN_CURRENT_UNIT = 205;

    /// <summary>The consumer is not connected.</summary>
    public const int CONSUMER_NOT_ONLINE = 206;

    /// <summary>Consuming the message directly timed out.</summary>
    public const int CONSUME_MSG_TIMEOUT = 207;

    /// <summary>No message matched.</summary>
    public const int NO_MESSAGE = 208;

    /// <summary>Creating or updating an ACL account failed.</summary>
    public const int UPDATE_AND_CREATE_ACL_CONFIG_FAILED = 209;

    /// <summary>Deleting an ACL account failed.</summary>
    public const int DELETE_ACL_CONFIG_FAILED = 210;

    /// <summary>Updating the ACL global white-list failed.</summary>
    public const int UPDATE_GLOBAL_WHITE_ADDRS_CONFIG_FAILED = 211;

    /// <summary>The broker is busy (flow control): back off and retry.</summary>
    public const int FLOW_CONTROL = 215;
}
