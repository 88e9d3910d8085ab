namespace RocketMQ.Go.Port.Consumer;

/// <summary>
/// Chooses this consumer's queues among the group (Go: <c>consumer.AllocateStrategy</c>). Called with the queues
/// sorted by topic, broker name and queue id and the client ids sorted ordinally, the same lists on every member,
/// so each member computes its own share and the shares don't overlap.
/// </summary>
/// <param name="consumerGroup">The group.</param>
/// <param name="currentCID">This consumer's client id.</param>
/// <param name="mqAll">Every queue of the topic.</param>
/// <param name="cidAll">Every client id of the group.</param>
/// <returns>This consumer's queues (empty when it owns none).</returns>
public delegate IReadOnlyList<MessageQueue> AllocateStrategy(string consumerGroup, string currentCID, IReadOnlyList<MessageQueue> mqAll, IReadOnlyList<string> cidAll);

/// <summary>The allocation strategies of Go's strategy.go (and Java's AllocateMessageQueue* classes).</summary>
public static class Strategies
{
    /// <summary>
    /// Contiguous blocks, the first <c>queues % consumers</c> consumers taking one extra (Go: <c>AllocateByAveragely</c>,
    /// the default; Java: AllocateMessageQueueAveragely).
    /// </summary>
    public static readonly AllocateStrategy AllocateByAveragely = Averagely;

    /// <summary>Round robin: queue i goes to consumer i % consumers (Go: <c>AllocateByAveragelyCircle</c>).</summary>
    public static readonly AllocateStrategy AllocateByAveragelyCircle = AveragelyCircle;

    /// <summary>
    /// Go: <c>AllocateByMachineNearby</c>, which Go leaves as a TODO forwarding to <see cref="AllocateByAveragely"/>;
    /// the same here. For Java's machine-room-aware behaviour use <see cref="AllocateByMachineRoomNearby"/>.
    /// </summary>
    public static readonly AllocateStrategy AllocateByMachineNearby = Averagely;

    /// <summary>A fixed list of queues, whatever the group looks like (Go: <c>AllocateByConfig</c>).</summary>
    public static AllocateStrategy AllocateByConfig(IReadOnlyList<MessageQueue> list)
    {
        var copy = list.ToArray();
        return (_, _, _, _) => copy;
    }

    /// <summary>
    /// Only queues of brokers named <c>idc@name</c> whose idc is in <paramref name="consumeridcs"/>, shared in
    /// contiguous blocks (Go: <c>AllocateByMachineRoom</c>; Java: AllocateMessageQueueByMachineRoom). <b>Fix:</b> Go
    /// takes the blocks from all queues instead of the machine room's queues, handing out queues of other rooms.
    /// </summary>
    public static AllocateStrategy AllocateByMachineRoom(IReadOnlyCollection<string> consumeridcs)
    {
        var idcs = new HashSet<string>(consumeridcs, StringComparer.Ordinal);
        return (group, currentCID, mqAll, cidAll) =>
        {
            var index = IndexOf(currentCID, mqAll, cidAll);
            if (index < 0)
            {
                return [];
            }

            var roomQueues = new List<MessageQueue>();
            foreach (var mq in mqAll)
            {
                var parts = mq.BrokerName.Split('@');
                if (parts.Length == 2 && idcs.Contains(parts[0]))
                {
                    roomQueues.Add(mq);
                }
            }

            var mod = roomQueues.Count / cidAll.Count;
            var rem = roomQueues.Count % cidAll.Count;
            var result = new List<MessageQueue>(mod + 1);
            for (var i = mod * index; i < (mod * index) + mod; i++)
            {
                result.Add(roomQueues[i]);
            }

            if (rem > index)
            {
                result.Add(roomQueues[index + (mod * cidAll.Count)]);
            }

            return result;
        };
    }

