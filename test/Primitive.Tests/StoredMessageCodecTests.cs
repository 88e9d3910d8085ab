using System.IO.Compression;
using System.Net;
using FsCheck;
using FsCheck.Fluent;

namespace RocketMQ.Go.Port.Tests;

public class StoredMessageCodecTests
{
    [Fact]
    public void Encode_then_read_round_trips_every_field()
    {
        Prop.ForAll(Generators.Stored.ToArbitrary(), sample =>
        {
            var bytes = sample.Encode();
            var view = StoredMessage.Read(bytes, out var consumed);
            var hostsV6 = (sample.BornHost.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? MessageSysFlag.BornHostV6 : 0)
                | (sample.StoreHost.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? MessageSysFlag.StoreHostV6 : 0);
            var topicBytes = System.Text.Encoding.UTF8.GetByteCount(sample.Topic);
            return consumed == bytes.Length
                && view.TotalSize == bytes.Length
                && view.MagicCode == (topicBytes > 127 ? StoredMessage.MagicCodeV2 : StoredMessage.MagicCodeV1)
                && view.BodyCRC == Crc32.JavaCrc32(sample.Body)
                && view.QueueId == sample.QueueId && view.Flag == sample.Flag
                && view.QueueOffset == sample.QueueOffset && view.CommitLogOffset == sample.CommitLogOffset
                && view.SysFlag == ((sample.SysFlag & ~0x30) | hostsV6)
                && view.BornTimestamp == sample.BornTimestamp && view.StoreTimestamp == sample.StoreTimestamp
                && new IPAddress(view.BornHostAddress).Equals(sample.BornHost.Address) && view.BornHostPort == sample.BornHost.Port
                && new IPAddress(view.StoreHostAddress).Equals(sample.StoreHost.Address) && view.StoreHostPort == sample.StoreHost.Port
                && view.ReconsumeTimes == sample.ReconsumeTimes && view.PreparedTransactionOffset == sample.PreparedTransactionOffset
                && view.Body.SequenceEqual(sample.Body)
                && System.Text.Encoding.UTF8.GetString(view.Topic) == sample.Topic
                && System.Text.Encoding.UTF8.GetString(view.Properties) == MessageProperties.Marshal(sample.Properties);
        }).Check(Generators.Config);
    }

    [Fact]
    public void Encode_then_decode_gives_the_message_ext()
    {
        Prop.ForAll(Generators.Stored.ToArbitrary(), sample =>
        {
            var m = MessageDecoder.Decode(sample.Encode());
            var properties = m.GetProperties();
            var unique = sample.Properties.GetValueOrDefault(PropertyKeys.UniqueClientMessageIdKeyIndex);
            var offsetId = MessageId.Create(sample.StoreHost, sample.CommitLogOffset);
            return m.Topic == sample.Topic && m.Body.SequenceEqual(sample.Body) && m.Flag == sample.Flag
                && properties.Count == sample.Properties.Count && sample.Properties.All(kv => properties[kv.Key] == kv.Value)
                && m.QueueId == sample.QueueId && m.QueueOffset == sample.QueueOffset && m.CommitLogOffset == sample.CommitLogOffset
                && m.BornTimestamp == sample.BornTimestamp && m.StoreTimestamp == sample.StoreTimestamp
                && m.BornHostEndPoint!.Equals(sample.BornHost) && m.StoreHostEndPoint!.Equals(sample.StoreHost)
                && m.BornHost == sample.BornHost.ToString() && m.StoreHost == sample.StoreHost.ToString()
                && m.ReconsumeTimes == sample.ReconsumeTimes && m.PreparedTransactionOffset == sample.PreparedTransactionOffset
                && m.OffsetMsgId == offsetId
                && m.MsgId == (string.IsNullOrEmpty(unique) ? offsetId : unique);
        }).Check(Generators.Config);
    }

