#!/usr/bin/env node
// Writes an lvs.cf with SERVICES virtual services of SERVERS real servers each (direct
// routing, one VIP, consecutive ports): SERVICES x (1 + SERVERS) IPVS rules.
//   node make-config.mjs SERVICES SERVERS IPVSADM_PATH
import { globalSection } from '../lib/lvs-cf.mjs';

const [services = '1000', servers = '4', ipvsadm = '/sbin/ipvsadm'] = process.argv.slice(2);

const header = globalSection('direct', ipvsadm);

function virtualBlock(index) {
  const lines = [
    `virtual svc${index} {`,
    '    active = 1',
    '    address = 192.0.2.10 eth0:1',
    `    port = ${10000 + index}`,
    '    scheduler = wlc',
  ];
  for (let s = 0; s < Number(servers); s += 1) {
    lines.push(
      `    server rs${s + 1} {`,
      `        address = 198.51.100.${11 + s}`,
      '        active = 1',
      `        weight = ${s + 1}`,
      '    }',
    );
  }
  lines.push('}');
  return lines.join('\n');
}

const blocks = Array.from({ length: Number(services) }, (_, i) => virtualBlock(i));
process.stdout.write(`${header.join('\n')}\n\n${blocks.join('\n\n')}\n`);
