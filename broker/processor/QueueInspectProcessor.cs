using System.Globalization;
using System.Text;
using System.Text.Json;
using RocketMQ.Go.Port.Broker.Store;
using RocketMQ.Go.Port.Remote;
using ResponseCode = RocketMQ.Go.Port.Internal.ResponseCode;

namespace RocketMQ.Go.Port.Broker.Processor;

/// <summary>
/// What tools read of the broker's queues and counters (Java: AdminBrokerProcessor's queryConsumeQueue and
/// ViewBrokerStatsData): consume-queue entries (QUERY_CONSUME_QUEUE 321) and a topic's or group's message counts
/// over the last minute, hour and day (VIEW_BROKER_STATS_DATA 315).
/// </summary>
internal sealed class QueueInspectProcessor(BrokerController broker)
{
    /// <summary>QUERY_CONSUME_QUEUE: the queue's bounds, the group's subscription when asked, and count entries from index.</summary>
    public RemotingCommand QueryConsumeQueue(RemotingCommand request, ServerChannel channel)
    {
        var topic = request.Required("topic");
        var queueId = request.RequiredInt("queueId");
        var index = request.RequiredLong("index");
        var count = request.RequiredInt("count");
        var group = request.GetExtField("consumerGroup");
        if (!broker.Store.QueuesOf(topic).Any(q => q.QueueId == queueId))
        {
            return RemotingCommand.CreateResponse(request, ResponseCode.SYSTEM_ERROR, $"{queueId}@{topic} is not exist!");
        }

        var response = RemotingCommand.CreateResponse(request, ResponseCode.SUCCESS);
        var max = broker.Store.GetMaxOffsetInQueue(topic, queueId);
        var min = broker.Store.GetMinOffsetInQueue(topic, queueId);
        if (index < min || index >= max)
        {
            // As Java: SUCCESS without a body.
            response.Remark = $"Index {Str(index)} of {Str(queueId)}@{topic} is not exist!";
            return response;
        }

        var body = new StringBuilder("{");
        if (group is not null)
        {
            var subscription = broker.Consumers.GetGroup(group)?.FindSubscription(topic);
            body.Append("\"filterData\":").Append(JsonSerializer.Serialize(subscription is null ? $"{group}@{topic} is not online!" : "null")).Append(',');
            if (subscription is not null)
            {
                body.Append("\"subscriptionData\":{\"classFilterMode\":").Append(subscription.ClassFilterMode ? "true" : "false")
                    .Append(",\"codeSet\":[").Append(string.Join(",", subscription.CodeSet.Select(c => Str(c)))).Append(']')
                    .Append(",\"expressionType\":").Append(JsonSerializer.Serialize(subscription.ExpressionType))
                    .Append(",\"subString\":").Append(JsonSerializer.Serialize(subscription.SubString))
                    .Append(",\"subVersion\":").Append(Str(subscription.SubVersion))
                    .Append(",\"tagsSet\":").Append(JsonSerializer.Serialize(subscription.TagsSet))
                    .Append(",\"topic\":").Append(JsonSerializer.Serialize(subscription.Topic)).Append("},");
            }
        }

        body.Append("\"maxQueueIndex\":").Append(Str(max)).Append(",\"minQueueIndex\":").Append(Str(min)).Append(",\"queueData\":[");
        for (var offset = index; offset < max && offset < index + count; offset++)
        {
            if (broker.Store.TryGetQueueEntry(topic, queueId, offset, out var entry))
            {
                body.Append(offset == index ? "" : ",").Append("{\"eval\":false,\"physicOffset\":").Append(Str(entry.CommitLogOffset))
                    .Append(",\"physicSize\":").Append(Str(entry.Size)).Append(",\"tagsCode\":").Append(Str(entry.TagsCode)).Append('}');
            }
        }

        response.Body = Encoding.UTF8.GetBytes(body.Append("]}").ToString());
        return response;
    }

    /// <summary>VIEW_BROKER_STATS_DATA: SYSTEM_ERROR "The stats &lt;name&gt; &lt;key&gt; not exist" for what was never counted, as Java.</summary>
    public RemotingCommand ViewBrokerStatsData(RemotingCommand request, ServerChannel channel)
    {
        var name = request.Required("statsName");
        var key = request.Required("statsKey");
        if (broker.StatsManager.Snapshot(name, key) is not { } windows)
        {
            return RemotingCommand.CreateResponse(request, ResponseCode.SYSTEM_ERROR, $"The stats <{name}> <{key}> not exist");
        }

        var response = RemotingCommand.CreateResponse(request, ResponseCode.SUCCESS);
        response.Body = Encoding.UTF8.GetBytes(
            $"{{\"statsDay\":{Item(windows.Day)},\"statsHour\":{Item(windows.Hour)},\"statsMinute\":{Item(windows.Minute)}}}");
        return response;
    }

    private static string Item(BrokerStatsManager.Window w)
        => $"{{\"avgpt\":{Double(w.Avgpt)},\"sum\":{Str(w.Sum)},\"tps\":{Double(w.Tps)}}}";

    private static string Double(double value) => StoreStatsService.JavaDouble(value);

    private static string Str(long value) => value.ToString(CultureInfo.InvariantCulture);
}
