// The address of the client behind a request. Directly connected, it is the socket's. Behind
// load balancers or reverse proxies (TRUST_PROXY = how many of them stand in front of this
// server), each appends the address it received the request from to X-Forwarded-For, so the
// client is the entry that many places from the end; anything further left is the client's own
// claim and is never trusted.

/** TRUST_PROXY: a count of proxy hops (0, the default, trusts no header). */
export function trustedProxiesFromEnv(value: string | undefined): number {
  const hops = Number(value ?? 0);
  return Number.isInteger(hops) && hops > 0 ? Math.min(hops, 10) : 0;
}

export function clientAddress(socketAddress: string, forwardedFor: string | string[] | undefined, trustedProxies: number): string {
  if (!trustedProxies || !forwardedFor) return socketAddress;
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : forwardedFor)
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (!hops.length) return socketAddress;
  return hops[Math.max(0, hops.length - trustedProxies)]!;
}
