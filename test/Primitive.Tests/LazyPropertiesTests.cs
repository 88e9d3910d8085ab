using FsCheck;
using FsCheck.Fluent;

namespace RocketMQ.Go.Port.Tests;

/// <summary>
/// A decoded message keeps its properties in stored form until a read needs them: every read must see what an
/// eager parse of the same bytes gives, alone, after writes, with the consumer's computed keys, and from many threads.
/// </summary>
public class LazyPropertiesTests
{
    private const string Unique = "7F0000010A2B18B4AAC27E5B0F3C0001";

    [Fact]
    public void Every_read_of_a_decoded_message_equals_the_eager_parse_of_its_stored_properties()
    {
        Prop.ForAll(Generators.Stored.ToArbitrary(), sample =>
        {
            var eager = MessageProperties.Unmarshal(MessageProperties.Marshal(sample.Properties));

            // Single reads first, on a message nobody has parsed yet, then the whole map.
            var byKey = MessageDecoder.Decode(sample.Encode());
            var keysRead = eager.All(kv => byKey.GetProperty(kv.Key) == kv.Value);
            var absentRead = byKey.GetProperty("NOT_A_KEY_" + sample.Properties.Count).Length == 0;

            var whole = MessageDecoder.Decode(sample.Encode());
            var map = whole.GetProperties();
            return keysRead && absentRead
                && map.Count == eager.Count && eager.All(kv => map[kv.Key] == kv.Value)
                && byKey.GetProperties().Count == eager.Count
                && whole.MarshallProperties() == MessageProperties.Marshal(map);
        }).Check(Generators.Config);
    }

    [Fact]
    public void Duplicate_keys_and_empty_values_in_the_stored_form_read_as_the_eager_parse_keeps_them()
    {
        // Java keeps the last entry of a key and drops entries with an empty value; the lazy reads must agree.
        var stored = $"UNIQ_KEY\u0001FIRST\u0002KEYS\u0001\u0002UNIQ_KEY\u0001{Unique}\u0002TAGS\u0001a\u0002TAGS\u0001b";
        var eager = MessageProperties.Unmarshal(stored);

        var message = Decode(stored);
        message.MsgId.Should().Be(Unique, "MsgId reads UNIQ_KEY from the stored form, last entry wins");
        message.GetTags().Should().Be("b");
        message.GetKeys().Should().BeEmpty("an empty value is no property");
        message.GetProperties().Should().Equal(eager);
        Decode(stored).GetKeys().Should().BeEmpty("nor is it one when read before anything else");
    }

    [Fact]
    public void Writes_to_an_unparsed_message_keep_the_stored_properties()
    {
        var message = Decode($"UNIQ_KEY\u0001{Unique}\u0002TAGS\u0001t");
        message.WithProperty("USER", "v");
        message.RemoveProperty(PropertyKeys.Tags).Should().Be("t");

        message.GetProperties().Should().Equal(new Dictionary<string, string> { [PropertyKeys.UniqueClientMessageIdKeyIndex] = Unique, ["USER"] = "v" });
        message.MsgId.Should().Be(Unique);

        var cleared = Decode($"UNIQ_KEY\u0001{Unique}");
        cleared.WithProperties(new Dictionary<string, string> { ["ONLY"] = "1" });
        cleared.GetProperties().Should().Equal(new Dictionary<string, string> { ["ONLY"] = "1" });
    }

    [Fact]
    public void The_consumers_computed_keys_read_and_enumerate_as_ordinary_properties()
    {
        var message = Decode($"UNIQ_KEY\u0001{Unique}\u0002{PropertyKeys.MinOffset}\u0001999");
        message.SetQueueBounds(new QueueOffsetBounds(3, 42));
        message.SetConsumeStartTime(1_700_000_000_123);

        message.GetProperty(PropertyKeys.ConsumeStartTime).Should().Be("1700000000123");
        message.GetProperties().Should().Equal(new Dictionary<string, string>
        {
            [PropertyKeys.UniqueClientMessageIdKeyIndex] = Unique,
            [PropertyKeys.MinOffset] = "3",
            [PropertyKeys.MaxOffset] = "42",
            [PropertyKeys.ConsumeStartTime] = "1700000000123",
        }, "the pull's bounds replace a stored MIN_OFFSET, as the eager write did");

        // A message consumed again gets a new start time over the one already in its map.
        message.SetConsumeStartTime(1_700_000_000_999);
        message.GetProperty(PropertyKeys.ConsumeStartTime).Should().Be("1700000000999");
        message.PropertyCount.Should().Be(4);

        var unread = Decode(string.Empty);
        unread.SetQueueBounds(new QueueOffsetBounds(0, 7));
        unread.GetProperty(PropertyKeys.MaxOffset).Should().Be("7", "a computed key is found before any parse");
        unread.GetProperty(PropertyKeys.ConsumeStartTime).Should().BeEmpty("it is set only by a consume call");
    }

    [Fact]
    public async Task Threads_reading_and_writing_a_fresh_message_at_once_all_see_every_property()
    {
        for (var round = 0; round < 200; round++)
        {
            var message = Decode($"UNIQ_KEY\u0001{Unique}\u0002TAGS\u0001t\u0002KEYS\u0001k1 k2");
            message.SetQueueBounds(new QueueOffsetBounds(1, 2));
            using var start = new ManualResetEventSlim();
            var readers = Enumerable.Range(0, 4).Select(i => Task.Run(() =>
            {
                start.Wait();
                if (i == 0)
                {
                    message.WithProperty("W", "x");
                }

                return (message.GetTags(), message.GetKeys(), message.GetProperty(PropertyKeys.MaxOffset), message.MsgId, message.GetProperties());
            })).ToArray();
            start.Set();
            foreach (var (tags, keys, max, msgId, all) in await Task.WhenAll(readers).WaitAsync(TimeSpan.FromSeconds(30)))
            {
                (tags, keys, max, msgId).Should().Be(("t", "k1 k2", "2", Unique));
                all.Should().Contain(PropertyKeys.MinOffset, "1").And.Contain(PropertyKeys.Tags, "t");
            }

            message.GetProperty("W").Should().Be("x", "a write from one thread is not lost to another thread's parse");
            message.PropertyCount.Should().Be(6);
        }
    }

    [Fact]
    public void Messages_of_one_pull_body_each_read_their_own_properties()
    {
        var samples = Generators.Stored.Sample(20, 16).ToList();
        var messages = MessageDecoder.DecodeMessages(samples.SelectMany(s => s.Encode()).ToArray());

        messages.Should().HaveCount(samples.Count);
        for (var i = 0; i < samples.Count; i++)
        {
            messages[i].GetProperties().Should().Equal(MessageProperties.Unmarshal(MessageProperties.Marshal(samples[i].Properties)));
        }
    }

    private static MessageExt Decode(string storedProperties)
    {
        var fields = StoredMessageCodecTests.Sample([]).Fields();
        fields.Properties = storedProperties;
        return MessageDecoder.Decode(StoredMessageEncoder.EncodeToArray(fields));
    }
}
