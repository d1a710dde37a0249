#!/usr/bin/env node
// Copies standard input to standard output, each line prefixed with Date.now() and a blank,
// so the benchmark knows when lvsd printed it.
import { createInterface } from 'node:readline';

for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
  process.stdout.write(`${Date.now()} ${line}\n`);
}
