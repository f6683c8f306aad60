import { describe, expect, it } from 'vitest';
import { canonicalAddress, nonPublicReason } from '../../src/crawl/fetch/addresses.js';
import { NetworkGuard, PRIVATE_NETWORKS } from '../../src/crawl/fetch/guard.js';
import { sourceConfigSchema } from '../../src/crawl/sources/config.js';
import { crawlFetcherOptions } from '../../src/cli/commands/crawl.js';
import { Fetcher } from '../../src/crawl/fetch/fetcher.js';

describe('nonPublicReason', () => {
  it.each([
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['127.0.0.1', 'loopback'],
    ['169.254.169.254', 'link-local'],
    ['100.64.0.1', 'CGNAT'],
    ['0.0.0.0', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'reserved'],
    ['::1', 'loopback'],
    ['[::1]', 'loopback'],
    ['::', 'unspecified'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['fc00::1', 'unique-local'],
    ['fd12:3456::1', 'unique-local'],
    ['ff02::1', 'multicast'],
    ['::ffff:127.0.0.1', 'loopback (IPv4 127.0.0.1 inside IPv6)'],
    ['[::ffff:7f00:1]', 'loopback (IPv4 127.0.0.1 inside IPv6)'],
    ['::ffff:10.0.0.1', 'private (IPv4 10.0.0.1 inside IPv6)'],
    ['64:ff9b::a9fe:a9fe', 'link-local (IPv4 169.254.169.254 inside IPv6)'],
  ])('%s is %s', (address, reason) => {
    expect(nonPublicReason(address)).toBe(reason);
  });

  // The rarer IPv6 forms: translators and tunnels that embed (or route to) an IPv4 address, and the
  // blocks outside global unicast (2000::/3) or reserved inside it.
  it.each([
    ['64:ff9b:1::a00:1', 'local-use NAT64'],
    ['64:ff9b:1:ffff::808:808', 'local-use NAT64'],
    ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'Teredo'],
    ['2001::1', 'Teredo'],
    ['2001:2::1', 'IETF protocol assignments'],
    ['2001:10::1', 'IETF protocol assignments'],
    ['2001:1ff::1', 'IETF protocol assignments'],
    ['2002:7f00:1::1', 'loopback (IPv4 127.0.0.1 inside IPv6)'],
    ['2002:c0a8:101::1', 'private (IPv4 192.168.1.1 inside IPv6)'],
    ['2002:a9fe:a9fe::1', 'link-local (IPv4 169.254.169.254 inside IPv6)'],
    ['2002::', 'unspecified (IPv4 0.0.0.0 inside IPv6)'],
    ['fec0::1', 'site-local'],
    ['feff::1', 'site-local'],
    ['100::1', 'discard-only'],
    ['100::ffff:ffff:ffff:ffff', 'discard-only'],
    ['0:0:0:0:0:0:0:0', 'unspecified'],
    ['::0.0.0.1', 'loopback'],
    ['::ffff:0:7f00:1', 'loopback (IPv4 127.0.0.1 inside IPv6)'],
    ['::ffff:0:10.0.0.1', 'private (IPv4 10.0.0.1 inside IPv6)'],
    ['::ffff:0.0.0.0', 'unspecified (IPv4 0.0.0.0 inside IPv6)'],
    ['::ffff:ffff:ffff', 'reserved (IPv4 255.255.255.255 inside IPv6)'],
    ['2001:db8::1', 'documentation'],
    ['2001:db8:ffff::1', 'documentation'],
    ['3fff::1', 'documentation'],
    ['5f00::1', 'not global unicast'],
    ['4000::1', 'not global unicast'],
    ['::2:3:4', 'not global unicast'],
    ['1::1', 'not global unicast'],
    ['192.88.99.1', '6to4 relay anycast'],
  ])('%s is %s', (address, reason) => {
    expect(nonPublicReason(address)).toBe(reason);
  });

  it.each([
    '175.45.176.1',
    '8.8.8.8',
    '172.32.0.1',
    '2001:4860:4860::8888',
    '::ffff:8.8.8.8',
    '2a00:1450:4001::1',
    '2001:200::1',
    '2002:808:808::1',
    '64:ff9b::808:808',
    '::ffff:0:808:808',
    '2001:db9::1',
  ])('%s is public', (address) => {
    expect(nonPublicReason(address)).toBeNull();
  });

  it('canonicalises IPv4-mapped IPv6 to IPv4', () => {
    expect(canonicalAddress('[::ffff:7f00:1]')).toBe('127.0.0.1');
  });
});

