// THE keyword table of lvs.cf: every keyword, where it may appear, its value type, range,
// default and the release that introduced it. Parser, serializer and docs all read this
// table; array order is the canonical write order (the V08 GUI's, section 10.8).
import { SCHEDULERS } from './model.js';

export type Scope = 'global' | 'virtual' | 'failover' | 'server';

export type ValueType =
  | { readonly kind: 'integer'; readonly min: number; readonly max: number }
  | { readonly kind: 'seconds'; readonly min: number; readonly max: number }
  | { readonly kind: 'boolean' }
  | { readonly kind: 'port'; readonly names: boolean }
  | { readonly kind: 'host'; readonly notZero: boolean }
  | { readonly kind: 'ipv4' }
  | { readonly kind: 'netmask' }
  | { readonly kind: 'enum'; readonly values: readonly string[] }
  | { readonly kind: 'word' }
  | { readonly kind: 'string' }
  | { readonly kind: 'address-device' }
  | { readonly kind: 'list' };

/** Release that introduced a keyword; `ext` marks our extensions. */
export type Release = '0.4' | '0.5' | '0.6' | '0.7' | '0.8' | 'ext';

export type KeywordValue = string | number | boolean | readonly string[] | AddressValue;
interface AddressValue {
  readonly address: string;
  readonly device: string;
}

export interface KeywordSpec {
  readonly keyword: string;
  /** Model field name. */
  readonly field: string;
  readonly type: ValueType;
  readonly default: KeywordValue | undefined;
  /** Written even when equal to the default, as the GUI does. */
  readonly alwaysWritten: boolean;
  readonly since: Release;
  readonly summary: string;
}

/** A `virtual`/`failover` keyword; the original parses both block kinds with one routine. */
export interface ServiceKeywordSpec extends KeywordSpec {
  /** False for keywords a failover block accepts but never uses. */
  readonly inFailover: boolean;
}

const INT_MAX = 2 ** 31 - 1;
const UINT_MAX = 2 ** 32 - 1;
/** ipvsadm refuses persistence timeouts above 31 days. */
export const MAX_PERSISTENCE = 86400 * 31;
/** ipvsadm's weight range. */
export const MAX_WEIGHT = 65535;

const int = (min: number, max: number): ValueType => ({ kind: 'integer', min, max });
const seconds = (min: number): ValueType => ({ kind: 'seconds', min, max: 86400 });
const bool: ValueType = { kind: 'boolean' };
const word: ValueType = { kind: 'word' };
const text: ValueType = { kind: 'string' };
const netmask: ValueType = { kind: 'netmask' };
const oneOf = (...values: string[]): ValueType => ({ kind: 'enum', values });
const host = (notZero: boolean): ValueType => ({ kind: 'host', notZero });

function spec(
  keyword: string,
  field: string,
  type: ValueType,
  def: KeywordValue | undefined,
  since: Release,
  summary: string,
  alwaysWritten = false,
): KeywordSpec {
  return { keyword, field, type, default: def, alwaysWritten, since, summary };
}

function service(base: KeywordSpec, inFailover: boolean): ServiceKeywordSpec {
  return { ...base, inFailover };
}

