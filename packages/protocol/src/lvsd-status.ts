// lvsd's status, asked on its socket ($PIRANHA_RUNDIR/lvsd.sock, shared with the nannies): a
// client sends `status-request` (or pulse `activate` / `standby`), lvsd answers with one
// `lvsd-status` and keeps the connection open for further requests.
import {
  arrayOf,
  boolean,
  integer,
  messageUnion,
  nullable,
  object,
  oneOf,
  string,
  type Decoder,
} from './decode.js';
import { decodeFromNanny, type FromNanny } from './nanny.js';

export interface LvsdStatusRequest {
  readonly v: 1;
  readonly type: 'status-request';
}

/**
 * pulse's word to an lvsd started with --standby: `activate` takes over the IPVS table,
 * `standby` gives it back (the monitors keep running). lvsd answers with its status.
 */
export interface LvsdControl {
  readonly v: 1;
  readonly type: 'activate' | 'standby';
}

/** A real server as lvsd sees it: configured, what its monitor said, what the kernel has. */
export interface LvsdServerStatus {
  readonly name: string;
  /** `RIP:RPORT`. */
  readonly address: string;
  readonly configuredWeight: number;
  /** `unknown` until the monitor's first report (or always, with --assume-up: `up`). */
  readonly health: 'up' | 'down' | 'unknown';
  /** Weight in the desired table; null when the server is not in it. */
  readonly weight: number | null;
  /** The monitor's id, null with --assume-up. */
  readonly monitor: string | null;
}

export interface LvsdServiceStatus {
  readonly name: string;
  /** ipvsadm's service spelling: `-t VIP:PORT`, `-u VIP:PORT` or `-f MARK`. */
  readonly service: string;
  readonly scheduler: string;
  readonly servers: readonly LvsdServerStatus[];
}

export interface LvsdNannyStatus {
  readonly group: string;
  readonly pid: number | null;
  readonly monitors: number;
}

export interface LvsdStatus {
  readonly v: 1;
  readonly type: 'lvsd-status';
  readonly pid: number;
  readonly configFile: string;
  readonly services: readonly LvsdServiceStatus[];
  readonly nannies: readonly LvsdNannyStatus[];
  /** The last reconcile: whether the kernel matched afterwards, and when (ms since epoch). */
  readonly inSync: boolean;
  readonly lastReconcileMs: number | null;
}

export interface LvsdStatusError {
  readonly v: 1;
  readonly type: 'error';
  readonly message: string;
}

/** Everything lvsd's socket accepts: a nanny's messages or a status request. */
export type ToLvsd = FromNanny | LvsdStatusRequest | LvsdControl;
export type FromLvsdStatus = LvsdStatus | LvsdStatusError;

const decodeRequest: Decoder<LvsdStatusRequest | LvsdControl> = messageUnion({
  'status-request': object({}),
  activate: object({}),
  standby: object({}),
});

export const decodeToLvsd: Decoder<ToLvsd> = (value) => {
  const request = decodeRequest(value);
  return request.ok ? request : decodeFromNanny(value);
};

const serverStatus = object({
  name: string,
  address: string,
  configuredWeight: integer,
  health: oneOf('up', 'down', 'unknown'),
  weight: nullable(integer),
  monitor: nullable(string),
});

export const decodeFromLvsdStatus: Decoder<FromLvsdStatus> = messageUnion({
  'lvsd-status': object({
    pid: integer,
    configFile: string,
    services: arrayOf(
      object({ name: string, service: string, scheduler: string, servers: arrayOf(serverStatus) }),
    ),
    nannies: arrayOf(object({ group: string, pid: nullable(integer), monitors: integer })),
    inSync: boolean,
    lastReconcileMs: nullable(integer),
  }),
  error: object({ message: string }),
});
