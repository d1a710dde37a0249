import { ScriptOutputReader } from '../../lab/serial.js';

describe('ScriptOutputReader', () => {
  test('keeps only the lines between the markers of its own nonce', () => {
    const reader = new ScriptOutputReader('n1');
    const lines = [
      ...reader.push('noise\n@@LAB-BEGIN n1\r\nhel'),
      ...reader.push('lo\n@@LAB-END other 3\nworld\n@@LAB-END n1 4\nafter\n'),
    ];
    expect(lines).toEqual(['hello', '@@LAB-END other 3', 'world']);
    expect(reader.transcript).toEqual({
      lines: ['hello', '@@LAB-END other 3', 'world'],
      begun: true,
      exitCode: 4,
    });
  });

  test('output without a final newline shares its line with the end marker', () => {
    const reader = new ScriptOutputReader('n');
    reader.push('@@LAB-BEGIN n\npartial@@LAB-END n 0\n');
    expect(reader.transcript.lines).toEqual(['partial']);
    expect(reader.transcript.exitCode).toBe(0);
  });

  test('reports a boot that never began or never ended', () => {
    const silent = new ScriptOutputReader('n');
    silent.push('kernel panic\n');
    expect(silent.transcript).toEqual({ lines: [], begun: false, exitCode: undefined });
    const cut = new ScriptOutputReader('n');
    cut.push('@@LAB-BEGIN n\nhalf');
    expect(cut.transcript).toEqual({ lines: [], begun: true, exitCode: undefined });
  });
});
