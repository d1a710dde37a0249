// Reports to whoever keeps the IPVS table: on every change, and a periodic restatement so a
// restarted or confused receiver falls back into step (Seesaw's habit, anchors A.1).
import type { MonitorEffect, MonitorState, Report, ReportCause } from './types.js';

export type Out = MonitorEffect[];

export function noteReport(
  state: MonitorState,
  report: Report,
  cause: ReportCause,
  out: Out,
): MonitorState {
  out.push({ kind: 'report', report, cause });
  return { ...state, reported: true };
}

/** Where the server stands now, in the same terms as the change that put it there. */
export function currentReport(state: MonitorState): Report {
  if (state.inService) return { status: 'up', weight: state.weight };
  return state.quiesced ? { status: 'weight', weight: 0 } : { status: 'down' };
}

export function resyncReport(state: MonitorState, out: Out): MonitorState {
  return noteReport(state, currentReport(state), 'resync', out);
}
