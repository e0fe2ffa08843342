import { describe, expect, it } from 'vitest';
import { addressMatcher, isAddressOrSubnet, plainAddress } from './addresses';

describe('address lists', () => {
  it('validates entries', () => {
    expect(['10.0.0.5', '192.168.1.0/24', 'fd00::/8', '::1'].every(isAddressOrSubnet)).toBe(true);
    expect(['10.0.0.300', '10.0.0.0/33', 'bureau', '10.0.0.0/x', ''].some(isAddressOrSubnet)).toBe(false);
  });

  it('matches addresses and subnets, IPv4-in-IPv6 included', () => {
    const matches = addressMatcher(['192.168.1.0/24', '10.0.0.5', 'fd00::/8']);
    expect(matches('192.168.1.42')).toBe(true);
    expect(matches('::ffff:192.168.1.42')).toBe(true);
    expect(matches('192.168.2.1')).toBe(false);
    expect(matches('10.0.0.5')).toBe(true);
    expect(matches('10.0.0.6')).toBe(false);
    expect(matches('fd12::1')).toBe(true);
    expect(matches(null)).toBe(false);
    expect(addressMatcher([])('127.0.0.1')).toBe(false);
    expect(plainAddress('::ffff:127.0.0.1')).toBe('127.0.0.1');
  });
});
