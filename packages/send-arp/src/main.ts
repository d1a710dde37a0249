// send_arp entry point: parse the arguments as the original does (MACs, then SRC_IP), build
// the 60-byte frame and send it once on the device. Silent on success, exit 0; every failure
// prints one line on stderr in the original's words and exits 1.
import { encodeArpFrame, parseMac, sendArpFrame } from '@piranha-ts/net';
import { sendRawFrame, type PacketSocketError } from '@piranha-ts/net/io';
import { parseSendArpArgv } from './cli.js';
import { resolveIpv4 } from './resolve.js';

function fail(line: string): number {
  process.stderr.write(`${line}\n`);
  return 1;
}

/** perror's wording; a missing device surfaced at sendto in the original. */
function describeSendError(error: PacketSocketError): string {
  const call = error.code === 'no-such-interface' ? 'sendto' : error.syscall;
  return `${call}: ${error.message}`;
}

export async function main(argv: readonly string[]): Promise<number> {
  const parsed = parseSendArpArgv(argv);
  if (parsed.kind === 'exit') return parsed.exitCode;
  const { args } = parsed;
  const targetMac = parseMac(args.targetMac);
  const sourceMac = parseMac(args.sourceMac);
  if (!targetMac.ok || !sourceMac.ok) return fail('Invalid hardware address');
  const sourceIp = await resolveIpv4(args.sourceIp);
  if (sourceIp === undefined) return fail(`send_arp: unknown host ${args.sourceIp}`);
  const frame = sendArpFrame({ sourceIp, sourceMac: sourceMac.mac, targetMac: targetMac.mac });
  const sent = sendRawFrame(args.device, encodeArpFrame(frame));
  return sent.ok ? 0 : fail(describeSendError(sent.error));
}
