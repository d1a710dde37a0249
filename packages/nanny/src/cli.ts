// nanny's command line (section 6.1): the 0.8 spellings, the nanny(8) spellings as hidden
// aliases, and the group mode in which one process runs the monitors lvsd assigns to it.
// The same options, less the process-wide ones, make up one monitor in an `assign`.
import { Command, InvalidArgumentError, Option } from 'commander';
import { daemonCommand } from '@piranha-ts/daemon';

export const DEFAULT_IPVSADM = '/sbin/ipvsadm';

/** popt's POPT_ARG_INT: a whole decimal number, sign allowed. */
function integer(value: string): number {
  if (!/^[+-]?\d+$/.test(value)) throw new InvalidArgumentError('invalid numeric value');
  return Number(value);
}

function monitorOptions(command: Command): Command {
  const hidden = (flags: string, description: string) => new Option(flags, description).hideHelp();
  return command
    .option('-h, --server <address>', 'real server address to probe (dotted quad)')
    .option('-p, --port <port>', "virtual service's port (80: default HTTP probe)", integer, 80)
    .option('-r, --rport <port>', 'real server port probed (default: --port)', integer)
    .option('-V, --virtaddress <address>', 'virtual address, for ipvsadm and log lines')
    .option('-f, --fwmark <mark>', 'firewall-mark service (ipvsadm -f MARK)', integer, 0)
    .option(
      '-t, --interval <seconds>',
      'seconds between checks, and the check timeout',
      integer,
      10,
    )
    .option(
      '-a, --reentrytime <seconds>',
      'healthy seconds before re-admission (0: 180)',
      integer,
      0,
    )
    .option('-w, --weight <weight>', 'configured weight', integer, 1)
    .option('-S, --scale <scale>', 'largest weight multiple load may reach', integer, 10)
    .option('-M, --method <m|g|i>', 'forwarding method: m (NAT), g (direct), i (tunnel)', 'm')
    .option('-U, --loadcmd <cmd>', 'load probe: rup, ruptime, rsh, ssh, none, or a program', 'none')
    .option('-s, --send_string <text>', 'sent after connecting')
    .option('-x, --expect_string <text>', 'expected reply prefix; * for any reply')
    .option('-e, --send_program <command>', 'external check program (%h address, %p port)')
    .option('--regex', 'the expect string is a POSIX extended regular expression', false)
    .option('-q, --quiesce_server', 'on failure set weight 0 instead of removing', false)
    .option('-T, --suppress', 'do not translate backslash escapes in send and expect', false)
    .option('-u, --udp', 'probe with UDP', false)
    .option('--lvs', 'monitor a real server for lvsd (the default)', false)
    .option('--fos', 'monitor a failover service (not supported)', false)
    .addOption(hidden('-R, --startup <cmd>', '0.5 failover start command (not supported)'))
    .addOption(hidden('-D, --shutdown <cmd>', '0.5 failover stop command (not supported)'))
    .addOption(hidden('--UDP', 'nanny(8) spelling of --udp'))
    .addOption(hidden('--send_str <text>', 'nanny(8) spelling of --send_string'))
    .addOption(hidden('--expect_str <text>', 'nanny(8) spelling of --expect_string'))
    .addOption(hidden('--quiesce-server', 'nanny(8) spelling of --quiesce_server'));
}

/** The whole command line of a nanny process. */
export function nannyCommand(): Command {
  const command = daemonCommand('nanny', 'checks the health of a real server')
    .usage('[options] | --lvsd-socket PATH --group NAME [-- ID...]')
    .argument('[ids...]', 'group mode: the monitor ids, so that ps shows them');
  return monitorOptions(command)
    .option('-I, --ipvsadm <path>', 'ipvsadm program (standalone mode)', DEFAULT_IPVSADM)
    .option('-n, --nodaemon', 'stay in the foreground, log to stdout as well as syslog', false)
    .option('-c, --nofork', 'run without forking (how lvsd starts nanny)', false)
    .option('--test-start', 'log the ipvsadm commands instead of running them', false)
    .option('--norun', 'same as --test-start', false)
    .option('-v, --verbose', 'log DEBUG lines', false)
    .option('--lvsd-socket <path>', "group mode: lvsd's socket to take monitors from")
    .option('--group <name>', 'group mode: the name this process gives lvsd');
}

/**
 * One monitor's command line inside group mode: a fresh parser whose help and version do not
 * print; `-t` is the interval here, as lvsd builds it from lvs.cf.
 */
export function monitorCommand(): Command {
  const command = new Command('nanny')
    .exitOverride()
    .allowExcessArguments(false)
    .helpOption(false)
    .configureOutput({ writeOut: () => {}, writeErr: () => {}, outputError: () => {} });
  return monitorOptions(command)
    .option('-I, --ipvsadm <path>', 'ignored in group mode')
    .option('-n, --nodaemon', 'ignored in group mode')
    .option('-c, --nofork', 'ignored in group mode')
    .option('-v, --verbose', 'ignored in group mode');
}
