using System.Globalization;
using System.Net;
using System.Text;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Tests;

/// <summary>
/// Decodes the real pull responses and send requests of the 4.9.8 captures with the primitive codecs and checks them
/// against what the Java client printed (../shared/wire/expected), and that re-encoding reproduces the broker's bytes.
/// </summary>
public class PullBodyGoldenTests
{
    private const int PullMessage = 11;
    private const int SendMessageV2 = 310;
    private const int SendBatchMessage = 320;

    public static TheoryData<string> PullScenarios() => new("consume", "binary-consume", "orderly", "retry", "transaction");

    [Theory]
    [MemberData(nameof(PullScenarios))]
    public void Every_found_pull_body_re_encodes_to_the_captured_bytes(string scenario)
    {
        var bodies = FoundPullBodies(scenario);
        bodies.Should().NotBeEmpty();
        var records = 0;
        foreach (var body in bodies)
        {
            var decoded = MessageDecoder.DecodeMessages(body);
            var rest = body.AsSpan();
            foreach (var message in decoded)
            {
                var view = StoredMessage.Read(rest, out var consumed);
                var fields = new StoredMessageFields
                {
                    // The stored body stays compressed; everything else comes from the decoded MessageExt.
                    Body = (message.SysFlag & MessageSysFlag.Compressed) != 0 ? view.Body : message.Body,
                    Flag = message.Flag,
                    Properties = message.MarshallProperties(),
                    Topic = message.Topic,
                    QueueId = message.QueueId,
                    QueueOffset = message.QueueOffset,
                    CommitLogOffset = message.CommitLogOffset,
                    SysFlag = message.SysFlag,
                    BornTimestamp = message.BornTimestamp,
                    BornHost = message.BornHostEndPoint!,
                    StoreTimestamp = message.StoreTimestamp,
                    StoreHost = message.StoreHostEndPoint!,
                    ReconsumeTimes = message.ReconsumeTimes,
                    PreparedTransactionOffset = message.PreparedTransactionOffset,
                };

                StoredMessageEncoder.EncodeToArray(fields).Should().Equal(rest[..consumed].ToArray(), $"{scenario} {message.MsgId}");
                message.BodyCRC.Should().Be(Crc32.JavaCrc32(view.Body));
                message.StoreSize.Should().Be(consumed);
                rest = rest[consumed..];
                records++;
            }

            rest.IsEmpty.Should().BeTrue();
        }

        records.Should().BeGreaterThan(0);
    }

    [Theory]
    [InlineData("consume")]
    [InlineData("binary-consume")]
    public void Consumed_messages_match_what_the_java_consumer_printed(string scenario)
    {
        var decoded = FoundPullBodies(scenario).SelectMany(b => MessageDecoder.DecodeMessages(b)).ToList();
        var lines = WireCaptures.Expected(scenario).Where(l => l.StartsWith("RECV ", StringComparison.Ordinal)).ToList();
        lines.Should().NotBeEmpty();
        foreach (var line in lines)
        {
            var expected = ParseRecv(line);
            var message = decoded.Single(m => m.MsgId == expected["msgId"] && m.QueueOffset == long.Parse(expected["queueOffset"], CultureInfo.InvariantCulture));
            message.Topic.Should().Be(expected["topic"]);
            message.GetTags().Should().Be(expected["tags"]);
            message.GetKeys().Should().Be(expected["keys"]);
            message.QueueId.Should().Be(int.Parse(expected["queueId"], CultureInfo.InvariantCulture));
            message.OffsetMsgId.Should().Be(expected["offsetMsgId"]);
            message.ReconsumeTimes.Should().Be(int.Parse(expected["reconsumeTimes"], CultureInfo.InvariantCulture));
            message.BornTimestamp.Should().Be(long.Parse(expected["bornTs"], CultureInfo.InvariantCulture));
            message.StoreTimestamp.Should().Be(long.Parse(expected["storeTs"], CultureInfo.InvariantCulture));
            message.Body.Length.Should().Be(int.Parse(expected["bodyLen"], CultureInfo.InvariantCulture));
            var body = expected["body"];
            if (body.EndsWith("...", StringComparison.Ordinal))
            {
                Encoding.UTF8.GetString(message.Body).Should().StartWith(body[..^3]);
            }
            else
            {
                Encoding.UTF8.GetString(message.Body).Should().Be(body);
            }

            foreach (var (key, value) in ParseMap(expected["userProps"]))
            {
                message.GetProperty(key).Should().Be(value);
            }

            message.StoreHost.Should().Be("127.0.0.1:10911");
            MessageClientId.GetIpStrFromId(message.MsgId).Should().Be("fd00::2");
        }

        decoded.Select(m => m.MsgId).Distinct().Should().HaveCount(lines.Count);
    }

