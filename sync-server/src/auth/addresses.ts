import { BlockList, isIP } from 'node:net';

/** A socket's address without the IPv4-in-IPv6 prefix (`::ffff:10.0.0.5` → `10.0.0.5`). */
export function plainAddress(ip: string): string {
  return ip.startsWith('::ffff:') && isIP(ip.slice(7)) === 4 ? ip.slice(7) : ip;
}

/** Is this an address (`10.0.0.5`) or a subnet (`10.0.0.0/24`, `fd00::/8`)? */
export function isAddressOrSubnet(entry: string): boolean {
  const [address, prefix] = entry.split('/');
  const family = isIP(address ?? '');
  if (family === 0) {
    return false;
  }
  if (prefix === undefined) {
    return true;
  }
  const bits = Number(prefix);
  return /^\d+$/.test(prefix) && bits >= 0 && bits <= (family === 4 ? 32 : 128);
}

/** Matches peer addresses against a list of addresses and subnets. */
export function addressMatcher(entries: readonly string[]): (ip: string | null) => boolean {
  const list = new BlockList();
  for (const entry of entries) {
    const [address = '', prefix] = entry.split('/');
    const type = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (prefix === undefined) {
      list.addAddress(address, type);
    } else {
      list.addSubnet(address, Number(prefix), type);
    }
  }
  return (ip) => {
    if (ip === null || entries.length === 0) {
      return false;
    }
    const plain = plainAddress(ip);
    const family = isIP(plain);
    return family !== 0 && list.check(plain, family === 6 ? 'ipv6' : 'ipv4');
  };
}
