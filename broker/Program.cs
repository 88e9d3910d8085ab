namespace RocketMQ.Go.Port.Broker; internal static class Program { private static int Main() => 0; }
