// The loop with recording edges: what each state-machine effect becomes, in order, and how
// datagrams pass the wire checks first.
import { encodeHeartbeat, type PulseOptions, type WireOptions } from '@piranha-ts/heartbeat';
import { PulseLoop, type PulseEdges } from '../src/loop.js';

const OPTIONS: PulseOptions = {
  role: 'backup',
  backupActive: true,
  privateChannel: false,
  keepalive: 0.2,
  deadtime: 0.6,
  forceActive: false,
  monitorLinks: false,
  syncDaemon: true,
  activeCmd: '/usr/local/bin/up now',
  inactiveCmd: undefined,
};
const WIRE: WireOptions = {
  mode: 'lvs',
  role: 'backup',
  partner: { public: '203.0.113.1', private: undefined },
  key: undefined,
};

class Recorder implements PulseEdges {
  clock = 1000;
  readonly calls: string[] = [];
  readonly sent: Uint8Array[] = [];
  private lvsdStopped: () => void = () => {};
  now = () => this.clock;
  log = (level: string, message: string) => void this.calls.push(`log ${level} ${message}`);
  send = (channel: string, bytes: Uint8Array) => {
    this.sent.push(bytes);
    this.calls.push(`send ${channel}`);
  };
  arm = (timer: string, delay: number) => void this.calls.push(`arm ${timer} ${delay}`);
  cancel = (timer: string) => void this.calls.push(`cancel ${timer}`);
  runCommand = (which: string, command: string) => void this.calls.push(`${which} ${command}`);
  startLvsd = () => void this.calls.push('start lvsd');
  awaitLvsdReady = () => void this.calls.push('await lvsd ready');
  stopLvsd = () => {
    this.calls.push('stop lvsd');
    return new Promise<void>((resolve) => (this.lvsdStopped = resolve));
  };
  finishLvsd = () => this.lvsdStopped();
  signalLvsd = (signal: string) => void this.calls.push(`signal lvsd ${signal}`);
  syncDaemon = async (state: string) => void this.calls.push(`sync ${state}`);
  announce = () => void this.calls.push('announce');
  private up: () => void = () => {};
  /** Until `addressesAreUp`, when `holdAddresses` is set. */
  holdAddresses = false;
  addressesUp = () => {
    this.calls.push('addresses up');
    if (!this.holdAddresses) return Promise.resolve();
    return new Promise<void>((resolve) => (this.up = resolve));
  };
  addressesAreUp = () => this.up();
  release = async () => void this.calls.push('release');
  exit = async (code: number) => void this.calls.push(`exit ${code}`);
}

async function started(options: Partial<PulseOptions> = {}) {
  const edges = new Recorder();
  const loop = new PulseLoop({ ...OPTIONS, ...options }, WIRE, edges, 1_700_000_000_000);
  await loop.begin();
  edges.calls.length = 0;
  return { edges, loop };
}

/** Forced active at start, lvsd ready: active with its addresses. */
async function active() {
  const run = await started({ forceActive: true });
  await run.loop.event({ type: 'lvsd-ready' });
  run.edges.calls.length = 0;
  return run;
}

test('start: the sync daemon as backup, then both timers', async () => {
  const edges = new Recorder();
  await new PulseLoop(OPTIONS, WIRE, edges, 0).begin();
  expect(edges.calls).toEqual(['sync backup', 'arm send 200', 'arm need 600']);
});

test('partner dead: activation effects in the reference order', async () => {
  const { edges, loop } = await started();
  edges.clock += 600;
  await loop.event({ type: 'timer', timer: 'need' });
  expect(edges.calls).toEqual([
    'log info partner dead: activating lvs',
    'active_cmd /usr/local/bin/up now',
    'start lvsd',
    'announce',
    'sync master',
    'arm need 600',
  ]);
  expect(loop.state?.active).toBe(true);
});

test('a running heartbeat makes an active backup send one more, then step down', async () => {
  const { edges, loop } = await started();
  edges.clock += 600;
  await loop.event({ type: 'timer', timer: 'need' });
  edges.calls.length = 0;
  const stepping = loop.datagram('203.0.113.1', encodeHeartbeat('lvs', 'running'));
  await new Promise((resolve) => setImmediate(resolve));
  // lvsd has not exited yet: nothing after the stop is performed meanwhile.
  expect(edges.calls.at(-1)).toBe('stop lvsd');
  edges.finishLvsd();
  await stepping;
  expect(edges.calls).toEqual([
    'log debug Received Heartbeat from partner',
    'log debug Sending heartbeat...',
    'send public',
    'log info partner active: deactivating LVS',
    'sync backup',
    'stop lvsd',
    'release',
    'arm need 600',
  ]);
  expect(edges.sent[0]).toEqual(encodeHeartbeat('lvs', 'running'));
});

