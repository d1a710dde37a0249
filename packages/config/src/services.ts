// Well-known tcp service names, used when the system services database is not consulted
// (pure parsing, tests). The io loader reads /etc/services instead.
const WELL_KNOWN_TCP: Readonly<Record<string, number>> = {
  ftp: 21,
  'ftp-data': 20,
  ssh: 22,
  telnet: 23,
  smtp: 25,
  domain: 53,
  http: 80,
  www: 80,
  pop3: 110,
  nntp: 119,
  ntp: 123,
  imap: 143,
  imap2: 143,
  snmp: 161,
  ldap: 389,
  https: 443,
  submission: 587,
  ldaps: 636,
  imaps: 993,
  pop3s: 995,
  mysql: 3306,
  postgresql: 5432,
  'http-alt': 8080,
  webcache: 8080,
};

export function lookupWellKnownService(name: string): number | undefined {
  return Object.hasOwn(WELL_KNOWN_TCP, name) ? WELL_KNOWN_TCP[name] : undefined;
}

/** Parses the text of a services(5) file into a tcp name -> port lookup (aliases included). */
export function parseServicesFile(text: string): (name: string) => number | undefined {
  const ports = new Map<string, number>();
  for (const raw of text.split('\n')) {
    const [fields] = raw.split('#');
    const parts = (fields ?? '').trim().split(/\s+/);
    const [name, portProto, ...aliases] = parts;
    const m = /^(\d+)\/tcp$/.exec(portProto ?? '');
    if (name === undefined || m === null) continue;
    for (const n of [name, ...aliases]) if (!ports.has(n)) ports.set(n, Number(m[1]));
  }
  return (name) => ports.get(name);
}