export const GLOBAL_KEYWORDS: readonly KeywordSpec[] = [
  spec(
    'serial_no',
    'serialNo',
    int(0, INT_MAX),
    undefined,
    '0.6',
    'file serial, raised by the GUI on every save',
  ),
  spec('primary', 'primary', host(true), '0.0.0.0', '0.4', 'public address of the primary router'),
  spec(
    'primary_private',
    'primaryPrivate',
    host(true),
    undefined,
    '0.6',
    'private (second) heartbeat address of the primary',
  ),
  spec(
    'primary_shared',
    'primaryShared',
    word,
    undefined,
    '0.6',
    'shared SCSI device of the primary (fos)',
  ),
  spec(
    'service',
    'service',
    oneOf('lvs', 'fos'),
    'lvs',
    '0.4',
    'lvs: run virtual servers; fos: run failover services',
    true,
  ),
  spec(
    'rsh_command',
    'rshCommand',
    word,
    'rsh',
    '0.4',
    'remote shell used by load_monitor = uptime',
  ),
  spec('backup_active', 'backupActive', bool, false, '0.4', '1 when a backup router exists', true),
  spec(
    'backup',
    'backup',
    host(false),
    '0.0.0.0',
    '0.4',
    'public address of the backup router',
    true,
  ),
  spec(
    'backup_private',
    'backupPrivate',
    host(true),
    undefined,
    '0.6',
    'private heartbeat address of the backup',
  ),
  spec(
    'backup_shared',
    'backupShared',
    word,
    undefined,
    '0.6',
    'shared SCSI device of the backup (fos)',
  ),
  spec(
    'reservation_conflict_action',
    'reservationConflictAction',
    oneOf('nothing', 'preempt'),
    undefined,
    '0.6',
    'shared SCSI reservation policy (fos)',
  ),
  spec(
    'heartbeat',
    'heartbeat',
    bool,
    false,
    '0.4',
    'written as 1 by the GUI; heartbeats depend on backup_active',
    true,
  ),
  spec(
    'heartbeat_port',
    'heartbeatPort',
    { kind: 'port', names: true },
    539,
    '0.4',
    'UDP port of the heartbeat on both routers',
    true,
  ),
  spec(
    'keepalive',
    'keepalive',
    seconds(0.01),
    2,
    '0.4',
    'seconds between heartbeats (decimals allowed)',
    true,
  ),
  spec(
    'deadtime',
    'deadtime',
    seconds(0.01),
    5,
    '0.4',
    'seconds of silence before the partner is declared dead',
    true,
  ),
  spec(
    'network',
    'network',
    oneOf('nat', 'direct', 'tunnel'),
    'nat',
    '0.4',
    'forwarding method: nat (-m), direct (-g), tunnel (-i)',
    true,
  ),
  spec(
    'nat_router',
    'natRouter',
    { kind: 'address-device' },
    undefined,
    '0.4',
    'floating gateway address and device for NAT real servers',
  ),
  spec('nat_nmask', 'natNmask', netmask, undefined, '0.5', 'netmask of nat_router'),
  spec('debug_level', 'debugLevel', word, 'NONE', '0.5', 'accepted and ignored (NONE or MAX)'),
  spec(
    'monitor_links',
    'monitorLinks',
    int(0, INT_MAX),
    0,
    '0.8',
    'non-zero: watch NIC link state and fail over on link loss',
  ),
  spec(
    'syncdaemon',
    'syncdaemon',
    bool,
    false,
    '0.8',
    'run the IPVS connection synchronisation daemon',
  ),
  spec('syncd_iface', 'syncdIface', word, 'eth0', '0.8', 'multicast interface of the sync daemon'),
  spec('syncd_id', 'syncdId', int(0, 255), 0, '0.8', 'sync daemon id'),
  spec(
    'tcp_timeout',
    'tcpTimeout',
    int(0, INT_MAX),
    0,
    '0.8',
    'IPVS tcp timeout in seconds, 0 = leave as is',
  ),
  spec(
    'tcpfin_timeout',
    'tcpfinTimeout',
    int(0, INT_MAX),
    0,
    '0.8',
    'IPVS tcpfin timeout in seconds, 0 = leave as is',
  ),
  spec(
    'udp_timeout',
    'udpTimeout',
    int(0, INT_MAX),
    0,
    '0.8',
    'IPVS udp timeout in seconds, 0 = leave as is',
  ),
  spec(
    'hard_shutdown',
    'hardShutdown',
    bool,
    true,
    '0.8',
    '1: lvsd shuts down when a monitor dies; 0: it carries on',
  ),
  spec(
    'active_cmd',
    'activeCmd',
    text,
    undefined,
    '0.7',
    'command run when this router becomes active',
  ),
  spec(
    'inactive_cmd',
    'inactiveCmd',
    text,
    undefined,
    '0.7',
    'command run when this router becomes inactive',
  ),
  spec('ipvsadm', 'ipvsadm', word, '/sbin/ipvsadm', '0.4', 'path of ipvsadm'),
  spec('sync', 'sync', bool, false, '0.4', 'accepted and ignored (never implemented)'),
];

