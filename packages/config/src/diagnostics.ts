// Parser and validator findings. Codes follow the original parser's error table (section 10.9
// of the reference) plus the checks the original never made.

export type DiagnosticCode =
  | 'empty-configuration'
  | 'quotation-mismatch'
  | 'unexpected-eof'
  | 'unexpected-arguments'
  | 'equal-expected'
  | 'missing-arguments'
  | 'invalid-host'
  | 'invalid-argument'
  | 'integer-expected'
  | 'boolean-expected'
  | 'unknown-command'
  | 'list-expected'
  | 'bad-subnet-mask'
  | 'out-of-range'
  | 'duplicate-service'
  | 'duplicate-server'
  | 'inconsistent-service'
  | 'missing-persistence'
  | 'missing-address'
  | 'repeated-keyword'
  | 'late-port'
  | 'ignored-keyword'
  | 'timing';

export type Severity = 'error' | 'warning';

export interface Position {
  /** 1-based physical line (comments and blank lines counted). */
  readonly line: number;
  /** 1-based column of the token the finding is about. */
  readonly column: number;
}

export interface Diagnostic extends Position {
  readonly severity: Severity;
  readonly code: DiagnosticCode;
  /** The lvs.cf keyword concerned, when there is one. */
  readonly keyword: string | undefined;
  readonly message: string;
}

export function diagnostic(
  code: DiagnosticCode,
  at: Position,
  keyword: string | undefined,
  message: string,
  severity: Severity = 'error',
): Diagnostic {
  return { severity, code, line: at.line, column: at.column, keyword, message };
}

export function errorsOf(diagnostics: readonly Diagnostic[]): readonly Diagnostic[] {
  return diagnostics.filter((d) => d.severity === 'error');
}

/** `FILE:LINE:COL: keyword: message`, the form editors and compilers use. */
export function formatDiagnostic(file: string, d: Diagnostic): string {
  const where = `${file}:${d.line}:${d.column}`;
  const prefix = d.severity === 'warning' ? 'warning: ' : '';
  const subject = d.keyword === undefined ? '' : `${d.keyword}: `;
  return `${where}: ${prefix}${subject}${d.message}`;
}

/**
 * The report a daemon prints for a rejected file. Its first line keeps the original's
 * `error parsing FILE on line N` wording (scripts grep for it); then one line per finding.
 */
export function formatParseFailure(
  program: string,
  file: string,
  diagnostics: readonly Diagnostic[],
): string {
  const sorted = [...diagnostics].sort((a, b) => a.line - b.line || a.column - b.column);
  const errors = sorted.filter((d) => d.severity === 'error');
  const first = errors[0] ?? sorted[0];
  const count = errors.length === 1 ? '1 error' : `${errors.length} errors`;
  const header =
    first === undefined
      ? `${program}: error parsing ${file}`
      : `${program}: error parsing ${file} on line ${first.line} (${count}):`;
  return [header, ...sorted.map((d) => formatDiagnostic(file, d))].join('\n');
}
