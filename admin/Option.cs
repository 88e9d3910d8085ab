using System.Runtime.CompilerServices;
using RocketMQ.Go.Port.Internal;
using RocketMQ.Go.Port.Primitive;

namespace RocketMQ.Go.Port.Admin;

/// <summary>An option of <see cref="IAdmin.CreateTopic"/> (Go: <c>admin.OptionCreate</c>).</summary>
/// <param name="config">The settings being built.</param>
public delegate void OptionCreate(TopicConfigCreate config);

/// <summary>An option of <see cref="IAdmin.DeleteTopic"/> (Go: <c>admin.OptionDelete</c>).</summary>
/// <param name="config">The settings being built.</param>
public delegate void OptionDelete(TopicConfigDelete config);

/// <summary>What <see cref="IAdmin.CreateTopic"/> creates (Go: <c>TopicConfigCreate</c>, defaults of <c>defaultTopicConfigCreate</c>).</summary>
public sealed class TopicConfigCreate
{
    /// <summary>The topic (Go: <c>Topic</c>); required.</summary>
    public string Topic { get; set; } = string.Empty;

    /// <summary>
    /// The broker to create it on (Go: <c>BrokerAddr</c>). When empty, the topic is created on the master of
    /// every broker in the cluster (Go sends to an empty address and fails).
    /// </summary>
    public string BrokerAddr { get; set; } = string.Empty;

    /// <summary>Template topic sent along (Go: <c>DefaultTopic</c>, "defaultTopic").</summary>
    public string DefaultTopic { get; set; } = "defaultTopic";

    /// <summary>Readable queues per broker (Go: <c>ReadQueueNums</c>, 8).</summary>
    public int ReadQueueNums { get; set; } = 8;

    /// <summary>Writable queues per broker (Go: <c>WriteQueueNums</c>, 8).</summary>
    public int WriteQueueNums { get; set; } = 8;

    /// <summary>Permission bits: 2 write, 4 read, 6 both (Go: <c>Perm</c>, 6).</summary>
    public int Perm { get; set; } = 6;

    /// <summary>SINGLE_TAG or MULTI_TAG (Go: <c>TopicFilterType</c>).</summary>
    public string TopicFilterType { get; set; } = "SINGLE_TAG";

    /// <summary>Topic system flag (Go: <c>TopicSysFlag</c>, 0).</summary>
    public int TopicSysFlag { get; set; }

    /// <summary>Ordered topic (Go: <c>Order</c>).</summary>
    public bool Order { get; set; }
}

/// <summary>What <see cref="IAdmin.DeleteTopic"/> deletes (Go: <c>TopicConfigDelete</c>).</summary>
public sealed class TopicConfigDelete
{
    /// <summary>The topic (Go: <c>Topic</c>); required.</summary>
    public string Topic { get; set; } = string.Empty;

    /// <summary>
    /// Only this cluster's brokers and routes (Go: <c>ClusterName</c>, which Go accepts and ignores). Empty: every
    /// broker holding the topic.
    /// </summary>
    public string ClusterName { get; set; } = string.Empty;

    /// <summary>Name servers to delete the route from (Go: <c>NameSrvAddr</c>); empty: every name server of the admin.</summary>
    public IReadOnlyList<string> NameSrvAddr { get; set; } = [];

    /// <summary>Only this broker (Go: <c>BrokerAddr</c>); empty: every master holding the topic (Go: one random broker).</summary>
    public string BrokerAddr { get; set; } = string.Empty;
}

/// <summary>The topic create/delete option functions of Go's admin/option.go.</summary>
public sealed partial class AdminOptions
{
    /// <summary>Go: <c>WithTopicCreate</c>.</summary>
    /// <exception cref="ArgumentException">Not a legal topic name.</exception>
    public static OptionCreate WithTopicCreate(string topic)
    {
        OptionChecks.TopicName(topic);
        return c => c.Topic = topic;
    }

    /// <summary>Go: <c>WithBrokerAddrCreate</c>; empty means every master of the cluster.</summary>
    /// <exception cref="ArgumentException">Null, or not host:port.</exception>
    public static OptionCreate WithBrokerAddrCreate(string brokerAddr)
    {
        BrokerAddress(brokerAddr);
        return c => c.BrokerAddr = brokerAddr;
    }

