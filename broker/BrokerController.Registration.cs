using System.Text.Json;
using Microsoft.Extensions.Logging;
using RocketMQ.Go.Port.Broker.Processor;
using RocketMQ.Go.Port.Broker.Topic;
using RocketMQ.Go.Port.Remote;
using RequestCode = RocketMQ.Go.Port.Internal.RequestCode;
using ResponseCode = RocketMQ.Go.Port.Internal.ResponseCode;

namespace RocketMQ.Go.Port.Broker;

/// <summary>Registration with every name server (Java: registerBrokerAll): at start, every interval and at once on a topic change.</summary>
internal sealed partial class BrokerController
{
    /// <summary>Registers with every name server now (Java: registerBrokerAll).</summary>
    public async Task RegisterAllAsync(CancellationToken ct = default)
    {
        var body = RegisterBody();
        var tasks = new List<Task>();
        foreach (var namesrv in Config.NamesrvAddresses)
        {
            tasks.Add(RegisterOneAsync(namesrv, body, ct));
        }

        await Task.WhenAll(tasks).ConfigureAwait(false);
    }

    private void TriggerRegister()
    {
        try
        {
            _registerSignal.Release();
        }
        catch (SemaphoreFullException)
        {
            // a registration is already pending
        }
    }

    private async Task RegisterLoopAsync()
    {
        var token = _running.Token;
        while (!token.IsCancellationRequested)
        {
            try
            {
                await RegisterAllAsync(token).ConfigureAwait(false);
                var interval = Task.Delay(Config.RegisterInterval, Time, token);
                await Task.WhenAny(interval, _registerSignal.WaitAsync(token)).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                _logger.LogWarning(e, "broker registration round failed");
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task RegisterOneAsync(string namesrv, byte[] body, CancellationToken ct)
    {
        var request = Internal.CommandHeaders.CreateRequest(RequestCode.REGISTER_BROKER, new Internal.RegisterBrokerRequestHeader
        {
            BrokerAddr = Address,
            BrokerId = Config.BrokerId,
            BrokerName = Config.BrokerName,
            ClusterName = Config.BrokerClusterName,
            HaServerAddr = "",
            Compressed = false,
            BodyCrc32 = Primitive.Crc32.JavaCrc32(body),
        }, body);
        try
        {
            var response = await _namesrvClient.InvokeSync(namesrv, request, TimeSpan.FromSeconds(3), ct).ConfigureAwait(false);
            if (response.Code != ResponseCode.SUCCESS)
            {
                _logger.LogWarning("name server {Namesrv} refused registration of {Broker}: {Code} {Remark}", namesrv, Config.BrokerName, response.Code, response.Remark);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            _logger.LogDebug("registering {Broker} with {Namesrv} failed: {Reason}", Config.BrokerName, namesrv, e.Message);
        }
    }

    private byte[] RegisterBody()
    {
        var (table, version) = Topics.Snapshot();
        if (!PermName.IsWriteable(Config.BrokerPermission) || !PermName.IsReadable(Config.BrokerPermission))
        {
            // As Java: a broker without write or read permission announces every topic with its own permission.
            foreach (var (name, config) in table.ToArray())
            {
                var limited = config.Clone();
                limited.Perm = Config.BrokerPermission;
                table[name] = limited;
            }
        }

        return JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["filterServerList"] = Array.Empty<string>(),
            ["topicConfigSerializeWrapper"] = new Dictionary<string, object> { ["dataVersion"] = version, ["topicConfigTable"] = table },
        });
    }
}
