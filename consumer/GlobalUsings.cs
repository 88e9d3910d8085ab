// The namespaces nearly every consumer file uses; one list here instead of the same header in each file.
global using System.Collections.Concurrent;
global using System.Threading.Channels;
global using Microsoft.Extensions.Logging;
global using RocketMQ.Go.Port.Internal;
global using RocketMQ.Go.Port.Internal.Utils;
global using RocketMQ.Go.Port.Primitive;
