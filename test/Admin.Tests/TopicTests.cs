using RocketMQ.Go.Port.Admin;
using RocketMQ.Go.Port.Primitive;
using static RocketMQ.Go.Port.Admin.AdminOptions;

namespace RocketMQ.Go.Port.Tests;

/// <summary>Topic administration against an embedded two-broker cluster.</summary>
public sealed class TopicTests : AdminTestBase
{
    [Fact]
    public async Task CreateTopic_without_a_broker_creates_it_on_every_master_with_the_asked_queue_count()
    {
        var admin = NewAdmin();
        var topic = Unique("created");

        await admin.CreateTopic(WithTopicCreate(topic), WithReadQueueNums(3), WithWriteQueueNums(3));

        var queues = await admin.FetchPublishMessageQueues(default, topic);
        queues.Should().HaveCount(6);
        queues.Select(q => q.BrokerName).Distinct().Should().BeEquivalentTo(Cluster.BrokerNames);
        queues.Select(q => q.QueueId).Distinct().Should().BeEquivalentTo([0, 1, 2]);
        (await admin.FetchClusterList(topic)).Should().Equal("DefaultCluster");
    }

    [Fact]
    public async Task CreateTopic_on_one_broker_only_routes_to_that_broker()
    {
        var admin = NewAdmin();
        var topic = Unique("one");

        await admin.CreateTopic(default, WithTopicCreate(topic), WithBrokerAddrCreate(Cluster.BrokerAddresses[1]), WithWriteQueueNums(2), WithReadQueueNums(2));

        var queues = await admin.FetchPublishMessageQueues(default, topic);
        queues.Should().BeEquivalentTo([new MessageQueue(topic, Cluster.BrokerNames[1], 0), new MessageQueue(topic, Cluster.BrokerNames[1], 1)]);
    }

    [Fact]
    public async Task Producers_use_exactly_the_queues_the_admin_created()
    {
        var admin = NewAdmin();
        var topic = Unique("used");
        await admin.CreateTopic(WithTopicCreate(topic), WithReadQueueNums(3), WithWriteQueueNums(3));

        var results = await Send(topic, 24);

        // Round robin over 2 brokers x 3 queues: every created queue gets 4 messages, no other queue any.
        results.GroupBy(r => r.MessageQueue).Should().HaveCount(6).And.OnlyContain(g => g.Count() == 4);
        results.Select(r => r.MessageQueue!.QueueId).Should().OnlyContain(id => id < 3);
    }

    [Fact]
    public async Task FetchAllTopicList_lists_created_topics_and_DeleteTopic_removes_them_everywhere()
    {
        var admin = NewAdmin();
        var kept = Unique("kept");
        var gone = Unique("gone");
        await admin.CreateTopic(WithTopicCreate(kept));
        await admin.CreateTopic(WithTopicCreate(gone));
        (await admin.FetchAllTopicList(default)).Topics.Should().Contain([kept, gone]);

        await admin.DeleteTopic(WithTopicDelete(gone));

        (await admin.FetchAllTopicList(default)).Topics.Should().Contain(kept).And.NotContain(gone);
        var lookup = () => admin.FetchPublishMessageQueues(default, gone);
        (await lookup.Should().ThrowAsync<TopicNotExistException>()).Which.Topic.Should().Be(gone);
        (await admin.FetchPublishMessageQueues(default, kept)).Should().HaveCount(16);
    }

    [Fact]
    public async Task DeleteTopic_with_a_broker_and_name_server_given_deletes_only_there()
    {
        var admin = NewAdmin();
        var topic = Unique("partial");
        await admin.CreateTopic(WithTopicCreate(topic), WithWriteQueueNums(2), WithReadQueueNums(2));

        await admin.DeleteTopic(WithTopicDelete(topic), WithBrokerAddrDelete(Cluster.BrokerAddresses[0]), WithNameSrvAddr(Cluster.NameServerAddresses[0]),
            WithClusterName("DefaultCluster"));

        // The name server dropped the whole route; only broker 0 deleted its topic config.
        await FluentActions.Awaiting(() => admin.FetchPublishMessageQueues(default, topic)).Should().ThrowAsync<TopicNotExistException>();
        (await TopicConfigs(Cluster.BrokerAddresses[0])).Should().NotContain(topic);
        (await TopicConfigs(Cluster.BrokerAddresses[1])).Should().Contain(topic);
    }

    private async Task<string> TopicConfigs(string brokerAddr)
        => System.Text.Encoding.UTF8.GetString((await Raw(brokerAddr, Internal.RequestCode.GET_ALL_TOPIC_CONFIG)).Body.Span);