    /// <summary>
    /// Java's AllocateMachineRoomNearby (Go has only a TODO): queues of a machine room go to the consumers in the same
    /// room, shared with <paramref name="inner"/>; queues of rooms with no consumer are shared among all consumers.
    /// As Java: rooms are visited in ordinal order, this consumer's room first.
    /// </summary>
    /// <param name="inner">How to share within a room.</param>
    /// <param name="machineRoomOfBroker">The machine room of a queue's broker (Java: <c>brokerDeployIn</c>).</param>
    /// <param name="machineRoomOfClient">The machine room of a client id (Java: <c>consumerDeployIn</c>).</param>
    /// <remarks>The strategy throws <see cref="ArgumentException"/> when a room resolves empty, as Java's does.</remarks>
    public static AllocateStrategy AllocateByMachineRoomNearby(AllocateStrategy inner, Func<MessageQueue, string> machineRoomOfBroker, Func<string, string> machineRoomOfClient)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(machineRoomOfBroker);
        ArgumentNullException.ThrowIfNull(machineRoomOfClient);
        return (group, currentCID, mqAll, cidAll) =>
        {
            if (IndexOf(currentCID, mqAll, cidAll) < 0)
            {
                return [];
            }

            var queuesByRoom = new SortedDictionary<string, List<MessageQueue>>(StringComparer.Ordinal);
            foreach (var mq in mqAll)
            {
                Add(queuesByRoom, Room(machineRoomOfBroker(mq), "mq", mq), mq);
            }

            var clientsByRoom = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
            foreach (var cid in cidAll)
            {
                Add(clientsByRoom, Room(machineRoomOfClient(cid), "consumer id", cid), cid);
            }

            var result = new List<MessageQueue>();
            var currentRoom = machineRoomOfClient(currentCID);
            if (queuesByRoom.Remove(currentRoom, out var sameRoomQueues) && sameRoomQueues.Count > 0)
            {
                result.AddRange(inner(group, currentCID, sameRoomQueues, clientsByRoom[currentRoom]));
            }

            foreach (var (room, queues) in queuesByRoom)
            {
                if (!clientsByRoom.ContainsKey(room))
                {
                    result.AddRange(inner(group, currentCID, queues, cidAll));
                }
            }

            return result;
        };
    }

    private static string Room(string? room, string what, object of)
        => string.IsNullOrEmpty(room) ? throw new ArgumentException($"Machine room is null for {what} {of}") : room;

    /// <summary>
    /// Consistent hashing, as Java 4.9.8's AllocateMessageQueueConsistentHash (so .NET and Java members of one group
    /// agree): each client id gets <paramref name="virtualNodeCnt"/> points <c>cid-i</c> on a ring of MD5 hashes (the
    /// digest's first 4 bytes, big-endian, unsigned); a queue, keyed by <c>MessageQueue.ToString()</c>
    /// (<c>MessageQueue [topic=.., brokerName=.., queueId=..]</c>), goes to the first point at or after its hash.
    /// A joining or leaving consumer only moves the queues next to its points. Java's default is 10 virtual nodes.
    /// <b>Difference:</b> Go (<c>AllocateByConsistentHash</c>) uses a CRC-32 ring with other point names, which
    /// disagrees with Java's; Go's ring is <see cref="AllocateByGoConsistentHash"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="virtualNodeCnt"/> is not positive.</exception>
    public static AllocateStrategy AllocateByConsistentHash(int virtualNodeCnt)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(virtualNodeCnt);
        return (group, currentCID, mqAll, cidAll) => ByRing(currentCID, mqAll, cidAll, ConsistentHashRing.Java(cidAll, virtualNodeCnt));
    }

    /// <summary>
    /// Go's consistent hash (<c>AllocateByConsistentHash</c> in rocketmq-client-go, stathat.com/c/consistent: points
    /// <c>i + cid</c>, CRC-32 IEEE of the UTF-8 text, first point strictly above the key), for a group whose other
    /// members are Go clients. Java members disagree with it: use <see cref="AllocateByConsistentHash"/> with them.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="virtualNodeCnt"/> is not positive.</exception>
    public static AllocateStrategy AllocateByGoConsistentHash(int virtualNodeCnt)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(virtualNodeCnt);
        return (group, currentCID, mqAll, cidAll) => ByRing(currentCID, mqAll, cidAll, ConsistentHashRing.Go(cidAll, virtualNodeCnt));
    }

    private static IReadOnlyList<MessageQueue> ByRing(string currentCID, IReadOnlyList<MessageQueue> mqAll, IReadOnlyList<string> cidAll, ConsistentHashRing ring)
    {
        if (IndexOf(currentCID, mqAll, cidAll) < 0)
        {
            return [];
        }

        var result = new List<MessageQueue>();
        foreach (var mq in mqAll)
        {
            if (ring.Route(mq.ToString()) == currentCID)
            {
                result.Add(mq);
            }
        }

        return result;
    }

    private static IReadOnlyList<MessageQueue> Averagely(string group, string currentCID, IReadOnlyList<MessageQueue> mqAll, IReadOnlyList<string> cidAll)
    {
        var index = IndexOf(currentCID, mqAll, cidAll);
        if (index < 0)
        {
            return [];
        }

        var mqSize = mqAll.Count;
        var cidSize = cidAll.Count;
        var mod = mqSize % cidSize;
        var averageSize = mqSize <= cidSize ? 1 : (mod > 0 && index < mod ? (mqSize / cidSize) + 1 : mqSize / cidSize);
        var startIndex = mod > 0 && index < mod ? index * averageSize : (index * averageSize) + mod;
        var count = Math.Min(averageSize, mqSize - startIndex);
        if (count <= 0)
        {
            return [];
        }

        var result = new MessageQueue[count];
        for (var i = 0; i < count; i++)
        {
            result[i] = mqAll[(startIndex + i) % mqSize];
        }

        return result;
    }

    private static IReadOnlyList<MessageQueue> AveragelyCircle(string group, string currentCID, IReadOnlyList<MessageQueue> mqAll, IReadOnlyList<string> cidAll)
    {
        var index = IndexOf(currentCID, mqAll, cidAll);
        if (index < 0)
        {
            return [];
        }

        var result = new List<MessageQueue>((mqAll.Count / cidAll.Count) + 1);
        for (var i = index; i < mqAll.Count; i += cidAll.Count)
        {
            result.Add(mqAll[i]);
        }

        return result;
    }

    // -1 when the inputs are empty or the client is not in the list (Go logs "[BUG] ConsumerId not in cidAll").
    private static int IndexOf(string currentCID, IReadOnlyList<MessageQueue> mqAll, IReadOnlyList<string> cidAll)
    {
        if (string.IsNullOrEmpty(currentCID) || mqAll.Count == 0 || cidAll.Count == 0)
        {
            return -1;
        }

        for (var i = 0; i < cidAll.Count; i++)
        {
            if (cidAll[i] == currentCID)
            {
                return i;
            }
        }

        return -1;
    }

    private static void Add<T>(IDictionary<string, List<T>> map, string key, T value)
    {
        if (!map.TryGetValue(key, out var list))
        {
            map[key] = list = [];
        }

        list.Add(value);
    }
}
