namespace RocketMQ.Go.Port.Tests;

public class MessageTests
{
    [Fact]
    public void Accessors_store_the_go_property_keys()
    {
        var message = Message.NewMessage("T", "hi"u8.ToArray())
            .WithTag("TagA")
            .WithKeys(["k1", "k2"])
            .WithDelayTimeLevel(3)
            .WithShardingKey("order-7")
            .WithDeliverTimestamp(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_123));

        message.GetTags().Should().Be("TagA");
        message.GetKeys().Should().Be("k1 k2");
        message.GetShardingKey().Should().Be("order-7");
        message.GetProperties().Should().BeEquivalentTo(new Dictionary<string, string>
        {
            ["TAGS"] = "TagA",
            ["KEYS"] = "k1 k2",
            ["DELAY"] = "3",
            ["SHARDING_KEY"] = "order-7",
            ["TIMER_DELIVER_MS"] = "1700000000123",
        });
    }

    [Fact]
    public void Empty_keys_or_values_are_ignored_and_missing_properties_read_as_empty()
    {
        var message = new Message("T", null).WithProperty("", "v").WithProperty("k", "");
        message.GetProperties().Should().BeEmpty();
        message.GetProperty("absent").Should().BeEmpty();
        message.RemoveProperty("absent").Should().BeEmpty();
        message.Body.Should().BeEmpty();
    }

    [Theory]
    [InlineData("a\u0001b", "v")]
    [InlineData("k", "v\u0002w")]
    public void Separators_in_keys_or_values_are_refused(string key, string value)
    {
        var act = () => new Message().WithProperty(key, value);
        act.Should().Throw<ArgumentException>().WithMessage("*separator*");
        var message = new Message().WithProperty("keep", "me");
        FluentActions.Invoking(() => message.WithProperties(new Dictionary<string, string> { ["ok"] = "1", [key] = value }))
            .Should().Throw<ArgumentException>();
        message.GetProperties().Should().Equal(new Dictionary<string, string> { ["keep"] = "me" });
    }

    [Fact]
    public void Remove_returns_the_value_and_get_properties_is_a_copy()
    {
        var message = new Message().WithProperty("a", "1").WithProperty("b", "2");
        var copy = message.GetProperties();
        copy["c"] = "3";
        message.RemoveProperty("a").Should().Be("1");
        message.GetProperties().Should().BeEquivalentTo(new Dictionary<string, string> { ["b"] = "2" });
    }

    [Fact]
    public void With_properties_copies_and_replaces()
    {
        var source = new Dictionary<string, string> { ["x"] = "1" };
        var message = new Message().WithProperty("old", "v").WithProperties(source);
        source["y"] = "2";
        message.GetProperties().Should().BeEquivalentTo(new Dictionary<string, string> { ["x"] = "1" });
    }

    [Fact]
    public void To_string_prints_the_properties_as_go_prints_a_map()
    {
        var message = new Message("T", "body"u8.ToArray()).WithTag("TagA").WithKeys(["k1", "k2"]).WithProperty("a", "0");
        message.ToString().Should().Be("[topic=T, body=body, Flag=0, properties=map[KEYS:k1 k2 TAGS:TagA a:0], TransactionId=]");
        message.ToString().Should().NotContain("\u0001").And.NotContain("\u0002");
    }

    [Fact]
    public void Marshall_properties_writes_java_form_without_trailing_separator()
    {
        var message = new Message().WithProperty("a", "0").WithProperty("color", "red");
        message.MarshallProperties().Should().Be("a\u00010\u0002color\u0001red");
    }

    [Fact]
    public void Unmarshal_properties_accepts_go_trailing_separator_and_java_form()
    {
        var message = new Message();
        message.UnmarshalProperties("a\u00011\u0002b\u00012\u0002"u8);
        message.UnmarshalProperties("c\u00013"u8);
        message.GetProperties().Should().BeEquivalentTo(new Dictionary<string, string> { ["a"] = "1", ["b"] = "2", ["c"] = "3" });
    }

    [Fact]
    public async Task Concurrent_writers_and_readers_never_corrupt_properties()
    {
        // Dedicated threads, not pool tasks blocked on a start signal: on 2 busy cores the pool adds a blocked thread
        // about every half second, which once stretched this test past its bound. Readers read for as long as the
        // writers write, so the work does not grow with the machine's load.
        var message = new Message("T", null);
        const int writers = 4;
        const int perWriter = 1_000;
        using var start = new ManualResetEventSlim();
        var writing = writers;
        var readerFailures = 0;
        var reads = 0;
        var threads = new List<Task>();
        for (var w = 0; w < writers; w++)
        {
            var writer = w;
            threads.Add(Task.Factory.StartNew(() =>
            {
                start.Wait();
                for (var i = 0; i < perWriter; i++)
                {
                    message.WithProperty($"w{writer}-{i}", i.ToString());
                    if (i % 3 == 0)
                    {
                        message.RemoveProperty($"w{writer}-{i}");
                    }
                }

                Interlocked.Decrement(ref writing);
            }, TaskCreationOptions.LongRunning));
        }

        for (var r = 0; r < 2; r++)
        {
            threads.Add(Task.Factory.StartNew(() =>
            {
                start.Wait();
                for (var i = 0; i < 20 || Volatile.Read(ref writing) > 0; i++)
                {
                    // Every entry read, directly or through the wire form, must be a whole key/value pair a writer put.
                    foreach (var (key, value) in message.GetProperties())
                    {
                        if (key[(key.IndexOf('-') + 1)..] != value)
                        {
                            Interlocked.Increment(ref readerFailures);
                        }
                    }

                    foreach (var (key, value) in MessageProperties.Unmarshal(message.MarshallProperties()))
                    {
                        if (key[(key.IndexOf('-') + 1)..] != value)
                        {
                            Interlocked.Increment(ref readerFailures);
                        }
                    }

                    Interlocked.Increment(ref reads);
                }
            }, TaskCreationOptions.LongRunning));
        }

        start.Set();
        await Task.WhenAll(threads).WaitAsync(TimeSpan.FromMinutes(2)); // a hang guard, not a speed claim

        readerFailures.Should().Be(0);
        reads.Should().BeGreaterThanOrEqualTo(40);
        var expectedPerWriter = perWriter - ((perWriter + 2) / 3);
        message.GetProperties().Should().HaveCount(writers * expectedPerWriter);
        message.GetProperty("w3-1").Should().Be("1");
        message.GetProperty("w3-3").Should().BeEmpty();
    }

    [Fact]
    public void Message_queue_has_value_equality_go_string_and_java_hash()
    {
        var a = new MessageQueue("WireTopic", "broker-a", 3);
        var b = new MessageQueue("WireTopic", "broker-a", 3);
        a.Should().Be(b);
        a.GetHashCode().Should().Be(b.GetHashCode());
        new HashSet<MessageQueue> { a, b }.Should().HaveCount(1);
        a.Should().NotBe(a with { QueueId = 2 });
        a.ToString().Should().Be("MessageQueue [topic=WireTopic, brokerName=broker-a, queueId=3]");

        // Java: 31*(31*(31+"broker-a".hashCode())+3)+"WireTopic".hashCode()
        var expected = unchecked((31 * ((31 * (31 + "broker-a".Aggregate(0, (h, c) => (31 * h) + c))) + 3)) + "WireTopic".Aggregate(0, (h, c) => (31 * h) + c));
        a.JavaHashCode().Should().Be(expected);
    }

    [Fact]
    public void Message_queue_serializes_with_broker_field_names()
    {
        var json = System.Text.Json.JsonSerializer.Serialize(new MessageQueue("T", "b", 1));
        json.Should().Be("{\"topic\":\"T\",\"brokerName\":\"b\",\"queueId\":1}");
        System.Text.Json.JsonSerializer.Deserialize<MessageQueue>(json).Should().Be(new MessageQueue("T", "b", 1));
    }

    [Fact]
    public void Send_result_prints_like_java()
    {
        var result = new SendResult
        {
            Status = SendStatus.SendOK,
            MsgID = "ID",
            OffsetMsgID = "OFF",
            MessageQueue = new MessageQueue("WireOrder", "broker-a", 3),
            QueueOffset = 1,
        };
        result.ToString().Should().Be("SendResult [sendStatus=SEND_OK, msgId=ID, offsetMsgId=OFF, messageQueue=MessageQueue [topic=WireOrder, brokerName=broker-a, queueId=3], queueOffset=1]");
        new SendResult().Status.Should().Be(SendStatus.SendUnknownError);
    }

    [Fact]
    public void Sys_flag_helpers_match_go()
    {
        MessageSysFlag.SetCompressedFlag(0).Should().Be(1);
        MessageSysFlag.ClearCompressedFlag(0x13).Should().Be(0x12);
        MessageSysFlag.GetTransactionValue(0x1D).Should().Be(MessageSysFlag.TransactionRollbackType);
        MessageSysFlag.ResetTransactionValue(0x1C, MessageSysFlag.TransactionCommitType).Should().Be(0x18);
    }

    [Fact]
    public void A_pulled_messages_queue_bounds_read_as_MIN_OFFSET_and_MAX_OFFSET_properties()
    {
        static MessageExt Pulled()
        {
            var m = new MessageExt { Topic = "T" };
            m.WithTag("TagA");
            m.SetQueueBounds(new QueueOffsetBounds(3, 42));
            return m;
        }

        var read = Pulled();
        read.GetProperty(PropertyKeys.MinOffset).Should().Be("3");
        read.GetProperty(PropertyKeys.MaxOffset).Should().Be("42");
        read.GetTags().Should().Be("TagA");

        Pulled().GetProperties().Should().BeEquivalentTo(new Dictionary<string, string> { ["TAGS"] = "TagA", ["MIN_OFFSET"] = "3", ["MAX_OFFSET"] = "42" });
        MessageProperties.Unmarshal(Pulled().MarshallProperties()).Should().ContainKey("MAX_OFFSET").WhoseValue.Should().Be("42");
        Pulled().ToString().Should().Contain("MAX_OFFSET:42 MIN_OFFSET:3");
        Pulled().PropertyCount.Should().Be(3);

        var overwritten = Pulled().WithProperty(PropertyKeys.MaxOffset, "7");
        overwritten.GetProperty(PropertyKeys.MaxOffset).Should().Be("7", "a user's own value wins over the pull's");
        overwritten.GetProperty(PropertyKeys.MinOffset).Should().Be("3");

        var removed = Pulled();
        removed.RemoveProperty(PropertyKeys.MinOffset).Should().Be("3");
        removed.GetProperty(PropertyKeys.MinOffset).Should().BeEmpty();
        removed.GetProperty(PropertyKeys.MaxOffset).Should().Be("42");

        Pulled().WithProperties(new Dictionary<string, string> { ["a"] = "1" }).GetProperties().Should().BeEquivalentTo(new Dictionary<string, string> { ["a"] = "1" },
            "WithProperties replaces every property, the pull's too");
        new MessageExt().GetProperty(PropertyKeys.MaxOffset).Should().BeEmpty("a message not pulled has no queue bounds");
    }

    [Fact]
    public void Compressed_body_and_transaction_id_are_set_and_cleared_independently()
    {
        var m = new Message("T", [1]);
        m.CompressedBody.Should().BeNull();
        m.TransactionId.Should().BeNull();
        m.TransactionId = "tx";
        m.CompressedBody.Should().BeNull();
        m.CompressedBody = [9];
        m.TransactionId.Should().Be("tx");
        m.TransactionId = null;
        m.TransactionId.Should().BeNull();
        m.CompressedBody.Should().Equal(9);
        m.ToString().Should().EndWith("TransactionId=]");
    }
}
