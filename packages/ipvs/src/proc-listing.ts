// /proc/net/ip_vs, the kernel's own listing of the table: three header lines, then each
// service on a line of its own (from column 0), each destination under it ("  -> ...").
// It leaves out settings the save format has (scheduler flags, thresholds, tunnel options),
// so it serves only to tell an empty table, which then needs no ipvsadm run.

const HEADER_LINES = 3;

/** Whether the listing names any service; undefined when the text is not such a listing. */
export function listsServices(text: string): boolean | undefined {
  const lines = text.split('\n');
  if (!lines[0]?.startsWith('IP Virtual Server version ')) return undefined;
  return lines.slice(HEADER_LINES).some((line) => line !== '' && !line.startsWith(' '));
}