test('a heartbeat does not wait behind lvsd stopping: the send timer is performed at once', async () => {
  const { edges, loop } = await started();
  edges.clock += 600;
  await loop.event({ type: 'timer', timer: 'need' });
  const stepping = loop.datagram('203.0.113.1', encodeHeartbeat('lvs', 'running'));
  await new Promise((resolve) => setImmediate(resolve));
  expect(edges.calls.at(-1)).toBe('stop lvsd');
  edges.calls.length = 0;
  edges.sent.length = 0;
  edges.clock += 200;
  await loop.event({ type: 'timer', timer: 'send' });
  expect(edges.calls).toEqual(['log debug Sending heartbeat...', 'send public', 'arm send 200']);
  expect(edges.sent).toEqual([encodeHeartbeat('lvs', 'stopped')]);
  // A need timer still waits its turn behind the queue, after the datagrams before it.
  const need = loop.event({ type: 'timer', timer: 'need' });
  await new Promise((resolve) => setImmediate(resolve));
  expect(edges.calls.at(-1)).toBe('arm send 200');
  edges.finishLvsd();
  await stepping;
  await need;
  expect(edges.calls.slice(3)).toEqual(['release', 'arm need 600', 'arm need 400']);
});

test('a hand-over waiting for its addresses stays silent, then says running', async () => {
  const edges = new Recorder();
  edges.holdAddresses = true;
  const loop = new PulseLoop({ ...OPTIONS, forceActive: true }, WIRE, edges, 0);
  await loop.begin();
  const ready = loop.event({ type: 'lvsd-ready' });
  await new Promise((resolve) => setImmediate(resolve));
  expect(edges.calls.at(-1)).toBe('addresses up');
  edges.calls.length = 0;
  edges.clock += 200;
  await loop.event({ type: 'timer', timer: 'send' });
  expect(edges.calls).toEqual(['arm send 200']);
  edges.addressesAreUp();
  await ready;
  edges.clock += 200;
  await loop.event({ type: 'timer', timer: 'send' });
  expect(edges.sent).toEqual([encodeHeartbeat('lvs', 'running')]);
});

test('datagrams that fail the wire checks are logged and change nothing', async () => {
  const { edges, loop } = await started();
  await loop.datagram('203.0.113.9', encodeHeartbeat('lvs', 'stopped'));
  await loop.datagram('203.0.113.1', encodeHeartbeat('fos', 'stopped'));
  await loop.datagram('203.0.113.1', new Uint8Array(3));
  expect(edges.calls).toEqual([
    'log verbose Unexpected heartbeat from 203.0.113.9',
    'log warn Incompatible heartbeat received -- other system not using identical services',
    'log warn bad heartbeat packet',
  ]);
  expect(loop.state?.active).toBe(false);
});

test('timers send heartbeats saying what this node is', async () => {
  const { edges, loop } = await started();
  edges.clock += 200;
  await loop.event({ type: 'timer', timer: 'send' });
  expect(edges.calls).toEqual(['log debug Sending heartbeat...', 'send public', 'arm send 200']);
  expect(edges.sent).toEqual([encodeHeartbeat('lvs', 'stopped')]);
});

test('a forced start: lvsd, silence, then the addresses once lvsd is ready', async () => {
  const edges = new Recorder();
  const loop = new PulseLoop({ ...OPTIONS, forceActive: true }, WIRE, edges, 0);
  await loop.begin();
  expect(edges.calls).toEqual([
    'sync backup',
    'log info Forced active on startup: activating lvs',
    'active_cmd /usr/local/bin/up now',
    'start lvsd',
    'await lvsd ready',
    'arm handover 120000',
    'arm send 200',
    'arm need 600',
  ]);
  edges.calls.length = 0;
  edges.clock += 200;
  await loop.event({ type: 'timer', timer: 'send' });
  expect(edges.calls).toEqual(['arm send 200']);
  await loop.event({ type: 'lvsd-ready' });
  expect(edges.calls.slice(1)).toEqual([
    'log info lvsd ready: taking over',
    'cancel handover',
    'announce',
    'sync master',
    'addresses up',
  ]);
  expect(loop.state?.active).toBe(true);
});

test('lvsd dying: deactivation without stopping it, CHILDFAIL', async () => {
  const { edges, loop } = await active();
  await loop.event({ type: 'lvsd-exited', pid: 77, status: { kind: 'exited', code: 1 } });
  expect(edges.calls).toEqual([
    'log warn Child process 77 exited with status 1',
    'sync backup',
    'release',
  ]);
  expect(loop.state).toMatchObject({ active: false, childFail: true });
});

test('SIGHUP goes to lvsd; SIGTERM deactivates, stops the timers and exits 0', async () => {
  const { edges, loop } = await active();
  await loop.event({ type: 'signal', signal: 'SIGHUP' });
  const terminating = loop.event({ type: 'signal', signal: 'SIGTERM' });
  await new Promise((resolve) => setImmediate(resolve));
  edges.finishLvsd();
  await terminating;
  expect(edges.calls).toEqual([
    'signal lvsd SIGHUP',
    'log info Terminating due to signal 15',
    'sync backup',
    'stop lvsd',
    'release',
    'cancel send',
    'cancel need',
    'exit 0',
  ]);
});

test('an edge that throws is logged and the other effects still happen', async () => {
  const { edges, loop } = await started();
  edges.announce = () => {
    throw new Error('boom');
  };
  edges.clock += 600;
  await loop.event({ type: 'timer', timer: 'need' });
  expect(edges.calls.slice(-3)).toEqual([
    'log warn internal error: Error: boom',
    'sync master',
    'arm need 600',
  ]);
  edges.calls.length = 0;
  await loop.event({ type: 'signal', signal: 'SIGHUP' });
  expect(edges.calls).toEqual(['signal lvsd SIGHUP']);
});
