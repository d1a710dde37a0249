#!/usr/bin/env node
// Writes an lvs.cf with SERVERS/4 NAT virtual services of 4 real servers each, checked every
// TIMEOUT seconds (lvs.cf timeout, default 1), and the list of real servers the farm must serve, one
// `KIND ADDRESS PORT` line each (KIND http or tcp), and, given KEEPALIVED_CONF, the same services
// and checks as a keepalived.conf (HTTP_GET of / expecting 200, TCP_CHECK; no retries, as nanny).
//   node make-config.mjs SERVERS IPVSADM_PATH SERVERS_FILE [TIMEOUT [KEEPALIVED_CONF]] > lvs.cf
// Even services listen on port 80 (each its own VIP: the default HTTP probe, GET / expecting
// HTTP), odd ones on VIP 192.0.2.10 port 10000+ (a plain TCP connect). Real servers take the
// farm's addresses 198.51.100.10-250 and 203.0.113.10-250 in turn, then the next port.
import { writeFileSync } from 'node:fs';
import { globalSection } from '../lib/lvs-cf.mjs';

const [
  serversArg = '1000',
  ipvsadm = '/sbin/ipvsadm',
  serversFile = 'servers.txt',
  timeout = '1',
  keepalivedConf,
] = process.argv.slice(2);
const servers = Number(serversArg);
const PER_SERVICE = 4;
const services = Math.ceil(servers / PER_SERVICE);
const httpServices = Math.ceil(services / 2);
if (!Number.isInteger(servers) || servers < 2 || httpServices > 240) {
  process.stderr.write(`make-config: SERVERS must be an integer from 2 to 1920\n`);
  process.exit(2);
}

const addresses = [];
for (const net of ['198.51.100', '203.0.113'])
  for (let host = 10; host <= 250; host += 1) addresses.push(`${net}.${host}`);
const ports = { http: [80, 8080, 8081, 8082], tcp: [7000, 7001, 7002, 7003] };
const used = { http: 0, tcp: 0 };
// The next free listener of a kind: every address on the kind's first port, then the next port.
function nextListener(kind) {
  const n = used[kind];
  used[kind] += 1;
  return {
    address: addresses[n % addresses.length],
    port: ports[kind][Math.floor(n / addresses.length)],
  };
}

const header = globalSection('nat', ipvsadm, [
  'nat_router = 198.51.100.1 eth1:1',
  'hard_shutdown = 0',
]);

const blocks = [];
const keepalivedBlocks = [];
const list = [];
let left = servers;
for (let i = 0; i < services; i += 1) {
  const kind = i % 2 === 0 ? 'http' : 'tcp';
  const vip = kind === 'http' ? `192.0.2.${10 + i / 2}` : '192.0.2.10';
  const vport = kind === 'http' ? 80 : 10000 + i;
  const keepalived = [
    `virtual_server ${vip} ${vport} {`,
    `    delay_loop ${timeout}`,
    '    lb_algo wlc',
    '    lb_kind NAT',
    '    protocol TCP',
  ];
  const lines = [
    `virtual svc${i} {`,
    '    active = 1',
    `    address = ${vip} eth0:1`,
    `    port = ${vport}`,
    '    scheduler = wlc',
    `    timeout = ${timeout}`,
    '    reentry = 5',
  ];
  for (let s = 0; s < PER_SERVICE && left > 0; s += 1, left -= 1) {
    const { address, port } = nextListener(kind);
    list.push(`${kind} ${address} ${port}`);
    lines.push(
      `    server rs${s + 1} {`,
      `        address = ${address}`,
      `        port = ${port}`,
      '        active = 1',
      '        weight = 1',
      '    }',
    );
    keepalived.push(
      `    real_server ${address} ${port} {`,
      '        weight 1',
      ...(kind === 'http'
        ? [
            '        HTTP_GET {',
            '            url {',
            '                path /',
            '                status_code 200',
            '            }',
          ]
        : ['        TCP_CHECK {']),
      `            connect_timeout ${timeout}`,
      '            retry 0',
      '        }',
      '    }',
    );
  }
  lines.push('}');
  blocks.push(lines.join('\n'));
  keepalived.push('}');
  keepalivedBlocks.push(keepalived.join('\n'));
}

if (keepalivedConf !== undefined)
  writeFileSync(keepalivedConf, `${keepalivedBlocks.join('\n\n')}\n`);

writeFileSync(serversFile, `${list.join('\n')}\n`);
process.stdout.write(`${header.join('\n')}\n\n${blocks.join('\n\n')}\n`);
