using System.Net;
using BenchmarkDotNet.Attributes;
using RocketMQ.Go.Port.Broker.Remoting;
using RocketMQ.Go.Port.Internal;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Benchmark.Micro;

/// <summary>
/// Issue 4 transport hot path: one request/response over loopback (RemotingClient.InvokeSync against a
/// RemotingServer answering at once), alone (the sync-send path: inline write, response table, timeout
/// bookkeeping) and 100 at a time (the async path: pooled writer batching many commands per flush).
/// </summary>
[MemoryDiagnoser]
public class TransportBenchmarks
{
    private const int Concurrent = 100;
    private readonly Task<RemotingCommand>[] _pending = new Task<RemotingCommand>[Concurrent];
    private RemotingServer _server = null!;
    private RemotingClient _client = null!;
    private string _address = null!;
    private Dictionary<string, string> _fields = null!;

    /// <summary>Starts a server whose processor answers SUCCESS with send-response fields, and connects.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _server = new RemotingServer(new IPEndPoint(IPAddress.Loopback, 0));
        _server.RegisterProcessor(RequestCode.SEND_MESSAGE_V2, static (request, _) =>
        {
            var response = RemotingCommand.CreateResponse(request, ResponseCode.SUCCESS);
            response.ExtFields = new Dictionary<string, string> { ["msgId"] = "7F00000100002A9F0000000000000000", ["queueId"] = "1", ["queueOffset"] = "42" };
            return new ValueTask<RemotingCommand?>(response);
        });
        _server.Start();
        _address = _server.Address;
        _client = new RemotingClient();
        _fields = new Dictionary<string, string> { ["a"] = "group", ["b"] = "BenchTopic", ["e"] = "1" };
        RoundTrip().GetAwaiter().GetResult();
    }

    /// <summary>Stops both ends.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _client.ShutdownAsync().GetAwaiter().GetResult();
        _server.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    /// <summary>One request at a time.</summary>
    [Benchmark]
    public async Task RoundTrip()
        => await _client.InvokeSync(_address, RemotingCommand.CreateRequest(RequestCode.SEND_MESSAGE_V2, _fields, new byte[128]), TimeSpan.FromSeconds(3));

    /// <summary>100 requests in flight on one connection.</summary>
    [Benchmark(OperationsPerInvoke = Concurrent)]
    public async Task RoundTrip100()
    {
        for (var i = 0; i < Concurrent; i++)
        {
            _pending[i] = _client.InvokeSync(_address, RemotingCommand.CreateRequest(RequestCode.SEND_MESSAGE_V2, _fields, new byte[128]), TimeSpan.FromSeconds(3));
        }

        await Task.WhenAll(_pending);
    }
}
