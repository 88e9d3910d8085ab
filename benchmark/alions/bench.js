'use strict';

// ali-ons producer benchmark: the same measurement as `benchmark producer` (sync: one send at a time; async:
// --inflight sends in flight), against the same name server. Prints text, or one JSON object with --json.
// Usage: node bench.js --namesrv H:P [--topic T] [--count N] [--body-size B] [--mode sync|async] [--inflight N] [--json]
// The topic must exist: ali-ons does not create topics through TBW102 (run this client's benchmark first).

const { Producer, Message } = require('ali-ons');

const args = { namesrv: '', topic: 'BenchTopic', count: 20000, bodySize: 128, mode: 'sync', inflight: 100, json: false, warmup: -1 };
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const name = argv[i].replace(/^--/, '').replace(/-([a-z])/g, (_, c) => c.toUpperCase());
  if (name === 'json') { args.json = true; continue; }
  const value = argv[++i];
  args[name] = typeof args[name] === 'number' ? Number(value) : value;
}
if (!args.namesrv) {
  console.error('--namesrv host:port is required');
  process.exit(2);
}

const logger = { info() {}, debug() {}, warn(...a) { console.error('[ali-ons warn]', ...a); }, error(...a) { console.error('[ali-ons error]', ...a); } };
const httpclient = { request() { throw new Error('no HTTP name-server lookup'); } };
const body = Buffer.alloc(args.bodySize, 'x');

async function run(producer, count, latencies) {
  let next = 0;
  let errors = 0;
  const workers = args.mode === 'async' ? args.inflight : 1;
  async function worker() {
    for (;;) {
      const i = next++;
      if (i >= count) return;
      const start = process.hrtime.bigint();
      try {
        await producer.send(new Message(args.topic, 'TagA', body));
      } catch (err) {
        if (++errors <= 5) console.error('send failed:', err && err.message);
      }
      if (latencies) latencies[i] = Number(process.hrtime.bigint() - start) / 1e6;
    }
  }
  await Promise.all(Array.from({ length: workers }, worker));
  return errors;
}

(async () => {
  const producer = new Producer({ httpclient, logger, nameSrv: args.namesrv, producerGroup: 'alions_bench_producer', sendMsgTimeout: 3000 });
  producer.on('error', err => console.error('[ali-ons]', err && err.message));
  await producer.ready();
  const warmup = args.warmup >= 0 ? args.warmup : Math.min(20000, Math.floor(args.count / 10));
  await run(producer, warmup, null);

  const latencies = new Float64Array(args.count);
  const cpuBefore = process.cpuUsage();
  const start = process.hrtime.bigint();
  const errors = await run(producer, args.count, latencies);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const cpu = process.cpuUsage(cpuBefore);
  latencies.sort();
  const pick = q => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * q))];
  const report = {
    client: 'ali-ons',
    mode: args.mode,
    messages: args.count,
    errors,
    seconds: Number(seconds.toFixed(3)),
    msgsPerSec: Math.round(args.count / seconds),
    p50Ms: Number(pick(0.5).toFixed(3)),
    p99Ms: Number(pick(0.99).toFixed(3)),
    maxMs: Number(latencies[latencies.length - 1].toFixed(3)),
    cpuUsPerMsg: Number(((cpu.user + cpu.system) / args.count).toFixed(2)),
    bodySize: args.bodySize,
    inflight: args.mode === 'async' ? args.inflight : 1,
  };
  await producer.close();
  if (args.json) {
    console.log(JSON.stringify(report));
  } else {
    console.log(`ali-ons ${report.mode}: ${report.messages} msgs of ${report.bodySize} B, ${report.inflight} in flight`);
    console.log(`  throughput  ${report.msgsPerSec} msgs/s (${report.seconds} s, ${errors} errors)`);
    console.log(`  latency     p50 ${report.p50Ms} ms  p99 ${report.p99Ms} ms  max ${report.maxMs} ms`);
    console.log(`  cpu         ${report.cpuUsPerMsg} us/msg`);
  }
  process.exit(errors === 0 ? 0 : 1);
})().catch(err => {
  console.error(err && err.stack || err);
  process.exit(1);
});
