// send_arp's command line (section 8.1 of the reference): `[-i dev] SRC_IP SRC_MAC TARGET_IP
// TARGET_MAC`, with -i only as the first argument. Any other shape prints the original's usage
// text on stderr and exits 1, which is all the original ever says about its arguments.
import { CommanderError, type Command } from 'commander';
import { daemonCommand } from '@piranha-ts/daemon';

export const DEFAULT_DEVICE = 'eth0';

export const USAGE_TEXT =
  'send_arp: sends out custom ARP packet.\n' +
  '\tusage: send_arp [-i dev] src_ip_addr src_hw_addr targ_ip_addr tar_hw_addr';

/** The arguments as typed; main parses the addresses in the original's order. */
export interface SendArpArguments {
  readonly device: string;
  readonly sourceIp: string;
  readonly sourceMac: string;
  readonly targetIp: string;
  readonly targetMac: string;
}

export type ParsedArgv =
  | { readonly kind: 'run'; readonly args: SendArpArguments }
  | { readonly kind: 'exit'; readonly exitCode: number };

export function sendArpCommand(): Command {
  return daemonCommand('send_arp', 'send one ARP reply telling a segment that IP is at MAC')
    .usage('[-i dev] src_ip_addr src_hw_addr targ_ip_addr tar_hw_addr')
    .option('-i <dev>', 'network device to send on (must come first)', DEFAULT_DEVICE)
    .argument('<src_ip_addr>', 'address to announce (the VIP): dotted quad or host name')
    .argument('<src_hw_addr>', 'hardware address to announce: 12 hex digits, ":" allowed')
    .argument('<targ_ip_addr>', 'not used: the frame is the RFC 2002 gratuitous reply')
    .argument('<tar_hw_addr>', 'Ethernet destination, ffffffffffff to broadcast');
}

function usage(): ParsedArgv {
  process.stderr.write(`${USAGE_TEXT}\n`);
  return { kind: 'exit', exitCode: 1 };
}

function parses(command: Command, argv: readonly string[]): ParsedArgv | undefined {
  try {
    command.parse([...argv], { from: 'user' });
    return undefined;
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    const done = error.code === 'commander.helpDisplayed' || error.code === 'commander.version';
    return done ? { kind: 'exit', exitCode: 0 } : usage();
  }
}

export function parseSendArpArgv(argv: readonly string[]): ParsedArgv {
  const command = sendArpCommand();
  const ended = parses(command, argv);
  if (ended !== undefined) return ended;
  // The original accepts exactly 4 arguments, or 6 with `-i dev` in front.
  const deviceGiven = command.getOptionValueSource('i') === 'cli';
  const shaped = deviceGiven ? argv.length === 6 && argv[0] === '-i' : argv.length === 4;
  if (!shaped || command.args.length !== 4) return usage();
  const [sourceIp = '', sourceMac = '', targetIp = '', targetMac = ''] = command.args;
  const device = String(command.opts()['i']);
  return { kind: 'run', args: { device, sourceIp, sourceMac, targetIp, targetMac } };
}
