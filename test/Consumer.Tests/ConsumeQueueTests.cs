using System.Threading.Channels;
using RocketMQ.Go.Port.Consumer;
using RocketMQ.Go.Port.Primitive;

namespace RocketMQ.Go.Port.Tests;

/// <summary>The push consumer's consume channel: pull loops write batches, each worker reads on its own reader.</summary>
public class ConsumeQueueTests
{
    private static readonly MessageQueue Mq = new("T", "b", 0);

    private static ConsumeBatch Batch(long offset)
        => ConsumeBatch.Single(Mq, new ProcessQueue(), new MessageExt { QueueOffset = offset, Topic = "T" }, "g");

    [Fact]
    public async Task Queued_batches_are_read_in_order_and_a_waiting_worker_gets_the_next_one_written()
    {
        var queue = new ConsumeQueue(8);
        var reader = queue.NewReader();
        await queue.WriteAsync(Batch(1));
        await queue.WriteAsync(Batch(2));
        queue.Count.Should().Be(2);
        (await reader.ReadAsync())![0].QueueOffset.Should().Be(1);
        (await reader.ReadAsync())![0].QueueOffset.Should().Be(2);

        var waiting = reader.ReadAsync();
        waiting.IsCompleted.Should().BeFalse("nothing is queued");
        await queue.WriteAsync(Batch(3));
        queue.Count.Should().Be(0, "the batch went straight to the waiting worker");
        (await waiting)![0].QueueOffset.Should().Be(3);
    }

    [Fact]
    public async Task Each_batch_reaches_one_worker_among_many_waiting()
    {
        var queue = new ConsumeQueue(8);
        var readers = Enumerable.Range(0, 4).Select(_ => queue.NewReader()).ToList();
        var reads = readers.Select(r => r.ReadAsync().AsTask()).ToList();
        for (var i = 0; i < 4; i++)
        {
            await queue.WriteAsync(Batch(i));
        }

        var got = await Task.WhenAll(reads);
        got.Select(b => b![0].QueueOffset).Should().BeEquivalentTo([0L, 1L, 2L, 3L]);
        queue.Count.Should().Be(0);
    }

    [Fact]
    public async Task A_full_queue_holds_writers_until_a_worker_takes_a_batch_and_a_cancelled_writer_gives_up()
    {
        var queue = new ConsumeQueue(1);
        var reader = queue.NewReader();
        await queue.WriteAsync(Batch(1));
        var held = queue.WriteAsync(Batch(2));
        held.IsCompleted.Should().BeFalse("the queue is full");

        using var cancel = new CancellationTokenSource();
        var cancelled = queue.WriteAsync(Batch(3), cancel.Token);
        await cancel.CancelAsync();
        await FluentActions.Awaiting(async () => await cancelled).Should().ThrowAsync<OperationCanceledException>();

        (await reader.ReadAsync())![0].QueueOffset.Should().Be(1);
        await held;
        (await reader.ReadAsync())![0].QueueOffset.Should().Be(2);
        queue.Count.Should().Be(0, "the cancelled write queued nothing");
    }

    [Fact]
    public async Task Completing_wakes_waiting_workers_after_the_queued_batches_and_refuses_writes()
    {
        var queue = new ConsumeQueue(8);
        var idle = queue.NewReader();
        var waiting = idle.ReadAsync();
        var busy = queue.NewReader();
        queue.TryComplete().Should().BeTrue();
        (await waiting).Should().BeNull("a waiting worker learns the queue ended");
        queue.TryComplete().Should().BeFalse();
        await FluentActions.Awaiting(async () => await queue.WriteAsync(Batch(1))).Should().ThrowAsync<ChannelClosedException>();
        (await busy.ReadAsync()).Should().BeNull();

        var draining = new ConsumeQueue(8);
        await draining.WriteAsync(Batch(7));
        draining.TryComplete();
        var reader = draining.NewReader();
        (await reader.ReadAsync())![0].QueueOffset.Should().Be(7, "what was queued before the end is still read");
        (await reader.ReadAsync()).Should().BeNull();
    }

    [Fact]
    public async Task Completing_releases_writers_waiting_for_room()
    {
        var queue = new ConsumeQueue(1);
        await queue.WriteAsync(Batch(1));
        var held = queue.WriteAsync(Batch(2));
        queue.TryComplete();
        await FluentActions.Awaiting(async () => await held).Should().ThrowAsync<ChannelClosedException>();
    }
}
