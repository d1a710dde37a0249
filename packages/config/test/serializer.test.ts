import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseLvsCf, serializeLvsCf } from '@piranha-ts/config';
import { lvsConfig } from './arbitraries.js';
import { parseOk } from './helpers.js';

const EXAMPLE = `# two LVS routers, NAT towards a web farm
serial_no = 12
primary = 198.51.100.2
primary_private = 203.0.113.2
service = lvs
backup_active = 1
backup = 198.51.100.3
backup_private = 203.0.113.3
heartbeat = 1
heartbeat_port = 539
keepalive = 4
deadtime = 12
network = nat
nat_router = 192.0.2.254 eth1:1
nat_nmask = 255.255.255.0
debug_level = NONE
monitor_links = 0
syncdaemon = 0

virtual shop {
     active = 1
     address = 198.51.100.80 eth0:1
     vip_nmask = 255.255.255.0
     port = 80
     protocol = tcp
     persistent = 300
     pmask = 255.255.255.0
     send = "HEAD / HTTP/1.0\\r\\n\\r\\n"
     expect = "HTTP/1."
     load_monitor = none
     scheduler = wlc
     timeout = 6
     reentry = 15
     quiesce_server = 1

     server shop-a {
         address = 192.0.2.11
         active = 1
         weight = 100
     }
}
`;

const CANONICAL = `serial_no = 12
primary = 198.51.100.2
primary_private = 203.0.113.2
service = lvs
backup_active = 1
backup = 198.51.100.3
backup_private = 203.0.113.3
heartbeat = 1
heartbeat_port = 539
keepalive = 4
deadtime = 12
network = nat
nat_router = 192.0.2.254 eth1:1
nat_nmask = 255.255.255.0

virtual shop {
    active = 1
    address = 198.51.100.80 eth0:1
    vip_nmask = 255.255.255.0
    port = 80
    persistent = 300
    pmask = 255.255.255.0
    send = "HEAD / HTTP/1.0\\r\\n\\r\\n"
    expect = "HTTP/1."
    load_monitor = none
    scheduler = wlc
    protocol = tcp
    timeout = 6
    reentry = 15
    quiesce_server = 1
    server shop-a {
        address = 192.0.2.11
        active = 1
        weight = 100
    }
}
`;

test('the canonical layout: serial_no first, GUI order, defaults left out', () => {
  expect(serializeLvsCf(parseOk(EXAMPLE))).toBe(CANONICAL);
});

test('a server port is written only when it differs from the virtual port', () => {
  const text = 'virtual v {\n port = 8080\n server a {\n }\n server b {\n  port = 81\n }\n}\n';
  const out = serializeLvsCf(parseOk(text));
  expect(out.match(/^ *port = /gm)).toHaveLength(2);
  expect(out).toContain('        port = 81\n');
});

test('strings holding a double quote are written with single quotes', () => {
  const config = parseOk(`virtual v {\n expect = '"ok"'\n}\n`);
  expect(serializeLvsCf(config)).toContain(`expect = '"ok"'`);
});

test('property: parse(serialize(model)) equals the model', () => {
  fc.assert(
    fc.property(lvsConfig, (config) => {
      const result = parseLvsCf(serializeLvsCf(config));
      if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
      expect(result.config).toEqual(config);
    }),
    { numRuns: 300 },
  );
});

test('property: serialize(parse(text)) is stable', () => {
  fc.assert(
    fc.property(lvsConfig, (config) => {
      const once = serializeLvsCf(config);
      expect(serializeLvsCf(parseOk(once))).toBe(once);
    }),
    { numRuns: 200 },
  );
});

test('the reference example file round-trips through the canonical layout', () => {
  const path = fileURLToPath(new URL('../../../etc/sysconfig/ha/lvs.cf', import.meta.url));
  const sample = readFileSync(path, 'utf8');
  const canonical = serializeLvsCf(parseOk(sample));
  expect(serializeLvsCf(parseOk(canonical))).toBe(canonical);
  expect(parseOk(canonical)).toEqual(parseOk(sample));
});
