// Reads the guest's script channel (its second serial port). Stage 2 writes
//   @@LAB-BEGIN <nonce>, the script's output, then @@LAB-END <nonce> <exit code>.
// The nonce is fresh per boot, so a script that prints marker-like text cannot end its run.

export interface ScriptTranscript {
  /** Lines the script printed, in order, without the markers. */
  readonly lines: readonly string[];
  /** Whether the begin marker was seen (stage 2 got as far as starting the script). */
  readonly begun: boolean;
  /** The script's exit status; undefined until the end marker has been read. */
  readonly exitCode: number | undefined;
}

export class ScriptOutputReader {
  #pending = '';
  #begun = false;
  #exitCode: number | undefined;
  readonly #lines: string[] = [];
  readonly #begin: string;
  readonly #end: RegExp;

  constructor(nonce: string) {
    this.#begin = `@@LAB-BEGIN ${nonce}`;
    this.#end = new RegExp(`@@LAB-END ${nonce} (\\d+)\\s*$`);
  }

  /** Feeds raw serial text; returns the script lines completed by this chunk. */
  push(chunk: string): string[] {
    this.#pending += chunk;
    const parts = this.#pending.split('\n');
    this.#pending = parts.pop() ?? '';
    return parts.flatMap((line) => this.#line(line.replace(/\r$/, '')));
  }

  get begun(): boolean {
    return this.#begun;
  }

  get transcript(): ScriptTranscript {
    return { lines: [...this.#lines], begun: this.#begun, exitCode: this.#exitCode };
  }

  #line(line: string): string[] {
    if (!this.#begun) {
      this.#begun = line.endsWith(this.#begin);
      return [];
    }
    if (this.#exitCode !== undefined) return [];
    const end = this.#end.exec(line);
    // Output that did not end in a newline shares its line with the end marker.
    const text = end === null ? line : line.slice(0, end.index);
    if (end !== null) this.#exitCode = Number(end[1]);
    if (end !== null && text === '') return [];
    this.#lines.push(text);
    return [text];
  }
}
