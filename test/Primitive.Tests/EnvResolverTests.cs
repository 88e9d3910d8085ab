namespace RocketMQ.Go.Port.Tests;

/// <summary>Tests that change process-wide state (environment variables) and so run with no other test class in parallel.</summary>
[CollectionDefinition(nameof(ProcessStateCollection), DisableParallelization = true)]
public sealed class ProcessStateCollection;

/// <summary>Changes the process-wide NAMESRV_ADDR, so it runs with no other test class in parallel.</summary>
[Collection(nameof(ProcessStateCollection))]
public class EnvResolverTests
{
    [Fact]
    public async Task Env_resolver_and_passthrough_fallback_read_namesrv_addr_each_time()
    {
        var saved = Environment.GetEnvironmentVariable(EnvResolver.VariableName);
        try
        {
            Environment.SetEnvironmentVariable(EnvResolver.VariableName, "10.0.0.1:9876; 10.0.0.2:9876");
            (await new EnvResolver().ResolveAsync()).Should().Equal("10.0.0.1:9876", "10.0.0.2:9876");
            (await new PassthroughResolver(null).ResolveAsync()).Should().Equal("10.0.0.1:9876", "10.0.0.2:9876");

            Environment.SetEnvironmentVariable(EnvResolver.VariableName, null);
            (await new EnvResolver().ResolveAsync()).Should().BeEmpty();
        }
        finally
        {
            Environment.SetEnvironmentVariable(EnvResolver.VariableName, saved);
        }
    }
}