    [Fact]
    public void The_compressed_5000_byte_body_and_the_delayed_message_decode()
    {
        var decoded = FoundPullBodies("consume").SelectMany(b => MessageDecoder.DecodeMessages(b)).ToList();

        var compressed = decoded.Single(m => m.GetKeys() == "zkey");
        (compressed.SysFlag & MessageSysFlag.Compressed).Should().Be(MessageSysFlag.Compressed);
        compressed.Body.Should().HaveCount(5000);
        Encoding.ASCII.GetString(compressed.Body, 0, 6).Should().Be("msg-0-");

        // The delayed message was re-stored from SCHEDULE_TOPIC_XXXX: new commit log offset, so a new offset id,
        // while the unique id stays the producer's.
        var delayed = decoded.Single(m => m.GetKeys() == "dkey");
        delayed.OffsetMsgId.Should().Be("7F00000100002A9F00000000000004D7");
        WireCaptures.Expected("produce-delay").Should().Contain(l => l.Contains("offsetMsgId=7F00000100002A9F00000000000003C4"));
        delayed.MsgId.Should().Be("FD00000000000000000000000000000261185FFD2B2768C9E5EC0000");
        delayed.GetProperty(PropertyKeys.DelayTimeLevel).Should().Be("2");
        delayed.GetProperty(PropertyKeys.RealTopic).Should().Be("WireTopic");
    }

