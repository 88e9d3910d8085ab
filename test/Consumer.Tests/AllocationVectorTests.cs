using System.Text.Json;
using RocketMQ.Go.Port.Consumer;
using RocketMQ.Go.Port.Primitive;

namespace RocketMQ.Go.Port.Tests;

/// <summary>
/// Every allocation strategy reproduces what Java 4.9.8's own strategies returned
/// (../shared/reference/allocation-vectors.jsonl: queues and client ids sorted as Java's rebalance sorts them), so a
/// group mixing Java and .NET members never owns a queue twice or leaves one without owner.
/// </summary>
public class AllocationVectorTests
{
    private const string Topic = "AllocTopic";

    /// <summary>The file's strategy names and ours.</summary>
    private static readonly Dictionary<string, AllocateStrategy> ByName = new(StringComparer.Ordinal)
    {
        ["Averagely"] = Strategies.AllocateByAveragely,
        ["AveragelyByCircle"] = Strategies.AllocateByAveragelyCircle,
        ["ConsistentHash"] = Strategies.AllocateByConsistentHash(10),
        ["ConsistentHash_vnodes3"] = Strategies.AllocateByConsistentHash(3),
        ["MachineRoomNearby_Averagely"] = Strategies.AllocateByMachineRoomNearby(Strategies.AllocateByAveragely, mq => RoomOf(mq.BrokerName), RoomOf),
        ["ByMachineRoom_room1_room2"] = Strategies.AllocateByMachineRoom(["room1", "room2"]),
    };

    private static readonly Lazy<IReadOnlyList<string>> Lines = new(() =>
        File.ReadAllLines(Path.Combine(SharedFolder.Find("reference", "allocation-vectors.jsonl"), "allocation-vectors.jsonl"))
            .Where(l => l.Length > 0).ToList());

    public static IEnumerable<object[]> Vectors() => Lines.Value.Select((_, i) => new object[] { i + 1 });

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Java_4_9_8_allocation_is_reproduced(int line)
    {
        using var doc = JsonDocument.Parse(Lines.Value[line - 1]);
        var root = doc.RootElement;
        var name = root.GetProperty("strategy").GetString()!;
        ByName.Should().ContainKey(name, $"line {line} names a strategy Java has");
        var strategy = ByName[name];
        var queues = root.GetProperty("queues").EnumerateArray().Select(q => ParseQueue(q.GetString()!)).ToList();
        var consumers = root.GetProperty("consumers").EnumerateArray().Select(c => c.GetString()!).ToList();
        var expected = root.GetProperty("allocation");

        expected.EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo(consumers, $"line {line} gives every consumer's share");
        foreach (var cid in consumers)
        {
            var want = expected.GetProperty(cid).EnumerateArray().Select(q => q.GetString()!).ToList();
            var got = strategy("group", cid, queues, consumers).Select(Format).ToList();
            got.Should().Equal(want, $"line {line}: {name} for {cid} among {consumers.Count} consumers and {queues.Count} queues");
        }
    }

    [Fact]
    public void The_vectors_cover_every_strategy()
    {
        var names = Lines.Value.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("strategy").GetString()!).Distinct().ToList();
        names.Should().BeEquivalentTo(ByName.Keys);
        Lines.Value.Should().HaveCountGreaterThanOrEqualTo(6 * 30);
    }

    [Fact]
    public void Java_ring_routes_a_queue_to_the_first_md5_point_at_or_after_its_hash()
    {
        // Computed by hand from Java's ConsistentHashRouter: points "cid-i", MD5's first 4 bytes big-endian.
        static uint Md5(string s) => System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes(s)));
        var cids = new List<string> { "a", "b" };
        var points = new SortedDictionary<uint, string> { [Md5("a-0")] = "a", [Md5("b-0")] = "b" };
        var mqs = Enumerable.Range(0, 16).Select(i => new MessageQueue("T", "broker-a", i)).ToList();
        foreach (var mq in mqs)
        {
            var key = Md5(mq.ToString());
            var owner = points.FirstOrDefault(p => p.Key >= key, points.First()).Value;
            Strategies.AllocateByConsistentHash(1)("g", owner, mqs, cids).Should().Contain(mq);
        }
    }

    // "brokerName:queueId" of topic AllocTopic.
    private static MessageQueue ParseQueue(string text)
    {
        var colon = text.LastIndexOf(':');
        return new MessageQueue(Topic, text[..colon], int.Parse(text[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture));
    }

    private static string Format(MessageQueue mq) => $"{mq.BrokerName}:{mq.QueueId}";

    // The machine room of a broker or client id in the vectors: the text before the first '-'.
    private static string RoomOf(string name)
    {
        var dash = name.IndexOf('-');
        return dash < 0 ? name : name[..dash];
    }
}
