import type { IncomingMessage } from "node:http";
import net from "node:net";

/**
 * Which requests the API answers at all, before any work: a guard against DNS rebinding and
 * cross-site writes.
 *
 * DNS rebinding: a page a reporter visits at attacker.example re-resolves its own name to 127.0.0.1
 * and reads the local desk "same-origin". Its requests then carry `Host: attacker.example`. So the API
 * answers only Hosts it serves: loopback names (localhost, *.localhost), IP-address literals (a
 * rebinding needs a domain name, so an address literal can only be typed by whoever reaches the port,
 * and probes in containers use them), and the names a deployment publishes the API on
 * (CLAIMGRAPH_HOSTS). Anything else is 421 Misdirected Request.
 *
 * Cross-site writes: a form or `fetch` from another site can POST without a preflight (text/plain,
 * form encodings). Requests that can change state (any method but GET, HEAD, OPTIONS) must come from
 * this origin: an `Origin` header naming the Host itself, or no `Origin` at all from a client that is
 * not a browser on another site (`Sec-Fetch-Site`, which browsers send, is then same-origin or none).
 * Requests authenticated by the desk's session cookie need a same-origin `Origin` (see access.ts).
 */

export interface HostPolicy {
  /** Host names (lowercase, without port) served beyond loopback and address literals. */
  names: ReadonlySet<string>;
}

export function hostPolicy(names: readonly string[] = []): HostPolicy {
  return { names: new Set(names.map((name) => name.trim().toLowerCase()).filter(Boolean)) };
}

/** The host name of a Host header ("[::1]:4000" → "::1", "Example.org:80" → "example.org"); undefined when malformed. */
export function hostName(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const value = header.trim().toLowerCase();
  const bracketed = /^\[([0-9a-f:.]+)\](?::\d{1,5})?$/.exec(value);
  if (bracketed) return net.isIPv6(bracketed[1]) ? bracketed[1] : undefined;
  const plain = /^([a-z0-9.-]{1,253})(?::\d{1,5})?$/.exec(value);
  if (!plain) return undefined;
  return plain[1].replace(/\.$/, "");
}

export function isServedHost(policy: HostPolicy, header: string | undefined): boolean {
  const name = hostName(header);
  if (name === undefined) return false;
  if (name === "localhost" || name.endsWith(".localhost")) return true;
  if (net.isIP(name)) return true;
  return policy.names.has(name);
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export const changesState = (req: IncomingMessage) => !SAFE_METHODS.has((req.method ?? "GET").toUpperCase());

export type OriginVerdict = { ok: true; sameOrigin: boolean } | { ok: false; message: string };

/**
 * May this state-changing request proceed? `sameOrigin` says whether a browser proved it comes from
 * the desk's own pages (an `Origin` naming this Host): the cookie session requires that.
 */
export function checkOrigin(req: IncomingMessage): OriginVerdict {
  const origin = req.headers.origin;
  const host = req.headers.host?.trim().toLowerCase();
  const site = req.headers["sec-fetch-site"];
  // Under `Referrer-Policy: no-referrer` (our pages' own) a browser sends `Origin: null` for its
  // same-origin form posts and fetches; `Sec-Fetch-Site`, which no page can set, then says where
  // the request comes from.
  if (origin === "null" && site === "same-origin") return { ok: true, sameOrigin: true };
  if (origin !== undefined) {
    let originHost: string | undefined;
    try {
      const url = new URL(origin);
      originHost = url.protocol === "http:" || url.protocol === "https:" ? url.host.toLowerCase() : undefined;
    } catch {
      originHost = undefined;
    }
    if (originHost !== undefined && originHost === host) return { ok: true, sameOrigin: true };
    return { ok: false, message: `A request that can change data must come from this site; its Origin (${String(origin).slice(0, 100)}) is not ${host ?? "this host"}.` };
  }
  if (site !== undefined && site !== "same-origin" && site !== "none") {
    return { ok: false, message: `A request that can change data must come from this site (Sec-Fetch-Site: ${String(site).slice(0, 40)}).` };
  }
  return { ok: true, sameOrigin: site === "same-origin" };
}

/**
 * The media type of a Content-Type header, strictly: the type/subtype before any parameter,
 * lowercased ("application/json; charset=utf-8" → "application/json"). `text/plain; x=application/json`
 * is text/plain: never a substring match.
 */
export function mediaType(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const type = header.split(";", 1)[0].trim().toLowerCase();
  return /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/.test(type) ? type : undefined;
}
