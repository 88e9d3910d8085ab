using RocketMQ.Go.Port.Cmd.Rmqadmin.Cli;

// rmqadmin: mqadmin's commands on the admin client. Exit 0 done, 1 failed (one line on stderr), 2 usage error.
return await RmqadminApp.RunAsync(args, Console.Out, Console.Error, Environment.GetEnvironmentVariable);
