using FsCheck;
using FsCheck.Fluent;
using RocketMQ.Go.Port.Consumer;
using RocketMQ.Go.Port.Primitive;

namespace RocketMQ.Go.Port.Tests;

public class StrategyTests
{
    private static readonly (string Name, AllocateStrategy Strategy)[] Sharing =
    [
        ("averagely", Strategies.AllocateByAveragely),
        ("averagely circle", Strategies.AllocateByAveragelyCircle),
        ("consistent hash", Strategies.AllocateByConsistentHash(10)),
        ("go consistent hash", Strategies.AllocateByGoConsistentHash(10)),
        ("machine room nearby", Strategies.AllocateByMachineRoomNearby(Strategies.AllocateByAveragely, mq => mq.BrokerName.Split('@')[0], cid => cid.Split('@')[0])),
    ];

    private static List<MessageQueue> Queues(int brokers, int perBroker, string prefix = "broker-")
    {
        var list = new List<MessageQueue>();
        for (var b = 0; b < brokers; b++)
        {
            for (var q = 0; q < perBroker; q++)
            {
                list.Add(new MessageQueue("T", prefix + (char)('a' + b), q));
            }
        }

        list.Sort(Consumer.DefaultConsumer.CompareQueues);
        return list;
    }

    private static List<string> Clients(int count) => [.. Enumerable.Range(0, count).Select(i => $"10.0.0.{i}@pid{i}").Order(StringComparer.Ordinal)];

    [Fact]
    public void Every_strategy_gives_every_queue_to_exactly_one_consumer()
    {
        Prop.ForAll(Gen.Choose(1, 4).ToArbitrary(), Gen.Choose(1, 16).ToArbitrary(), Gen.Choose(1, 12).ToArbitrary(), (brokers, perBroker, consumers) =>
        {
            var mqs = Queues(brokers, perBroker);
            var cids = Clients(consumers);
            foreach (var (name, strategy) in Sharing)
            {
                var owners = new Dictionary<MessageQueue, int>();
                foreach (var cid in cids)
                {
                    foreach (var mq in strategy("g", cid, mqs, cids))
                    {
                        owners[mq] = owners.GetValueOrDefault(mq) + 1;
                    }
                }

                owners.Keys.Should().BeEquivalentTo(mqs, $"{name} must hand out every queue");
                owners.Values.Should().OnlyContain(n => n == 1, $"{name} must hand each queue to one consumer");
            }
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Averagely_gives_contiguous_blocks_with_the_remainder_to_the_first_consumers()
    {
        var mqs = Queues(2, 8);
        var cids = Clients(3);
        var shares = cids.Select(c => Strategies.AllocateByAveragely("g", c, mqs, cids)).ToList();
        shares.Select(s => s.Count).Should().Equal(6, 5, 5);
        shares[0].Should().Equal(mqs.Take(6));
        shares[1].Should().Equal(mqs.Skip(6).Take(5));
        shares[2].Should().Equal(mqs.Skip(11));
    }

    [Fact]
    public void Averagely_circle_deals_queues_round_robin()
    {
        var mqs = Queues(1, 5);
        var cids = Clients(2);
        Strategies.AllocateByAveragelyCircle("g", cids[0], mqs, cids).Select(m => m.QueueId).Should().Equal(0, 2, 4);
        Strategies.AllocateByAveragelyCircle("g", cids[1], mqs, cids).Select(m => m.QueueId).Should().Equal(1, 3);
    }

    [Fact]
    public void A_consumer_missing_from_the_list_or_empty_inputs_get_nothing()
    {
        var mqs = Queues(1, 4);
        foreach (var (_, strategy) in Sharing)
        {
            strategy("g", "not-listed", mqs, Clients(2)).Should().BeEmpty();
            strategy("g", "", mqs, Clients(2)).Should().BeEmpty();
            strategy("g", Clients(1)[0], [], Clients(1)).Should().BeEmpty();
        }
    }

    [Fact]
    public void By_config_returns_the_configured_queues_whatever_the_group()
    {
        var fixedQueues = Queues(1, 2);
        Strategies.AllocateByConfig(fixedQueues)("g", "any", Queues(3, 3), Clients(5)).Should().Equal(fixedQueues);
    }

    [Fact]
    public void By_machine_room_shares_only_the_rooms_queues()
    {
        var mqs = new List<MessageQueue>();
        foreach (var broker in new[] { "hz@broker-a", "sh@broker-b" })
        {
            for (var q = 0; q < 3; q++)
            {
                mqs.Add(new MessageQueue("T", broker, q));
            }
        }

        var cids = Clients(2);
        var strategy = Strategies.AllocateByMachineRoom(["sh"]);
        var all = cids.SelectMany(c => strategy("g", c, mqs, cids)).ToList();
        all.Should().HaveCount(3).And.OnlyHaveUniqueItems();
        all.Should().OnlyContain(m => m.BrokerName == "sh@broker-b", "Go hands out hz queues here (it indexes all queues)");
    }

    [Fact]
    public void Consistent_hash_moves_few_queues_when_a_consumer_joins()
    {
        var mqs = Queues(2, 16);
        var strategy = Strategies.AllocateByConsistentHash(20);
        var before = Clients(3);
        var after = Clients(4);
        var ownerBefore = mqs.ToDictionary(m => m, m => before.Single(c => strategy("g", c, mqs, before).Contains(m)));
        var ownerAfter = mqs.ToDictionary(m => m, m => after.Single(c => strategy("g", c, mqs, after).Contains(m)));
        var newcomer = after.Except(before).Single();
        mqs.Where(m => ownerBefore[m] != ownerAfter[m]).Should().OnlyContain(m => ownerAfter[m] == newcomer, "only queues taken by the newcomer move");
    }

    [Fact]
    public void Go_consistent_hash_matches_gos_ring()
    {
        // Go (stathat consistent, CRC-32 of "i"+cid, first point strictly above the key's CRC-32).
        var cids = new List<string> { "a", "b" };
        var mq = new MessageQueue("T", "broker-a", 0);
        var owner = cids.Single(c => Strategies.AllocateByGoConsistentHash(1)("g", c, [mq], cids).Count == 1);
        static uint Crc(string s) => Crc32.Compute(System.Text.Encoding.UTF8.GetBytes(s));
        var points = new SortedDictionary<uint, string> { [Crc("0a")] = "a", [Crc("0b")] = "b" };
        var key = Crc(mq.ToString());
        var expected = points.FirstOrDefault(p => p.Key > key, points.First()).Value;
        owner.Should().Be(expected);
    }
}
