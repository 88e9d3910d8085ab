using System.Text;
using FsCheck;
using FsCheck.Fluent;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Producer;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Tests;

/// <summary>
/// A send request's header fields travel packed (numbers, UTF-8 properties) instead of as a string map; on the
/// wire that must not show: every frame is byte for byte the one the map gives, and the map is what Java sends.
/// </summary>
public class SendRequestWireTests
{
    private static readonly SerializeType[] Types = [SerializeType.JSON, SerializeType.ROCKETMQ];

    private static ProducerOptions Options(params ProducerOption[] opts) => ProducerOptions.Build(opts);

    public static TheoryData<string> Scenarios => new(ScenarioNames());

    private static IEnumerable<string> ScenarioNames() => ["tags and keys", "non-ASCII properties", "escapes", "batch", "reply", "compressed", "transaction", "no properties", "large properties", "non-ASCII group and broker", "user flag"];

    /// <summary>The message (already through EncodeBatch, as the producer builds it), queue, group and options of a scenario.</summary>
    private static (Message Wire, MessageQueue Queue, string Group, ProducerOptions Options) Scenario(string name)
    {
        var queue = new MessageQueue("WireTopic", "broker-a", 3);
        var options = Options();
        var group = "pg";
        Message[] msgs;
        switch (name)
        {
            case "tags and keys":
                msgs = [new Message("WireTopic", "hello"u8.ToArray()).WithTag("TagA").WithKeys(["k1", "k2"])];
                break;
            case "non-ASCII properties":
                msgs = [new Message("WireTopic", [1]).WithTag("标签").WithKeys(["ключ", "clé"]).WithProperty("emoji", "\U0001F600 ok").WithProperty("lone", "a\uD800b")];
                break;
            case "escapes":
                msgs = [new Message("WireTopic", [1]).WithProperty("ctl", "tab\there \"quoted\" back\\slash nl\n cr\r bs\b ff\f nul\0 del\u007F unit\u001F")];
                break;
            case "batch":
                msgs = [new Message("WireTopic", [1]).WithTag("TagB").WithProperty("WAIT", "true"), new Message("WireTopic", [2]).WithTag("TagB")];
                break;
            case "reply":
                msgs = [new Message("WireTopic", [1]).WithProperty(PropertyKeys.MsgType, "reply").WithProperty(PropertyKeys.CorrelationId, "c-1")];
                break;
            case "compressed":
                msgs = [new Message("WireTopic", Enumerable.Range(0, 6000).Select(i => (byte)('a' + (i % 7))).ToArray())];
                options = Options(ProducerOptions.WithCompressMsgBodyOverHowmuch(1024));
                break;
            case "transaction":
                msgs = [new Message("WireTopic", [1]).WithProperty(PropertyKeys.TransactionPrepared, "true").WithProperty(PropertyKeys.ProducerGroup, "tx")];
                break;
            case "no properties":
                // UNIQ_KEY is always added; this is the smallest header a send has.
                msgs = [new Message("WireTopic", [])];
                break;
            case "large properties":
                msgs = [new Message("WireTopic", [1]).WithProperty("big", new string('x', 5000)).WithProperty("grande", new string('é', 3000))];
                break;
            case "non-ASCII group and broker":
                msgs = [new Message("WireTopic", [1]).WithTag("t")];
                group = "生产者\t\"组\"";
                queue = new MessageQueue("WireTopic", "broker-é", 0);
                break;
            case "user flag":
                msgs = [new Message("WireTopic", [1]) { Flag = -123456 }];
                queue = new MessageQueue("WireTopic", "broker-a", 70000);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(name));
        }

