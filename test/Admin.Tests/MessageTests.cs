using System.Text;
using RocketMQ.Go.Port.Admin;
using RocketMQ.Go.Port.Primitive;

namespace RocketMQ.Go.Port.Tests;

/// <summary>Message lookups by key and id.</summary>
public sealed class MessageTests : AdminTestBase
{
    [Fact]
    public async Task QueryMessageByKey_finds_the_messages_carrying_the_key_on_any_broker()
    {
        var admin = NewAdmin();
        var topic = await NewTopic(2);
        await Send(topic, 3, "other", keys: "order-1");
        var sent = await Send(topic, 4, "wanted", keys: "order-2 customer-9");

        var result = await admin.QueryMessageByKey(default, topic, "customer-9");

        result.Messages.Select(Text).Should().BeEquivalentTo(["wanted-0", "wanted-1", "wanted-2", "wanted-3"]);
        result.Messages.Select(m => m.MsgId).Should().BeEquivalentTo(sent.Select(r => r.MsgID));
        result.Messages.Select(m => m.StoreHost).Distinct().Should().HaveCount(2, "round robin spread the 4 messages over both brokers");
        result.IndexLastUpdateTimestamp.Should().BeGreaterThan(0);
        (await admin.QueryMessageByKey(default, topic, "order-3")).Messages.Should().BeEmpty();
    }

    [Fact]
    public async Task QueryMessageByKey_honours_the_time_range()
    {
        var admin = NewAdmin();
        var topic = await NewTopic(2);
        await Send(topic, 2, "early", keys: "k");

        var future = DateTimeOffset.UtcNow.AddHours(1);

        (await admin.QueryMessageByKey(default, topic, "k", begin: future)).Messages.Should().BeEmpty();
        (await admin.QueryMessageByKey(default, topic, "k", end: future)).Messages.Should().HaveCount(2);
    }

    [Fact]
    public async Task ViewMessageById_reads_a_message_by_its_offset_id()
    {
        var admin = NewAdmin();
        var topic = await NewTopic(2);
        var sent = await Send(topic, 3, "v");

        var msg = await admin.ViewMessageById(default, sent[1].OffsetMsgID);

        Text(msg).Should().Be("v-1");
        msg.OffsetMsgId.Should().Be(sent[1].OffsetMsgID);
        msg.Topic.Should().Be(topic);
        msg.QueueOffset.Should().Be(sent[1].QueueOffset);
    }

    [Fact]
    public async Task ViewMessageById_with_a_topic_finds_a_unique_message_id()
    {
        var admin = NewAdmin();
        var topic = await NewTopic(2);
        var sent = await Send(topic, 3, "u");

        var msg = await admin.ViewMessageById(default, sent[2].MsgID, topic);

        Text(msg).Should().Be("u-2");
        msg.MsgId.Should().Be(sent[2].MsgID);
    }

    [Fact]
    public async Task Unknown_ids_give_typed_errors()
    {
        var admin = NewAdmin();
        var topic = await NewTopic(2);
        var sent = await Send(topic, 1, "x");
        var real = MessageId.Parse(sent[0].OffsetMsgID);
        var beyond = MessageId.Create(real.EndPoint, real.Offset + 1_000_000);

        await FluentActions.Awaiting(() => admin.ViewMessageById(default, beyond)).Should().ThrowAsync<MessageNotFoundException>().WithMessage($"*{beyond}*");
        await FluentActions.Awaiting(() => admin.ViewMessageById(default, "0123456789ABCDEF0123456789ABCDEF", topic)).Should().ThrowAsync<MessageNotFoundException>();
        await FluentActions.Awaiting(() => admin.ViewMessageById(default, "not-an-id")).Should().ThrowAsync<MQClientException>().WithMessage("*not an offset message id*");
        await FluentActions.Awaiting(() => admin.QueryMessageByKey(default, Unique("nope"), "k")).Should().ThrowAsync<TopicNotExistException>();
    }

    private static string Text(MessageExt m) => Encoding.UTF8.GetString(m.Body);
}
