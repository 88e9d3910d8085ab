'use strict';

// Sends --count messages with ali-ons' Producer. Message i has tag Tag<i % 3>, keys "<prefix>-key-<i>" and
// "<prefix>-order-<i>" and body "<prefix> body <i>" (UTF-8, with a non-ASCII suffix). One JSON line per send:
// {"event":"sent","i":..,"tag":..,"keys":[..],"body":..,"msgId":..,"queueId":..,"queueOffset":..,"status":..}
// then {"event":"done","count":N}.

const { Producer, Message } = require('ali-ons');
const { parseArgs, emit, logger, httpclient, deadline, main } = require('./common');

const args = parseArgs(process.argv.slice(2), {
  namesrv: '', topic: 'InteropTopic', group: 'interop_producer', count: 10, prefix: 'ali-ons', timeoutMs: 60000,
});

main(async () => {
  deadline(args.timeoutMs, 'produce');
  const producer = new Producer({ httpclient, logger, nameSrv: args.namesrv, producerGroup: args.group, sendMsgTimeout: 5000 });
  producer.on('error', err => emit('warning', { message: String(err && err.message || err) }));
  await producer.ready();
  for (let i = 0; i < args.count; i++) {
    const tag = `Tag${i % 3}`;
    const keys = [ `${args.prefix}-key-${i}`, `${args.prefix}-order-${i}` ];
    const body = `${args.prefix} body ${i} \u00e9\u4e2d`;
    const msg = new Message(args.topic, tag, body);
    msg.keys = keys;
    const result = await producer.send(msg);
    emit('sent', {
      i, tag, keys, body,
      msgId: result.msgId,
      queueId: Number(result.messageQueue.queueId),
      queueOffset: result.queueOffset,
      status: result.sendStatus,
    });
  }
  await producer.close();
  emit('done', { count: args.count });
});
