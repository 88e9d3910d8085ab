using System.Text;
using RocketMQ.Go.Port.Broker;
using RocketMQ.Go.Port.Broker.Acl;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Remote;
using ResponseCode = RocketMQ.Go.Port.Internal.ResponseCode;

namespace RocketMQ.Go.Port.Tests.Protocol;

public class AclTests
{
    [Fact]
    public void Signatures_are_computed_as_the_java_client_computes_them()
    {
        // The status capture was taken with Java's sample ACL account rocketmq2 / 12345678.
        var signed = WireCaptures.Frames("status")
            .Where(f => f.Direction == "to_server" && f.Header.TryGetProperty("extFields", out var e) && e.TryGetProperty("Signature", out _))
            .Select(f => RemotingCommandCodec.DecodeWithLengthPrefix(f.Bytes))
            .ToList();
        signed.Should().NotBeEmpty();
        foreach (var request in signed)
        {
            PlainAccessValidator.Sign(request, "12345678").Should().Be(request.GetExtField("Signature"), $"request code {request.Code}");
        }
    }

    [Fact]
    public async Task With_acl_on_unsigned_and_wrongly_signed_requests_get_no_permission_and_signed_ones_pass()
    {
        await using var cluster = await EmbeddedCluster.StartAsync(new EmbeddedClusterOptions { AclAccessKey = "ak", AclSecretKey = "sk" });
        await using var anonymous = new RemotingClient();
        await using var wrong = new RemotingClient(new RemotingClientOptions { Credentials = new Credentials("ak", "wrong") });
        await using var right = new RemotingClient(new RemotingClientOptions { Credentials = new Credentials("ak", "sk") });
        var broker = cluster.BrokerAddresses[0];

        var refused = await anonymous.InvokeSync(broker, BrokerProtocolTests.SendV2("AclTopic", "x"), TimeSpan.FromSeconds(5));
        refused.Code.Should().Be(ResponseCode.NO_PERMISSION);
        refused.Remark.Should().Contain("AccessKey");

        var badSignature = await wrong.InvokeSync(broker, BrokerProtocolTests.SendV2("AclTopic", "x"), TimeSpan.FromSeconds(5));
        badSignature.Code.Should().Be(ResponseCode.NO_PERMISSION);
        badSignature.Remark.Should().Contain("signature");

        (await right.InvokeSync(broker, BrokerProtocolTests.SendV2("AclTopic", "x"), TimeSpan.FromSeconds(5))).Code.Should().Be(ResponseCode.SUCCESS);
    }
}
