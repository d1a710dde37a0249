// The global part of the lvs.cf files the benchmarks generate: one primary router, no backup,
// the given forwarding method and ipvsadm, plus any further global lines.
export function globalSection(network, ipvsadm, extra = []) {
  return [
    'primary = 192.0.2.2',
    'service = lvs',
    'backup_active = 0',
    'heartbeat_port = 539',
    'keepalive = 2',
    'deadtime = 6',
    `network = ${network}`,
    ...extra,
    `ipvsadm = ${ipvsadm}`,
  ];
}
