// Ops as ipvsadm argv, a list of ops as one `ipvsadm -R` batch, and a table in `-Sn` layout.
// Facts from ipvsadm 1.31's source:
// - `-R` reads stdin line by line, splits each line on blanks (no quoting), drops a leading
//   word `ipvsadm`, and runs the line as a command line: -A -E -D -a -e -d -C all work there.
// - `-E` and `-e` replace everything: a missing -s means wlc, a missing -p means "not
//   persistent", a missing -w means weight 1, a missing -m/-g/-i means -g. So edits are rendered
//   in full, like adds.
// - `-Sn` does not print thresholds, and prints `--tun-type ipip` for plain tunnels.
import { formatAddressPort } from './addresses.js';
import type { IpvsOp } from './ops.js';
import {
  normalizeTable,
  type Destination,
  type Forwarding,
  type IpvsTable,
  type ServiceKey,
  type ServiceSettings,
  type TunnelEncapsulation,
} from './table.js';

const FORWARDING_FLAGS: Readonly<Record<Forwarding, string>> = {
  masq: '-m',
  gate: '-g',
  ipip: '-i',
};

/** `-t VIP:PORT`, `-u VIP:PORT`, `--sctp-service VIP:PORT`, `-f MARK` or `-f MARK -6`. */
export function serviceArgs(key: ServiceKey): string[] {
  if (key.kind === 'fwmark') {
    return key.family === 'ipv6' ? ['-f', String(key.mark), '-6'] : ['-f', String(key.mark)];
  }
  const flag = key.protocol === 'tcp' ? '-t' : key.protocol === 'udp' ? '-u' : '--sctp-service';
  return [flag, formatAddressPort(key.address, key.port)];
}

function serviceOptionArgs(service: ServiceSettings): string[] {
  const args = ['-s', service.scheduler];
  if (service.persistence !== undefined) {
    args.push('-p', String(service.persistence.timeout));
    if (service.persistence.netmask !== undefined) args.push('-M', service.persistence.netmask);
  }
  if (service.persistenceEngine !== undefined) args.push('--pe', service.persistenceEngine);
  if (service.onePacket) args.push('-o');
  if (service.schedulerFlags.length > 0) args.push('-b', service.schedulerFlags.join(','));
  return args;
}

function tunnelArgs(tunnel: TunnelEncapsulation | undefined, forwarding: Forwarding): string[] {
  if (forwarding !== 'ipip' || tunnel === undefined) return [];
  const checksum = `--tun-${tunnel.checksum}`;
  if (tunnel.type === 'gre') return ['--tun-type', 'gre', checksum];
  return ['--tun-type', 'gue', '--tun-port', String(tunnel.port), checksum];
}

/**
 * Plain IP-in-IP is rendered without `--tun-type ipip` so the commands also work with
 * ipvsadm older than 1.30, which lacks the option.
 */
function destinationArgs(dest: Destination): string[] {
  const args = [
    '-r',
    formatAddressPort(dest.address, dest.port),
    FORWARDING_FLAGS[dest.forwarding],
  ];
  args.push('-w', String(dest.weight));
  if (dest.upperThreshold > 0) args.push('-x', String(dest.upperThreshold));
  if (dest.lowerThreshold > 0) args.push('-y', String(dest.lowerThreshold));
  return [...args, ...tunnelArgs(dest.tunnel, dest.forwarding)];
}

/** The ipvsadm arguments (without the program) that perform one op. */
export function renderOp(op: IpvsOp): string[] {
  switch (op.kind) {
    case 'add-service':
      return ['-A', ...serviceArgs(op.service.key), ...serviceOptionArgs(op.service)];
    case 'edit-service':
      return ['-E', ...serviceArgs(op.service.key), ...serviceOptionArgs(op.service)];
    case 'delete-service':
      return ['-D', ...serviceArgs(op.service)];
    case 'add-dest':
      return ['-a', ...serviceArgs(op.service), ...destinationArgs(op.dest)];
    case 'edit-dest':
      return ['-e', ...serviceArgs(op.service), ...destinationArgs(op.dest)];
    case 'delete-dest':
      return [
        '-d',
        ...serviceArgs(op.service),
        '-r',
        formatAddressPort(op.dest.address, op.dest.port),
      ];
  }
}

/** The stdin of one `ipvsadm -R` run performing the ops in order (empty for no ops). */
export function renderBatch(ops: Iterable<IpvsOp>): string {
  return [...renderBatchChunks(ops, Infinity)].join('');
}

/**
 * The same stdin in pieces of at least `chunkBytes` (the last may be shorter), each rendered
 * only when it is taken: ipvsadm can work on the first while the later ones are worked out.
 */
export function* renderBatchChunks(ops: Iterable<IpvsOp>, chunkBytes: number): Generator<string> {
  let chunk = '';
  // A service's destinations follow it: its part of their lines is rendered once.
  let service: { key: ServiceKey; text: string } | undefined;
  for (const op of ops) {
    if (op.kind === 'add-dest' || op.kind === 'edit-dest') {
      if (service?.key !== op.service) {
        service = { key: op.service, text: serviceArgs(op.service).join(' ') };
      }
      const flag = op.kind === 'add-dest' ? '-a' : '-e';
      chunk += `${flag} ${service.text} ${destinationArgs(op.dest).join(' ')}\n`;
    } else chunk += `${renderOp(op).join(' ')}\n`;
    if (chunk.length >= chunkBytes) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk !== '') yield chunk;
}

/** `--set TCP TCPFIN UDP` (seconds; 0 leaves a timeout unchanged). */
export function setTimeoutsArgs(tcp: number, tcpfin: number, udp: number): string[] {
  return ['--set', String(tcp), String(tcpfin), String(udp)];
}

function saveTunnelSuffix(dest: Destination): string[] {
  if (dest.forwarding !== 'ipip') return [];
  return dest.tunnel === undefined ? ['--tun-type', 'ipip'] : tunnelArgs(dest.tunnel, 'ipip');
}

/**
 * The table as `ipvsadm -Sn` would print it. Order: ipvsadm's (see normalizeTable), which is
 * what a comparison with the kernel needs. Known difference: ipvsadm compares IPv4 addresses
 * by subtracting them into an int, so services or destinations whose addresses differ by 2^31
 * or more (10.x against 192.x) can come out in another order there; compare after
 * normalising both sides.
 */
export function renderSaveFormat(table: IpvsTable): string {
  const lines: string[] = [];
  for (const service of normalizeTable(table).services) {
    const svc = serviceArgs(service.key);
    lines.push(['-A', ...svc, ...serviceOptionArgs(service)].join(' '));
    for (const dest of service.destinations) {
      const address = formatAddressPort(dest.address, dest.port);
      const head = ['-a', ...svc, '-r', address, FORWARDING_FLAGS[dest.forwarding]];
      lines.push([...head, '-w', String(dest.weight), ...saveTunnelSuffix(dest)].join(' '));
    }
  }
  return lines.map((line) => `${line}\n`).join('');
}
