using System.IO.Compression;
using RocketMQ.Go.Port.Internal;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Producer;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Tests;

public class SendRequestTests
{
    private static ProducerOptions Options(params ProducerOption[] opts) => ProducerOptions.Build(opts);

    [Fact]
    public void A_single_message_goes_as_SEND_MESSAGE_V2_with_the_fields_java_sends()
    {
        var msg = new Message("WireTopic", "hello 0"u8.ToArray()).WithTag("TagA").WithKeys(["key-0"]);
        var wire = SendRequest.EncodeBatch([msg], ProducerOptions.DefaultMaxMessageSize);
        var cmd = SendRequest.Build(wire, new MessageQueue("WireTopic", "broker-a", 1), "harness_producer_group", Options());

        cmd.Code.Should().Be(RequestCode.SEND_MESSAGE_V2);
        var captured = WireCaptures.Frames("produce").First(f => f.Header.GetProperty("code").GetInt32() == RequestCode.SEND_MESSAGE_V2);
        var capturedKeys = captured.Header.GetProperty("extFields").EnumerateObject().Select(p => p.Name);
        cmd.ExtFields!.Keys.Should().BeEquivalentTo(capturedKeys);
        cmd.ExtFields["a"].Should().Be("harness_producer_group");
        cmd.ExtFields["b"].Should().Be("WireTopic");
        cmd.ExtFields["c"].Should().Be("TBW102");
        cmd.ExtFields["d"].Should().Be("4");
        cmd.ExtFields["e"].Should().Be("1");
        cmd.ExtFields["f"].Should().Be("0");
        long.Parse(cmd.ExtFields["g"]).Should().BeCloseTo(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), 5000);
        cmd.ExtFields["m"].Should().Be("false");
        cmd.ExtFields["n"].Should().Be("broker-a");
        cmd.ExtFields["i"].Should().Contain("TAGS\u0001TagA").And.Contain("KEYS\u0001key-0").And.Contain("UNIQ_KEY\u0001");
        cmd.Body.ToArray().Should().Equal(msg.Body);
        MessageClientId.GetUniqId(msg).Should().HaveLength(MessageClientId.CreateUniqId().Length);
    }

    [Fact]
    public void The_unique_key_is_kept_across_attempts()
    {
        var msg = new Message("T", [1]);
        SendRequest.EncodeBatch([msg], int.MaxValue);
        var id = MessageClientId.GetUniqId(msg);
        SendRequest.EncodeBatch([msg], int.MaxValue);
        MessageClientId.GetUniqId(msg).Should().Be(id);
    }

    [Fact]
    public void Bodies_over_the_threshold_are_zlib_compressed_at_the_configured_level_and_round_trip()
    {
        var body = Enumerable.Range(0, 6000).Select(i => (byte)('a' + (i % 7))).ToArray();
        var msg = new Message("T", body);
        var cmd = SendRequest.Build(msg, new MessageQueue("T", "b", 0), "g", Options(ProducerOptions.WithCompressLevel(9)));
        cmd.ExtFields!["f"].Should().Be("769", "compressed (0x1) with Java's zlib compression type (0x300)");
        cmd.Body.Length.Should().BeLessThan(body.Length / 4);
        using var zlib = new ZLibStream(new MemoryStream(cmd.Body.ToArray()), CompressionMode.Decompress);
        using var output = new MemoryStream();
        zlib.CopyTo(output);
        output.ToArray().Should().Equal(body);
        msg.Body.Should().BeSameAs(body, "the caller's body is left as is");
    }

    [Fact]
    public void A_compressed_body_carries_the_sys_flag_the_captured_java_client_sent()
    {
        var captured = WireCaptures.Frames("produce-compressed").First(f => f.Header.GetProperty("code").GetInt32() == RequestCode.SEND_MESSAGE_V2);
        var javaSysFlag = captured.Header.GetProperty("extFields").GetProperty("f").GetString();
        var msg = new Message("WireTopic", new byte[5000]).WithKeys(["zkey"]).WithTag("TagZ");
        var cmd = SendRequest.Build(msg, new MessageQueue("WireTopic", "broker-a", 0), "harness_producer_group", Options());
        cmd.ExtFields!["f"].Should().Be(javaSysFlag).And.Be("769");
    }

    [Fact]
    public void Bodies_under_the_threshold_and_batches_are_not_compressed()
    {
        var options = Options(ProducerOptions.WithCompressMsgBodyOverHowmuch(100));
        var small = new Message("T", new byte[99]);
        SendRequest.Build(small, new MessageQueue("T", "b", 0), "g", options).ExtFields!["f"].Should().Be("0");

        var batch = SendRequest.EncodeBatch([new Message("T", new byte[200]), new Message("T", new byte[200])], int.MaxValue);
        SendRequest.Build(batch, new MessageQueue("T", "b", 0), "g", options).ExtFields!["f"].Should().Be("0");
    }

    [Fact]
    public void A_batch_goes_as_SEND_BATCH_MESSAGE_and_each_message_has_its_own_id()
    {
        var msgs = Enumerable.Range(0, 3).Select(i => new Message("WireBatch", [(byte)i]).WithTag("TagB").WithProperty("WAIT", "true")).ToArray();
        var wire = SendRequest.EncodeBatch(msgs, int.MaxValue);
        var cmd = SendRequest.Build(wire, new MessageQueue("WireBatch", "broker-a", 3), "wire_batch_pg", Options());

        cmd.Code.Should().Be(RequestCode.SEND_BATCH_MESSAGE);
        cmd.ExtFields!["m"].Should().Be("true");
        cmd.ExtFields["i"].Should().Be("WAIT\u0001true", "as the captured Java batch");
        var decoded = MessageBatch.Decode(cmd.Body.Span);
        decoded.Select(m => m.Body[0]).Should().Equal(0, 1, 2);
        decoded.Select(MessageClientId.GetUniqId).Should().OnlyHaveUniqueItems().And.NotContain(string.Empty);
        decoded.Select(MessageClientId.GetUniqId).Should().Equal(msgs.Select(MessageClientId.GetUniqId));
    }

    [Fact]
    public void A_batch_over_the_size_limit_is_rejected_before_sending()
        => FluentActions.Invoking(() => SendRequest.EncodeBatch([new Message("T", new byte[600]), new Message("T", new byte[600])], 1000))
            .Should().Throw<ArgumentException>().WithMessage("*1000*");

    [Fact]
    public void Transactional_and_reply_messages_get_their_flag_and_code()
    {
        var half = new Message("T", [1]).WithProperty(PropertyKeys.TransactionPrepared, "true");
        SendRequest.Build(half, new MessageQueue("T", "b", 0), "g", Options()).ExtFields!["f"].Should().Be("4");

        var reply = new Message("C_REPLY_TOPIC", [1]).WithProperty(PropertyKeys.MsgType, "reply");
        SendRequest.Build(reply, new MessageQueue("C_REPLY_TOPIC", "b", 0), "g", Options()).Code.Should().Be(RequestCode.SEND_REPLY_MESSAGE_V2);
    }

    [Fact]
    public void The_namespace_is_put_in_front_once()
    {
        var msg = new Message("T", [1]);
        SendRequest.WrapNamespace([msg], "ns");
        SendRequest.WrapNamespace([msg], "ns");
        msg.Topic.Should().Be("ns%T");
    }

    [Fact]
    public void Go_defaults_hold()
    {
        var o = Options();
        o.GroupName.Should().Be("DEFAULT_PRODUCER");
        o.InstanceName.Should().Be("DEFAULT");
        o.RetryTimes.Should().Be(3);
        o.SendMsgTimeout.Should().Be(TimeSpan.FromSeconds(3));
        o.DefaultTopicQueueNums.Should().Be(4);
        o.CreateTopicKey.Should().Be("TBW102");
        o.CompressMsgBodyOverHowmuch.Should().Be(4096);
        o.CompressLevel.Should().Be(5);
        o.Selector.Should().BeOfType<RoundRobinQueueSelector>();
        o.Resolver.Should().BeOfType<HttpResolver>();
        o.RemotingClientOptions.ConnectionTimeout.Should().Be(TimeSpan.FromSeconds(15));
    }

    [Fact]
    public void Options_apply_in_order()
    {
        var tap = new Interceptor((c, r, p, n) => n(c, r, p));
        var o = Options(
            ProducerOptions.WithGroupName("g1"), ProducerOptions.WithGroupName(""), ProducerOptions.WithInstanceName("i"),
            ProducerOptions.WithNamespace("ns"), ProducerOptions.WithNameServer("127.0.0.1:9876;127.0.0.2:9876"),
            ProducerOptions.WithRetry(0), ProducerOptions.WithSendMsgTimeout(TimeSpan.FromMilliseconds(700)),
            ProducerOptions.WithQueueSelector(QueueSelectors.NewHashQueueSelector()), ProducerOptions.WithVIPChannel(true),
            ProducerOptions.WithCredentials(new Credentials("ak", "sk")), ProducerOptions.WithTls(true),
            ProducerOptions.WithRemotingTimeout(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3)),
            ProducerOptions.WithDefaultTopicQueueNums(8), ProducerOptions.WithCreateTopicKey("TPL"),
            ProducerOptions.WithCompressMsgBodyOverHowmuch(10), ProducerOptions.WithCompressLevel(1),
            ProducerOptions.WithInterceptor(tap), ProducerOptions.WithUnitName(" u1 "));
        o.GroupName.Should().Be("g1");
        o.InstanceName.Should().Be("i");
        o.Namespace.Should().Be("ns");
        o.Resolver.Should().BeOfType<PassthroughResolver>();
        o.Client.NameServerAddrs.Should().Equal("127.0.0.1:9876", "127.0.0.2:9876");
        o.RetryTimes.Should().Be(0);
        o.SendMsgTimeout.Should().Be(TimeSpan.FromMilliseconds(700));
        o.Selector.Should().BeOfType<HashQueueSelector>();
        o.VIPChannelEnabled.Should().BeTrue();
        o.Credentials.Should().Be(new Credentials("ak", "sk"));
        o.RemotingClientOptions.UseTls.Should().BeTrue();
        o.RemotingClientOptions.ConnectionTimeout.Should().Be(TimeSpan.FromSeconds(1));
        o.DefaultTopicQueueNums.Should().Be(8);
        o.CreateTopicKey.Should().Be("TPL");
        o.CompressMsgBodyOverHowmuch.Should().Be(10);
        o.CompressLevel.Should().Be(1);
        o.Interceptors.Should().Equal(tap);
        o.UnitName.Should().Be("u1");

        var domain = Options(ProducerOptions.WithUnitName("u2"), ProducerOptions.WithNameServerDomain("http://ns.example/addr"));
        ((HttpResolver)domain.Resolver!).Domain.Should().Be("http://ns.example/addr-u2?nofix=1");
    }
}