    [Fact]
    public async Task DeleteTopic_of_an_unknown_topic_names_it()
    {
        var admin = NewAdmin();
        var topic = Unique("never");

        var delete = () => admin.DeleteTopic(WithTopicDelete(topic));

        var error = (await delete.Should().ThrowAsync<TopicNotExistException>()).Which;
        error.Topic.Should().Be(topic);
        error.Message.Should().Contain(topic).And.Contain("does not exist");
        error.Code.Should().Be(ClientErrors.ErrTopicNotExist);
    }

    [Fact]
    public async Task The_route_of_an_unknown_topic_says_which_name_server_answered_that_it_does_not_exist()
    {
        var admin = NewAdmin();
        var topic = Unique("never");

        var fetch = () => admin.FetchPublishMessageQueues(default, topic);

        var error = (await fetch.Should().ThrowAsync<TopicNotExistException>()).Which;
        error.Description.Should().StartWith($"topic {topic} does not exist: name server {Cluster.NameServerAddress} has no route for it (");
        error.InnerException.Should().BeOfType<MQClientException>("the name server's answer is kept as the cause");
    }

    [Fact]
    public async Task GetBrokerClusterInfo_lists_every_broker_of_the_cluster()
    {
        var admin = NewAdmin();

        var info = await admin.GetBrokerClusterInfo(default);

        info.Clusters.Should().ContainKey("DefaultCluster").WhoseValue.Should().BeEquivalentTo(Cluster.BrokerNames);
        info.Brokers.Values.Select(b => b.MasterAddr).Should().BeEquivalentTo(Cluster.BrokerAddresses);
    }

    [Fact]
    public async Task A_namespace_prefixes_created_topics_and_lookups()
    {
        var admin = NewAdmin(WithNamespace("ns1"));
        var topic = Unique("spaced");

        await admin.CreateTopic(WithTopicCreate(topic), WithWriteQueueNums(1), WithReadQueueNums(1));

        (await admin.FetchAllTopicList(default)).Topics.Should().Contain("ns1%" + topic).And.NotContain(topic);
        (await admin.FetchPublishMessageQueues(default, topic)).Should().OnlyContain(q => q.Topic == "ns1%" + topic).And.HaveCount(2);
    }

    [Fact]
    public async Task Invalid_topics_are_refused_before_anything_is_sent()
    {
        var admin = NewAdmin();

        // The options refuse bad names and counts themselves (AdminOptionValidationTests); CreateTopic checks what they cannot.
        await FluentActions.Awaiting(() => admin.CreateTopic()).Should().ThrowAsync<MQClientException>().WithMessage("*blank*");
        await FluentActions.Awaiting(() => admin.CreateTopic(c => c.Topic = "bad topic")).Should().ThrowAsync<MQClientException>().WithMessage("*illegal*");
        await FluentActions.Awaiting(() => admin.CreateTopic(WithTopicCreate("TBW102"))).Should().ThrowAsync<MQClientException>().WithMessage("*system topic*");
        await FluentActions.Awaiting(() => admin.CreateTopic(WithTopicCreate(Unique("q")), c => c.WriteQueueNums = 0)).Should().ThrowAsync<MQClientException>()
            .WithMessage("*at least one*");
    }

    [Fact]
    public async Task A_down_broker_gives_a_typed_error_naming_it()
    {
        var admin = NewAdmin();
        var dead = $"127.0.0.1:{ClosedPort()}";

        var create = () => admin.CreateTopic(WithTopicCreate(Unique("x")), WithBrokerAddrCreate(dead));

        var error = (await create.Should().ThrowAsync<BrokerNotAvailableException>()).Which;
        error.Address.Should().Be(dead);
        error.Message.Should().Contain("create topic").And.Contain(dead);
    }

    [Fact]
    public async Task Down_name_servers_give_a_typed_error()
    {
        var admin = NewAdmin(WithNameServer($"127.0.0.1:{ClosedPort()}"));

        var list = () => admin.FetchAllTopicList(default);

        (await list.Should().ThrowAsync<BrokerNotAvailableException>()).Which.Message.Should().Contain("fetch all topic list");
    }

    [Fact]
    public async Task A_closed_admin_refuses_calls()
    {
        var admin = NewAdmin();
        await admin.Close();
        await admin.Close();

        var list = () => admin.FetchAllTopicList(default);

        (await list.Should().ThrowAsync<MQClientException>()).Which.Code.Should().Be(ClientErrors.ErrService);
    }
}
