using System.Text;
using RocketMQ.Go.Port.Internal;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Tests;

public class HeartbeatTests
{
    [Fact]
    public void Every_captured_heartbeat_decodes_and_re_encodes_to_the_java_clients_exact_bytes()
    {
        var beats = CaptureExchanges.WithCode(RequestCode.HEART_BEAT).ToList();
        beats.Should().HaveCountGreaterThan(20);
        foreach (var beat in beats)
        {
            var data = HeartbeatData.Decode(beat.Request.Body.Span);
            data.ClientID.Should().StartWith("192.0.2.2@");
            data.ProducerDataSet.Should().Contain(new ProducerData("CLIENT_INNER_PRODUCER"));
            var consumer = data.ConsumerDataSet.Should().ContainSingle().Subject;
            consumer.ConsumeType.Should().Be(ConsumerData.ConsumePassively);
            consumer.MessageModel.Should().Be(ConsumerData.Clustering);
            consumer.SubscriptionDataSet.Should().Contain(s => s.Topic == Constants.GetRetryTopic(consumer.GroupName) && s.SubString == "*");
            data.Encode().Should().Equal(beat.Request.Body.ToArray(), beat.ToString());
        }
    }

    [Fact]
    public void A_heartbeat_built_like_the_java_client_encodes_to_the_captured_body()
    {
        var captured = CaptureExchanges.Of("status").First(e => e.Code == RequestCode.HEART_BEAT);
        var capturedData = HeartbeatData.Decode(captured.Request.Body.Span);
        var subVersions = capturedData.ConsumerDataSet[0].SubscriptionDataSet.Select(s => s.SubVersion).ToArray();

        var data = HeartbeatData.Create("192.0.2.2@25269#1402002557378");
        data.ConsumerDataSet.Add(new ConsumerData
        {
            GroupName = "wire_status_cg",
            ConsumeType = ConsumerData.ConsumePassively,
            MessageModel = ConsumerData.Clustering,
            ConsumeFromWhere = ConsumerData.ConsumeFromLastOffset,
            SubscriptionDataSet =
            [
                SubscriptionData.Build("WireStatus", "TagS || TagT", subVersion: subVersions[0]),
                SubscriptionData.Build(Constants.GetRetryTopic("wire_status_cg"), "*", subVersion: subVersions[1]),
            ],
        });
        data.ProducerDataSet.Add(new ProducerData(Constants.ClientInnerProducerGroup));

        Encoding.UTF8.GetString(data.Encode()).Should().Be(captured.RequestFrame.BodyText,
            "tags and codes come out in Java HashSet order (TagT before TagS), fields alphabetically");
    }

    [Fact]
    public void Tag_expressions_split_trim_and_hash_like_java()
    {
        var sub = SubscriptionData.Build("T", " TagA ||  || TagB||TagA ");
        sub.SubString.Should().Be(" TagA ||  || TagB||TagA ");
        sub.Tags.Should().BeEquivalentTo("TagA", "TagB");
        sub.Codes.Should().BeEquivalentTo([JavaHash.StringHashCode("TagA"), JavaHash.StringHashCode("TagB")]);
        sub.Codes.Should().Contain(2598919, "TagA's Java hashCode");
        sub.ExpType.Should().Be("TAG");
        sub.IsSubscribeAll.Should().BeFalse();

        foreach (var all in new[] { null, "", "*" })
        {
            var everything = SubscriptionData.Build("T", all);
            everything.SubString.Should().Be("*");
            everything.Tags.Should().BeEmpty();
            everything.Codes.Should().BeEmpty();
            everything.IsSubscribeAll.Should().BeTrue();
        }

        var sql = SubscriptionData.Build("T", "a > 1 || b", SubscriptionData.ExpressionTypeSql92);
        sql.Tags.Should().BeEmpty("SQL92 expressions are not split into tags");
        ((Action)(() => SubscriptionData.Build("T", "", SubscriptionData.ExpressionTypeSql92))).Should().Throw<MQClientException>();
    }

    [Fact]
    public void Sets_are_written_in_java_hash_set_order_even_after_a_resize()
    {
        // 13 tags force Java's table from 16 to 32 buckets; the order must follow the larger table.
        var tags = Enumerable.Range(0, 13).Select(i => "Tag" + (char)('A' + i)).ToList();
        var ordered = JavaHashSetOrder.Order(tags, t => JavaHash.StringHashCode(t));
        ordered.Should().BeEquivalentTo(tags);
        ordered.Select(t => Bucket(JavaHash.StringHashCode(t), 32)).Should().BeInAscendingOrder();
        JavaHashSetOrder.Order([2598937, 2598938], c => c).Should().Equal(2598938, 2598937);
    }

    [Fact]
    public void A_heartbeat_with_a_producer_only_round_trips()
    {
        var data = HeartbeatData.Create("c1");
        data.ProducerDataSet.Add(new ProducerData("pg"));
        Encoding.UTF8.GetString(data.Encode()).Should().Be("""{"clientID":"c1","consumerDataSet":[],"producerDataSet":[{"groupName":"pg"}]}""");
        var back = HeartbeatData.Decode(data.Encode());
        back.ProducerDataSet.Should().Equal(new ProducerData("pg"));
        back.ConsumerDataSet.Should().BeEmpty();
    }

    private static int Bucket(int h, int capacity) => (h ^ (int)((uint)h >> 16)) & (capacity - 1);
}