export const SERVICE_KEYWORDS: readonly ServiceKeywordSpec[] = [
  service(
    spec('active', 'active', bool, false, '0.4', '1: program, monitor and plumb this block', true),
    true,
  ),
  service(
    spec(
      'address',
      'address',
      { kind: 'address-device' },
      undefined,
      '0.4',
      'virtual IP and the alias device it is plumbed on',
      true,
    ),
    true,
  ),
  service(
    spec('vip_nmask', 'vipNmask', netmask, undefined, '0.5', 'netmask of the virtual IP'),
    true,
  ),
  service(
    spec(
      'sorry_server',
      'sorryServer',
      { kind: 'ipv4' },
      undefined,
      '0.8',
      'fallback server while no real server is up',
    ),
    false,
  ),
  service(
    spec(
      'fwmark',
      'fwmark',
      int(0, UINT_MAX),
      0,
      '0.6',
      'firewall mark of a fwmark service (0 = none)',
    ),
    false,
  ),
  service(
    spec(
      'port',
      'port',
      { kind: 'port', names: true },
      80,
      '0.4',
      'service port; default port of the servers that follow',
      true,
    ),
    true,
  ),
  service(
    spec(
      'persistent',
      'persistent',
      int(0, MAX_PERSISTENCE),
      0,
      '0.4',
      'persistence timeout in seconds (0 = none)',
    ),
    false,
  ),
  service(spec('pmask', 'pmask', netmask, undefined, '0.4', 'persistence netmask'), false),
  service(spec('send', 'send', text, undefined, '0.4', 'string sent by the health check'), true),
  service(
    spec('expect', 'expect', text, undefined, '0.4', 'expected reply prefix, or * for any reply'),
    true,
  ),
  service(
    spec(
      'use_regex',
      'useRegex',
      bool,
      false,
      '0.7',
      '1: expect is a POSIX extended regular expression',
    ),
    true,
  ),
  service(
    spec(
      'send_program',
      'sendProgram',
      text,
      undefined,
      '0.6',
      'external check program; %h is the real server address, %p its port',
    ),
    true,
  ),
  service(
    spec('load_monitor', 'loadMonitor', word, undefined, '0.4', 'uptime, rup, ruptime or none'),
    false,
  ),
  service(
    spec(
      'scheduler',
      'scheduler',
      { kind: 'enum', values: SCHEDULERS },
      'wlc',
      '0.4',
      'IPVS scheduler',
      true,
    ),
    false,
  ),
  service(
    spec(
      'protocol',
      'protocol',
      oneOf('tcp', 'udp'),
      'tcp',
      '0.4',
      'service and probe protocol',
      true,
    ),
    true,
  ),
  service(
    spec(
      'timeout',
      'timeout',
      int(1, INT_MAX),
      10,
      '0.4',
      'seconds between checks and check timeout',
      true,
    ),
    true,
  ),
  service(
    spec(
      'reentry',
      'reentry',
      int(0, INT_MAX),
      180,
      '0.4',
      'seconds a failed server must stay healthy before it returns',
      true,
    ),
    true,
  ),
  service(
    spec(
      'quiesce_server',
      'quiesceServer',
      bool,
      false,
      '0.6',
      '1: a failed server gets weight 0 instead of removal',
    ),
    false,
  ),
  service(
    spec(
      'client_monitor',
      'clientMonitor',
      word,
      '/usr/sbin/nanny',
      '0.4',
      'health monitor program',
    ),
    false,
  ),
  service(
    spec('start_cmd', 'startCmd', text, undefined, '0.4', 'failover: command starting the service'),
    true,
  ),
  service(
    spec('stop_cmd', 'stopCmd', text, undefined, '0.4', 'failover: command stopping the service'),
    true,
  ),
  service(
    spec(
      'master',
      'master',
      host(false),
      undefined,
      '0.4',
      'accepted and ignored (legacy file sync)',
    ),
    false,
  ),
  service(
    spec(
      'dirs',
      'dirs',
      { kind: 'list' },
      undefined,
      '0.4',
      'accepted and ignored (legacy file sync)',
    ),
    false,
  ),
];

export const SERVER_KEYWORDS: readonly KeywordSpec[] = [
  spec('address', 'address', host(false), '0.0.0.0', '0.4', 'real server address', true),
  spec(
    'active',
    'active',
    bool,
    false,
    '0.4',
    '1: monitor this server and add it when healthy',
    true,
  ),
  spec('weight', 'weight', int(0, MAX_WEIGHT), 1, '0.4', 'IPVS weight', true),
  spec(
    'port',
    'port',
    { kind: 'port', names: false },
    undefined,
    '0.8',
    'real server port (default: the virtual port)',
  ),
];

/** Keywords of a scope. */
export function keywordsOf(scope: Scope): readonly KeywordSpec[] {
  switch (scope) {
    case 'global':
      return GLOBAL_KEYWORDS;
    case 'virtual':
      return SERVICE_KEYWORDS;
    case 'failover':
      return SERVICE_KEYWORDS;
    case 'server':
      return SERVER_KEYWORDS;
  }
}

export function findKeyword(scope: Scope, keyword: string): KeywordSpec | undefined {
  return keywordsOf(scope).find((k) => k.keyword === keyword);
}

/** Scopes other than `scope` where `keyword` is valid, for "wrong place" messages. */
export function scopesOf(keyword: string): Scope[] {
  const scopes: Scope[] = ['global', 'virtual', 'server'];
  return scopes.filter((s) => findKeyword(s, keyword) !== undefined);
}

/** Block header keywords. */
export const BLOCK_KEYWORDS = ['virtual', 'failover', 'server'] as const;
export type BlockKeyword = (typeof BLOCK_KEYWORDS)[number];

export function defaultsOf(scope: Scope): Record<string, KeywordValue | undefined> {
  const defaults: Record<string, KeywordValue | undefined> = {};
  for (const k of keywordsOf(scope)) defaults[k.field] = k.default;
  return defaults;
}
