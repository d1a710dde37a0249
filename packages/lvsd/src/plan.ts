// What lvsd asks of the kernel for a configuration: the desired table, and the ipvsadm
// commands that build it from an empty table (what --test-start prints).
import { formatDiagnostic, positionOf, type LvsConfig, type SourceIndex } from '@piranha-ts/config';
import {
  EMPTY_TABLE,
  allHealthy,
  desiredTable,
  diffTables,
  renderOp,
  setTimeoutsArgs,
  type HealthView,
  type IpvsTable,
} from '@piranha-ts/ipvs';

export type TablePlan =
  | { readonly ok: true; readonly table: IpvsTable }
  | { readonly ok: false; readonly errors: readonly string[] };

/** The table for `config` with `health`; errors name the file position they come from. */
export function planTable(
  config: LvsConfig,
  source: SourceIndex,
  file: string,
  health: HealthView,
): TablePlan {
  const result = desiredTable(config, health);
  if (result.ok) return result;
  const errors = result.errors.map((e) => {
    const at = positionOf(source, e.path);
    return formatDiagnostic(file, {
      ...at,
      severity: 'error',
      code: 'invalid-argument',
      keyword: undefined,
      message: e.message,
    });
  });
  return { ok: false, errors };
}

/** Whether any IPVS timeout is set (0 means "leave the kernel's value"). */
export function hasTimeouts(config: LvsConfig): boolean {
  return config.tcpTimeout !== 0 || config.tcpfinTimeout !== 0 || config.udpTimeout !== 0;
}

export function timeoutArgs(config: LvsConfig): string[] {
  return setTimeoutsArgs(config.tcpTimeout, config.tcpfinTimeout, config.udpTimeout);
}

/** ipvsadm argument vectors a start on an empty table runs, every active server taken as up. */
export function startCommands(config: LvsConfig, table: IpvsTable, clear: boolean): string[][] {
  const commands: string[][] = [timeoutArgs(config)];
  if (clear) commands.push(['-C']);
  for (const op of diffTables(EMPTY_TABLE, table)) commands.push(renderOp(op));
  return commands;
}

export { allHealthy };
