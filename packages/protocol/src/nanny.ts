// Messages between nanny and lvsd. nanny says hello on connect; lvsd assigns the whole set of
// monitors that process must run (a later assign replaces it); nanny reports every transition
// and weight change, resends the full status every 10 s and right after an assign, and says
// which monitor command lines it could not parse.
import {
  arrayOf,
  integer,
  messageUnion,
  nullable,
  number,
  object,
  oneOf,
  string,
  type Decoder,
} from './decode.js';

/** How often nanny resends the full status, and lvsd can expect one. */
export const NANNY_STATUS_INTERVAL_MS = 10_000;

export interface NannyHello {
  readonly v: 1;
  readonly type: 'hello';
  readonly pid: number;
  readonly group: string;
}

/** One monitor: `argv` is the standalone one-server nanny command line, without the program name. */
export interface MonitorAssignment {
  readonly id: string;
  readonly argv: readonly string[];
}

export interface NannyAssign {
  readonly v: 1;
  readonly type: 'assign';
  readonly monitors: readonly MonitorAssignment[];
}

export type MonitorState = 'up' | 'down';

/** The state of one monitor; `weight` is null unless load monitoring sets one. */
export interface MonitorReport {
  readonly id: string;
  readonly state: MonitorState;
  readonly weight: number | null;
  readonly reason: string;
}

export interface NannyReport extends MonitorReport {
  readonly v: 1;
  readonly type: 'report';
}

export interface NannyStatus {
  readonly v: 1;
  readonly type: 'status';
  readonly reports: readonly MonitorReport[];
}

/** A monitor nanny cannot run; `id` is null when the complaint is not about one monitor. */
export interface NannyError {
  readonly v: 1;
  readonly type: 'error';
  readonly id: string | null;
  readonly message: string;
}

/** What nanny sends to lvsd. */
export type FromNanny = NannyHello | NannyReport | NannyStatus | NannyError;
/** What lvsd sends to nanny. */
export type ToNanny = NannyAssign;

const monitorReport = object({
  id: string,
  state: oneOf('up', 'down'),
  weight: nullable(number),
  reason: string,
});

export const decodeFromNanny: Decoder<FromNanny> = messageUnion({
  hello: object({ pid: integer, group: string }),
  report: monitorReport,
  status: object({ reports: arrayOf(monitorReport) }),
  error: object({ id: nullable(string), message: string }),
});

export const decodeToNanny: Decoder<ToNanny> = messageUnion({
  assign: object({ monitors: arrayOf(object({ id: string, argv: arrayOf(string) })) }),
});
