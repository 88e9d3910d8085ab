using System.IO.Compression;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using RocketMQ.Go.Port.Internal;
using RocketMQ.Go.Port.Internal.Utils;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Tests;

public class UtilsTests
{
    [Theory]
    [InlineData("WireTopic")]
    [InlineData("Wire_Topic-1")]
    [InlineData("%RETRY%wire_cg")]
    [InlineData("a|b")]
    public void Legal_names_pass(string name)
    {
        Validators.ValidateTopic(name);
        Validators.ValidateGroup(name);
    }

    [Theory]
    [InlineData(null, "*the specified consumerGroup is blank")]
    [InlineData("", "*the specified consumerGroup is blank")]
    [InlineData("  ", "*the specified consumerGroup is blank")]
    [InlineData("has space", "*the specified consumerGroup[has space] contains illegal characters, allowing only ^[%|a-zA-Z0-9_-]+$")]
    [InlineData("dot.ted", "*the specified consumerGroup[dot.ted] contains illegal characters*")]
    [InlineData("ü", "*illegal characters*")]
    public void Illegal_groups_fail_naming_the_field(string? group, string message)
    {
        var act = () => Validators.ValidateGroup(group, "consumerGroup");
        act.Should().Throw<MQClientException>().WithMessage(message);
    }

    [Fact]
    public void Length_limits_are_127_for_topics_and_255_for_groups()
    {
        Validators.ValidateTopic(new string('t', 127));
        ((Action)(() => Validators.ValidateTopic(new string('t', 128)))).Should().Throw<MQClientException>().WithMessage("*the specified topic is longer than topic max length 127*");
        Validators.ValidateGroup(new string('g', 255));
        ((Action)(() => Validators.ValidateGroup(new string('g', 256), "producerGroup"))).Should().Throw<MQClientException>().WithMessage("*the specified producerGroup is longer than group max length 255*");
    }

    [Fact]
    public void Reserved_topics_are_refused_where_java_refuses_them()
    {
        ((Action)(() => Validators.ValidateSendTopic("SCHEDULE_TOPIC_XXXX"))).Should().Throw<MQClientException>().WithMessage("*SCHEDULE_TOPIC_XXXX*forbidden*");
        ((Action)(() => Validators.ValidateSendTopic("RMQ_SYS_TRANS_HALF_TOPIC"))).Should().Throw<MQClientException>();
        Validators.ValidateSendTopic("TBW102"); // Java lets a producer send to the template topic
        ((Action)(() => Validators.ValidateNotSystemTopic("TBW102"))).Should().Throw<MQClientException>().WithMessage("*TBW102*system topic*");
        ((Action)(() => Validators.ValidateNotSystemTopic("rmq_sys_anything"))).Should().Throw<MQClientException>();
        Validators.ValidateNotSystemTopic("WireTopic");
        Constants.IsSystemTopic(Constants.TraceTopic).Should().BeTrue();
    }

    [Theory]
    [InlineData("ns", "topic", "ns%topic")]
    [InlineData("ns", "%RETRY%group", "%RETRY%ns%group")]
    [InlineData("ns", "%DLQ%group", "%DLQ%ns%group")]
    [InlineData("ns", "ns%topic", "ns%topic")]
    [InlineData("ns", "%RETRY%ns%group", "%RETRY%ns%group")]
    [InlineData("ns", "other%topic", "ns%other%topic")]
    [InlineData("ns", "TBW102", "TBW102")]
    [InlineData("ns", "CID_RMQ_SYS_TRANS", "CID_RMQ_SYS_TRANS")]
    [InlineData("", "topic", "topic")]
    [InlineData(null, "topic", "topic")]
    [InlineData("ns", "", "")]
    public void Wrap_namespace_puts_it_after_retry_and_dlq_prefixes(string? ns, string resource, string expected)
        => Namespace.WrapNamespace(ns, resource).Should().Be(expected);

    [Theory]
    [InlineData("ns%topic", "topic")]
    [InlineData("%RETRY%ns%group", "%RETRY%group")]
    [InlineData("%DLQ%ns%group", "%DLQ%group")]
    [InlineData("topic", "topic")]
    [InlineData("%RETRY%group", "%RETRY%group")]
    [InlineData("SCHEDULE_TOPIC_XXXX", "SCHEDULE_TOPIC_XXXX")]
    [InlineData("", "")]
    public void Without_namespace_strips_it_and_keeps_the_prefix(string resource, string expected)
        => Namespace.WithoutNamespace(resource).Should().Be(expected);

