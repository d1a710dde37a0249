// Signal names and numbers as the original's log lines print them.
import { constants } from 'node:os';

export function signalNumber(name: string): number {
  return (constants.signals as Readonly<Record<string, number>>)[name] ?? 0;
}
