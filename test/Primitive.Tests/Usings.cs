global using RocketMQ.Go.Port.Primitive;