    [Fact]
    public void Namespace_wrap_and_unwrap_round_trip_for_any_legal_names()
    {
        var name = Gen.Elements("a", "B", "0", "_", "-", "|").NonEmptyListOf().Select(cs => string.Concat(cs));
        Prop.ForAll(name.ToArbitrary(), name.ToArbitrary(), Gen.Elements("", "%RETRY%", "%DLQ%").ToArbitrary(), (ns, resource, prefix) =>
        {
            var wrapped = Namespace.WrapNamespace(ns, prefix + resource);
            return wrapped == prefix + ns + "%" + resource
                && Namespace.WithoutNamespace(wrapped) == prefix + resource
                && Namespace.WithoutNamespace(wrapped, ns) == prefix + resource
                && Namespace.GetNamespaceFromResource(wrapped) == ns
                && Namespace.IsAlreadyWithNamespace(wrapped, ns)
                && Namespace.WrapNamespace(ns, wrapped) == wrapped;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Without_a_given_namespace_only_strips_that_namespace()
    {
        Namespace.WithoutNamespace("ns%topic", "other").Should().Be("ns%topic");
        Namespace.WithoutNamespace("%RETRY%ns%g", "ns").Should().Be("%RETRY%g");
        Namespace.WrapNamespaceAndRetry("ns", "g").Should().Be("%RETRY%ns%g");
    }

    [Theory]
    [InlineData(0, "---")]
    [InlineData(Perm.Read, "R--")]
    [InlineData(Perm.Read | Perm.Write, "RW-")]
    [InlineData(Perm.Read | Perm.Write | Perm.Inherit, "RWX")]
    [InlineData(Perm.Priority | Perm.Write, "-W-")]
    public void Perm_bits_and_text(int perm, string text)
    {
        Perm.ToString(perm).Should().Be(text);
        Perm.IsReadable(perm).Should().Be(text[0] == 'R');
        Perm.IsWriteable(perm).Should().Be(text[1] == 'W');
        Perm.IsInherited(perm).Should().Be(text[2] == 'X');
    }

    [Fact]
    public void The_announced_version_is_V4_9_8_as_the_java_client_sends()
    {
        MQVersion.Current.Should().Be(409).And.Be(RemotingCommand.CurrentVersion);
        MQVersion.GetVersionDesc(MQVersion.Current).Should().Be("V4_9_8");
    }

    // Numbers and names from Java's MQVersion.Version (its ordinals); the edges of each run of its table included.
    [Theory]
    [InlineData(0, "V3_0_0_SNAPSHOT")]
    [InlineData(7, "V3_0_0_BETA6_SNAPSHOT")]
    [InlineData(15, "V3_0_0_FINAL")]
    [InlineData(16, "V3_0_1_SNAPSHOT")]
    [InlineData(45, "V3_0_15")]
    [InlineData(46, "V3_1_0_SNAPSHOT")]
    [InlineData(85, "V3_2_9")]
    [InlineData(86, "V3_3_1_SNAPSHOT")]
    [InlineData(211, "V3_9_9")]
    [InlineData(212, "V4_0_0_SNAPSHOT")]
    [InlineData(273, "V4_3_0")]
    [InlineData(317, "V4_5_2")]
    [InlineData(409, "V4_9_8")]
    [InlineData(413, "V5_0_0")]
    [InlineData(473, "V5_3_0")]
    [InlineData(611, "V5_9_9")]
    [InlineData(612, "HIGHER_VERSION")]
    [InlineData(100_000, "HIGHER_VERSION")]
    public void Version_numbers_read_as_javas_names(int number, string name)
        => MQVersion.GetVersionDesc(number).Should().Be(name);

    [Fact]
    public void Retry_dlq_and_reply_topics()
    {
        Constants.GetRetryTopic("g").Should().Be("%RETRY%g");
        Constants.GetRetryTopic("%RETRY%g").Should().Be("%RETRY%g");
        Constants.GetDlqTopic("g").Should().Be("%DLQ%g");
        Constants.GetReplyTopic("DefaultCluster").Should().Be("DefaultCluster_REPLY_TOPIC");
        Constants.IsRetryTopic("%RETRY%g").Should().BeTrue();
        Constants.IsDlqTopic("%RETRY%g").Should().BeFalse();
    }

    [Fact]
    public void The_captured_compressed_body_decompresses_to_the_5000_bytes_the_consumer_printed()
    {
        var send = CaptureExchanges.Of("produce-compressed").Single(e => e.Code == RequestCode.SEND_MESSAGE_V2);
        (SendMessageRequestHeader.DecodeV2(send.Request.ExtFields).SysFlag & 1).Should().Be(1, "the body is flagged as compressed");
        var body = Compression.Decompress(send.Request.Body.Span);
        body.Should().HaveCount(5000);
        var printed = WireCaptures.Expected("consume").First(l => l.Contains("bodyLen=5000")).Split("body=")[1].TrimEnd('.');
        Encoding.UTF8.GetString(body).Should().StartWith(printed);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(9)]
    public void Compression_writes_zlib_streams_that_round_trip(int level)
    {
        var raw = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("hello rocketmq ", 400)));
        var packed = Compression.Compress(raw, level);
        packed.Length.Should().BeLessThan(raw.Length / 4);
        packed[0].Should().Be(0x78, "a zlib header, not raw deflate");
        Compression.Decompress(packed).Should().Equal(raw);
        using var check = new ZLibStream(new MemoryStream(packed), CompressionMode.Decompress);
        using var copy = new MemoryStream();
        check.CopyTo(copy);
        copy.ToArray().Should().Equal(raw);
    }

    [Fact]
    public void Bad_levels_and_corrupt_bodies_are_reported()
    {
        ((Action)(() => Compression.Compress([1, 2, 3], 0))).Should().Throw<MQClientException>().WithMessage("*compress level 0*");
        ((Action)(() => Compression.Compress([1, 2, 3], 10))).Should().Throw<MQClientException>();
        var rawDeflate = new MemoryStream();
        using (var deflate = new DeflateStream(rawDeflate, CompressionLevel.Optimal, leaveOpen: true))
        {
            deflate.Write("not zlib"u8);
        }

        ((Action)(() => Compression.Decompress(rawDeflate.ToArray()))).Should().Throw<RocketMQException>().WithMessage("*not a valid zlib stream*");
        Compression.TryDecompress("plain text"u8, out var result).Should().BeFalse();
        result.Should().BeEmpty();
    }
}
