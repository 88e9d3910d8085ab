using RocketMQ.Go.Port.Admin;

namespace RocketMQ.Go.Port.Tests;

/// <summary>Every admin option, and every topic create/delete option, refuses a bad argument naming itself.</summary>
public sealed class AdminOptionValidationTests
{
    private static readonly Type Range = typeof(ArgumentOutOfRangeException);
    private static readonly Type Null = typeof(ArgumentNullException);
    private static readonly Type Bad = typeof(ArgumentException);
    private const string IllegalTopic = "contains illegal characters, allowing only ^[%|a-zA-Z0-9_-]+$";

    private static IEnumerable<BadOption> AdminRows => ClientOptionRows.For(typeof(AdminOptions), null, "WithResolver", full: false).Append(
        new("WithRequestTimeout", "0", () => AdminOptions.WithRequestTimeout(TimeSpan.Zero), Range,
            "WithRequestTimeout: request timeout must be > 0 and at most 2147483647 ms, got 0 ms", "timeout"));

    private static IEnumerable<BadOption> CreateRows =>
    [
        new("WithTopicCreate", "\"\"", () => AdminOptions.WithTopicCreate(""), Bad, "WithTopicCreate: the specified topic is blank", "topic"),
        new("WithTopicCreate", "\"a b\"", () => AdminOptions.WithTopicCreate("a b"), Bad, $"WithTopicCreate: the specified topic[a b] {IllegalTopic}", "topic"),
        new("WithBrokerAddrCreate", "null", () => AdminOptions.WithBrokerAddrCreate(null!), Null,
            "WithBrokerAddrCreate: broker address must not be null", "brokerAddr"),
        new("WithBrokerAddrCreate", "\"broker-a\"", () => AdminOptions.WithBrokerAddrCreate("broker-a"), Range,
            "WithBrokerAddrCreate: broker address must be host:port (e.g. 127.0.0.1:10911) or empty, got 'broker-a'", "brokerAddr"),
        new("WithReadQueueNums", "0", () => AdminOptions.WithReadQueueNums(0), Range, "WithReadQueueNums: read queue count must be >= 1, got 0", "readQueueNums"),
        new("WithWriteQueueNums", "-1", () => AdminOptions.WithWriteQueueNums(-1), Range, "WithWriteQueueNums: write queue count must be >= 1, got -1", "writeQueueNums"),
        new("WithPerm", "8", () => AdminOptions.WithPerm(8), Range, "WithPerm: permission (2 write, 4 read, 6 both) must be in [0, 7], got 8", "perm"),
        new("WithTopicFilterType", "\"TAGS\"", () => AdminOptions.WithTopicFilterType("TAGS"), Range,
            "WithTopicFilterType: filter type must be SINGLE_TAG or MULTI_TAG, got 'TAGS'", "topicFilterType"),
        new("WithTopicFilterType", "null", () => AdminOptions.WithTopicFilterType(null!), Null,
            "WithTopicFilterType: filter type must not be null", "topicFilterType"),
        new("WithTopicSysFlag", "-1", () => AdminOptions.WithTopicSysFlag(-1), Range, "WithTopicSysFlag: topic system flag must be >= 0, got -1", "topicSysFlag"),
    ];

    private static IEnumerable<BadOption> DeleteRows =>
    [
        new("WithTopicDelete", "null", () => AdminOptions.WithTopicDelete(null!), Null, "WithTopicDelete: topic must not be null", "topic"),
        new("WithTopicDelete", "\"a/b\"", () => AdminOptions.WithTopicDelete("a/b"), Bad, $"WithTopicDelete: the specified topic[a/b] {IllegalTopic}", "topic"),
        new("WithBrokerAddrDelete", "\"10.0.0.1\"", () => AdminOptions.WithBrokerAddrDelete("10.0.0.1"), Range,
            "WithBrokerAddrDelete: broker address must be host:port (e.g. 127.0.0.1:10911) or empty, got '10.0.0.1'", "brokerAddr"),
        new("WithClusterName", "null", () => AdminOptions.WithClusterName(null!), Null, "WithClusterName: cluster name must not be null", "clusterName"),
        new("WithNameSrvAddr", "null", () => AdminOptions.WithNameSrvAddr(null!), Null,
            "WithNameSrvAddr: name server address list must not be null", "nameSrvAddr"),
        new("WithNameSrvAddr", "\"ns:x\"", () => AdminOptions.WithNameSrvAddr("ns:x"), Bad,
            "WithNameSrvAddr: 'ns:x' has an invalid port; give \"host:port\" (e.g. 127.0.0.1:9876), several separated by ';'", "nameSrvAddr"),
    ];

    public static TheoryData<BadOption> Cases => OptionTable.Data(AdminRows.Concat(CreateRows).Concat(DeleteRows));

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_bad_argument_is_refused_by_the_option_naming_itself(BadOption row) => row.AssertRejected();

    [Fact]
    public void The_tables_cover_every_admin_option()
    {
        OptionTable.CoversEveryOption(typeof(AdminOptions), typeof(AdminOption), AdminRows, ["WithTls", "WithLoggerFactory"]);
        OptionTable.CoversEveryOption(typeof(AdminOptions), typeof(OptionCreate), CreateRows, ["WithOrder"]);
        OptionTable.CoversEveryOption(typeof(AdminOptions), typeof(OptionDelete), DeleteRows, []);
    }

    [Fact]
    public void Empty_broker_and_cluster_mean_all_of_them()
    {
        var create = new TopicConfigCreate();
        AdminOptions.WithBrokerAddrCreate("")(create);
        AdminOptions.WithPerm(0)(create);
        create.BrokerAddr.Should().BeEmpty();
        var delete = new TopicConfigDelete();
        AdminOptions.WithBrokerAddrDelete("")(delete);
        AdminOptions.WithClusterName("")(delete);
        AdminOptions.WithNameSrvAddr("127.0.0.1:9876;127.0.0.2:9876")(delete);
        delete.NameSrvAddr.Should().Equal("127.0.0.1:9876", "127.0.0.2:9876");
    }
}