    /// <summary>Go: <c>WithReadQueueNums</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Less than 1.</exception>
    public static OptionCreate WithReadQueueNums(int readQueueNums)
    {
        OptionChecks.AtLeast(readQueueNums, 1, "read queue count");
        return c => c.ReadQueueNums = readQueueNums;
    }

    /// <summary>Go: <c>WithWriteQueueNums</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Less than 1.</exception>
    public static OptionCreate WithWriteQueueNums(int writeQueueNums)
    {
        OptionChecks.AtLeast(writeQueueNums, 1, "write queue count");
        return c => c.WriteQueueNums = writeQueueNums;
    }

    /// <summary>Go: <c>WithPerm</c>: 2 write, 4 read, 6 both (1, inherit, may be added).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not in [0, 7] (Java: <c>PermName.isValid</c>).</exception>
    public static OptionCreate WithPerm(int perm)
    {
        OptionChecks.Between(perm, 0, 7, "permission (2 write, 4 read, 6 both)");
        return c => c.Perm = perm;
    }

    /// <summary>Go: <c>WithTopicFilterType</c>.</summary>
    /// <exception cref="ArgumentException">Not SINGLE_TAG or MULTI_TAG.</exception>
    public static OptionCreate WithTopicFilterType(string topicFilterType)
    {
        OptionChecks.NotNull(topicFilterType, "filter type");
        OptionChecks.Require(topicFilterType is "SINGLE_TAG" or "MULTI_TAG",
            $"filter type must be SINGLE_TAG or MULTI_TAG, got '{topicFilterType}'", nameof(topicFilterType), nameof(WithTopicFilterType));
        return c => c.TopicFilterType = topicFilterType;
    }

    /// <summary>Go: <c>WithTopicSysFlag</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative.</exception>
    public static OptionCreate WithTopicSysFlag(int topicSysFlag)
    {
        OptionChecks.AtLeast(topicSysFlag, 0, "topic system flag");
        return c => c.TopicSysFlag = topicSysFlag;
    }

    /// <summary>Go: <c>WithOrder</c>.</summary>
    public static OptionCreate WithOrder(bool order) => c => c.Order = order;

    /// <summary>Go: <c>WithTopicDelete</c>.</summary>
    /// <exception cref="ArgumentException">Not a legal topic name.</exception>
    public static OptionDelete WithTopicDelete(string topic)
    {
        OptionChecks.TopicName(topic);
        return c => c.Topic = topic;
    }

    /// <summary>Go: <c>WithBrokerAddrDelete</c>; empty means every master holding the topic.</summary>
    /// <exception cref="ArgumentException">Null, or not host:port.</exception>
    public static OptionDelete WithBrokerAddrDelete(string brokerAddr)
    {
        BrokerAddress(brokerAddr);
        return c => c.BrokerAddr = brokerAddr;
    }

    /// <summary>Go: <c>WithClusterName</c>; empty means every cluster.</summary>
    /// <exception cref="ArgumentNullException">Null.</exception>
    public static OptionDelete WithClusterName(string clusterName)
    {
        OptionChecks.NotNull(clusterName, "cluster name");
        return c => c.ClusterName = clusterName;
    }

    /// <summary>Go: <c>WithNameSrvAddr</c>.</summary>
    /// <exception cref="ArgumentException">Null, empty, or an address that is not host:port.</exception>
    public static OptionDelete WithNameSrvAddr(params string[] nameSrvAddr)
    {
        IReadOnlyList<string> addresses = [.. OptionChecks.NameServers(nameSrvAddr)];
        return c => c.NameSrvAddr = addresses;
    }

    private static void BrokerAddress(string? brokerAddr, [CallerArgumentExpression(nameof(brokerAddr))] string param = "", [CallerMemberName] string option = "")
    {
        OptionChecks.NotNull(brokerAddr, "broker address", param, option);
        OptionChecks.Require(brokerAddr.Length == 0 || IsHostPort(brokerAddr),
            $"broker address must be host:port (e.g. 127.0.0.1:10911) or empty, got '{brokerAddr}'", param, option);
    }

    private static bool IsHostPort(string address)
    {
        if (address.Contains("://", StringComparison.Ordinal))
        {
            return false;
        }

        try
        {
            NamesrvAddr.Verify(address);
            return true;
        }
        catch (MQClientException)
        {
            return false;
        }
    }
}
