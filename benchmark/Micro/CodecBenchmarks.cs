using System.Buffers;
using BenchmarkDotNet.Attributes;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Producer;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Benchmark.Micro;

/// <summary>Issue 2 target: encode + decode of a SEND_MESSAGE request with a 128-byte body, &lt;= 1 us, &lt;= 256 B.</summary>
[MemoryDiagnoser]
public class CodecBenchmarks
{
    private readonly ArrayBufferWriter<byte> _output = new(4096);
    private RemotingCommand _sendV2Json = null!;
    private RemotingCommand _sendV2Binary = null!;
    private byte[] _encodedJson = null!;
    private Message _message = null!;
    private MessageQueue _queue = null!;
    private ProducerOptions _options = null!;

    /// <summary>Builds a SEND_MESSAGE_V2 request shaped like the captured Java one.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _sendV2Json = CreateSendV2(SerializeType.JSON);
        _sendV2Binary = CreateSendV2(SerializeType.ROCKETMQ);
        _encodedJson = RemotingCommandCodec.EncodeToArray(_sendV2Json);
        _message = SendRequest.EncodeBatch([new Message("BenchTopic", new byte[128]).WithTag("TagA").WithKeys(["key-0"])], int.MaxValue);
        _queue = new MessageQueue("BenchTopic", "broker-a", 1);
        _options = ProducerOptions.Build([]);
    }

    internal static RemotingCommand CreateSendV2(SerializeType type)
    {
        var ext = new Dictionary<string, string>
        {
            ["a"] = "benchmark_producer_group", ["b"] = "BenchTopic", ["c"] = "TBW102", ["d"] = "4", ["e"] = "1",
            ["f"] = "0", ["g"] = "1795249255992", ["h"] = "0",
            ["i"] = "KEYS\u0001key-0\u0002UNIQ_KEY\u0001FD00000000000000000000000000000260AC5FFD2B2768C9CE360000\u0002WAIT\u0001true\u0002TAGS\u0001TagA",
            ["j"] = "0", ["k"] = "false", ["m"] = "false", ["n"] = "broker-a",
        };
        var command = RemotingCommand.CreateRequest(310, ext, new byte[128]);
        command.SerializeType = type;
        return command;
    }

    /// <summary>JSON header: encode into a reused buffer, decode it back, read the queue id, release.</summary>
    [Benchmark(Baseline = true)]
    public long EncodeDecodeJson() => EncodeDecode(_sendV2Json);

    /// <summary>Binary (ROCKETMQ) header: encode into a reused buffer, decode it back, read the queue id, release.</summary>
    [Benchmark]
    public long EncodeDecodeBinary() => EncodeDecode(_sendV2Binary);

    /// <summary>As <see cref="EncodeDecodeJson"/> but building every ext-field string (what a broker reading all fields pays).</summary>
    [Benchmark]
    public int EncodeDecodeJsonAllFields()
    {
        _output.ResetWrittenCount();
        RemotingCommandCodec.Encode(_sendV2Json, _output);
        var decoded = RemotingCommandCodec.Decode(_output.WrittenSpan[4..]);
        var count = decoded.ExtFields!.Count;
        decoded.Release();
        return count;
    }

    /// <summary>Encode only (JSON).</summary>
    [Benchmark]
    public int EncodeJson()
    {
        _output.ResetWrittenCount();
        return RemotingCommandCodec.Encode(_sendV2Json, _output);
    }

    /// <summary>Decode only (JSON), released.</summary>
    [Benchmark]
    public int DecodeJson()
    {
        var decoded = RemotingCommandCodec.Decode(_encodedJson.AsSpan(4));
        var opaque = decoded.Opaque;
        decoded.Release();
        return opaque;
    }

    /// <summary>
    /// What a send pays for its request: SendRequest.Build (packed header fields, no strings), encode (JSON), and the
    /// request back to remote's pools (fields and command) as after an answer.
    /// </summary>
    [Benchmark]
    public int BuildAndEncodeSendRequest()
    {
        _output.ResetWrittenCount();
        var request = SendRequest.Build(_message, _queue, "benchmark_producer_group", _options);
        var written = RemotingCommandCodec.Encode(request, _output);
        request.RecycleRequest();
        return written;
    }

    private long EncodeDecode(RemotingCommand command)
    {
        _output.ResetWrittenCount();
        RemotingCommandCodec.Encode(command, _output);
        var decoded = RemotingCommandCodec.Decode(_output.WrittenSpan[4..]);
        decoded.TryGetExtField("e", out var queueId);
        decoded.Release();
        return queueId;
    }
}
