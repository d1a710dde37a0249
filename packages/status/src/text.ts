// The text piranha-status prints: each daemon's state as `name  value` lines, then lvsd's
// table (virtual services, their real servers) and its nanny processes.
import type {
  LvsdNannyStatus,
  LvsdServiceStatus,
  LvsdStatus,
  PulseStatus,
} from '@piranha-ts/protocol';
import type { DaemonAnswer, StatusAnswers } from './answers.js';
import { columns } from './columns.js';

/** `0.4 s`, `12 s`: tenths only where they matter. */
export function formatAge(ms: number): string {
  const seconds = Math.max(0, ms) / 1000;
  return `${seconds < 10 ? seconds.toFixed(1) : Math.round(seconds)} s`;
}

function list(items: readonly string[]): string {
  return items.length === 0 ? 'none' : items.join(' ');
}

function indented(rows: readonly (readonly string[])[]): string[] {
  return columns(rows).map((line) => `  ${line}`);
}

function pulseLines(status: PulseStatus): string[] {
  const heard = status.partnerLastHeardMs;
  return [
    `pulse: pid ${status.pid}`,
    ...indented([
      ['role', status.role],
      ['state', status.state],
      ['failures', list(status.failures)],
      ['partner last heard', heard === null ? 'never' : `${formatAge(heard)} ago`],
      ['lvsd pid', status.lvsdPid === null ? 'none' : String(status.lvsdPid)],
      ['VIPs held', list(status.vips)],
    ]),
  ];
}

function syncText(status: LvsdStatus, nowMs: number): string {
  if (status.lastReconcileMs === null) return 'not reconciled yet';
  const state = status.inSync ? 'in sync' : 'NOT in sync';
  return `${state} at the last reconcile, ${formatAge(nowMs - status.lastReconcileMs)} ago`;
}

function serviceLines(service: LvsdServiceStatus): string[] {
  const header = `${service.name}: ${service.service} ${service.scheduler}`;
  if (service.servers.length === 0) return [header, '  no real servers'];
  const rows = service.servers.map((s) => [
    s.name,
    s.address,
    String(s.configuredWeight),
    s.health,
    s.weight === null ? '-' : String(s.weight),
  ]);
  return [header, ...indented([['SERVER', 'ADDRESS', 'WEIGHT', 'HEALTH', 'TABLE'], ...rows])];
}

function nannyLines(nannies: readonly LvsdNannyStatus[]): string[] {
  if (nannies.length === 0) return ['no nanny processes'];
  const rows = nannies.map((n) => [n.group, n.pid === null ? '-' : String(n.pid), `${n.monitors}`]);
  return columns([['NANNY GROUP', 'PID', 'MONITORS'], ...rows]);
}

function lvsdLines(status: LvsdStatus, nowMs: number): string[] {
  const services = status.services.flatMap((s) => ['', ...serviceLines(s)]);
  return [
    `lvsd: pid ${status.pid}`,
    ...indented([
      ['configuration', status.configFile],
      ['kernel table', syncText(status, nowMs)],
    ]),
    ...(status.services.length === 0 ? ['', 'no virtual services'] : services),
    '',
    ...nannyLines(status.nannies),
  ];
}

function answerLines<S>(
  name: string,
  answer: DaemonAnswer<S>,
  render: (status: S) => string[],
): string[] {
  switch (answer.kind) {
    case 'answered':
      return render(answer.status);
    case 'not-running':
      return [`${name}: not running`];
    case 'failed':
      return [`${name}: no answer: ${answer.message}`];
  }
}

/** The whole report; `nowMs` dates lvsd's last reconcile. */
export function statusText(answers: StatusAnswers, nowMs: number): string {
  return [
    ...answerLines('pulse', answers.pulse, pulseLines),
    ...answerLines('lvsd', answers.lvsd, (s) => lvsdLines(s, nowMs)),
  ].join('\n');
}
