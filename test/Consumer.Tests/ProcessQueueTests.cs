using FsCheck;
using FsCheck.Fluent;
using RocketMQ.Go.Port.Consumer;
using RocketMQ.Go.Port.Primitive;

namespace RocketMQ.Go.Port.Tests;

public class ProcessQueueTests
{
    // The queue's MAX_OFFSET as a pull answer reports it, past every offset these tests cache.
    private const long QueueEnd = 1_000;

    private static MessageExt Msg(long offset, int size = 10) => new() { QueueOffset = offset, Body = new byte[size], Topic = "T" };

    private static List<MessageExt> Msgs(long from, int count) => [.. Enumerable.Range(0, count).Select(i => Msg(from + i))];

    [Fact]
    public void Offset_map_behaves_like_a_sorted_map_under_any_operation_sequence()
    {
        // Operations: add(offset), remove(offset), removeFirst; compared with SortedDictionary after each step.
        var op = Gen.OneOf(
            Gen.Choose(0, 60).Select(o => (Kind: 0, Offset: (long)o)),
            Gen.Choose(0, 60).Select(o => (Kind: 1, Offset: (long)o)),
            Gen.Constant((Kind: 2, Offset: 0L)));
        Prop.ForAll(Gen.ListOf(op).Select(l => l.ToArray()).ToArbitrary(), ops =>
        {
            var map = new OffsetMap();
            var model = new SortedDictionary<long, MessageExt>();
            foreach (var (kind, offset) in ops)
            {
                switch (kind)
                {
                    case 0:
                        var m = Msg(offset);
                        map.TryAdd(offset, m).Should().Be(model.TryAdd(offset, m));
                        break;
                    case 1:
                        var removed = map.Remove(offset);
                        model.Remove(offset, out var expected).Should().Be(removed is not null);
                        removed.Should().BeSameAs(expected);
                        break;
                    default:
                        var first = map.RemoveFirst();
                        if (model.Count == 0)
                        {
                            first.Should().BeNull();
                        }
                        else
                        {
                            first.Should().BeSameAs(model.First().Value);
                            model.Remove(model.First().Key);
                        }

                        break;
                }

                map.Count.Should().Be(model.Count);
                map.MinKey.Should().Be(model.Count == 0 ? -1 : model.First().Key);
                map.MaxKey.Should().Be(model.Count == 0 ? -1 : model.Last().Key);
                map.ToList().Select(x => x.QueueOffset).Should().Equal(model.Keys);
            }
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Remove_returns_the_smallest_unconsumed_offset_or_one_past_the_largest()
    {
        var pq = new ProcessQueue();
        var msgs = Msgs(100, 5);
        pq.PutMessages(msgs, QueueEnd);
        pq.RemoveMessages([msgs[1], msgs[2]]).Should().Be(100, "offset 100 is still in flight");
        pq.RemoveMessages([msgs[0]]).Should().Be(103);
        pq.RemoveMessages([msgs[3], msgs[4]]).Should().Be(105);
        pq.CachedMsgCount.Should().Be(0);
        pq.CachedMsgSize.Should().Be(0);
        new ProcessQueue().RemoveMessages(msgs).Should().Be(-1, "nothing cached, nothing to commit");
    }

    [Fact]
    public void Count_and_size_follow_puts_and_removes_and_ignore_duplicates()
    {
        var counters = new FlowCounters();
        var pq = new ProcessQueue(topicCounters: counters);
        pq.PutMessages([Msg(1, 100), Msg(2, 50)], QueueEnd);
        pq.PutMessages([Msg(2, 50), Msg(3, 25)], QueueEnd);
        pq.CachedMsgCount.Should().Be(3);
        pq.CachedMsgSize.Should().Be(175);
        counters.Count.Should().Be(3);
        counters.Size.Should().Be(175);
        pq.GetMaxSpan().Should().Be(2);
        pq.RemoveMessages([Msg(2, 50)]);
        counters.Count.Should().Be(2);
        counters.Size.Should().Be(125);
        pq.Clear();
        counters.Count.Should().Be(0);
        counters.Size.Should().Be(0);
    }

    [Fact]
    public void Orderly_take_commit_and_consume_again_keep_offset_order()
    {
        var pq = new ProcessQueue(order: true);
        pq.PutMessages(Msgs(0, 5), QueueEnd).Should().BeTrue("an idle queue is handed to a worker");
        pq.PutMessages(Msgs(5, 1), QueueEnd).Should().BeFalse("the queue is being consumed already");

        var first = pq.TakeMessages(2);
        first.Select(m => m.QueueOffset).Should().Equal(0, 1);
        pq.MakeMessagesToConsumeAgain(first);
        var again = pq.TakeMessages(3);
        again.Select(m => m.QueueOffset).Should().Equal([0L, 1L, 2L], "suspended messages come back first");
        pq.PutMessages([Msg(1)], QueueEnd);
        pq.CachedMsgCount.Should().Be(6, "an offset being consumed is not cached twice");
        pq.Commit().Should().Be(3);
        pq.CachedMsgCount.Should().Be(3);
        pq.Commit().Should().Be(-1, "an empty window commits nothing (Go returns 1)");

        pq.TakeMessages(10).Select(m => m.QueueOffset).Should().Equal(3, 4, 5);
        pq.TakeMessages(10).Should().BeEmpty();
        pq.PutMessages(Msgs(6, 1), QueueEnd).Should().BeTrue("after an empty take the queue is idle again");
    }

    [Fact]
    public void Rollback_returns_the_window_to_the_cache()
    {
        var pq = new ProcessQueue(order: true);
        pq.PutMessages(Msgs(0, 3), QueueEnd);
        pq.TakeMessages(2);
        pq.Rollback();
        pq.TakeMessages(5).Select(m => m.QueueOffset).Should().Equal(0, 1, 2);
    }

    [Fact]
    public void Dropped_queue_takes_nothing_and_cancels_its_token()
    {
        var pq = new ProcessQueue();
        pq.Drop();
        pq.IsDropped.Should().BeTrue();
        pq.DroppedToken.IsCancellationRequested.Should().BeTrue();
        pq.PutMessages(Msgs(0, 2), QueueEnd).Should().BeFalse();
        pq.CachedMsgCount.Should().Be(0);
    }

    [Fact]
    public void Current_info_reports_cache_and_window()
    {
        var pq = new ProcessQueue(order: true);
        pq.PutMessages(Msgs(10, 4), QueueEnd);
        pq.TakeMessages(1);
        var info = pq.CurrentInfo();
        info.CachedMsgMinOffset.Should().Be(11);
        info.CachedMsgMaxOffset.Should().Be(13);
        info.CachedMsgCount.Should().Be(3);
        info.TransactionMsgMinOffset.Should().Be(10);
        info.TransactionMsgCount.Should().Be(1);
        info.LastPullTimestamp.Should().BeCloseTo(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), 5000);
    }

    [Fact]
    public void The_backlog_is_the_pull_answers_max_offset_past_the_last_message()
    {
        var pq = new ProcessQueue();
        pq.MsgAccCnt.Should().Be(0);
        pq.PutMessages(Msgs(10, 4), queueMaxOffset: 20);
        pq.MsgAccCnt.Should().Be(7, "MAX_OFFSET 20 minus the last cached offset 13, as Java counts it");
        pq.PutMessages(Msgs(14, 6), queueMaxOffset: 20);
        pq.MsgAccCnt.Should().Be(1);
        pq.PutMessages(Msgs(20, 1), queueMaxOffset: 20);
        pq.MsgAccCnt.Should().Be(1, "an answer whose MAX_OFFSET is not past its last message leaves the backlog as it was");
    }
}
