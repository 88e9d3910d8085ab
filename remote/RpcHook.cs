namespace RocketMQ.Go.Port.Remote;

/// <summary>
/// Sees every request the client sends and every response it receives (Go: <c>remote.RPCHook</c>; Java:
/// <c>RPCHook</c>). Hooks run on the calling thread before the request is queued, and after a response arrives,
/// so they must be quick and must not block.
/// </summary>
internal interface IRpcHook
{
    /// <summary>Called before <paramref name="request"/> is sent to <paramref name="addr"/>; may add ext fields.</summary>
    void DoBeforeRequest(string addr, RemotingCommand request);

    /// <summary>Called when <paramref name="response"/> to <paramref name="request"/> arrived from <paramref name="addr"/>.</summary>
    void DoAfterResponse(string addr, RemotingCommand request, RemotingCommand response);
}
