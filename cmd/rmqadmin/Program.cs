using RocketMQ.Go.Port.Cmd.Rmqadmin.Cli;

// rmqadmin: mqadmin's commands on the admin client. Exit 0 done, 1 failed (one line on stderr), 2 usage error.
// Ctrl-C stops a looping command (clusterList -i, clusterRT) after closing its clients.
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
return await RmqadminApp.RunAsync(args, Console.Out, Console.Error, Environment.GetEnvironmentVariable, stop.Token);
