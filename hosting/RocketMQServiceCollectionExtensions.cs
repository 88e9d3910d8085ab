using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace RocketMQ.Go.Port.Hosting;

/// <summary>
/// Registers RocketMQ producers and hosted push consumers. Settings come from a configuration section and/or a
/// delegate (both may be given; the delegate runs last); the <see cref="ILoggerFactory"/> comes from the container.
/// Each registration also adds a health check (tag "rocketmq") to the container's health checks.
/// </summary>
public static class RocketMQServiceCollectionExtensions
{
    /// <summary>
    /// The default producer: <see cref="IProducer"/> (also keyed by <see cref="Options.DefaultName"/>), started with the host.
    /// </summary>
    /// <param name="services">The container.</param>
    /// <param name="configuration">A section such as <c>RocketMQ:Producer</c> (NameServers, GroupName, SendMsgTimeout, ...); null for none.</param>
    /// <param name="configure">Changes after binding; null for none.</param>
    public static IServiceCollection AddRocketMQProducer(this IServiceCollection services, IConfiguration? configuration = null, Action<RocketMQProducerSettings>? configure = null)
        => services.AddRocketMQProducer(Options.DefaultName, configuration, configure);

    /// <summary>The default producer, configured in code only.</summary>
    public static IServiceCollection AddRocketMQProducer(this IServiceCollection services, Action<RocketMQProducerSettings> configure)
        => services.AddRocketMQProducer(Options.DefaultName, null, configure);

    /// <summary>
    /// A named producer: resolve it with <c>[FromKeyedServices(name)] IProducer</c> or
    /// <c>GetRequiredKeyedService&lt;IProducer&gt;(name)</c>. Started with the host, shut down when it stops.
    /// </summary>
    /// <param name="services">The container.</param>
    /// <param name="name">The producer's name (the key of its service and of its named settings).</param>
    /// <param name="configuration">Its configuration section; null for none.</param>
    /// <param name="configure">Changes after binding; null for none.</param>
    public static IServiceCollection AddRocketMQProducer(this IServiceCollection services, string name, IConfiguration? configuration, Action<RocketMQProducerSettings>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(name);
        var settings = services.AddOptions<RocketMQProducerSettings>(name);
        if (configuration is not null)
        {
            settings.Bind(configuration);
        }

        if (configure is not null)
        {
            settings.Configure(configure);
        }

        services.AddKeyedSingleton(name, (sp, _) => new ProducerHost(
            name, sp.GetRequiredService<IOptionsMonitor<RocketMQProducerSettings>>().Get(name), sp.GetService<ILoggerFactory>()));
        services.AddKeyedSingleton<IProducer>(name, (sp, _) => sp.GetRequiredKeyedService<ProducerHost>(name).Api);
        if (name == Options.DefaultName)
        {
            services.TryAddSingleton(sp => sp.GetRequiredKeyedService<IProducer>(Options.DefaultName));
        }

        services.AddSingleton<IHostedService>(sp => sp.GetRequiredKeyedService<ProducerHost>(name));
        services.Configure<HealthCheckServiceOptions>(o => o.Registrations.Add(new HealthCheckRegistration(
            HealthCheckName("producer", name), sp => new ProducerHealthCheck(sp.GetRequiredKeyedService<ProducerHost>(name)), null, ["rocketmq"])));
        return services;
    }

    /// <summary>
    /// A push consumer run as a hosted service: it starts with the host, hands every batch to a
    /// <typeparamref name="THandler"/> resolved from a new DI scope (registered scoped unless already registered), and
    /// stops gracefully within the host's shutdown timeout, persisting offsets.
    /// </summary>
    /// <typeparam name="THandler">The batch handler.</typeparam>
    /// <param name="services">The container.</param>
    /// <param name="configuration">A section such as <c>RocketMQ:Consumers:Orders</c> (NameServers, GroupName, Subscriptions, ...); null for none.</param>
    /// <param name="configure">Changes after binding; null for none.</param>
    /// <param name="name">The consumer's name (of its named settings and health check); default: the handler's type name.</param>
    public static IServiceCollection AddRocketMQPushConsumer<THandler>(this IServiceCollection services, IConfiguration? configuration = null,
        Action<RocketMQPushConsumerSettings>? configure = null, string? name = null)
        where THandler : class, IRocketMQMessageHandler
    {
        ArgumentNullException.ThrowIfNull(services);
        name ??= typeof(THandler).Name;
        var settings = services.AddOptions<RocketMQPushConsumerSettings>(name);
        if (configuration is not null)
        {
            settings.Bind(configuration);
        }

        if (configure is not null)
        {
            settings.Configure(configure);
        }

        services.TryAddScoped<THandler>();
        services.AddKeyedSingleton(name, (sp, _) => new PushConsumerHost<THandler>(
            name,
            sp.GetRequiredService<IOptionsMonitor<RocketMQPushConsumerSettings>>().Get(name),
            sp.GetRequiredService<IServiceScopeFactory>(),
            sp.GetService<ILoggerFactory>(),
            sp.GetService<IOptions<HostOptions>>()?.Value.ShutdownTimeout ?? TimeSpan.FromSeconds(30)));
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredKeyedService<PushConsumerHost<THandler>>(name));
        services.Configure<HealthCheckServiceOptions>(o => o.Registrations.Add(new HealthCheckRegistration(
            HealthCheckName("consumer", name), sp => new PushConsumerHealthCheck(sp.GetRequiredKeyedService<PushConsumerHost<THandler>>(name)), null, ["rocketmq"])));
        return services;
    }

    /// <summary>The push consumer configured in code only.</summary>
    public static IServiceCollection AddRocketMQPushConsumer<THandler>(this IServiceCollection services, Action<RocketMQPushConsumerSettings> configure, string? name = null)
        where THandler : class, IRocketMQMessageHandler
        => services.AddRocketMQPushConsumer<THandler>(null, configure, name);

    private static string HealthCheckName(string kind, string name) => name.Length == 0 ? $"rocketmq-{kind}" : $"rocketmq-{kind}-{name}";
}
