using RocketMQ.Go.Port.Admin;
using RocketMQ.Go.Port.Broker;
using RocketMQ.Go.Port.Internal;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Remote;
using static RocketMQ.Go.Port.Admin.AdminOptions;

namespace RocketMQ.Go.Port.Tests;

/// <summary>An admin on a cluster whose brokers check ACL signatures.</summary>
public sealed class AclTests : AdminTestBase
{
    protected override EmbeddedClusterOptions ClusterOptions => new() { BrokerCount = 1, AclAccessKey = "RocketMQ", AclSecretKey = "12345678" };

    [Fact]
    public async Task WithCredentials_signs_admin_requests_and_without_them_the_broker_refuses()
    {
        var signed = NewAdmin(WithCredentials(new Credentials("RocketMQ", "12345678")));
        var anonymous = NewAdmin();
        var topic = Unique("acl");

        await signed.CreateTopic(WithTopicCreate(topic), WithWriteQueueNums(2), WithReadQueueNums(2));
        (await signed.FetchPublishMessageQueues(default, topic)).Should().HaveCount(2);

        var refused = () => anonymous.CreateTopic(WithTopicCreate(Unique("acl")));
        (await refused.Should().ThrowAsync<MQBrokerException>()).Which.ResponseCode.Should().Be(ResponseCode.NO_PERMISSION);
    }
}
