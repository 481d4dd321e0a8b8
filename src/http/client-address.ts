import { BlockList, isIP } from "node:net";
import type { Context } from "hono";

// Behind nginx every request's socket peer is nginx. The client's own address is then in X-Forwarded-For,
// which anybody can also write: it is believed only for the hops that arrived through a proxy listed in
// TRUST_PROXY. Reading the header from the right, each hop is taken while the previous one is trusted.

/** Parses TRUST_PROXY (`127.0.0.1, 10.0.0.0/8, ::1`); throws naming the entry that is not an address or CIDR. */
export function parseTrustedProxies(value: string): BlockList {
  const list = new BlockList();
  for (const entry of value.split(/[\s,]+/).filter(Boolean)) {
    const [address = "", prefix, extra] = entry.split("/");
    const family = isIP(address);
    const bits = prefix === undefined ? undefined : Number(prefix);
    const maxBits = family === 6 ? 128 : 32;
    if (
      !family ||
      extra !== undefined ||
      (bits !== undefined && !(Number.isInteger(bits) && bits >= 0 && bits <= maxBits))
    )
      throw new Error(`TRUST_PROXY: "${entry}" is not an IP address or CIDR (e.g. 127.0.0.1 or 10.0.0.0/8)`);
    const type = family === 6 ? "ipv6" : "ipv4";
    if (bits === undefined) list.addAddress(address, type);
    else list.addSubnet(address, bits, type);
  }
  return list;
}

/** `::ffff:10.0.0.1` (an IPv4 peer on a dual-stack socket) as `10.0.0.1`. */
const unmapped = (address: string) => address.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, "$1");

function isTrusted(list: BlockList, address: string): boolean {
  const family = isIP(address);
  return family !== 0 && list.check(address, family === 6 ? "ipv6" : "ipv4");
}

/** The client's address given the socket peer and the X-Forwarded-For header, trusting only `proxies`. */
export function clientAddressOf(
  proxies: BlockList,
  peer: string | undefined,
  forwardedFor?: string,
): string | undefined {
  if (!peer) return undefined;
  let address = unmapped(peer);
  const hops = (forwardedFor ?? "")
    .split(",")
    .map((hop) => unmapped(hop.trim()))
    .filter(Boolean);
  while (isTrusted(proxies, address)) {
    const next = hops.pop();
    if (!next || !isIP(next)) break;
    address = next;
  }
  return address;
}

/** The app's `clientAddress` dependency on Node: the socket peer (from `peerOf`), unwrapped through trusted proxies. */
export function clientAddressResolver(proxies: BlockList, peerOf: (c: Context) => string | undefined) {
  return (c: Context) => clientAddressOf(proxies, peerOf(c), c.req.header("x-forwarded-for"));
}

/**
 * Behind a TLS-terminating proxy the app sees `http://`; the session cookie's Secure flag and the same-origin
 * check read the scheme from the request URL. A request that a trusted proxy marks `X-Forwarded-Proto: https`
 * is therefore handed on with an https URL; from anyone else the header is ignored.
 */
export function withForwardedProto<Env>(
  proxies: BlockList,
  peerOf: (env: Env) => string | undefined,
  fetch: (request: Request, env: Env) => Response | Promise<Response>,
) {
  return (request: Request, env: Env) => {
    const proto = request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim();
    const peer = peerOf(env);
    if (proto !== "https" || !peer || !isTrusted(proxies, unmapped(peer)) || request.url.startsWith("https:"))
      return fetch(request, env);
    const url = new URL(request.url);
    url.protocol = "https:";
    const hasBody = request.method !== "GET" && request.method !== "HEAD";
    const init = { method: request.method, headers: request.headers, body: hasBody ? request.body : null };
    return fetch(new Request(url, { ...init, duplex: "half" } as RequestInit), env);
  };
}
