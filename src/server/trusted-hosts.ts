import { isIP } from 'node:net';
import { hostname, networkInterfaces } from 'node:os';

const WILDCARDS = new Set(['0.0.0.0', '::', '[::]']);

/**
 * The names this server answers to, and the origins it trusts: its own. A page on another
 * site that rebinds its name to 127.0.0.1 reaches the port, but its requests still carry
 * its own name in `Host`, and its scripts their own `Origin`; both are refused (as Jupyter
 * refuses a non-local Host). Accepted: the loopback names and addresses (`localhost`,
 * 127.x.x.x, `[::1]`), the `--host` given, and, when bound to every interface (`0.0.0.0`,
 * `::`), the machine's own addresses and host name; always with the port it listens on.
 */
export class TrustedHosts {
  private readonly bound: string;

  /** `port` gives the port listened on (known once listening; undefined before, when nothing is trusted). */
  constructor(
    host: string,
    private readonly port: () => number | undefined,
  ) {
    this.bound = normalName(host);
  }

  /** Whether a `Host` header names this server. */
  allowsHost(header: string | undefined): boolean {
    const parsed = header === undefined ? undefined : splitHost(header);
    return parsed !== undefined && parsed.port === this.port() && this.isOwnName(parsed.name);
  }

  /** Whether an `Origin` header, when there is one, is one of this server's own pages. */
  allowsOrigin(header: string | undefined): boolean {
    if (header === undefined) return true;
    let origin: URL;
    try {
      origin = new URL(header);
    } catch {
      // `null` (a sandboxed frame, a file) is no origin of ours either.
      return false;
    }
    return origin.protocol === 'http:' && origin.origin === header.toLowerCase() && this.allowsHost(origin.host || undefined);
  }

  private isOwnName(name: string): boolean {
    if (name === 'localhost' || name === '[::1]' || /^127(?:\.\d{1,3}){3}$/u.test(name) || name === this.bound) return true;
    if (!WILDCARDS.has(this.bound)) return false;
    // Bound to every interface: the addresses and name the machine has now.
    if (name === normalName(hostname())) return true;
    return Object.values(networkInterfaces()).some((addresses) => addresses?.some((address) => normalName(address.address) === name));
  }
}

/** A host name lower-cased, an IPv6 address in brackets (as it appears in `Host`). */
function normalName(host: string): string {
  const name = host.toLowerCase();
  return isIP(name) === 6 ? `[${name}]` : name;
}

/** `name:port`, `[v6]:port` or a bare name (port 80); undefined when it is neither. */
function splitHost(header: string): { name: string; port: number } | undefined {
  const match = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/u.exec(header.trim().toLowerCase());
  if (!match?.[1]) return undefined;
  return { name: match[1], port: match[2] === undefined ? 80 : Number(match[2]) };
}