    [Fact]
    public void Setting_one_host_of_a_decoded_message_keeps_the_other_whatever_their_families()
    {
        // The two hosts share one packed field (IPv4) or one small object (any IPv6): a setter replaces only its own.
        Prop.ForAll(Generators.Stored.ToArbitrary(), Generators.EndPoint.ToArbitrary(), Generators.EndPoint.ToArbitrary(), (sample, born, store) =>
        {
            var m = MessageDecoder.Decode(sample.Encode());
            m.BornHostEndPoint = born;
            var bornSet = m.BornHostEndPoint!.Equals(born) && m.StoreHostEndPoint!.Equals(sample.StoreHost)
                && m.OffsetMsgId == MessageId.Create(sample.StoreHost, sample.CommitLogOffset);
            m.StoreHostEndPoint = store;
            var storeSet = m.BornHostEndPoint!.Equals(born) && m.StoreHostEndPoint!.Equals(store) && m.StoreHost == store.ToString()
                && m.OffsetMsgId == MessageId.Create(store, sample.CommitLogOffset);
            m.BornHostEndPoint = null;
            var bornCleared = m.BornHostEndPoint is null && m.BornHost.Length == 0 && m.StoreHostEndPoint!.Equals(store);
            return bornSet && storeSet && bornCleared;
        }).Check(Generators.Config);
    }

    [Fact]
    public void Msg_id_and_offset_msg_id_read_in_either_order_and_are_set_independently()
    {
        Prop.ForAll(Generators.Stored.ToArbitrary(), Gen.Elements(true, false).ToArbitrary(), (sample, msgIdFirst) =>
        {
            var unique = sample.Properties.GetValueOrDefault(PropertyKeys.UniqueClientMessageIdKeyIndex);
            var offsetId = MessageId.Create(sample.StoreHost, sample.CommitLogOffset);
            var m = MessageDecoder.Decode(sample.Encode());
            var read = msgIdFirst
                ? m.MsgId == (string.IsNullOrEmpty(unique) ? offsetId : unique) && m.OffsetMsgId == offsetId
                : m.OffsetMsgId == offsetId && m.MsgId == (string.IsNullOrEmpty(unique) ? offsetId : unique);
            m.MsgId = "mine";
            var msgIdSet = m.MsgId == "mine" && m.OffsetMsgId == offsetId;
            m.OffsetMsgId = "theirs";
            var offsetSet = m.MsgId == "mine" && m.OffsetMsgId == "theirs";
            m.StoreHostEndPoint = new IPEndPoint(IPAddress.Loopback, 10911);
            var moved = m.MsgId == "mine" && m.OffsetMsgId == MessageId.Create(m.StoreHostEndPoint!, sample.CommitLogOffset);
            return read && msgIdSet && offsetSet && moved;
        }).Check(Generators.Config);
    }

    [Fact]
    public void A_body_of_many_messages_decodes_in_order_and_shares_the_queue()
    {
        var samples = Generators.Stored.Sample(20, 12).ToList();
        var body = samples.SelectMany(s => s.Encode()).ToArray();
        var queue = new MessageQueue("T", "broker-a", 1);

        var messages = MessageDecoder.DecodeMessages(body, queue);

        messages.Select(m => m.Topic).Should().Equal(samples.Select(s => s.Topic));
        messages.Select(m => m.QueueOffset).Should().Equal(samples.Select(s => s.QueueOffset));
        messages.Should().OnlyContain(m => ReferenceEquals(m.Queue, queue));
        MessageDecoder.DecodeMessages(ReadOnlySpan<byte>.Empty).Should().BeEmpty();
    }

    [Fact]
    public void Ids_of_a_message_with_and_without_unique_key()
    {
        var withKey = Sample(new Dictionary<string, string> { ["UNIQ_KEY"] = "FD00000000000000000000000000000260AC5FFD2B2768C9CE360000", ["TAGS"] = "A" });
        var decoded = MessageDecoder.Decode(withKey.Encode());
        decoded.MsgId.Should().Be("FD00000000000000000000000000000260AC5FFD2B2768C9CE360000");
        decoded.OffsetMsgId.Should().Be("7F00000100002A9F00000000000004D7");
        decoded.GetTags().Should().Be("A");

        MessageDecoder.Decode(Sample([]).Encode()).MsgId.Should().Be("7F00000100002A9F00000000000004D7");
    }

    [Fact]
    public void A_zlib_compressed_body_is_inflated()
    {
        var original = Enumerable.Range(0, 5000).Select(i => (byte)('a' + (i % 26))).ToArray();
        var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(original);
        }

        var sample = Sample([]) with { Body = compressed.ToArray(), SysFlag = MessageSysFlag.Compressed };
        var message = MessageDecoder.Decode(sample.Encode());