    [Fact]
    public void Orderly_messages_match_the_java_send_results_in_queue_order()
    {
        var decoded = FoundPullBodies("orderly").SelectMany(b => MessageDecoder.DecodeMessages(b)).ToList();
        var sent = WireCaptures.Expected("orderly").Where(l => l.StartsWith("SENT ", StringComparison.Ordinal)).Select(ParseSendResult).ToList();
        var received = WireCaptures.Expected("orderly").Where(l => l.StartsWith("RECV order", StringComparison.Ordinal)).ToList();

        decoded.Should().HaveCount(received.Count);
        for (var i = 0; i < received.Count; i++)
        {
            var message = decoded[i];
            received[i].Should().Be($"RECV order {i} q={message.QueueId} off={message.QueueOffset}");
            Encoding.UTF8.GetString(message.Body).Should().Be($"order {i}");
            message.MsgId.Should().Be(sent[i]["msgId"]);
            message.OffsetMsgId.Should().Be(sent[i]["offsetMsgId"]);
            message.QueueOffset.Should().Be(long.Parse(sent[i]["queueOffset"], CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void Retried_message_carries_the_broker_retry_properties()
    {
        var decoded = FoundPullBodies("retry").SelectMany(b => MessageDecoder.DecodeMessages(b)).ToList();
        var lines = WireCaptures.Expected("retry").Where(l => l.StartsWith("RECV ", StringComparison.Ordinal)).ToList();
        lines.Should().HaveCount(2);
        string[] clientAdded = [PropertyKeys.MinOffset, PropertyKeys.MaxOffset, PropertyKeys.ConsumeStartTime];
        foreach (var line in lines)
        {
            var reconsumeTimes = int.Parse(Field(line, "reconsumeTimes"), CultureInfo.InvariantCulture);
            var message = decoded.Single(m => m.ReconsumeTimes == reconsumeTimes);
            var expectedProps = ParseMap(line[(line.IndexOf("props=", StringComparison.Ordinal) + 6)..line.IndexOf(" msgId=", StringComparison.Ordinal)]);

            message.MsgId.Should().Be(Field(line, "msgId"));
            var retryTopic = message.GetProperty(PropertyKeys.RetryTopic);
            (retryTopic.Length > 0 ? retryTopic : message.Topic).Should().Be(Field(line, "topic"), "Java shows a retried message under its original topic");
            var stored = message.GetProperties();
            stored.Keys.Should().BeSubsetOf(expectedProps.Keys);
            foreach (var (key, value) in expectedProps.Where(kv => !clientAdded.Contains(kv.Key)))
            {
                stored.Should().ContainKey(key).WhoseValue.Should().Be(value);
            }
        }

        decoded.Single(m => m.ReconsumeTimes == 1).Topic.Should().Be("%RETRY%wire_retry_cg");
    }

    [Fact]
    public void Committed_transactional_messages_decode_with_their_transaction_flags()
    {
        var decoded = FoundPullBodies("transaction").SelectMany(b => MessageDecoder.DecodeMessages(b)).ToList();
        var lines = WireCaptures.Expected("transaction").Where(l => l.StartsWith("RECV ", StringComparison.Ordinal)).ToList();
        lines.Should().HaveCount(2);
        foreach (var line in lines)
        {
            var message = decoded.Single(m => m.MsgId == Field(line, "msgId"));
            message.GetKeys().Should().Be(Field(line, "keys"));
            message.QueueId.Should().Be(int.Parse(Field(line, "queueId"), CultureInfo.InvariantCulture));
            message.QueueOffset.Should().Be(long.Parse(Field(line, "offset"), CultureInfo.InvariantCulture));
            message.GetProperty(PropertyKeys.TransactionPrepared).Should().Be(Field(line, "tranMsg"));
            MessageSysFlag.GetTransactionValue(message.SysFlag).Should().Be(MessageSysFlag.TransactionCommitType);
            var seconds = Field(line, "born->store")[..^1];
            ((message.StoreTimestamp - message.BornTimestamp) / 1000.0).ToString("0.000", CultureInfo.InvariantCulture).Should().Be(seconds);
        }
    }

    public static TheoryData<string> SendScenarios() => new("produce", "binary-produce", "produce-compressed", "produce-delay");

    [Theory]
    [MemberData(nameof(SendScenarios))]
    public void Send_requests_carry_the_ids_keys_and_properties_java_reported(string scenario)
    {
        var frames = WireCaptures.Frames(scenario);
        var sent = WireCaptures.Expected(scenario).Where(l => l.StartsWith("SENT ", StringComparison.Ordinal)).ToList();
        var requests = frames.Where(f => f.Direction == "to_server" && Code(f) == SendMessageV2).ToList();
        requests.Should().HaveCount(sent.Count);
        for (var i = 0; i < sent.Count; i++)
        {
            var request = RemotingCommandCodec.DecodeWithLengthPrefix(requests[i].Bytes);
            var response = Response(frames, requests[i]);
            var properties = MessageProperties.Unmarshal(request.GetExtField("i"));
            var uniqueId = properties[PropertyKeys.UniqueClientMessageIdKeyIndex];
            var line = sent[i];

            uniqueId.Should().Be(Field(line, "msgId"));
            properties[PropertyKeys.Keys].Should().Be(Field(line, "keys"));
            request.GetExtField("e").Should().Be(Field(line, "queueId"));
            response.GetExtField("msgId").Should().Be(Field(line, "offsetMsgId"));
            response.GetExtField("queueOffset").Should().Be(Field(line, "queueOffset"));
            MessageId.Parse(Field(line, "offsetMsgId")).Port.Should().Be(10911);

            // Java's id: host address, pid, then ms since the month start (UTC here), 2-40 ms before bornTimestamp.
            var born = DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(request.GetExtField("g")!, CultureInfo.InvariantCulture));
            MessageClientId.GetIpStrFromId(uniqueId).Should().Be("fd00::2");
            (born - MessageClientId.GetNearlyTimeFromId(uniqueId, born.AddSeconds(30), TimeZoneInfo.Utc)).Should()
                .BeGreaterThanOrEqualTo(TimeSpan.Zero).And.BeLessThan(TimeSpan.FromMilliseconds(100));

            var sysFlag = int.Parse(request.GetExtField("f")!, CultureInfo.InvariantCulture);
            var body = (sysFlag & MessageSysFlag.Compressed) != 0 ? MessageDecoder.Decompress(request.Body.Span, sysFlag) : request.Body.ToArray();
            if (scenario == "produce")
            {
                properties[PropertyKeys.Tags].Should().Be("TagA");
                properties["a"].Should().Be(i.ToString(CultureInfo.InvariantCulture));
                properties["color"].Should().Be("red");
                Encoding.UTF8.GetString(body).Should().Be($"hello {i}");
            }
            else if (scenario == "produce-compressed")
            {
                body.Should().HaveCount(5000);
                Encoding.ASCII.GetString(body, 0, 6).Should().Be("msg-0-");
            }
            else if (scenario == "produce-delay")
            {
                properties[PropertyKeys.DelayTimeLevel].Should().Be("2");
            }
        }
    }

    [Fact]
    public void The_batch_request_holds_three_messages_with_their_own_unique_ids()
    {
        var frames = WireCaptures.Frames("batch");
        var request = frames.Single(f => f.Direction == "to_server" && Code(f) == SendBatchMessage);
        var command = RemotingCommandCodec.DecodeWithLengthPrefix(request.Bytes);
        var line = WireCaptures.Expected("batch").Single(l => l.StartsWith("BATCH ", StringComparison.Ordinal));
        var ids = line.Split("msgId=")[1].Split(", offsetMsgId")[0].Split(',');
        var offsetIds = line.Split("offsetMsgId=")[1].Split(", messageQueue")[0].Split(',');

        command.GetExtField("m").Should().Be("true");
        MessageProperties.Unmarshal(command.GetExtField("i")).Should().Equal(new Dictionary<string, string> { ["WAIT"] = "true" });
        var messages = MessageBatch.Decode(command.Body.Span);
        messages.Should().HaveCount(3);
        for (var i = 0; i < 3; i++)
        {
            messages[i].GetProperty(PropertyKeys.UniqueClientMessageIdKeyIndex).Should().Be(ids[i]);
            messages[i].GetKeys().Should().Be($"bkey-{i}");
            messages[i].GetTags().Should().Be("TagB");
            messages[i].GetProperty("idx").Should().Be(i.ToString(CultureInfo.InvariantCulture));
            MessageClientId.GetPidFromId(ids[i]).Should().Be(MessageClientId.GetPidFromId(ids[0]));
        }

        Response(frames, request).GetExtField("msgId").Should().Be(string.Join(',', offsetIds));
        MessageBatch.Encode(messages).Should().Equal(command.Body.ToArray());
    }

    private static List<byte[]> FoundPullBodies(string scenario)
    {
        var frames = WireCaptures.Frames(scenario);
        var pulls = frames.Where(f => f.Direction == "to_server" && Code(f) == PullMessage)
            .Select(f => (f.Stream, Opaque: f.Header.GetProperty("opaque").GetInt32()))
            .ToHashSet();
        var bodies = new List<byte[]>();
        foreach (var frame in frames.Where(f => f.Direction == "to_client" && pulls.Contains((f.Stream, f.Header.GetProperty("opaque").GetInt32()))))
        {
            var command = RemotingCommandCodec.DecodeWithLengthPrefix(frame.Bytes);
            if (command.Code == 0)
            {
                bodies.Add(command.Body.ToArray());
            }
        }

        return bodies;
    }

    private static RemotingCommand Response(IReadOnlyList<CapturedFrame> frames, CapturedFrame request)
    {
        var opaque = request.Header.GetProperty("opaque").GetInt32();
        var frame = frames.Single(f => f.Direction == "to_client" && f.Stream == request.Stream && f.Header.GetProperty("opaque").GetInt32() == opaque);
        return RemotingCommandCodec.DecodeWithLengthPrefix(frame.Bytes);
    }

    private static int Code(CapturedFrame frame) => frame.Header.GetProperty("code").GetInt32();

    /// <summary>"RECV k=v k=v ... userProps={..} body=rest of line" into a map.</summary>
    private static Dictionary<string, string> ParseRecv(string line)
    {
        var map = new Dictionary<string, string>();
        var bodyAt = line.IndexOf(" body=", StringComparison.Ordinal);
        map["body"] = line[(bodyAt + 6)..];
        var propsAt = line.IndexOf(" userProps={", StringComparison.Ordinal);
        map["userProps"] = line[(propsAt + 11)..bodyAt];
        foreach (var token in line[5..propsAt].Split(' '))
        {
            var eq = token.IndexOf('=');
            map[token[..eq]] = token[(eq + 1)..];
        }

        return map;
    }

    /// <summary>Java's Map.toString: "{k=v, k=v}".</summary>
    private static Dictionary<string, string> ParseMap(string text)
    {
        var inner = text.Trim().TrimStart('{').TrimEnd('}');
        var map = new Dictionary<string, string>();
        foreach (var entry in inner.Split(", ", StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = entry.IndexOf('=');
            map[entry[..eq]] = entry[(eq + 1)..];
        }

        return map;
    }

    /// <summary>"SendResult [sendStatus=SEND_OK, msgId=.., offsetMsgId=.., messageQueue=MessageQueue [..], queueOffset=0]".</summary>
    private static Dictionary<string, string> ParseSendResult(string line) => new()
    {
        ["msgId"] = Field(line.Replace(",", " ", StringComparison.Ordinal), "msgId"),
        ["offsetMsgId"] = Field(line.Replace(",", " ", StringComparison.Ordinal), "offsetMsgId"),
        ["queueOffset"] = Field(line.Replace(",", " ", StringComparison.Ordinal).Replace("]", " ", StringComparison.Ordinal), "queueOffset"),
    };

    /// <summary>The value of " name=value" up to the next space.</summary>
    private static string Field(string line, string name)
    {
        var at = line.IndexOf(" " + name + "=", StringComparison.Ordinal);
        at.Should().BeGreaterThanOrEqualTo(0, $"'{name}' in '{line}'");
        var start = at + name.Length + 2;
        var end = line.IndexOf(' ', start);
        return end < 0 ? line[start..] : line[start..end];
    }
}
