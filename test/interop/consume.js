'use strict';

// Consumes with ali-ons' push Consumer from the first offset until --expect messages arrived (or the deadline).
// --tags is the subscription expression ("*" or "Tag0 || Tag2"); --retry-tag T asks for a redelivery (ali-ons'
// ACTION_RETRY, i.e. CONSUMER_SEND_MSG_BACK) of each message tagged T the first time it arrives, and such a
// message counts once it comes back. One JSON line per delivery:
// {"event":"received","msgId":..,"topic":..,"tags":..,"keys":[..],"body":..,"queueId":..,"queueOffset":..,
//  "reconsumeTimes":..}, "pulled" lines (see below), then {"event":"done","count":N}.

const { Consumer } = require('ali-ons');
const { parseArgs, emit, logger, httpclient, deadline, main } = require('./common');

const args = parseArgs(process.argv.slice(2), {
  namesrv: '', topic: 'InteropTopic', group: 'interop_consumer', tags: '*', expect: 10, retryTag: '', timeoutMs: 60000,
});

main(async () => {
  deadline(args.timeoutMs, 'consume');
  const consumer = new Consumer({
    httpclient, logger, nameSrv: args.namesrv, consumerGroup: args.group,
    consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET',
    // Short broker-side suspension so close() doesn't wait out a 15 s long poll.
    brokerSuspendMaxTimeMillis: 2000, consumerTimeoutMillisWhenSuspend: 5000,
    rebalanceInterval: 1000,
  });
  consumer.on('error', err => emit('warning', { message: String(err && err.message || err) }));
  // ali-ons filters tags again on its side; report what the broker's pull answers held so the broker's own tag
  // filtering is visible: {"event":"pulled","topic":..,"tags":[..]}.
  const client = consumer._mqClient;
  const pullMessage = client.pullMessage.bind(client);
  client.pullMessage = async (brokerAddr, header, timeoutMillis) => {
    const result = await pullMessage(brokerAddr, header, timeoutMillis);
    if (result && result.msgFoundList && result.msgFoundList.length) {
      emit('pulled', { topic: header.topic, tags: result.msgFoundList.map(m => m.tags || null) });
    }
    return result;
  };
  const seen = new Set();
  let finish;
  const finished = new Promise(resolve => { finish = resolve; });
  consumer.subscribe(args.topic, args.tags, async msg => {
    // A redelivered message keeps its original id in ORIGIN_MESSAGE_ID.
    const id = msg.originMessageId || msg.msgId;
    if (seen.has(id)) {
      return;
    }
    const retry = args.retryTag && msg.tags === args.retryTag && msg.reconsumeTimes === 0;
    emit(retry ? 'retrying' : 'received', {
      id,
      msgId: msg.msgId,
      topic: msg.topic,
      tags: msg.tags || null,
      keys: msg.keys ? msg.keys.split(' ') : [],
      body: msg.body.toString('utf8'),
      queueId: msg.queueId,
      queueOffset: Number(msg.queueOffset),
      reconsumeTimes: msg.reconsumeTimes,
    });
    if (retry) {
      return Consumer.ACTION_RETRY;
    }
    seen.add(id);
    if (seen.size >= args.expect) {
      finish();
    }
  });
  await consumer.ready();
  await finished;
  // ali-ons records the consumed offset right after the handler's promise settles: let those microtasks run so
  // close() commits it to the broker.
  await new Promise(resolve => setImmediate(resolve));
  await consumer.close();
  emit('done', { count: seen.size });
});
