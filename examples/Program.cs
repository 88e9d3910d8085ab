using RocketMQ.Go.Port.Examples;
using RocketMQ.Go.Port.Examples.Common;

// Runs the example named by its Go path: dotnet run --project examples -- producer/simple [--nameserver host:port] ...
return await ExampleRunner.RunAsync(args, ExampleTable.All);
