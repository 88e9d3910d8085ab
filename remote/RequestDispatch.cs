namespace RocketMQ.Go.Port.Remote;

/// <summary>Answers a request the peer sent, the same way on client and server (Java: <c>processRequestCommand</c>).</summary>
internal static class RequestDispatch
{
    // ResponseCode lives in internal (Go: internal/response.go); remote answers with only these two.
    private const int SystemErrorCode = 1;
    private const int RequestCodeNotSupported = 3;

    /// <summary>Java's answer to a code nobody handles.</summary>
    public static RemotingCommand NotSupported(RemotingCommand request)
        => RemotingCommand.CreateResponse(request, RequestCodeNotSupported, $" request type {request.Code} not supported");

    public static RemotingCommand SystemError(RemotingCommand request, Exception error)
        => RemotingCommand.CreateResponse(request, SystemErrorCode, error.Message);

    /// <summary>
    /// Runs a processor to completion and answers; a throwing processor answers SYSTEM_ERROR. With
    /// <paramref name="doneOnReturn"/> the request's pooled frame goes back once the processor's task completed and
    /// the answer is queued (the processor declared it keeps nothing of the request).
    /// </summary>
    public static void Run<TContext>(Func<RemotingCommand, TContext, ValueTask<RemotingCommand?>> processor, RemotingCommand request, TContext context, TcpConnection connection, ILogger logger, bool doneOnReturn = false)
    {
        ValueTask<RemotingCommand?> pending;
        try
        {
            pending = processor(request, context);
        }
        catch (Exception e)
        {
            pending = ValueTask.FromException<RemotingCommand?>(e);
        }

        _ = RespondWhenDoneAsync(pending, request, connection, logger, doneOnReturn); // runs to the end at once when it is done
    }

    private static async Task RespondWhenDoneAsync(ValueTask<RemotingCommand?> pending, RemotingCommand request, TcpConnection connection, ILogger logger, bool doneOnReturn)
    {
        RemotingCommand? response;
        try
        {
            response = await pending.ConfigureAwait(false);
        }
        catch (Exception e)
        {
            logger.LogError(e, "processor for request code {Code} from {Address} threw", request.Code, connection.Address);
            response = SystemError(request, e);
        }

        Respond(request, response, connection, logger);
        if (doneOnReturn)
        {
            request.Release();
        }
    }

    /// <summary>Sends <paramref name="response"/> (null = none) unless the request was oneway.</summary>
    public static void Respond(RemotingCommand request, RemotingCommand? response, TcpConnection connection, ILogger logger)
    {
        if (response is null || request.IsOneWay)
        {
            return;
        }

        response.Opaque = request.Opaque;
        response.MarkResponse();
        Send(response, connection, logger);
    }

    /// <summary>Queues a response; a failure is logged, since nobody waits for it.</summary>
    public static void Send(RemotingCommand response, TcpConnection connection, ILogger logger)
    {
        var send = connection.SendAsync(response, CancellationToken.None);
        if (!send.IsCompletedSuccessfully)
        {
            _ = AwaitSendAsync(send, response, connection, logger);
        }
    }

    private static async Task AwaitSendAsync(ValueTask send, RemotingCommand response, TcpConnection connection, ILogger logger)
    {
        try
        {
            await send.ConfigureAwait(false);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "could not send response code {Code} opaque {Opaque} to {Address}", response.Code, response.Opaque, connection.Address);
        }
    }
}
