import { execa } from 'execa';
import { shellCommand, shellQuote } from '../../lab/shell-quote.js';

describe('shellQuote', () => {
  test('quotes words so sh reads them back unchanged', async () => {
    const words = ["it's", 'a b', '$HOME', '`id`', '"', '\\', '', 'line\nbreak', '*'];
    const { stdout } = await execa('sh', ['-c', `printf '%s\\0' ${shellCommand(words)}`]);
    expect(stdout.split('\0').slice(0, -1)).toEqual(words);
  });

  test('single-quotes a plain word', () => {
    expect(shellQuote('abc')).toBe("'abc'");
  });
});
