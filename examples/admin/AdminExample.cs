using RocketMQ.Go.Port.Admin;
using RocketMQ.Go.Port.Examples.Common;
using RocketMQ.Go.Port.Primitive;

namespace RocketMQ.Go.Port.Examples.Admin;

/// <summary>What the admin examples share: an admin from the common flags, and error printing.</summary>
internal static class AdminExample
{
    /// <summary>
    /// An admin on --nameserver (or the embedded broker), with ACL credentials when --access-key/--secret-key are
    /// given (Go's examples always pass RocketMQ/12345678) and --namespace.
    /// </summary>
    public static async Task<IAdmin> NewAdmin(ExampleContext ctx)
    {
        var options = new List<AdminOption>
        {
            AdminOptions.WithNameServer(await ctx.NameServerAsync()),
            AdminOptions.WithLoggerFactory(ctx.LoggerFactory),
        };
        if (ctx.Flags.Get("access-key") is { } accessKey && ctx.Flags.Get("secret-key") is { } secretKey)
        {
            options.Add(AdminOptions.WithCredentials(new Credentials(accessKey, secretKey)));
        }

        if (ctx.Flags.Get("namespace") is { } ns)
        {
            options.Add(AdminOptions.WithNamespace(ns));
        }

        return Rocketmq.NewAdmin([.. options]);
    }

    /// <summary>Prints a failed step as Go's examples do ("X error: ..."), or as <c>{"step":..,"status":"ERROR",..}</c>.</summary>
    public static void PrintError(ExampleContext ctx, string step, Exception error)
        => ctx.PrintObject($"{step} error: {error.Message}", new { step, status = "ERROR", error = error.Message, type = error.GetType().Name });
}
