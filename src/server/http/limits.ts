// Limits of the HTTP server against slow and broken clients, from the environment:
//   HTTP_HEADERS_TIMEOUT_MS   time to send the request headers (default 15 s)
//   HTTP_REQUEST_TIMEOUT_MS   time to send the whole request, headers and body (default 60 s)
//   HTTP_KEEPALIVE_TIMEOUT_MS idle time of a kept-alive connection (default 5 s)
// The body size limit is the protocol's (LIMITS.bodyMaxBytes).

export interface HttpLimits {
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  keepAliveTimeoutMs: number;
  /** How often Node checks the two timeouts above (at most 1 s, so they hold to the second). */
  checkIntervalMs: number;
}

function positive(value: string | undefined, fallback: number): number {
  const number = Number(value);
  return value && Number.isFinite(number) && number > 0 ? number : fallback;
}

export function httpLimitsFromEnv(env: NodeJS.ProcessEnv = process.env): HttpLimits {
  const headersTimeoutMs = positive(env.HTTP_HEADERS_TIMEOUT_MS, 15_000);
  // Node requires requestTimeout >= headersTimeout.
  const requestTimeoutMs = Math.max(headersTimeoutMs, positive(env.HTTP_REQUEST_TIMEOUT_MS, 60_000));
  return {
    headersTimeoutMs,
    requestTimeoutMs,
    keepAliveTimeoutMs: positive(env.HTTP_KEEPALIVE_TIMEOUT_MS, 5_000),
    checkIntervalMs: Math.min(1_000, headersTimeoutMs),
  };
}
