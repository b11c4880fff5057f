/**
 * Which network addresses a fetched source may reach: public unicast ones only, unless private
 * addresses are allowed (tests, intranets). Checked on the resolved address, so a public name that
 * resolves to 127.0.0.1 or 169.254.169.254 is refused as well as the literal address.
 */
import ipaddr from 'ipaddr.js';

/** True for an address a public web server can have (ipaddr.js range `unicast`, IPv4-mapped IPv6 unwrapped). */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  }
  return parsed.range() === 'unicast';
}

/** The literal IP address a URL host names (brackets of IPv6 removed), or undefined for a name. */
export function literalAddress(hostname: string): string | undefined {
  const bare = hostname.replace(/^\[(.*)\]$/, '$1');
  return ipaddr.isValid(bare) ? bare : undefined;
}
