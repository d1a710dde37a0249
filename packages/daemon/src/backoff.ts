// How long a daemon waits before restarting a child that died (lvsd its nannies, pulse a
// standby lvsd): doubling from 1 s up to 30 s while it keeps dying young, back to 1 s once
// one has lived a minute.
export const RESTART_MIN_MS = 1_000;
export const RESTART_MAX_MS = 30_000;
export const HEALTHY_RUN_MS = 60_000;

export interface RestartHistory {
  /** Deaths in a row, each after less than HEALTHY_RUN_MS. */
  readonly quickDeaths: number;
}

export function nextRestart(
  history: RestartHistory,
  livedMs: number,
): { readonly delayMs: number; readonly history: RestartHistory } {
  const quickDeaths = livedMs >= HEALTHY_RUN_MS ? 1 : history.quickDeaths + 1;
  const delayMs = Math.min(RESTART_MAX_MS, RESTART_MIN_MS * 2 ** (quickDeaths - 1));
  return { delayMs, history: { quickDeaths } };
}
