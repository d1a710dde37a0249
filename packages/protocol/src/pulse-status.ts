// pulse's status socket ($PIRANHA_RUNDIR/pulse.sock): a client sends `status`, pulse answers
// with one `pulse-status` (or `error` for a request it could not read) and keeps the
// connection open for further requests.
import {
  arrayOf,
  integer,
  messageUnion,
  nullable,
  object,
  oneOf,
  string,
  type Decoder,
} from './decode.js';

export interface PulseStatusRequest {
  readonly v: 1;
  readonly type: 'status';
}

/** LINKFAIL (a monitored NIC is down) and CHILDFAIL (lvsd died): this router will not activate. */
export type PulseFailure = 'link' | 'child';

export interface PulseStatus {
  readonly v: 1;
  readonly type: 'pulse-status';
  readonly pid: number;
  /** Configured role: `master` owns the `primary` address of lvs.cf. */
  readonly role: 'master' | 'backup';
  readonly state: 'active' | 'inactive';
  readonly failures: readonly PulseFailure[];
  /** Milliseconds since a valid heartbeat last came from the partner; null: never. */
  readonly partnerLastHeardMs: number | null;
  /** pid of the lvsd this pulse started; null when none runs (inactive, or -t). */
  readonly lvsdPid: number | null;
  /** Floating addresses (VIPs, NAT router) this router has up. */
  readonly vips: readonly string[];
}

export interface PulseStatusError {
  readonly v: 1;
  readonly type: 'error';
  readonly message: string;
}

export type ToPulse = PulseStatusRequest;
export type FromPulse = PulseStatus | PulseStatusError;

export const decodeToPulse: Decoder<ToPulse> = messageUnion({ status: object({}) });

export const decodeFromPulse: Decoder<FromPulse> = messageUnion({
  'pulse-status': object({
    pid: integer,
    role: oneOf('master', 'backup'),
    state: oneOf('active', 'inactive'),
    failures: arrayOf(oneOf('link', 'child')),
    partnerLastHeardMs: nullable(integer),
    lvsdPid: nullable(integer),
    vips: arrayOf(string),
  }),
  error: object({ message: string }),
});
