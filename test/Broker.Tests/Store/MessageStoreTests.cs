using System.Buffers.Binary;
using System.Net;
using System.Text;
using RocketMQ.Go.Port.Broker.Store;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Tests.Support;

namespace RocketMQ.Go.Port.Tests.Store;

public sealed class MessageStoreTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "rmq-store-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    internal static MessageInner Message(string topic, int queueId, string body, string? tags = null, string? keys = null, string? extra = null)
    {
        var m = new MessageInner
        {
            Topic = topic,
            QueueId = queueId,
            BornTimestamp = 1,
            Body = Encoding.UTF8.GetBytes(body),
            BornHost = new IPEndPoint(IPAddress.Loopback, 5000),
            StoreHost = new IPEndPoint(IPAddress.Loopback, 10911),
        };
        if (tags is not null)
        {
            m.Properties.Put("TAGS", tags);
        }

        if (keys is not null)
        {
            m.Properties.Put("KEYS", keys);
        }

        if (extra is not null)
        {
            m.Properties.Put("UNIQ_KEY", extra);
        }

        return m;
    }

    private static string BodyOf(ReadOnlyMemory<byte> record) => Encoding.UTF8.GetString(StoredMessage.Read(record.Span, out _).Body);

    [Fact]
    public async Task Messages_get_consecutive_queue_offsets_and_real_commit_log_offsets()
    {
        await using var store = new MessageStore(new MessageStoreConfig());
        var first = store.PutMessage(Message("T", 0, "a"));
        var second = store.PutMessage(Message("T", 0, "b"));
        var other = store.PutMessage(Message("T", 1, "c"));

        first.QueueOffset.Should().Be(0);
        second.QueueOffset.Should().Be(1);
        other.QueueOffset.Should().Be(0);
        second.CommitLogOffset.Should().Be(first.CommitLogOffset + first.WroteBytes);
        other.CommitLogOffset.Should().Be(second.CommitLogOffset + second.WroteBytes);
        var view = StoredMessage.Read(store.ReadRecord(second.CommitLogOffset).Span, out _);
        view.QueueOffset.Should().Be(1);
        view.CommitLogOffset.Should().Be(second.CommitLogOffset);
        store.GetMaxOffsetInQueue("T", 0).Should().Be(2);
    }

    [Fact]
    public async Task Get_reports_java_statuses_at_the_queue_edges()
    {
        await using var store = new MessageStore(new MessageStoreConfig());
        store.GetMessage("T", 0, 0, 32, null).Status.Should().Be(GetMessageStatus.NoMatchedLogicQueue);
        store.PutMessage(Message("T", 0, "a"));
        store.PutMessage(Message("T", 0, "b"));

        var found = store.GetMessage("T", 0, 0, 32, null);
        found.Status.Should().Be(GetMessageStatus.Found);
        found.Messages.Select(BodyOf).Should().Equal("a", "b");
        found.NextBeginOffset.Should().Be(2);
        found.MaxOffset.Should().Be(2);
        store.GetMessage("T", 0, 2, 32, null).Status.Should().Be(GetMessageStatus.OffsetOverflowOne);
        var badly = store.GetMessage("T", 0, 9, 32, null);
        badly.Status.Should().Be(GetMessageStatus.OffsetOverflowBadly);
        badly.NextBeginOffset.Should().Be(2);
        store.GetMessage("T", 0, 1, 1, null).Messages.Select(BodyOf).Should().Equal("b");
    }

    [Fact]
    public async Task A_tag_filter_skips_other_tags_and_advances_past_them()
    {
        await using var store = new MessageStore(new MessageStoreConfig());
        store.PutMessage(Message("T", 0, "x", tags: "TagX"));
        store.PutMessage(Message("T", 0, "a", tags: "TagA"));
        store.PutMessage(Message("T", 0, "y", tags: "TagY"));

        var result = store.GetMessage("T", 0, 0, 32, new TagFilter(JavaHash.StringHashCode("TagA")));

        result.Messages.Select(BodyOf).Should().Equal("a");
        result.NextBeginOffset.Should().Be(3);
        var none = store.GetMessage("T", 0, 2, 32, new TagFilter(JavaHash.StringHashCode("TagA")));
        none.Status.Should().Be(GetMessageStatus.NoMatchedMessage);
        none.NextBeginOffset.Should().Be(3);
    }

    [Fact]
    public async Task A_batch_becomes_one_record_per_message_with_the_batch_properties_appended()
    {
        await using var store = new MessageStore(new MessageStoreConfig());
        var batch = MessageBatch.Encode([
            new Message("B", Encoding.UTF8.GetBytes("one")) { },
            new Message("B", Encoding.UTF8.GetBytes("two")),
        ]);
        var template = Message("B", 2, "");
        template.Properties.Put("CLUSTER", "DefaultCluster");

        var result = store.PutMessages(template, batch);

        result.IsOk.Should().BeTrue();
        result.MessageCount.Should().Be(2);
        result.BatchOffsets.Should().HaveCount(2);
        var records = store.GetMessage("B", 2, 0, 32, null).Messages;
        records.Select(BodyOf).Should().Equal("one", "two");
        Encoding.UTF8.GetString(StoredMessage.Read(records[1].Span, out _).Properties).Should().EndWith("CLUSTER\u0001DefaultCluster");
    }

    [Fact]
    public async Task A_malformed_batch_is_refused_and_nothing_is_stored()
    {
        await using var store = new MessageStore(new MessageStoreConfig());
        var batch = MessageBatch.Encode([new Message("B", Encoding.UTF8.GetBytes("one"))]);
        BinaryPrimitives.WriteInt32BigEndian(batch, batch.Length + 10);

        store.PutMessages(Message("B", 0, ""), batch).Status.Should().Be(PutMessageStatus.MessageIllegal);
        store.MaxPhysicalOffset.Should().Be(0);
    }

    [Fact]
    public async Task Oversized_bodies_are_illegal()
    {
        await using var store = new MessageStore(new MessageStoreConfig { MaxMessageSize = 10 });
        store.PutMessage(Message("T", 0, new string('x', 11))).Status.Should().Be(PutMessageStatus.MessageIllegal);
    }

    [Fact]
    public async Task A_delayed_message_goes_to_the_schedule_topic_with_its_real_destination_and_due_time()
    {
        var clock = new ManualTimeProvider();
        await using var store = new MessageStore(new MessageStoreConfig(), clock);
        var message = Message("T", 3, "later");
        message.Properties.Put("DELAY", "2");

        var result = store.PutMessage(message);

        result.Topic.Should().Be("SCHEDULE_TOPIC_XXXX");
        result.QueueId.Should().Be(1);
        store.TryGetQueueEntry("SCHEDULE_TOPIC_XXXX", 1, 0, out var entry).Should().BeTrue();
        entry.TagsCode.Should().Be(result.StoreTimestamp + 5000, "level 2 is 5 s");
        var props = Encoding.UTF8.GetString(StoredMessage.Read(store.ReadRecord(result.CommitLogOffset).Span, out _).Properties);
        props.Should().Contain("REAL_TOPIC\u0001T").And.Contain("REAL_QID\u00013");
    }

    [Fact]
    public async Task Query_by_key_and_by_unique_key_finds_the_messages_newest_first()
    {
        await using var store = new MessageStore(new MessageStoreConfig());
        store.PutMessage(Message("T", 0, "a", keys: "k1 k2", extra: "U1"));
        store.PutMessage(Message("T", 1, "b", keys: "k2"));
        store.PutMessage(Message("Other", 0, "c", keys: "k2"));

        store.QueryMessage("T", "k2", 10, 0, long.MaxValue).Select(BodyOf).Should().Equal("b", "a");
        store.QueryMessage("T", "k1", 10, 0, long.MaxValue).Select(BodyOf).Should().Equal("a");
        store.QueryMessage("T", "U1", 10, 0, long.MaxValue).Select(BodyOf).Should().Equal("a");
        store.QueryMessage("T", "nope", 10, 0, long.MaxValue).Should().BeEmpty();
    }

    [Fact]
    public async Task A_file_store_recovers_every_acknowledged_message_and_cuts_a_torn_tail()
    {
        var config = new MessageStoreConfig { StoreDirectory = _dir, FlushDiskType = FlushDiskType.SyncFlush };
        long end;
        await using (var store = new MessageStore(config))
        {
            store.Load();
            for (var i = 0; i < 5; i++)
            {
                var r = store.PutMessage(Message("T", i % 2, "m" + i, keys: "key" + i));
                await store.WhenDurable(r).WaitAsync(TimeSpan.FromSeconds(5));
            }

            end = store.MaxPhysicalOffset;
        }

        var file = Path.Combine(_dir, "commitlog", "00000000000000000000");
        new FileInfo(file).Length.Should().Be(end);
        await using (var stream = new FileStream(file, FileMode.Append))
        {
            stream.Write(new byte[] { 0, 0, 1, 0, 0xDA, 0xA3 }); // half a record, as if the process died mid-write
        }

        await using (var recovered = new MessageStore(config))
        {
            recovered.Load();
            recovered.MaxPhysicalOffset.Should().Be(end);
            recovered.GetMessage("T", 0, 0, 32, null).Messages.Select(BodyOf).Should().Equal("m0", "m2", "m4");
            recovered.GetMessage("T", 1, 0, 32, null).Messages.Select(BodyOf).Should().Equal("m1", "m3");
            recovered.QueryMessage("T", "key3", 1, 0, long.MaxValue).Should().HaveCount(1);
            var next = recovered.PutMessage(Message("T", 0, "after"));
            next.CommitLogOffset.Should().Be(end);
            next.QueueOffset.Should().Be(3);
        }

        new FileInfo(file).Length.Should().BeGreaterThan(end);
    }

    private sealed class TagFilter(int code) : IMessageFilter
    {
        public bool IsMatchedByConsumeQueue(long tagsCode) => tagsCode == code;

        public bool IsMatchedByCommitLog(ReadOnlySpan<byte> record) => true;
    }
}