        return (SendRequest.EncodeBatch(msgs, int.MaxValue), queue, group, options);
    }

    /// <summary>Encodes <paramref name="request"/> as the packed path does, then the same request from a plain map, as before.</summary>
    private static (byte[] Packed, byte[] FromMap, Dictionary<string, string> Map) EncodeBothWays(RemotingCommand request, SerializeType type)
    {
        request.SerializeType = type;
        request.PackedFields.Should().NotBeNull("the packed path is the one under test");
        var packed = RemotingCommandCodec.EncodeToArray(request);
        request.PackedFields.Should().NotBeNull("encoding does not materialize the map");

        var map = request.ExtFields!;
        var old = RemotingCommand.CreateRequest(request.Code, new Dictionary<string, string>(map), request.Body);
        old.Opaque = request.Opaque;
        old.SerializeType = type;
        return (packed, RemotingCommandCodec.EncodeToArray(old), map);
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Packed_fields_encode_byte_identical_to_the_map_for_both_serializations(string scenario)
    {
        foreach (var type in Types)
        {
            var (wire, queue, group, options) = Scenario(scenario);
            var request = SendRequest.Build(wire, queue, group, options);

            var (packed, fromMap, map) = EncodeBothWays(request, type);

            packed.Should().Equal(fromMap, $"{scenario} over {type}");
            RemotingCommandCodec.DecodeWithLengthPrefix(packed).ExtFields.Should().Equal(map, "the frame decodes to the map");
            RemotingCommandCodec.EncodeToArray(request).Should().Equal(packed, "once materialized, the request encodes the same from its map");
        }
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void The_map_is_the_one_java_sends_in_the_same_order(string scenario)
    {
        var (wire, queue, group, options) = Scenario(scenario);
        var request = SendRequest.Build(wire, queue, group, options);
        var sysFlag = (wire.Compress ? MessageSysFlag.Compressed | MessageSysFlag.CompressionZlibType : 0)
            | (wire.GetProperty(PropertyKeys.TransactionPrepared) == "true" ? MessageSysFlag.TransactionPreparedType : 0);

        var map = request.ExtFields!;

        var born = map["g"];
        map.ToList().Should().Equal(
            new KeyValuePair<string, string>("a", group),
            new KeyValuePair<string, string>("b", wire.Topic),
            new KeyValuePair<string, string>("c", options.CreateTopicKey),
            new KeyValuePair<string, string>("d", options.DefaultTopicQueueNums.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new KeyValuePair<string, string>("e", queue.QueueId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new KeyValuePair<string, string>("f", sysFlag.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new KeyValuePair<string, string>("g", born),
            new KeyValuePair<string, string>("h", wire.Flag.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new KeyValuePair<string, string>("i", Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(wire.MarshallProperties()))), // lone surrogates become U+FFFD, as ever
            new KeyValuePair<string, string>("j", "0"),
            new KeyValuePair<string, string>("k", "false"),
            new KeyValuePair<string, string>("m", wire.Batch ? "true" : "false"),
            new KeyValuePair<string, string>("n", queue.BrokerName));
        long.Parse(born, System.Globalization.CultureInfo.InvariantCulture).Should().BeCloseTo(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), 60_000);
    }

    [Fact]
    public void Any_property_text_encodes_byte_identical_to_the_map()
    {
        // Any UTF-16 text but the two separators: controls, quotes, BMP, surrogate pairs and lone surrogates.
        var unit = Gen.Frequency(
            (6, Gen.Choose(0x20, 0x7F).Select(i => ((char)i).ToString())),
            (2, Gen.Choose(0, 0x1F).Where(i => i is not (1 or 2)).Select(i => ((char)i).ToString())),
            (2, Gen.Choose(0x80, 0xFFFF).Select(i => ((char)i).ToString())),
            (1, Gen.Choose(0x10000, 0x10FFFF).Select(char.ConvertFromUtf32)));
        var text = Gen.Choose(1, 40).SelectMany(n => Gen.ArrayOf(unit, n)).Select(string.Concat);
        var properties = Gen.ListOf(Gen.Zip(text, text)).Select(pairs => pairs.ToArray());

        Prop.ForAll(properties.ToArbitrary(), pairs =>
        {
            var msg = new Message("WireTopic", [1]);
            foreach (var (key, value) in pairs)
            {
                msg.WithProperty(key, value);
            }

            var wire = SendRequest.EncodeBatch([msg], int.MaxValue);
            foreach (var type in Types)
            {
                var (packed, fromMap, _) = EncodeBothWays(SendRequest.Build(wire, new MessageQueue("WireTopic", "b", 1), "g", Options()), type);
                if (!packed.AsSpan().SequenceEqual(fromMap))
                {
                    return false;
                }
            }

            return true;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void A_single_field_is_read_without_building_the_map()
    {
        var wire = SendRequest.EncodeBatch([new Message("WireTopic", [1]).WithTag("T")], int.MaxValue);
        var request = SendRequest.Build(wire, new MessageQueue("WireTopic", "broker-a", 5), "pg", Options());

        request.GetExtField("e").Should().Be("5");
        request.GetExtField("i").Should().Be(wire.MarshallProperties());
        request.TryGetExtField("d", out var queueNums).Should().BeTrue();
        queueNums.Should().Be(4);
        request.GetExtField("zz").Should().BeNull();
        request.PackedFields.Should().NotBeNull();
    }

    [Fact]
    public void Properties_are_a_snapshot_taken_at_build_time()
    {
        var msg = new Message("WireTopic", [1]).WithTag("before");
        var wire = SendRequest.EncodeBatch([msg], int.MaxValue);
        var request = SendRequest.Build(wire, new MessageQueue("WireTopic", "broker-a", 5), "pg", Options());
        var expected = wire.MarshallProperties();

        msg.WithTag("after");

        request.GetExtField("i").Should().Be(expected);
        Encoding.UTF8.GetString(RemotingCommandCodec.EncodeToArray(request)).Should().Contain("TAGS\\u0001before");
    }

    [Fact]
    public void Answered_fields_leave_the_request_empty()
    {
        var wire = SendRequest.EncodeBatch([new Message("WireTopic", [1])], int.MaxValue);
        var request = SendRequest.Build(wire, new MessageQueue("WireTopic", "broker-a", 5), "pg", Options());
        var fields = request.PackedFields!;

        request.ReleasePackedFields(fields); // what remote does once the request is answered

        request.PackedFields.Should().BeNull();
        request.ExtFields.Should().BeNull("as the pooled map was taken away before");
    }

    [Fact]
    public void A_oneway_request_gives_its_fields_back_once_written()
    {
        var wire = SendRequest.EncodeBatch([new Message("WireTopic", [1]).WithTag("T")], int.MaxValue);
        var request = SendRequest.Build(wire, new MessageQueue("WireTopic", "broker-a", 5), "pg", Options());
        request.MarkOneWay();
        var map = new Dictionary<string, string>(request.ExtFields!);
        request = SendRequest.Build(wire, new MessageQueue("WireTopic", "broker-a", 5), "pg", Options());
        request.MarkOneWay();

        var frame = RemotingCommandCodec.EncodeToArray(request);

        request.PackedFields.Should().BeNull("nothing answers a oneway request, so writing it is its fields' last use");
        var decoded = RemotingCommandCodec.DecodeWithLengthPrefix(frame).ExtFields!;
        decoded.Keys.Should().Equal(map.Keys);
        decoded.Where(p => p.Key != "g").Should().Equal(map.Where(p => p.Key != "g"), "all but the born timestamp are the same");
    }

    [Fact]
    public void Fields_a_hook_changed_stay_with_the_request()
    {
        var wire = SendRequest.EncodeBatch([new Message("WireTopic", [1])], int.MaxValue);
        var request = SendRequest.Build(wire, new MessageQueue("WireTopic", "broker-a", 5), "pg", Options());
        var fields = request.PackedFields;

        new AclClientRpcHook(new Credentials("ak", "sk")).DoBeforeRequest("127.0.0.1:10911", request);
        var signed = RemotingCommandCodec.EncodeToArray(request);
        request.ReleasePackedFields(fields!).Should().BeFalse(); // what remote tries once the request is answered

        fields!.Count.Should().Be(13, "a map someone looked at may still be encoded from; it is not recycled");
        request.ExtFields.Should().ContainKeys("a", "n", AclClientRpcHook.AccessKeyField, AclClientRpcHook.SignatureField);
        request.ExtFields![AclClientRpcHook.SignatureField].Should().Be(AclClientRpcHook.CalculateSignature(request, "sk"));
        RemotingCommandCodec.DecodeWithLengthPrefix(signed).ExtFields.Should().Equal(request.ExtFields);
    }
}
