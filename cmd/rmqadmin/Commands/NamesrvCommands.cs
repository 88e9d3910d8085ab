using RocketMQ.Go.Port.Cmd.Rmqadmin.Cli;

namespace RocketMQ.Go.Port.Cmd.Rmqadmin.Commands;

/// <summary>updateKvConfig (Java: UpdateKvConfigCommand): puts a key into the name servers' KV store.</summary>
internal sealed class UpdateKvConfigCommand : Command
{
    public override string Name => "updateKvConfig";

    public override string Description => "Create or update KV config.";

    protected override IReadOnlyList<OptionSpec> CommandOptions =>
    [
        new("s", "namespace", "set the namespace", Required: true),
        new("k", "key", "set the key name", Required: true),
        new("v", "value", "set the key value", Required: true),
    ];

    public override async Task RunAsync(CommandContext ctx)
    {
        var (ns, key, value) = (ctx.Args.Required("s"), ctx.Args.Required("k"), ctx.Args.Required("v"));
        await ctx.Admin.CreateAndUpdateKvConfig(ctx.Ct, ns, key, value).ConfigureAwait(false);
        ctx.Emit(new KvResult(ns, key, value), RmqJson.Default.KvResult, static (w, _) => w.Write("create or update kv config to namespace success.\n"));
    }
}

/// <summary>deleteKvConfig (Java: DeleteKvConfigCommand): removes a key from the name servers' KV store.</summary>
internal sealed class DeleteKvConfigCommand : Command
{
    public override string Name => "deleteKvConfig";

    public override string Description => "Delete KV config.";

    protected override IReadOnlyList<OptionSpec> CommandOptions =>
    [
        new("s", "namespace", "set the namespace", Required: true),
        new("k", "key", "set the key name", Required: true),
    ];

    public override async Task RunAsync(CommandContext ctx)
    {
        var (ns, key) = (ctx.Args.Required("s"), ctx.Args.Required("k"));
        await ctx.Admin.DeleteKvConfig(ctx.Ct, ns, key).ConfigureAwait(false);
        ctx.Emit(new KvResult(ns, key, null), RmqJson.Default.KvResult, static (w, _) => w.Write("delete kv config from namespace success.\n"));
    }
}

/// <summary>updateOrderConf (Java: UpdateOrderConfCommand): get, put or delete a topic's order configuration.</summary>
internal sealed class UpdateOrderConfCommand : Command
{
    private const string OrderTopicConfig = "ORDER_TOPIC_CONFIG";

    public override string Name => "updateOrderConf";

    public override string Description => "Create or update or delete order conf";

    protected override IReadOnlyList<OptionSpec> CommandOptions =>
    [
        new("t", "topic", "topic name", Required: true),
        new("v", "orderConf", "set order conf [eg. brokerName1:num;brokerName2:num]"),
        new("m", "method", "option type [eg. put|get|delete", Required: true),
    ];

    public override async Task RunAsync(CommandContext ctx)
    {
        var topic = ctx.Args.Required("t");
        switch (ctx.Args.Required("m"))
        {
            case "get":
                var conf = await ctx.Admin.GetKvConfig(ctx.Ct, OrderTopicConfig, topic).ConfigureAwait(false);
                ctx.Emit(new OrderConfResult("get", topic, conf), RmqJson.Default.OrderConfResult,
                    static (w, r) => w.Write($"get orderConf success. topic=[{r.Topic}], orderConf=[{r.OrderConf ?? "null"}] "));
                break;
            case "put":
                var orderConf = ctx.Args.Value("v");
                if (string.IsNullOrWhiteSpace(orderConf))
                {
                    throw new UsageException("please set orderConf with option -v.");
                }

                await ctx.Admin.CreateAndUpdateKvConfig(ctx.Ct, OrderTopicConfig, topic, orderConf).ConfigureAwait(false);
                ctx.Emit(new OrderConfResult("put", topic, orderConf), RmqJson.Default.OrderConfResult,
                    static (w, r) => w.Write($"update orderConf success. topic=[{r.Topic}], orderConf=[{r.OrderConf}]"));
                break;
            case "delete":
                await ctx.Admin.DeleteKvConfig(ctx.Ct, OrderTopicConfig, topic).ConfigureAwait(false);
                ctx.Emit(new OrderConfResult("delete", topic, null), RmqJson.Default.OrderConfResult,
                    static (w, r) => w.Write($"delete orderConf success. topic=[{r.Topic}]"));
                break;
            default:
                throw new UsageException("-m is put, get or delete");
        }
    }
}

/// <summary>wipeWritePerm / addWritePerm (Java: WipeWritePermSubCommand, AddWritePermSubCommand) on every name server.</summary>
internal sealed class WritePermCommand(bool add) : Command
{
    public override string Name => add ? "addWritePerm" : "wipeWritePerm";

    public override string Description => add ? "Add write perm of broker in all name server you defined in the -n param" : "Wipe write perm of broker in all name server you defined in the -n param";

    protected override IReadOnlyList<OptionSpec> CommandOptions => [new("b", "brokerName", "broker name", Required: true)];

    public override async Task RunAsync(CommandContext ctx)
    {
        var brokerName = ctx.Args.Required("b");
        var results = new List<WritePermRow>();
        Exception? failure = null;
        foreach (var namesrv in ctx.NameServerList)
        {
            try
            {
                var count = add
                    ? await ctx.Admin.AddWritePermOfBroker(ctx.Ct, namesrv, brokerName).ConfigureAwait(false)
                    : await ctx.Admin.WipeWritePermOfBroker(ctx.Ct, namesrv, brokerName).ConfigureAwait(false);
                results.Add(new WritePermRow(namesrv, true, count));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                results.Add(new WritePermRow(namesrv, false, 0));
                failure ??= e;
            }
        }

        var verb = add ? "add" : "wipe";
        ctx.Emit(new WritePermResult(brokerName, results), RmqJson.Default.WritePermResult, (w, r) =>
        {
            foreach (var row in r.NameServers)
            {
                w.Write(row.Ok
                    ? $"{verb} write perm of broker[{r.BrokerName}] in name server[{row.NameServer}] OK, {row.TopicCount}\n"
                    : $"{verb} write perm of broker[{r.BrokerName}] in name server[{row.NameServer}] Failed\n");
            }
        });
        if (failure is not null)
        {
            throw failure;
        }
    }
}

internal sealed record KvResult(string Namespace, string Key, string? Value);

internal sealed record OrderConfResult(string Method, string Topic, string? OrderConf);

internal sealed record WritePermResult(string BrokerName, IReadOnlyList<WritePermRow> NameServers);

internal sealed record WritePermRow(string NameServer, bool Ok, int TopicCount);
