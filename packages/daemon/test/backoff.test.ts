import { nextRestart, RESTART_MAX_MS } from '../src/backoff.js';

test('restart backoff doubles while the child dies young and resets after a long life', () => {
  let history = { quickDeaths: 0 };
  const delays: number[] = [];
  for (let i = 0; i < 7; i += 1) {
    const next = nextRestart(history, 500);
    delays.push(next.delayMs);
    history = next.history;
  }
  expect(delays).toEqual([1000, 2000, 4000, 8000, 16000, RESTART_MAX_MS, RESTART_MAX_MS]);
  expect(nextRestart(history, 120_000).delayMs).toBe(1000);
});
