// Who a token failure is counted against. An IPv6 client usually holds a whole /64, so counting single
// addresses would let it rotate through them for endless guesses: IPv6 is counted by its /64.
import ipaddr from 'ipaddr.js';

export function clientKey(ip: string): string {
  if (!ipaddr.isValid(ip)) return ip;
  const address = ipaddr.parse(ip);
  if (address.kind() === 'ipv4') return address.toString();
  const v6 = address as ipaddr.IPv6;
  if (v6.isIPv4MappedAddress()) return v6.toIPv4Address().toString();
  return `${v6.parts.slice(0, 4).map((p) => p.toString(16)).join(':')}::/64`;
}
