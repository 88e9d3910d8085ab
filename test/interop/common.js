'use strict';

// Shared helpers for the interop scripts: argument parsing, JSON-line output on stdout (the C# test reads it),
// ali-ons' own logging on stderr, and a hard deadline so a hung client never outlives the test.

function parseArgs(argv, defaults) {
  const args = Object.assign({}, defaults);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) {
      throw new Error(`unexpected argument ${arg}`);
    }
    const name = arg.slice(2).replace(/-([a-z])/g, (_, c) => c.toUpperCase());
    const value = argv[i + 1];
    if (value === undefined || value.startsWith('--')) {
      throw new Error(`missing value for ${arg}`);
    }
    args[name] = typeof defaults[name] === 'number' ? Number(value) : value;
    i++;
  }
  if (!args.namesrv) {
    throw new Error('--namesrv host:port is required');
  }
  return args;
}

function emit(event, fields) {
  process.stdout.write(JSON.stringify(Object.assign({ event }, fields)) + '\n');
}

// ali-ons logs through options.logger; keep stdout clean for the JSON lines.
const logger = {
  info() {},
  debug() {},
  warn(...args) { console.error('[ali-ons warn]', ...args); },
  error(...args) { console.error('[ali-ons error]', ...args); },
};

// ali-ons insists on an HTTP client for its cloud name-server lookup; with nameSrv set it is never called.
const httpclient = {
  request() { throw new Error('no HTTP name-server lookup in interop tests'); },
};

function deadline(ms, what) {
  const timer = setTimeout(() => {
    emit('error', { message: `${what} did not finish within ${ms} ms` });
    process.exit(3);
  }, ms);
  timer.unref();
  return timer;
}

async function main(run) {
  try {
    await run();
    process.exit(0);
  } catch (err) {
    emit('error', { message: String(err && err.stack || err), code: err && err.code });
    process.exit(1);
  }
}

module.exports = { parseArgs, emit, logger, httpclient, deadline, main };
