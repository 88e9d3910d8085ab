using System.Buffers;
using System.Net;
using BenchmarkDotNet.Attributes;
using RocketMQ.Go.Port.Primitive;

namespace RocketMQ.Go.Port.Benchmark.Micro;

/// <summary>Issue 2 target: decoding a 32-message pull body, &lt;= 0.5 us per message.</summary>
[MemoryDiagnoser]
public class PullBodyBenchmarks
{
    private const int Messages = 32;
    private byte[] _body = null!;

    /// <summary>Builds a pull body of 32 stored messages with 128-byte bodies and typical properties.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var output = new ArrayBufferWriter<byte>();
        var host = new IPEndPoint(IPAddress.Loopback, 10911);
        var born = new IPEndPoint(IPAddress.Loopback, 52011);
        var payload = new byte[128];
        for (var i = 0; i < Messages; i++)
        {
            var properties = $"KEYS\u0001key-{i}\u0002UNIQ_KEY\u00017F0000010000B4C1000000000000{i:X4}\u0002WAIT\u0001true\u0002TAGS\u0001TagA";
            var fields = new StoredMessageFields
            {
                Body = payload,
                Properties = properties,
                Topic = "BenchTopic",
                QueueId = 1,
                QueueOffset = i,
                CommitLogOffset = i * 300L,
                BornTimestamp = 1795249255992 + i,
                BornHost = born,
                StoreTimestamp = 1795249255999 + i,
                StoreHost = host,
            };
            StoredMessageEncoder.Encode(fields, output);
        }

        _body = output.WrittenSpan.ToArray();
    }

    /// <summary>Decodes all 32 messages (divide by 32 for the per-message figure).</summary>
    [Benchmark(OperationsPerInvoke = 1)]
    public int Decode32() => MessageDecoder.DecodeMessages(_body).Count;
}