describe('NetworkGuard.check', () => {
  const hosts: Record<string, string[]> = {
    'kcna.test': ['175.45.176.1'],
    'sneaky.test': ['175.45.176.1', '10.0.0.7'],
  };
  const guard = new NetworkGuard({ resolve: async (h) => hosts[h] ?? [] });

  it('refuses non-http(s) schemes', async () => {
    expect(await guard.check(new URL('file:///etc/passwd'))).toEqual({
      ok: false,
      reason: 'scheme file: is not http(s)',
    });
    expect((await guard.check(new URL('ftp://kcna.test/'))).ok).toBe(false);
  });
  it('refuses a name if any of its addresses is private', async () => {
    expect(await guard.check(new URL('http://sneaky.test/'))).toEqual({
      ok: false,
      reason: 'sneaky.test resolves to 10.0.0.7 is private',
    });
  });
  it('pins the checked address', async () => {
    expect(await guard.check(new URL('http://kcna.test/'))).toEqual({
      ok: true,
      address: '175.45.176.1',
    });
    expect(guard.pinned('kcna.test')).toBe('175.45.176.1');
  });
  it('the allow list overrides the ranges, IPv4-mapped form included', async () => {
    const allowing = new NetworkGuard({ allow: ['127.0.0.1', '10.9.0.0/16'] });
    expect((await allowing.check(new URL('http://127.0.0.1:8080/'))).ok).toBe(true);
    expect((await allowing.check(new URL('http://[::ffff:127.0.0.1]/'))).ok).toBe(true);
    expect((await allowing.check(new URL('http://10.9.3.4/'))).ok).toBe(true);
    expect((await allowing.check(new URL('http://10.8.3.4/'))).ok).toBe(false);
  });
});

describe('allowPrivate: the private ranges and loopback, nothing else non-public', () => {
  const opened = [
    '10.1.2.3',
    '172.16.5.5',
    '172.31.255.254',
    '192.168.1.1',
    '127.0.0.1',
    '127.0.0.2',
    '::1',
    '[::ffff:192.168.0.9]',
    'fd12:3456::1',
    'fc00::1',
  ];
  const closed = [
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    'fe80::1',
    '::',
    '2001:db8::1',
    '64:ff9b::a9fe:a9fe',
  ];

  it('the guard takes IPv4 and IPv6 blocks', () => {
    const guard = new NetworkGuard({ allow: PRIVATE_NETWORKS });
    for (const address of opened) expect(guard.refusal(address), address).toBeNull();
    for (const address of closed) expect(guard.refusal(address), address).not.toBeNull();
    expect(guard.refusal('8.8.8.8')).toBeNull();
    const narrow = new NetworkGuard({ allow: ['fd00:1::/32'] });
    expect(narrow.refusal('fd00:1:ffff::1')).toBeNull();
    expect(narrow.refusal('fd00:2::1')).toBe('fd00:2::1 is unique-local');
  });

  it('is what a source with allowPrivate fetches with, and a source without it gets none of it', async () => {
    const source = (allowPrivate: boolean) =>
      sourceConfigSchema.parse({
        id: 'lan',
        profile: 'generic',
        baseUrl: 'http://192.168.1.5/',
        lists: ['/'],
        allowPrivate,
      });
    const open = new Fetcher(crawlFetcherOptions(source(true)));
    for (const address of opened) expect(open.guard.refusal(address), address).toBeNull();
    for (const address of closed) expect(open.guard.refusal(address), address).not.toBeNull();
    const shut = new Fetcher(crawlFetcherOptions(source(false)));
    for (const address of opened) expect(shut.guard.refusal(address), address).not.toBeNull();
    await Promise.all([open.close(), shut.close()]);
  });
});

describe('IPv6 translators and tunnels, as a link or redirect names them', () => {
  // Each carries (or may carry) loopback, private or link-local IPv4; allowPrivate opens none of them.
  it.each([
    ['http://[64:ff9b::127.0.0.1]/', 'loopback (IPv4 127.0.0.1 inside IPv6)'],
    ['http://[64:ff9b::a9fe:a9fe]/', 'link-local (IPv4 169.254.169.254 inside IPv6)'],
    ['http://[64:ff9b:1::7f00:1]/', 'local-use NAT64'],
    ['http://[64:ff9b:1:abcd::808:808]/', 'local-use NAT64'],
    ['http://[2002:7f00:1::]/', 'loopback (IPv4 127.0.0.1 inside IPv6)'],
    ['http://[2002:c0a8:101::1]:8080/', 'private (IPv4 192.168.1.1 inside IPv6)'],
    ['http://[2001:0:53aa:64c::80ff:fffe]/', 'Teredo'],
    ['http://[::127.0.0.1]/', 'loopback (IPv4 127.0.0.1 inside IPv6)'],
    ['http://[::10.0.0.1]/', 'private (IPv4 10.0.0.1 inside IPv6)'],
    ['http://[::ffff:0:169.254.169.254]/', 'link-local (IPv4 169.254.169.254 inside IPv6)'],
    ['http://[0:0:0:0:0:ffff:a9fe:a9fe]/', 'link-local'],
  ])('%s is refused: %s', async (url, reason) => {
    const host = new URL(url).hostname.slice(1, -1);
    const resolve = async () => [];
    for (const guard of [
      new NetworkGuard({ resolve }),
      new NetworkGuard({ allow: PRIVATE_NETWORKS, resolve }),
    ])
      expect(await guard.check(new URL(url))).toEqual({
        ok: false,
        reason: `${host} is ${reason}`,
      });
  });

  it.each(['http://[64:ff9b::808:808]/', 'http://[2002:808:808::1]/'])(
    '%s, public IPv4 behind a translator, passes',
    async (url) => {
      expect((await new NetworkGuard().check(new URL(url))).ok).toBe(true);
    },
  );
});
