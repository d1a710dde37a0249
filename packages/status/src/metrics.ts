// piranha-status's metrics, computed from one pair of answers per scrape. A daemon that does
// not answer gives its `_up` gauge 0 and no other samples: there is no last known state.
import type {
  LvsdServerStatus,
  LvsdServiceStatus,
  LvsdStatus,
  PulseStatus,
} from '@piranha-ts/protocol';
import type { StatusAnswers } from './answers.js';
import type { MetricFamily, Sample } from './exposition.js';

function gauge(name: string, help: string, samples: readonly Sample[]): MetricFamily {
  return { name, help, type: 'gauge', samples };
}

const flag = (value: boolean): number => (value ? 1 : 0);

/** `piranha_DAEMON_up`: the one sample a daemon has even when it does not answer. */
function upGauge(daemon: 'pulse' | 'lvsd', where: string, answered: boolean): MetricFamily {
  return gauge(`piranha_${daemon}_up`, `Whether ${daemon} answered on its ${where}.`, [
    { value: flag(answered) },
  ]);
}

function pulseFamilies(status: PulseStatus | undefined): MetricFamily[] {
  const when = <T>(value: (s: PulseStatus) => T): T[] =>
    status === undefined ? [] : [value(status)];
  const heard = (s: PulseStatus) =>
    s.partnerLastHeardMs === null ? Infinity : s.partnerLastHeardMs / 1000;
  return [
    upGauge('pulse', 'status socket', status !== undefined),
    gauge(
      'piranha_pulse_active',
      'Whether this router is the active one (holds the virtual addresses).',
      when((s) => ({ value: flag(s.state === 'active') })),
    ),
    gauge(
      'piranha_pulse_role',
      'The configured role of this router (master owns the primary address).',
      when((s) => ({ labels: { role: s.role }, value: 1 })),
    ),
    gauge(
      'piranha_pulse_partner_last_heard_seconds',
      'Seconds since the partner last sent a valid heartbeat (+Inf: never).',
      when((s) => ({ value: heard(s) })),
    ),
    gauge(
      'piranha_pulse_vips_held',
      'Floating addresses (virtual addresses, NAT router) this router has up.',
      when((s) => ({ value: s.vips.length })),
    ),
  ];
}

interface ServerSample {
  readonly service: LvsdServiceStatus;
  readonly server: LvsdServerStatus;
}

function serverLabels({ service, server }: ServerSample) {
  return { service: service.name, server: server.name, address: server.address };
}

function lvsdFamilies(status: LvsdStatus | undefined): MetricFamily[] {
  const servers: ServerSample[] = (status?.services ?? []).flatMap((service) =>
    service.servers.map((server) => ({ service, server })),
  );
  const reported = servers.filter((s) => s.server.health !== 'unknown');
  const nannies = status?.nannies ?? [];
  const lvsdOnly = (value: number): Sample[] => (status === undefined ? [] : [{ value }]);
  return [
    upGauge('lvsd', 'socket', status !== undefined),
    gauge(
      'piranha_lvsd_table_in_sync',
      'Whether the kernel IPVS table matched the configuration after the last reconcile.',
      lvsdOnly(flag(status?.inSync === true)),
    ),
    gauge(
      'piranha_real_server_up',
      "Whether a real server's monitor says it is up (absent until the first report).",
      reported.map((s) => ({ labels: serverLabels(s), value: flag(s.server.health === 'up') })),
    ),
    gauge(
      'piranha_real_server_weight',
      "A real server's weight in the IPVS table (0 when it is not in the table).",
      servers.map((s) => ({ labels: serverLabels(s), value: s.server.weight ?? 0 })),
    ),
    gauge(
      'piranha_nanny_processes',
      'Running nanny processes that lvsd supervises.',
      lvsdOnly(nannies.filter((n) => n.pid !== null).length),
    ),
    gauge(
      'piranha_monitors',
      'Real server monitors that the nanny processes carry.',
      lvsdOnly(nannies.reduce((sum, n) => sum + n.monitors, 0)),
    ),
  ];
}

export function statusMetrics(answers: StatusAnswers): MetricFamily[] {
  const pulse = answers.pulse.kind === 'answered' ? answers.pulse.status : undefined;
  const lvsd = answers.lvsd.kind === 'answered' ? answers.lvsd.status : undefined;
  return [...pulseFamilies(pulse), ...lvsdFamilies(lvsd)];
}
