using System.Globalization;
using System.Text.Json;
using RocketMQ.Go.Port.Internal.Utils;
using RocketMQ.Go.Port.Remote;
using ResponseCode = RocketMQ.Go.Port.Internal.ResponseCode;

namespace RocketMQ.Go.Port.Broker.Namesrv;

/// <summary>
/// The name server's tool requests (Java: DefaultRequestProcessor): the KV store (100-102, 219), its own
/// configuration (318, 319) and taking a broker's write permission away or back (205, 327).
/// </summary>
internal sealed class NamesrvAdminProcessor(NamesrvConfig config, RouteInfoManager routes, KvConfigManager kv, Func<string> address)
{
    // Java's NamesrvConfig defaults for what an embedded name server does not have, so tools see every key.
    private static readonly KeyValuePair<string, string>[] FixedSettings =
    [
        new("serverSocketBacklog", "1024"), new("writeBufferHighWaterMark", "0"), new("serverWorkerThreads", "8"),
        new("serverSelectorThreads", "3"), new("serverChannelMaxIdleTimeSeconds", "120"),
        new("configBlackList", "configBlackList;configStorePath;kvConfigPath"), new("writeBufferLowWaterMark", "0"),
        new("serverSocketRcvBufSize", "0"), new("serverAsyncSemaphoreValue", "64"), new("kvConfigPath", ""),
        new("configStorePath", ""), new("serverSocketSndBufSize", "0"), new("serverOnewaySemaphoreValue", "256"),
        new("serverCallbackExecutorThreads", "0"), new("rocketmqHome", ""), new("useEpollNativeSelector", "false"),
        new("serverPooledByteBufAllocatorEnable", "true"),
    ];

    public RemotingCommand PutKvConfig(RemotingCommand request)
    {
        if (request.GetExtField("namespace") is not { } ns || request.GetExtField("key") is not { } key || request.GetExtField("value") is not { } value)
        {
            return RemotingCommand.CreateResponse(request, ResponseCode.SYSTEM_ERROR, "PUT_KV_CONFIG needs namespace, key and value");
        }

        kv.Put(ns, key, value);
        return RemotingCommand.CreateResponse(request, ResponseCode.SUCCESS);
    }

    public RemotingCommand GetKvConfig(RemotingCommand request)
    {
        var (ns, key) = (request.GetExtField("namespace") ?? "", request.GetExtField("key") ?? "");
        if (kv.Get(ns, key) is not { } value)
        {
            return RemotingCommand.CreateResponse(request, ResponseCode.QUERY_NOT_FOUND, $"No config item, Namespace: {ns} Key: {key}");
        }

        var response = RemotingCommand.CreateResponse(request, ResponseCode.SUCCESS);
        response.SetExtField("value", value);
        return response;
    }

    public RemotingCommand DeleteKvConfig(RemotingCommand request)
    {
        kv.Delete(request.GetExtField("namespace") ?? "", request.GetExtField("key") ?? "");
        return RemotingCommand.CreateResponse(request, ResponseCode.SUCCESS);
    }

    /// <summary>GET_KVLIST_BY_NAMESPACE (219): a KVTable body.</summary>
    public RemotingCommand KvList(RemotingCommand request)
    {
        var ns = request.GetExtField("namespace") ?? "";
        if (kv.List(ns) is not { } table)
        {
            return RemotingCommand.CreateResponse(request, ResponseCode.QUERY_NOT_FOUND, $"No config item, Namespace: {ns}");
        }

        var response = RemotingCommand.CreateResponse(request, ResponseCode.SUCCESS);
        response.Body = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object> { ["table"] = table });
        return response;
    }

    /// <summary>GET_NAMESRV_CONFIG (319): the settings as "key=value" lines.</summary>
    public RemotingCommand GetConfig(RemotingCommand request)
    {
        var settings = new List<KeyValuePair<string, string?>>();
        foreach (var (key, value) in FixedSettings)
        {
            settings.Add(new(key, value));
        }

        var port = address().Split(':')[^1];
        settings.Add(new("listenPort", port));
        settings.Add(new("clusterTest", Bool(config.ClusterTest)));
        settings.Add(new("orderMessageEnable", Bool(config.OrderMessageEnable)));
        settings.Add(new("productEnvName", config.ProductEnvName));
        settings.Add(new("scanNotActiveBrokerInterval", ((long)config.ScanInterval.TotalMilliseconds).ToString(CultureInfo.InvariantCulture)));
        var response = RemotingCommand.CreateResponse(request, ResponseCode.SUCCESS);
        response.Body = JavaProperties.Encode(settings);
        return response;
    }

    /// <summary>
    /// UPDATE_NAMESRV_CONFIG (318). Keys of Java's configBlackList are refused; the settings an embedded name
    /// server acts on change at once, the others are accepted and ignored, as Java ignores unknown keys.
    /// </summary>
    public RemotingCommand UpdateConfig(RemotingCommand request)
    {
        var entries = JavaProperties.Decode(request.Body.Span);
        foreach (var (key, _) in entries)
        {
            if (key is "configBlackList" or "configStorePath" or "kvConfigPath")
            {
                return RemotingCommand.CreateResponse(request, ResponseCode.NO_PERMISSION, "Can not update config in black list.");
            }
        }

        foreach (var (key, value) in entries)
        {
            switch (key)
            {
                case "orderMessageEnable" when bool.TryParse(value, out var order):
                    config.OrderMessageEnable = order;
                    break;
                case "clusterTest" when bool.TryParse(value, out var test):
                    config.ClusterTest = test;
                    break;
                case "productEnvName":
                    config.ProductEnvName = value;
                    break;
                case "scanNotActiveBrokerInterval" when long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var millis) && millis > 0:
                    config.ScanInterval = TimeSpan.FromMilliseconds(millis);
                    break;
            }
        }

        return RemotingCommand.CreateResponse(request, ResponseCode.SUCCESS);
    }

    public RemotingCommand WipeWritePerm(RemotingCommand request) => WritePerm(request, writable: false, "wipeTopicCount");

    public RemotingCommand AddWritePerm(RemotingCommand request) => WritePerm(request, writable: true, "addTopicCount");

    private RemotingCommand WritePerm(RemotingCommand request, bool writable, string countField)
    {
        if (request.GetExtField("brokerName") is not { Length: > 0 } brokerName)
        {
            return RemotingCommand.CreateResponse(request, ResponseCode.SYSTEM_ERROR, "the request needs brokerName");
        }

        var response = RemotingCommand.CreateResponse(request, ResponseCode.SUCCESS);
        response.SetExtField(countField, routes.SetWritePerm(brokerName, writable).ToString(CultureInfo.InvariantCulture));
        return response;
    }

    private static string Bool(bool value) => value ? "true" : "false";
}
