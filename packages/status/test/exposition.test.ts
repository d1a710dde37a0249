import { escapeHelp, escapeLabelValue, exposition, formatValue } from '../src/exposition.js';

test('label values escape backslash, double quote and newline', () => {
  expect(escapeLabelValue('a\\b"c\nd')).toBe('a\\\\b\\"c\\nd');
  expect(escapeHelp('a\\b"c\nd')).toBe('a\\\\b"c\\nd');
});

test('special values are spelled as Prometheus reads them', () => {
  expect([NaN, Infinity, -Infinity, 0, 1.5, -2].map(formatValue)).toEqual([
    'NaN',
    '+Inf',
    '-Inf',
    '0',
    '1.5',
    '-2',
  ]);
});

test('a family: HELP, TYPE, then samples with their labels in order', () => {
  const text = exposition([
    {
      name: 'x_total',
      help: 'Things\ncounted.',
      type: 'counter',
      samples: [{ value: 3 }, { labels: { a: '1', b: 'say "hi"' }, value: 4 }],
    },
    { name: 'y', help: 'Empty.', type: 'gauge', samples: [] },
  ]);
  expect(text).toBe(
    [
      '# HELP x_total Things\\ncounted.',
      '# TYPE x_total counter',
      'x_total 3',
      'x_total{a="1",b="say \\"hi\\""} 4',
      '# HELP y Empty.',
      '# TYPE y gauge',
      '',
    ].join('\n'),
  );
});
