using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using RocketMQ.Go.Port.Broker.Remoting;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Broker;

/// <summary>The broker's listening servers: the main port, and the VIP port (Java's fastRemotingServer) when enabled.</summary>
internal sealed partial class BrokerController
{
    private const int VipPortAttempts = 20;

    /// <summary>The VIP server's address ("host:port - 2"), when it listens.</summary>
    public string? VipAddress => _vipServer is { } vip ? $"{Config.ListenHost}:{vip.LocalEndPoint.Port}" : null;

    // The main server, and the VIP one on its port - 2. With port 0, pairs are tried until both ports are free.
    private (RemotingServer Server, RemotingServer? Vip) OpenServers()
    {
        for (var attempt = 1; ; attempt++)
        {
            var server = NewServer(_port);
            server.Start();
            if (!Config.VipChannelEnabled)
            {
                return (server, null);
            }

            var vip = NewServer(server.LocalEndPoint.Port - 2);
            try
            {
                vip.Start();
                return (server, vip);
            }
            catch (SocketException e) when (_port == 0 && attempt < VipPortAttempts)
            {
                _logger.LogDebug(e, "the VIP port {Port} is taken; trying another pair", server.LocalEndPoint.Port - 2);
                server.StopAccepting();
                _ = server.StopAsync();
            }
        }
    }

    private RemotingServer NewServer(int port)
    {
        var options = new RemotingServerOptions
        {
            LoggerFactory = LoggerFactory,
            MaxFrameLength = Math.Max(RemotingCommandCodec.DefaultMaxFrameLength, StoreConfig.MaxMessageSize + (1024 * 1024)),
        };
        Config.Tls.ApplyTo(options, askClients: true);
        var server = new RemotingServer(new IPEndPoint(IPAddress.Parse(Config.ListenHost), port), options);
        server.ChannelClosed += OnChannelClosed;
        RegisterProcessors(server);
        return server;
    }

    private RemotingClient NewNamesrvClient()
    {
        var options = new RemotingClientOptions { LoggerFactory = LoggerFactory, ConnectionTimeout = TimeSpan.FromSeconds(3) };
        Config.Tls.ApplyToClient(options);
        return new RemotingClient(options);
    }
}
