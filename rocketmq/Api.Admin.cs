using RocketMQ.Go.Port.Admin;

namespace RocketMQ.Go.Port;

/// <summary>Go's package <c>rocketmq</c> (api.go): the admin constructor, next to the producer and consumer ones.</summary>
public static partial class Rocketmq
{
    /// <summary>
    /// An admin with Go's defaults and <paramref name="opts"/> applied (Go: <c>admin.NewAdmin</c>); the options are
    /// <see cref="AdminOptions"/>' <c>WithX</c> functions. Close it with <see cref="IAdmin.Close()"/> or dispose it.
    /// </summary>
    /// <exception cref="Primitive.MQClientException">A malformed name server address.</exception>
    public static IAdmin NewAdmin(params AdminOption[] opts) => DefaultAdmin.NewAdmin(opts);
}
