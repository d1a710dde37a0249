// Boots the guest under QEMU (TCG: KVM is not usable here) and runs one script in it.
// The script's output comes back on the second serial port between markers (serial.ts);
// the kernel console goes to a file that is only shown when the boot itself fails.
import { execa } from 'execa';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Guest } from './guest.js';
import { LabError, type LabErrorCode } from './lab-error.js';
import { guestFilesDir } from './paths.js';
import { createRunDir, type LabScript } from './run-dir.js';
import { ScriptOutputReader, type ScriptTranscript } from './serial.js';

export interface BootOptions {
  /** Hard limit for the whole boot; qemu is killed when it runs out. Default 300 s. */
  readonly timeoutMs?: number;
  /** Guest memory in MiB (the overlay's writes and /tmp live in it). Default 1024. */
  readonly memoryMb?: number;
  /** Virtual CPUs. Default 1: under TCG a second one gained nothing here (measured). */
  readonly cpus?: number;
  /** Guest working directory for the script; default: the repository root. */
  readonly cwd?: string;
  /** Extra environment for the script. */
  readonly env?: Readonly<Record<string, string>>;
  /** Called with each line the script prints, as it prints it (for live progress). */
  readonly onLine?: (line: string) => void;
}

export interface LabResult {
  /** The script's exit status inside the guest. */
  readonly exitCode: number;
  /** What the script printed (stdout and stderr interleaved), without markers. */
  readonly output: string;
  /** The guest's kernel console, for diagnosis. */
  readonly console: string;
  /** Milliseconds from starting qemu to the script starting, and to qemu's exit. */
  readonly bootMs: number;
  readonly totalMs: number;
}

interface QemuExit {
  readonly timedOut: boolean;
  readonly exitCode?: number | undefined;
  readonly stderr: string;
}

interface LabOutcome {
  readonly exitCode: number;
  readonly output: string;
}

function qemuArgv(guest: Guest, runDir: string, options: BootOptions): string[] {
  const stage2 = path.join(guestFilesDir, 'stage2.sh');
  // quiet still lets errors and panics through to the console log; panic=-1 reboots at once,
  // which -no-reboot turns into qemu exiting.
  const cmdline = [
    'console=ttyS0',
    'panic=-1',
    'quiet',
    `lab.run=${runDir}`,
    `lab.stage2=${stage2}`,
  ];
  if (cmdline.some((word) => /\s/.test(word))) {
    throw new LabError('bad-script', `lab paths must not contain blanks: ${runDir}`);
  }
  return [
    ...['-accel', 'tcg', '-cpu', 'max', '-m', String(options.memoryMb ?? 1024)],
    ...['-smp', String(options.cpus ?? 1), '-no-user-config', '-nodefaults', '-no-reboot'],
    // No network device: the guest cannot send a packet outside its own namespaces.
    ...['-display', 'none', '-nic', 'none'],
    ...['-kernel', guest.kernel, '-initrd', guest.initramfs, '-append', cmdline.join(' ')],
    '-virtfs',
    'local,path=/,mount_tag=hostroot,security_model=none,readonly=on,multidevs=remap',
    ...['-serial', `file:${path.join(runDir, 'console.log')}`, '-serial', 'stdio'],
  ];
}

/** Turns what came back from the guest into a result, or the reason there is none. */
function outcome(transcript: ScriptTranscript, qemu: QemuExit, consoleLog: string): LabOutcome {
  const { lines, begun, exitCode } = transcript;
  const output = lines.map((line) => `${line}\n`).join('');
  const fail = (code: LabErrorCode, message: string): never => {
    throw new LabError(code, message, output, consoleLog);
  };
  if (qemu.timedOut) fail('timeout', 'lab run timed out; qemu killed');
  const qemuSaid = qemu.stderr.trim() || `exit ${String(qemu.exitCode)}`;
  if (!begun) fail('no-begin', `the guest never started the script (qemu: ${qemuSaid})`);
  if (exitCode === undefined) fail('no-end', 'the guest stopped before the script finished');
  return { exitCode: exitCode ?? -1, output };
}

/** Runs `script` in a fresh boot of `guest`; resolves with its exit status and output. */
export async function bootAndRun(
  guest: Guest,
  script: LabScript,
  options: BootOptions = {},
): Promise<LabResult> {
  const run = await createRunDir(script, { modulesDir: guest.modulesDir, ...options });
  const reader = new ScriptOutputReader(run.nonce);
  const decoder = new TextDecoder();
  const started = Date.now();
  let bootMs = 0;
  try {
    const qemu = execa('qemu-system-x86_64', qemuArgv(guest, run.dir, options), {
      stdin: 'ignore',
      buffer: { stdout: false },
      timeout: options.timeoutMs ?? 300_000,
      forceKillAfterDelay: 3000,
      reject: false,
    });
    qemu.stdout.on('data', (chunk: Buffer) => {
      const lines = reader.push(decoder.decode(chunk, { stream: true }));
      if (bootMs === 0 && reader.begun) bootMs = Date.now() - started;
      for (const line of lines) options.onLine?.(line);
    });
    const result = await qemu;
    const consoleLog = await readFile(path.join(run.dir, 'console.log'), 'utf8').catch(() => '');
    const qemuExit = { ...result, stderr: String(result.stderr) };
    const { exitCode, output } = outcome(reader.transcript, qemuExit, consoleLog);
    return { exitCode, output, console: consoleLog, bootMs, totalMs: Date.now() - started };
  } finally {
    await rm(run.dir, { recursive: true, force: true });
  }
}