        message.Body.Should().Equal(original);
        message.SysFlag.Should().Be(MessageSysFlag.Compressed);
        message.BodyCRC.Should().Be(Crc32.JavaCrc32(compressed.ToArray()), "the CRC covers the stored (compressed) bytes");
    }

    [Fact]
    public void Corrupt_compressed_body_and_unsupported_compression_raise_clear_errors()
    {
        var corrupt = Sample([]) with { Body = [1, 2, 3, 4, 5], SysFlag = MessageSysFlag.Compressed };
        FluentActions.Invoking(() => MessageDecoder.Decode(corrupt.Encode()))
            .Should().Throw<RemotingProtocolException>().WithMessage("*zlib*");

        var lz4 = corrupt with { SysFlag = MessageSysFlag.Compressed | MessageSysFlag.CompressionLz4Type };
        FluentActions.Invoking(() => MessageDecoder.Decode(lz4.Encode()))
            .Should().Throw<MQClientException>().WithMessage("*compression type 1*");
    }

    [Fact]
    public void A_topic_longer_than_127_bytes_uses_magic_v2_with_a_two_byte_length()
    {
        var topic = new string('t', 200);
        var bytes = (Sample([]) with { Topic = topic }).Encode();
        System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(4)).Should().Be(StoredMessage.MagicCodeV2);
        MessageDecoder.Decode(bytes).Topic.Should().Be(topic);
    }

    [Fact]
    public void Every_truncation_raises_a_protocol_exception()
    {
        var two = Sample(new Dictionary<string, string> { ["TAGS"] = "x" }).Encode();
        var body = two.Concat(two).ToArray();
        for (var length = 1; length < body.Length; length++)
        {
            if (length == two.Length)
            {
                continue; // exactly one whole message
            }

            var slice = body.AsSpan(0, length).ToArray();
            FluentActions.Invoking(() => MessageDecoder.DecodeMessages(slice))
                .Should().Throw<RemotingProtocolException>($"a body cut at {length} bytes is incomplete");
        }
    }

    [Fact]
    public void Garbage_and_inconsistent_lengths_raise_protocol_exceptions()
    {
        var bytes = Sample(new Dictionary<string, string> { ["TAGS"] = "x" }).Encode();
        var random = new Random(7);
        for (var i = 0; i < 2000; i++)
        {
            var garbage = new byte[random.Next(1, 300)];
            random.NextBytes(garbage);
            FluentActions.Invoking(() => MessageDecoder.DecodeMessages(garbage)).Should().Throw<RemotingProtocolException>();
        }

        // Flip every byte of a valid record in turn: the decoder either still succeeds or reports a protocol error.
        for (var i = 0; i < bytes.Length; i++)
        {
            var copy = (byte[])bytes.Clone();
            copy[i] ^= 0xFF;
            try
            {
                MessageDecoder.DecodeMessages(copy);
            }
            catch (RemotingProtocolException)
            {
            }
        }

        var badMagic = (byte[])bytes.Clone();
        badMagic[7] ^= 1;
        FluentActions.Invoking(() => MessageDecoder.DecodeMessages(badMagic)).Should().Throw<RemotingProtocolException>().WithMessage("*magic*");
    }

    [Fact]
    public void Encoder_refuses_oversized_properties_and_small_destinations()
    {
        var big = new StoredSample([], [], "T", 0, 0, 0, 0, 0, 0, new IPEndPoint(IPAddress.Loopback, 1), 0, new IPEndPoint(IPAddress.Loopback, 2), 0, 0);
        FluentActions.Invoking(() =>
        {
            var fields = big.Fields();
            fields.Properties = "k\u0001" + new string('v', 40_000);
            StoredMessageEncoder.GetEncodedLength(fields);
        }).Should().Throw<MQClientException>().WithMessage("*properties*");
        FluentActions.Invoking(() => StoredMessageEncoder.Encode(big.Fields(), new byte[10])).Should().Throw<ArgumentException>();
    }

    [Fact]
    public void An_ipv4_mapped_endpoint_is_stored_as_ipv4()
    {
        var sample = Sample([]) with { BornHost = new IPEndPoint(IPAddress.Parse("::ffff:10.1.2.3"), 5000) };
        var message = MessageDecoder.Decode(sample.Encode());
        message.BornHost.Should().Be("10.1.2.3:5000");
        (message.SysFlag & MessageSysFlag.BornHostV6).Should().Be(0);
    }

    internal static StoredSample Sample(Dictionary<string, string> properties) => new(
        "body"u8.ToArray(), properties, "WireTopic", 0, 1, 5, 0x4D7, 0, 1795249262061,
        new IPEndPoint(IPAddress.Loopback, 46958), 1795249267132, new IPEndPoint(IPAddress.Loopback, 10911), 0, 0);
}
