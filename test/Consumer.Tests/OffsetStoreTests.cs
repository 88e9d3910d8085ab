using Microsoft.Extensions.Logging.Abstractions;
using RocketMQ.Go.Port.Consumer;
using RocketMQ.Go.Port.Primitive;

namespace RocketMQ.Go.Port.Tests;

public sealed class OffsetStoreTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "consumer-tests-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    [Fact]
    public async Task Local_store_survives_a_restart_and_keeps_a_backup()
    {
        var mq0 = new MessageQueue("T", "broker-a", 0);
        var mq1 = new MessageQueue("T", "broker-b", 1);
        var store = new LocalFileOffsetStore("10.0.0.1@c1", "G", NullLogger.Instance, _dir);
        store.Update(mq0, 5, increaseOnly: false);
        store.Update(mq1, 7, increaseOnly: false);
        await store.Persist([mq0, mq1]);
        store.Update(mq0, 9, increaseOnly: true);
        store.Update(mq0, 3, increaseOnly: true);
        await store.Persist([mq0, mq1]);

        var reopened = new LocalFileOffsetStore("10.0.0.1@c1", "G", NullLogger.Instance, _dir);
        (await reopened.ReadWithException(mq0, ReadType.ReadFromStore)).Should().Be(9);
        (await reopened.ReadWithException(mq1, ReadType.ReadMemoryThenStore)).Should().Be(7);
        File.Exists(reopened.FilePath + ".bak").Should().BeTrue();

        await File.WriteAllTextAsync(reopened.FilePath, "{ torn");
        var fromBackup = new LocalFileOffsetStore("10.0.0.1@c1", "G", NullLogger.Instance, _dir);
        (await fromBackup.ReadWithException(mq1, ReadType.ReadFromStore)).Should().Be(7, "a corrupt file falls back to the backup");
    }

    [Fact]
    public void Local_store_reads_gos_file_format()
    {
        var go = """{"offsetTable":{"{\"topic\":\"T\",\"brokerName\":\"broker-a\",\"queueId\":3}":42}}"""u8;
        var table = LocalFileOffsetStore.Deserialize(go);
        table.Should().ContainKey(new MessageQueue("T", "broker-a", 3)).WhoseValue.Should().Be(42);
        LocalFileOffsetStore.Deserialize(LocalFileOffsetStore.Serialize(table)).Should().BeEquivalentTo(table);
    }

    [Fact]
    public void Offset_table_only_raises_with_increase_only()
    {
        var table = new OffsetTable();
        var mq = new MessageQueue("T", "b", 0);
        table.Read(mq).Should().Be(-1);
        table.Update(mq, 10, increaseOnly: true);
        table.Update(mq, 5, increaseOnly: true);
        table.Read(mq).Should().Be(10);
        table.Update(mq, 5, increaseOnly: false);
        table.Read(mq).Should().Be(5);
        Parallel.For(0, 1000, i => table.Update(mq, i, increaseOnly: true));
        table.Read(mq).Should().Be(999);
    }
}
