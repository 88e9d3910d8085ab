using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RocketMQ.Go.Port.Broker.Remoting;
using RocketMQ.Go.Port.Broker.Topic;
using RocketMQ.Go.Port.Remote;
using DataVersion = RocketMQ.Go.Port.Internal.DataVersion;
using RequestCode = RocketMQ.Go.Port.Internal.RequestCode;
using ResponseCode = RocketMQ.Go.Port.Internal.ResponseCode;

namespace RocketMQ.Go.Port.Broker.Namesrv;

/// <summary>Name server settings (Java: NamesrvConfig + NettyServerConfig).</summary>
public sealed class NamesrvConfig
{
    /// <summary>Address to listen on.</summary>
    public string ListenHost { get; set; } = "127.0.0.1";

    /// <summary>Port to listen on; 0 picks a free one.</summary>
    public int ListenPort { get; set; } = 9876;

    /// <summary>A broker that has not registered for this long leaves the routes (Java: 120 s).</summary>
    public TimeSpan BrokerExpiry { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>How often expired brokers are looked for (Java: every 10 s).</summary>
    public TimeSpan ScanInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Routes carry the topic's ORDER_TOPIC_CONFIG entry (Java: orderMessageEnable, default false).</summary>
    public bool OrderMessageEnable { get; set; }

    /// <summary>Java: productEnvName, reported by GET_NAMESRV_CONFIG.</summary>
    public string ProductEnvName { get; set; } = "center";

    /// <summary>Java: clusterTest, reported by GET_NAMESRV_CONFIG.</summary>
    public bool ClusterTest { get; set; }

    /// <summary>TLS (Java: tls.server.*, shared with the brokers); plain TCP without a certificate. Clients are never asked for certificates.</summary>
    public Tls.ServerTlsConfig Tls { get; set; } = new();
}

/// <summary>
/// The embedded name server (Java: NamesrvController + DefaultRequestProcessor): brokers register and
/// re-register; clients ask routes, cluster info and topic lists. Its state is soft, as in Java: a restarted name
/// server knows brokers again after their next registration.
/// </summary>
internal sealed class NamesrvController : IAsyncDisposable
{
    private readonly NamesrvConfig _config;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly RemotingServer _server;
    private readonly CancellationTokenSource _stop = new();
    private Task _scanLoop = Task.CompletedTask;

    public NamesrvController(NamesrvConfig config, TimeProvider? time = null, ILoggerFactory? loggerFactory = null)
    {
        _config = config;
        _time = time ?? TimeProvider.System;
        var factory = loggerFactory ?? NullLoggerFactory.Instance;
        _logger = factory.CreateLogger("RocketMQ.Namesrv");
        Routes = new RouteInfoManager(_time);
        var serverOptions = new RemotingServerOptions { LoggerFactory = factory };
        config.Tls.ApplyTo(serverOptions, askClients: false);
        _server = new RemotingServer(new IPEndPoint(IPAddress.Parse(config.ListenHost), config.ListenPort), serverOptions);
        _server.ChannelClosed += channel => Routes.ChannelClosed(channel);
        Register(RequestCode.REGISTER_BROKER, RegisterBroker);
        Register(RequestCode.UNREGISTER_BROKER, UnregisterBroker);
        Register(RequestCode.GET_ROUTEINFO_BY_TOPIC, GetRoute);
        Register(RequestCode.GET_BROKER_CLUSTER_INFO, (r, _) => Ok(r, Routes.ClusterInfo()));
        Register(RequestCode.GET_ALL_TOPIC_LIST_FROM_NAMESERVER, (r, _) => Ok(r, RouteInfoManager.TopicListBody(Routes.AllTopics())));
        Register(RequestCode.GET_TOPICS_BY_CLUSTER, (r, _) => Ok(r, RouteInfoManager.TopicListBody(Routes.TopicsOfCluster(r.GetExtField("cluster") ?? ""))));
        Register(RequestCode.GET_SYSTEM_TOPIC_LIST_FROM_NS, (r, _) => Ok(r, RouteInfoManager.TopicListBody(Routes.ClusterAndBrokerNames())));
        Register(RequestCode.DELETE_TOPIC_IN_NAMESRV, DeleteTopic);
        var admin = new NamesrvAdminProcessor(config, Routes, KvConfig, () => Address);
        Register(RequestCode.GET_KV_CONFIG, (r, _) => admin.GetKvConfig(r));
        Register(RequestCode.PUT_KV_CONFIG, (r, _) => admin.PutKvConfig(r));
        Register(RequestCode.DELETE_KV_CONFIG, (r, _) => admin.DeleteKvConfig(r));
        Register(RequestCode.GET_KVLIST_BY_NAMESPACE, (r, _) => admin.KvList(r));
        Register(RequestCode.GET_NAMESRV_CONFIG, (r, _) => admin.GetConfig(r));
        Register(RequestCode.UPDATE_NAMESRV_CONFIG, (r, _) => admin.UpdateConfig(r));
        Register(RequestCode.WIPE_WRITE_PERM_OF_BROKER, (r, _) => admin.WipeWritePerm(r));
        Register(RequestCode.ADD_WRITE_PERM_OF_BROKER, (r, _) => admin.AddWritePerm(r));
    }

