import { route } from '../src/http.js';

test('GET and HEAD /metrics are served, HEAD without a body', () => {
  expect(route('GET', '/metrics')).toEqual({ kind: 'metrics', withBody: true });
  expect(route('GET', '/metrics?x=1')).toEqual({ kind: 'metrics', withBody: true });
  expect(route('HEAD', '/metrics')).toEqual({ kind: 'metrics', withBody: false });
});

test.each(['/', '/metrics/', '/metricsx', '/favicon.ico', undefined])('%s is 404', (url) => {
  expect(route('GET', url)).toMatchObject({ kind: 'refuse', status: 404 });
});

test.each(['POST', 'PUT', 'DELETE', 'OPTIONS'])('%s /metrics is 405 with Allow', (method) => {
  expect(route(method, '/metrics')).toEqual({
    kind: 'refuse',
    status: 405,
    headers: { Allow: 'GET, HEAD' },
    body: 'Method Not Allowed\n',
  });
});
