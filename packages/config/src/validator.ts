// Checks the parser cannot make line by line: duplicates, inconsistent shared settings,
// combinations ipvsadm or the kernel would refuse. The original made none of these.
import { diagnostic, type Diagnostic, type DiagnosticCode, type Severity } from './diagnostics.js';
import type { LvsConfig, VirtualServer } from './model.js';
import { blockPath, positionOf, serverPath, type SourceIndex } from './source.js';

type Report = (
  code: DiagnosticCode,
  path: string,
  keyword: string | undefined,
  message: string,
  severity?: Severity,
) => void;

export function validateConfig(config: LvsConfig, source: SourceIndex): Diagnostic[] {
  const found: Diagnostic[] = [];
  const report: Report = (code, path, keyword, message, severity = 'error') => {
    found.push(diagnostic(code, positionOf(source, path), keyword, message, severity));
  };
  checkGlobals(config, report);
  config.virtuals.forEach((vs, i) => checkVirtual(config, vs, i, report));
  checkServiceIdentity(config, source, report);
  return found.sort((a, b) => a.line - b.line || a.column - b.column);
}

function checkGlobals(config: LvsConfig, report: Report): void {
  if (config.backupActive && config.backup === '0.0.0.0') {
    report(
      'missing-address',
      'backup_active',
      'backup_active',
      'backup_active = 1 but no backup address is set; the backup will not be used',
      'warning',
    );
  }
  if (config.deadtime <= config.keepalive) {
    report(
      'timing',
      'deadtime',
      'deadtime',
      `deadtime (${config.deadtime}) should exceed keepalive (${config.keepalive}), or the backup takes over between two heartbeats`,
      'warning',
    );
  }
}

function serviceLabel(vs: VirtualServer): string {
  if (vs.fwmark !== 0) return `fwmark ${vs.fwmark}`;
  return `${vs.protocol} ${vs.address?.address ?? '0.0.0.0'}:${vs.port}`;
}

function checkVirtual(config: LvsConfig, vs: VirtualServer, i: number, report: Report): void {
  const at = (keyword?: string) => blockPath('virtual', i, keyword);
  if (!vs.active) return;
  if (vs.address === undefined) {
    report(
      'missing-address',
      at(),
      'virtual',
      `active virtual server ${vs.name} needs "address = IP DEVICE"`,
    );
  }
  if (vs.fwmark === 0 && vs.port === 0 && vs.persistent === 0) {
    report(
      'missing-persistence',
      at('port'),
      'port',
      'port 0 (all ports) needs persistent > 0; ipvsadm refuses a non-persistent zero-port service',
    );
  }
  if (vs.fwmark !== 0 && vs.port === 21 && vs.persistent === 0) {
    report(
      'missing-persistence',
      at('fwmark'),
      'fwmark',
      'an FTP firewall-mark service needs persistent > 0, or data connections reach a different server',
    );
  }
  if (vs.pmask !== undefined && vs.persistent === 0) {
    report(
      'ignored-keyword',
      at('pmask'),
      'pmask',
      'pmask has no effect without persistent > 0',
      'warning',
    );
  }
  if (vs.sendProgram !== undefined && vs.send !== undefined) {
    report(
      'ignored-keyword',
      at('send'),
      'send',
      'send is ignored when send_program is set',
      'warning',
    );
  }
  checkServers(config, vs, i, report);
}

function checkServers(config: LvsConfig, vs: VirtualServer, i: number, report: Report): void {
  // Direct routing and tunnelling keep the service port in the kernel (section 17).
  const portMatters = vs.fwmark !== 0 || config.network === 'nat';
  const seen = new Map<string, string>();
  vs.servers.forEach((rs, j) => {
    if (!rs.active) return;
    if (rs.address === '0.0.0.0') {
      report(
        'missing-address',
        serverPath(i, j),
        'server',
        `active real server ${rs.name} has no address`,
      );
      return;
    }
    const key = portMatters ? `${rs.address}:${rs.port}` : rs.address;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      report(
        'duplicate-server',
        serverPath(i, j, 'address'),
        'address',
        `real server ${key} is already in virtual server ${vs.name} as ${earlier}`,
      );
    }
    seen.set(key, rs.name);
  });
}

function checkServiceIdentity(config: LvsConfig, source: SourceIndex, report: Report): void {
  const services = new Map<string, { vs: VirtualServer; index: number }>();
  const devices = new Map<string, string>();
  config.virtuals.forEach((vs, index) => {
    if (!vs.active) return;
    const at = blockPath('virtual', index);
    const label = serviceLabel(vs);
    const earlier = services.get(label);
    if (earlier === undefined) services.set(label, { vs, index });
    else
      compareShared(
        earlier.vs,
        vs,
        at,
        positionOf(source, blockPath('virtual', earlier.index)).line,
        report,
      );
    if (vs.address === undefined) return;
    const device = devices.get(vs.address.address);
    if (device !== undefined && device !== vs.address.device) {
      report(
        'inconsistent-service',
        `${at}.address`,
        'address',
        `virtual IP ${vs.address.address} is already on device ${device}; a shared VIP must use one device`,
      );
    }
    devices.set(vs.address.address, vs.address.device);
  });
}

function compareShared(
  first: VirtualServer,
  second: VirtualServer,
  at: string,
  line: number,
  report: Report,
): void {
  const label = serviceLabel(second);
  if (second.fwmark === 0) {
    report(
      'duplicate-service',
      at,
      'virtual',
      `${label} is already defined by virtual server ${first.name} on line ${line}`,
    );
    return;
  }
  // Blocks sharing a fwmark bundle ports (HTTP + HTTPS) into one IPVS service.
  const same =
    first.scheduler === second.scheduler &&
    first.persistent === second.persistent &&
    first.pmask === second.pmask;
  if (!same) {
    report(
      'inconsistent-service',
      at,
      'fwmark',
      `${label} is shared with virtual server ${first.name} on line ${line}; scheduler, persistent and pmask must match`,
    );
  } else if (second.persistent === 0) {
    report(
      'missing-persistence',
      at,
      'fwmark',
      `${label} bundles several virtual servers without persistence; clients may switch servers between ports`,
      'warning',
    );
  }
}
