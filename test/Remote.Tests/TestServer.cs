using System.Net;
using RocketMQ.Go.Port.Broker.Remoting;
using RocketMQ.Go.Port.Internal;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Tests;

/// <summary>A RemotingServer on 127.0.0.1 with an ephemeral port and the processors the transport tests need.</summary>
internal static class TestServer
{
    /// <summary>Echo: answers SUCCESS with the request's ext fields and body.</summary>
    public const int Echo = 1000;

    /// <summary>Never answers (a processor that returns null), like a broker holding a pull.</summary>
    public const int Silent = 1001;

    /// <summary>Throws inside the processor.</summary>
    public const int Throws = 1002;

    /// <summary>Counts oneway requests.</summary>
    public const int OneWay = 1003;

    public static RemotingServer Start(RemotingServerOptions? options = null, Action<RemotingServer>? configure = null)
    {
        var server = new RemotingServer(new IPEndPoint(IPAddress.Loopback, 0), options);
        server.RegisterProcessor(Echo, static (request, _) =>
        {
            var response = RemotingCommand.CreateResponse(request, ResponseCode.SUCCESS, "echo");
            response.ExtFields = request.ExtFields is null ? null : new Dictionary<string, string>(request.ExtFields);
            response.Body = request.Body;
            return ValueTask.FromResult<RemotingCommand?>(response);
        });
        server.RegisterProcessor(Silent, static (_, _) => ValueTask.FromResult<RemotingCommand?>(null));
        server.RegisterProcessor(Throws, static (_, _) => throw new InvalidOperationException("processor exploded"));
        configure?.Invoke(server);
        server.Start();
        return server;
    }

    public static RemotingCommand Request(int code, string? tag = null, byte[]? body = null)
    {
        var request = RemotingCommand.CreateRequest(code, body: body);
        if (tag is not null)
        {
            request.SetExtField("tag", tag);
        }

        return request;
    }
}
