using System.Net;
using System.Net.Sockets;

namespace RocketMQ.Go.Port.Tests.Console;

/// <summary>
/// The console broker (<c>dotnet run --project broker</c>, the rocketmq-broker tool) run as a user runs it: a child
/// process from its build output.
/// </summary>
public sealed class BrokerConsoleTests
{
    private const string Broker = "RocketMQ.Go.Port.Broker.dll";

    // Starting a dotnet process on a loaded 2-core machine takes seconds; these bounds only catch a hang.
    private static readonly TimeSpan Startup = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Exit = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Sigterm_stops_it_as_gracefully_as_ctrl_c_with_exit_code_0()
    {
        using var broker = ChildProcess.StartDll(Broker, "--namesrv-port", "0", "--broker-port", "0");
        await broker.WaitForOutput(l => l == "press Ctrl+C to stop", Startup);

        broker.Terminate();

        (await broker.WaitForExit(Exit)).Should().Be(0, string.Join('\n', broker.StandardError));
        broker.StandardOutput.Should().ContainInOrder("stopping...", "stopped");
        broker.StandardError.Should().BeEmpty();
    }

    [Fact]
    public async Task With_slaves_it_prints_each_slave_and_the_name_server_routes_it_under_its_master()
    {
        using var broker = ChildProcess.StartDll(Broker, "--namesrv-port", "0", "--broker-port", "0", "--slaves", "1");
        await broker.WaitForOutput(l => l == "press Ctrl+C to stop", Startup);

        var namesrv = broker.StandardOutput.Single(l => l.StartsWith("name server: ", StringComparison.Ordinal))["name server: ".Length..];
        var master = broker.StandardOutput.Single(l => l.StartsWith("broker broker-a (DefaultCluster): ", StringComparison.Ordinal)).Split(": ")[1];
        var slave = broker.StandardOutput.Should().ContainSingle(l => l.StartsWith("slave 1 of broker-a (DefaultCluster): ", StringComparison.Ordinal)).Which.Split(": ")[1];
        await using var client = new Remote.RemotingClient();
        var route = await client.InvokeSync(namesrv, Remote.RemotingCommand.CreateRequest(Internal.RequestCode.GET_ROUTEINFO_BY_TOPIC, new() { ["topic"] = "TBW102" }), TimeSpan.FromSeconds(5));
        System.Text.Encoding.UTF8.GetString(route.Body.Span).Should().Contain($"\"brokerAddrs\":{{\"0\":\"{master}\",\"1\":\"{slave}\"}}");

        broker.Terminate();
        (await broker.WaitForExit(Exit)).Should().Be(0, string.Join('\n', broker.StandardError));
    }

    [Fact]
    public async Task A_taken_name_server_port_is_one_line_naming_it_and_its_flag_with_exit_code_1()
    {
        using var taken = Occupy(out var port);
        using var broker = ChildProcess.StartDll(Broker, "--namesrv-port", port.ToString(), "--broker-port", "0");

        (await broker.WaitForExit(Startup)).Should().Be(1);

        broker.StandardError.Should().Equal(
            $"name server port {port} on 127.0.0.1 is already in use: another process listens there; choose another port with --namesrv-port N (0 picks a free one)");
    }

    [Fact]
    public async Task A_taken_broker_port_is_one_line_naming_it_and_its_flag_with_exit_code_1()
    {
        using var taken = Occupy(out var port);
        using var broker = ChildProcess.StartDll(Broker, "--namesrv-port", "0", "--broker-port", port.ToString());

        (await broker.WaitForExit(Startup)).Should().Be(1);

        broker.StandardError.Should().Equal(
            $"broker port {port} on 127.0.0.1 is already in use: another process listens there; choose another port with --broker-port N (0 picks a free one)");
    }

    [Fact]
    public async Task A_store_it_cannot_use_is_one_line_naming_the_cause_with_exit_code_1()
    {
        var file = Path.GetTempFileName(); // a file where the store directory should be
        try
        {
            using var broker = ChildProcess.StartDll(Broker, "--namesrv-port", "0", "--broker-port", "0", "--store", file);

            (await broker.WaitForExit(Startup)).Should().Be(1, string.Join('\n', broker.StandardError));

            broker.StandardError.Should().ContainSingle().Which.Should().StartWith("the cluster did not start: ").And.Contain(file);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static TcpListener Occupy(out int port)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        port = ((IPEndPoint)listener.LocalEndpoint).Port;
        return listener;
    }
}
