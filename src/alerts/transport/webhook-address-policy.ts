// Where a webhook may be sent. A subscriber names the URL, so without a check anyone with the token could make
// the daemon POST to its own host's services, the private network or a cloud metadata endpoint (server-side
// request forgery). Only public addresses are allowed unless the operator lists others in WEBHOOK_ALLOW_HOSTS.
import { lookup } from 'node:dns/promises';
import type { LookupAddress } from 'node:dns';
import ipaddr from 'ipaddr.js';

type Address = ipaddr.IPv4 | ipaddr.IPv6;

/** The addresses to connect to, or why the host is refused (one phrase, fit for a one-line error). */
export type AddressVerdict =
  | { ok: true; /** null: the operator allows the host by name, so whatever DNS answers is fine. */ addresses: LookupAddress[] | null }
  | { ok: false; reason: string; /** True when asking again later might work (DNS failure). */ transient: boolean };

/** Hosts and networks the operator allows besides public addresses: `WEBHOOK_ALLOW_HOSTS` parsed. */
export interface WebhookAllowance {
  /** Host names (lower case) allowed whatever they resolve to. */
  names: ReadonlySet<string>;
  /** Addresses and networks allowed even though not public. */
  networks: ReadonlyArray<[Address, number]>;
}

const HOST_NAME = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;

/**
 * `WEBHOOK_ALLOW_HOSTS`: a comma list of host names, addresses and CIDR networks (`localhost,10.1.0.0/16,::1`).
 * Throws an Error naming the first entry that is none of these.
 */
export function parseWebhookAllowance(raw: string | undefined): WebhookAllowance {
  const names = new Set<string>();
  const networks: Array<[Address, number]> = [];
  for (const entry of (raw ?? '').split(',').map((s) => s.trim().toLowerCase()).filter(Boolean)) {
    const bare = entry.replace(/^\[(.*)\]$/, '$1');
    if (ipaddr.isValidCIDR(bare)) networks.push(ipaddr.parseCIDR(bare));
    else if (ipaddr.isValid(bare)) {
      const address = ipaddr.parse(bare);
      networks.push([address, address.kind() === 'ipv4' ? 32 : 128]);
    } else if (HOST_NAME.test(entry)) names.add(entry);
    else throw new Error(`${JSON.stringify(entry)} is not a host name, an IP address or a CIDR network`);
  }
  return { names, networks };
}

/** The strictest policy: public addresses only. */
export const PUBLIC_ONLY: WebhookAllowance = { names: new Set(), networks: [] };

/**
 * Resolve a webhook URL's host and check every address it has (a name with one private address among
 * public ones is refused: which one a connection gets is not ours to choose). The addresses returned are
 * the ones to connect to, so a second DNS answer cannot swap in another (DNS rebinding).
 */
export async function checkWebhookHost(url: URL, allowance: WebhookAllowance): Promise<AddressVerdict> {
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (allowance.names.has(host)) return { ok: true, addresses: null };
  let addresses: LookupAddress[];
  if (ipaddr.isValid(host)) {
    const address = ipaddr.parse(host);
    addresses = [{ address: address.toString(), family: address.kind() === 'ipv4' ? 4 : 6 }];
  } else {
    try {
      addresses = await lookup(host, { all: true, verbatim: true });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
      // ENOTFOUND is an answer (no such name); anything else is the resolver failing, worth a retry.
      return { ok: false, reason: `${host} could not be resolved (${code})`, transient: code !== 'ENOTFOUND' };
    }
    if (addresses.length === 0) return { ok: false, reason: `${host} has no address`, transient: false };
  }
  for (const { address } of addresses) {
    const refused = refusal(ipaddr.parse(address), allowance);
    if (refused) {
      const via = address === host ? '' : ` (${host} resolves to ${address})`;
      return { ok: false, reason: `${refused}${via}`, transient: false };
    }
  }
  return { ok: true, addresses };
}

/** Why an address is refused, or null when it is public or the operator allows it. */
export function refusal(address: Address, allowance: WebhookAllowance = PUBLIC_ONLY): string | null {
  // ::ffff:10.0.0.1 reaches 10.0.0.1: judge the IPv4 address it carries.
  const judged = address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress() ? (address as ipaddr.IPv6).toIPv4Address() : address;
  for (const [network, bits] of allowance.networks) {
    if (network.kind() === judged.kind() && judged.match(network, bits)) return null;
    if (network.kind() === address.kind() && address.match(network, bits)) return null;
  }
  const range = judged.range();
  // ipaddr.js calls every ordinary global address "unicast"; every other range is special-purpose.
  if (range === 'unicast') return null;
  return `${judged.toString()} is not a public address (${RANGE_WORDS[range] ?? 'special-purpose'})`;
}

const RANGE_WORDS: Record<string, string> = {
  loopback: 'loopback',
  private: 'private',
  uniqueLocal: 'unique local',
  linkLocal: 'link-local, cloud metadata',
  unspecified: 'unspecified',
  carrierGradeNat: 'carrier-grade NAT',
  multicast: 'multicast',
  broadcast: 'broadcast',
  reserved: 'reserved',
};
