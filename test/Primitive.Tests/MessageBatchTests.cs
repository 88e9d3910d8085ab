using FsCheck;
using FsCheck.Fluent;

namespace RocketMQ.Go.Port.Tests;

public class MessageBatchTests
{
    [Fact]
    public void Batch_encode_then_decode_round_trips()
    {
        var message = from body in Generators.Bytes(200)
                      from flag in Generators.Int
                      from properties in Generators.Properties
                      select (body, flag, properties);
        Prop.ForAll(Gen.ListOf(message).ToArbitrary(), samples =>
        {
            var messages = samples.Select(s => new Message("T", s.body) { Flag = s.flag }.WithProperties(s.properties)).ToList();
            var decoded = MessageBatch.Decode(MessageBatch.Encode(messages));
            return decoded.Count == messages.Count && decoded.Zip(samples).All(p =>
                p.First.Body.SequenceEqual(p.Second.body) && p.First.Flag == p.Second.flag
                && p.First.GetProperties().Count == p.Second.properties.Count
                && p.Second.properties.All(kv => p.First.GetProperty(kv.Key) == kv.Value));
        }).Check(Generators.Config);
    }

    [Fact]
    public void Encoding_java_batch_messages_reproduces_the_captured_send_batch_body()
    {
        var frame = WireCaptures.Frames("batch").Single(f => f.Direction == "to_server" && f.Header.GetProperty("code").GetInt32() == 320);
        var capturedBody = frame.Bytes[^frame.BodyLength..];
        var ids = WireCaptures.Expected("batch")[0].Split("msgId=")[1].Split(", offsetMsgId")[0].Split(',');

        // Java's batch: body "batch body N", properties in the order its HashMap wrote them.
        var messages = Enumerable.Range(0, 3).Select(i => new Message("WireBatch", System.Text.Encoding.UTF8.GetBytes($"batch body {i}"))
            .WithProperty("KEYS", $"bkey-{i}")
            .WithProperty("idx", i.ToString())
            .WithProperty("UNIQ_KEY", ids[i])
            .WithProperty("WAIT", "true")
            .WithProperty("TAGS", "TagB")).ToList();

        MessageBatch.Encode(messages).Should().Equal(capturedBody);

        var decoded = MessageBatch.Decode(capturedBody);
        decoded.Select(m => m.GetProperty(PropertyKeys.UniqueClientMessageIdKeyIndex)).Should().Equal(ids);
        decoded.Select(m => m.GetKeys()).Should().Equal("bkey-0", "bkey-1", "bkey-2");
        decoded.Should().OnlyContain(m => m.GetTags() == "TagB");
        decoded.Select(m => System.Text.Encoding.UTF8.GetString(m.Body)).Should().Equal("batch body 0", "batch body 1", "batch body 2");
    }

    [Fact]
    public void Marshal_of_one_message_is_a_one_record_batch()
    {
        var message = new Message("T", [1, 2, 3]) { Flag = 9 }.WithTag("x");
        var bytes = message.Marshal();
        bytes.Length.Should().Be(4 + 4 + 4 + 4 + 4 + 3 + 2 + "TAGS\u0001x".Length);
        MessageBatch.Decode(bytes).Single().GetTags().Should().Be("x");
    }

    [Fact]
    public void Truncated_or_inconsistent_batches_raise_protocol_exceptions()
    {
        var bytes = MessageBatch.Encode([new Message("T", [1, 2, 3]).WithTag("x"), new Message("T", [4]).WithTag("y")]);
        var firstRecord = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes);
        for (var length = 1; length < bytes.Length; length++)
        {
            if (length == firstRecord)
            {
                continue; // the first record alone is a whole batch
            }

            var slice = bytes[..length];
            FluentActions.Invoking(() => MessageBatch.Decode(slice)).Should().Throw<RemotingProtocolException>($"cut at {length}");
        }

        var badBodyLength = (byte[])bytes.Clone();
        badBodyLength[19] = 200;
        FluentActions.Invoking(() => MessageBatch.Decode(badBodyLength)).Should().Throw<RemotingProtocolException>();
    }

    [Fact]
    public void Oversized_properties_are_refused()
    {
        var message = new Message("T", []).WithProperty("k", new string('v', 40_000));
        FluentActions.Invoking(() => MessageBatch.Encode([message])).Should().Throw<MQClientException>().WithMessage("*properties*");
    }
}
