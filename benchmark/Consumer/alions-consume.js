'use strict';

// ali-ons push consumer over the backlog `benchmark consumer` filled: a new group from the first offset, an empty
// handler, ali-ons' defaults otherwise. Measures first to last message, as the C# side does, and prints one JSON line.
// Usage: NODE_PATH=<dir holding ali-ons> node alions-consume.js --namesrv H:P --topic T --group G --count N

const { Consumer } = require('ali-ons');

const args = { namesrv: '', topic: 'BenchConsumeTopic', group: 'alions_bench_consumer', count: 100000 };
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i += 2) {
  const name = argv[i].replace(/^--/, '');
  args[name] = typeof args[name] === 'number' ? Number(argv[i + 1]) : argv[i + 1];
}

const logger = { info() {}, debug() {}, warn() {}, error(...a) { console.error('[ali-ons error]', ...a); } };
const httpclient = { request() { throw new Error('no HTTP name-server lookup'); } };

(async () => {
  const consumer = new Consumer({
    httpclient, logger, nameSrv: args.namesrv, consumerGroup: args.group, consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET',
  });
  consumer.on('error', () => {});
  let count = 0;
  let first = 0n;
  let last = 0n;
  let done;
  const finished = new Promise(resolve => { done = resolve; });
  const cpuBefore = process.cpuUsage();
  consumer.subscribe(args.topic, '*', async () => {
    count++;
    if (count === 1) first = process.hrtime.bigint();
    if (count === args.count) { last = process.hrtime.bigint(); done(); }
  });
  await consumer.ready();
  const timer = setTimeout(() => { console.error(`timed out after ${count} messages`); process.exit(1); }, 600000);
  await finished;
  clearTimeout(timer);
  const cpu = process.cpuUsage(cpuBefore);
  const seconds = Number(last - first) / 1e9;
  console.log(JSON.stringify({
    client: 'ali-ons',
    messages: args.count,
    msgsPerSec: Math.round((args.count - 1) / seconds),
    cpuUsPerMsg: Number(((cpu.user + cpu.system) / args.count).toFixed(2)),
  }));
  await consumer.close();
  process.exit(0);
})().catch(err => { console.error(err); process.exit(1); });
