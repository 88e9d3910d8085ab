// The namespaces many remote files use; one list here instead of the same header in each file.
global using System.Buffers;
global using System.Buffers.Binary;
global using System.IO.Pipelines;
global using System.Net;
global using System.Net.Sockets;
global using System.Runtime.CompilerServices;
global using System.Text;
global using Microsoft.Extensions.Logging;
global using RocketMQ.Go.Port.Primitive;
