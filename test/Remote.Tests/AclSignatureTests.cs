using System.Text;
using RocketMQ.Go.Port.Internal;
using RocketMQ.Go.Port.Primitive;
using RocketMQ.Go.Port.Remote;

namespace RocketMQ.Go.Port.Tests;

public class AclSignatureTests
{
    [Fact]
    public void Signature_matches_a_hand_computed_HmacSHA1_over_sorted_values_token_and_body()
    {
        // Sorted ordinally: AccessKey, SecurityToken, queueId, topic. Content "ak" + "tok" + "1" + "TopicTest" + body;
        // expected = base64(hmac_sha1(b"sk", b"aktok1TopicTesthello body")), computed with Python's hmac module.
        var request = RemotingCommand.CreateRequest(RequestCode.SEND_MESSAGE, body: Encoding.UTF8.GetBytes("hello body"));
        request.SetExtField("topic", "TopicTest");
        request.SetExtField("queueId", "1");

        new AclClientRpcHook(new Credentials("ak", "sk", "tok")).DoBeforeRequest("127.0.0.1:10911", request);

        request.GetExtField("AccessKey").Should().Be("ak");
        request.GetExtField("SecurityToken").Should().Be("tok");
        request.GetExtField("Signature").Should().Be("RtZhaj7sPsWgIlfG7zOLrcmheIQ=");
    }

    [Fact]
    public void Signature_ignores_a_stale_signature_sorts_ordinally_and_signs_UTF8()
    {
        // Ordinal order puts "Alpha" before "zeta"; content "ak" + "Grün" + "0" in UTF-8, key "sécret" in UTF-8:
        // base64(hmac_sha1("sécret".encode(), "akGrün0".encode())).
        var request = RemotingCommand.CreateRequest(RequestCode.PULL_MESSAGE);
        request.SetExtField("zeta", "0");
        request.SetExtField("Alpha", "Grün");
        request.SetExtField("Signature", "stale-from-a-previous-attempt");

        new AclClientRpcHook(new Credentials("ak", "sécret")).DoBeforeRequest("addr", request);

        request.GetExtField("SecurityToken").Should().BeNull();
        request.GetExtField("Signature").Should().Be("JJ350A1oCzz4pPtHJ8r1T2RhkOo=");
    }

    [Fact]
    public async Task A_client_with_credentials_sends_requests_the_server_can_verify()
    {
        var seen = new TaskCompletionSource<RemotingCommand>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = TestServer.Start(configure: s => s.RegisterProcessor(RequestCode.HEART_BEAT, (r, _) =>
        {
            seen.TrySetResult(r);
            return ValueTask.FromResult<RemotingCommand?>(RemotingCommand.CreateResponse(r, ResponseCode.SUCCESS));
        }));
        await using var client = new RemotingClient(new RemotingClientOptions { Credentials = new Credentials("ak", "sk", "tok") });
        var request = RemotingCommand.CreateRequest(RequestCode.HEART_BEAT, body: Encoding.UTF8.GetBytes("{\"clientID\":\"c\"}"));
        request.SetExtField("group", "G");

        await client.InvokeSync(server.Address, request, TimeSpan.FromSeconds(5)).WaitAsync(TimeSpan.FromSeconds(10));

        var received = await seen.Task.WaitAsync(TimeSpan.FromSeconds(10));
        received.GetExtField("AccessKey").Should().Be("ak");
        received.GetExtField("Signature").Should().Be(AclClientRpcHook.CalculateSignature(received, "sk"))
            .And.NotBe(AclClientRpcHook.CalculateSignature(received, "wrong"));
    }
}
