// What the metrics endpoint does with a request, decided before any socket is asked.

export const METRICS_PATH = '/metrics';

export type Route =
  | { readonly kind: 'metrics'; readonly withBody: boolean }
  | {
      readonly kind: 'refuse';
      readonly status: 404 | 405;
      readonly headers: Readonly<Record<string, string>>;
      readonly body: string;
    };

export function route(method: string | undefined, url: string | undefined): Route {
  const path = (url ?? '').split('?')[0];
  if (path !== METRICS_PATH) {
    return { kind: 'refuse', status: 404, headers: {}, body: 'Not Found\n' };
  }
  if (method === 'GET' || method === 'HEAD') return { kind: 'metrics', withBody: method === 'GET' };
  return {
    kind: 'refuse',
    status: 405,
    headers: { Allow: 'GET, HEAD' },
    body: 'Method Not Allowed\n',
  };
}
