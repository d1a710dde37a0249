// Defaults and validation for the monitor's settings (sections 6.1 and 6.2).
import type { Target } from '../failure.js';
import type { CheckSpec } from '../spec.js';
import type { MonitorConfig } from './types.js';

export const DEFAULT_INTERVAL_MS = 10_000;
/** -a 0 (or none) means 180 s for a real server. */
export const DEFAULT_REENTRY_MS = 180_000;
export const DEFAULT_SCALE = 10;
/** About a minute at the default interval: a restarted lvsd is back in step soon enough. */
export const DEFAULT_RESYNC_EVERY = 6;
/** How long past its deadline a probe may take to report before the monitor gives up on it. */
export const PROBE_GRACE_MS = 1_000;

export interface MonitorOptions {
  readonly target: Target;
  readonly check: CheckSpec;
  readonly intervalMs?: number | undefined;
  /** Defaults to the interval, the original's connect and read timeout. */
  readonly checkTimeoutMs?: number | undefined;
  /** 0 or absent: DEFAULT_REENTRY_MS. */
  readonly reentryMs?: number | undefined;
  readonly weight?: number | undefined;
  readonly scale?: number | undefined;
  readonly quiesce?: boolean | undefined;
  readonly slowStart?: boolean | undefined;
  readonly loadArgv?: readonly string[] | undefined;
  readonly retries?: number | undefined;
  readonly resyncEvery?: number | undefined;
}

export function monitorConfig(options: MonitorOptions): MonitorConfig {
  const intervalMs = options.intervalMs ?? DEFAULT_INTERVAL_MS;
  return {
    target: options.target,
    check: options.check,
    intervalMs,
    checkTimeoutMs: options.checkTimeoutMs ?? intervalMs,
    reentryMs: options.reentryMs || DEFAULT_REENTRY_MS,
    weight: options.weight ?? 1,
    scale: options.scale ?? DEFAULT_SCALE,
    quiesce: options.quiesce ?? false,
    slowStart: options.slowStart ?? true,
    loadArgv: options.loadArgv,
    retries: options.retries ?? 0,
    resyncEvery: options.resyncEvery ?? DEFAULT_RESYNC_EVERY,
  };
}

/** Problems that make the settings unusable; an interval of 0 divided by zero in the original. */
export function configErrors(config: MonitorConfig): readonly string[] {
  const errors: string[] = [];
  const need = (ok: boolean, message: string): void => {
    if (!ok) errors.push(message);
  };
  const whole = (value: number, min: number): boolean =>
    Number.isSafeInteger(value) && value >= min;
  need(whole(config.intervalMs, 1), `interval must be at least 1 ms, not ${config.intervalMs}`);
  need(
    whole(config.checkTimeoutMs, 1),
    `check timeout must be at least 1 ms, not ${config.checkTimeoutMs}`,
  );
  need(whole(config.reentryMs, 0), `reentry time must not be negative, not ${config.reentryMs}`);
  need(whole(config.weight, 0), `weight must be a whole number of 0 or more, not ${config.weight}`);
  need(whole(config.scale, 1), `scale must be a whole number of 1 or more, not ${config.scale}`);
  need(
    whole(config.retries, 0),
    `retries must be a whole number of 0 or more, not ${config.retries}`,
  );
  need(whole(config.resyncEvery, 0), `resync count must be 0 or more, not ${config.resyncEvery}`);
  need(
    config.loadArgv === undefined || config.loadArgv.length > 0,
    'the load probe names no command',
  );
  return errors;
}
