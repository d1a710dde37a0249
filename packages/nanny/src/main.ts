/** nanny's entry point; the command line and probes are wired in cli.ts and io/. */
export async function main(argv: readonly string[]): Promise<number> {
  process.stderr.write(`nanny: not available in this build (${argv.length} arguments)\n`);
  return 1;
}
