// `make install` into a scratch directory, and a machine that sees that installation at the
// real paths: a mount namespace with writable overlays of the scratch etc/ and usr/ over /etc
// and /usr and a fresh tmpfs on /run (so /var/run and /var/lock), plus a network namespace.
// Nothing on the host changes. Every command is an argv array; runs as root.
import { execa } from 'execa';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO } from './run-bin.js';

export interface Run {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

function result(run: { exitCode?: number; stdout: unknown; stderr: unknown }): Run {
  return { exitCode: run.exitCode ?? -1, stdout: String(run.stdout), stderr: String(run.stderr) };
}

/**
 * Installs the tree into `destdir` with `make install`. The suite runs after `make build`, so
 * make is told not to rebuild the packages (-o build); the bundles and manuals are remade.
 */
export async function makeInstall(destdir: string, vars: readonly string[] = []): Promise<Run> {
  const run = await execa(
    'make',
    ['-s', '-o', 'build', '-o', 'node_modules', 'install', `DESTDIR=${destdir}`, ...vars],
    { cwd: REPO, reject: false, stdin: 'ignore', timeout: 120_000 },
  );
  return result(run);
}

export async function makeUninstall(destdir: string): Promise<Run> {
  const run = await execa('make', ['-s', 'uninstall', `DESTDIR=${destdir}`], {
    cwd: REPO,
    reject: false,
    stdin: 'ignore',
  });
  return result(run);
}

export class InstalledMachine {
  private constructor(
    /** Scratch directory: root/ holds the installation, the rest is bookkeeping. */
    readonly dir: string,
    readonly netns: string,
  ) {}

  get root(): string {
    return join(this.dir, 'root');
  }

  private get mountns(): string {
    return join(this.dir, 'ns', 'mnt');
  }

  /** Installs into a new scratch directory and builds the namespaces around it. */
  static async create(netns: string): Promise<InstalledMachine> {
    const dir = await mkdtemp(join(tmpdir(), 'installed-'));
    const machine = new InstalledMachine(dir, netns);
    const installed = await makeInstall(machine.root);
    if (installed.exitCode !== 0) throw new Error(`make install failed: ${installed.stderr}`);
    await machine.enter();
    return machine;
  }

  private async enter(): Promise<void> {
    const ns = join(this.dir, 'ns');
    await mkdir(ns);
    // A persistent mount namespace lives on a bind mount that does not propagate.
    await execa('mount', ['--bind', ns, ns]);
    await execa('mount', ['--make-private', ns]);
    await writeFile(this.mountns, '');
    await execa('unshare', [`--mount=${this.mountns}`, '--propagation', 'private', 'true']);
    for (const top of ['etc', 'usr']) {
      const upper = join(this.dir, 'upper', top);
      const work = join(this.dir, 'work', top);
      await mkdir(upper, { recursive: true });
      await mkdir(work, { recursive: true });
      const lower = `${join(this.root, top)}:/${top}`;
      await this.mountCommand([
        'mount',
        '-t',
        'overlay',
        'overlay',
        '-o',
        `lowerdir=${lower},upperdir=${upper},workdir=${work}`,
        `/${top}`,
      ]);
    }
    await this.mountCommand(['mount', '-t', 'tmpfs', '-o', 'mode=0755', 'tmpfs', '/run']);
    await this.mountCommand(['mkdir', '-p', '/run/lock']);
    await execa('ip', ['netns', 'add', this.netns]);
    await execa('ip', ['-n', this.netns, 'link', 'set', 'lo', 'up']);
  }

  private async mountCommand(argv: readonly string[]): Promise<void> {
    const [file = '', ...args] = argv;
    await execa('nsenter', [`--mount=${this.mountns}`, file, ...args], { stdin: 'ignore' });
  }

  /** Runs a program on the machine (both namespaces); never rejects. */
  async run(argv: readonly string[], timeoutMs = 60_000): Promise<Run> {
    const run = await execa(
      'nsenter',
      [`--mount=${this.mountns}`, `--net=/run/netns/${this.netns}`, ...argv],
      { reject: false, stdin: 'ignore', timeout: timeoutMs, env: { LC_ALL: 'C' } },
    );
    return result(run);
  }

  /** Writes a file on the machine (through a host file, copied inside). */
  async writeFile(path: string, text: string): Promise<void> {
    const staged = join(this.dir, 'staged');
    await writeFile(staged, text);
    const copied = await this.run(['cp', staged, path]);
    if (copied.exitCode !== 0) throw new Error(`cp to ${path}: ${copied.stderr}`);
  }

  /** Kills what is left in the network namespace and removes everything. */
  async destroy(): Promise<void> {
    const pids = await execa('ip', ['netns', 'pids', this.netns], { reject: false });
    for (const pid of String(pids.stdout)
      .split('\n')
      .filter((p) => /^\d+$/.test(p))) {
      try {
        process.kill(Number(pid), 'SIGKILL');
      } catch {
        // already gone
      }
    }
    await execa('ip', ['netns', 'del', this.netns], { reject: false });
    await execa('umount', [this.mountns], { reject: false });
    await execa('umount', [join(this.dir, 'ns')], { reject: false });
    await rm(this.dir, { recursive: true, force: true });
  }
}