    /// <summary>The key-value store (ORDER_TOPIC_CONFIG and whatever tools put there).</summary>
    public KvConfigManager KvConfig { get; } = new();

    /// <summary>The routing tables.</summary>
    public RouteInfoManager Routes { get; }

    /// <summary>"host:port" the name server listens on.</summary>
    public string Address => _server.Address;

    /// <summary>Starts listening and the expiry scan.</summary>
    public void Start()
    {
        _server.Start();
        _scanLoop = Task.Run(ScanLoopAsync);
        _logger.LogInformation("name server listening on {Address}", Address);
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        await _server.StopAsync().ConfigureAwait(false);
        try
        {
            await _scanLoop.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private static RemotingCommand Ok(RemotingCommand request, byte[] body)
    {
        var response = RemotingCommand.CreateResponse(request, ResponseCode.SUCCESS);
        response.Body = body;
        return response;
    }

    private void Register(int code, Func<RemotingCommand, RemotingChannel, RemotingCommand?> handler)
        => _server.RegisterProcessor(code, (request, channel) => ValueTask.FromResult(handler(request, channel)));

    private async Task ScanLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_config.ScanInterval, _time, _stop.Token).ConfigureAwait(false);
                foreach (var addr in Routes.ScanNotActiveBrokers(_config.BrokerExpiry))
                {
                    _logger.LogWarning("broker {Address} stopped registering for {Expiry}: removed from routes", addr, _config.BrokerExpiry);
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception e)
            {
                _logger.LogError(e, "broker expiry scan failed");
            }
        }
    }

    private RemotingCommand RegisterBroker(RemotingCommand request, RemotingChannel channel)
    {
        var cluster = request.GetExtField("clusterName");
        var addr = request.GetExtField("brokerAddr");
        var name = request.GetExtField("brokerName");
        if (cluster is null || addr is null || name is null || !long.TryParse(request.GetExtField("brokerId"), out var brokerId))
        {
            return RemotingCommand.CreateResponse(request, ResponseCode.SYSTEM_ERROR, "REGISTER_BROKER needs clusterName, brokerAddr, brokerName and brokerId");
        }

        var version = new DataVersion(0, 0);
        var topics = new Dictionary<string, TopicConfig>();
        if (!request.Body.IsEmpty)
        {
            try
            {
                using var doc = JsonDocument.Parse(request.Body);
                if (doc.RootElement.TryGetProperty("topicConfigSerializeWrapper", out var wrapper))
                {
                    if (wrapper.TryGetProperty("dataVersion", out var dv))
                    {
                        version = dv.Deserialize<DataVersion>() ?? version;
                    }

                    if (wrapper.TryGetProperty("topicConfigTable", out var table))
                    {
                        topics = table.Deserialize<Dictionary<string, TopicConfig>>() ?? topics;
                    }
                }
            }
            catch (JsonException e)
            {
                return RemotingCommand.CreateResponse(request, ResponseCode.SYSTEM_ERROR, "malformed REGISTER_BROKER body: " + e.Message);
            }
        }

        Routes.Register(cluster, addr, name, brokerId, version, topics, channel);
        var response = RemotingCommand.CreateResponse(request, ResponseCode.SUCCESS);
        response.SetExtField("haServerAddr", "");
        response.SetExtField("masterAddr", "");
        return response;
    }

    private RemotingCommand UnregisterBroker(RemotingCommand request, RemotingChannel channel)
    {
        if (request.GetExtField("brokerAddr") is { } addr)
        {
            Routes.Unregister(addr);
        }

        return RemotingCommand.CreateResponse(request, ResponseCode.SUCCESS);
    }

    private RemotingCommand GetRoute(RemotingCommand request, RemotingChannel channel)
    {
        var topic = request.GetExtField("topic") ?? "";
        var body = Routes.TopicRoute(topic, _config.OrderMessageEnable ? KvConfig.Get(KvConfigManager.OrderTopicConfigNamespace, topic) : null);
        if (body is null)
        {
            return RemotingCommand.CreateResponse(request, ResponseCode.TOPIC_NOT_EXIST,
                $"No topic route info in name server for the topic: {topic}\nSee http://rocketmq.apache.org/docs/faq/ for further details.");
        }

        return Ok(request, body);
    }

    private RemotingCommand DeleteTopic(RemotingCommand request, RemotingChannel channel)
    {
        Routes.DeleteTopic(request.GetExtField("topic") ?? "");
        return RemotingCommand.CreateResponse(request, ResponseCode.SUCCESS);
    }
}
