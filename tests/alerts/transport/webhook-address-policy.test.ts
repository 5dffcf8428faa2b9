import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import ipaddr from 'ipaddr.js';
import { checkWebhookHost, parseWebhookAllowance, refusal } from '../../../src/alerts/transport/webhook-address-policy.js';
import { ConfigError, loadConfig } from '../../../src/config.js';

const NOT_PUBLIC: Array<[address: string, kind: string]> = [
  ['127.0.0.1', 'loopback'],
  ['127.255.0.9', 'loopback'],
  ['::1', 'loopback'],
  ['10.0.0.1', 'private'],
  ['172.16.5.4', 'private'],
  ['172.31.255.255', 'private'],
  ['192.168.1.1', 'private'],
  ['fc00::1', 'unique local'],
  ['fd12:3456::1', 'unique local'],
  ['169.254.169.254', 'link-local, cloud metadata'],
  ['fe80::1', 'link-local, cloud metadata'],
  ['0.0.0.0', 'unspecified'],
  ['::', 'unspecified'],
  ['100.64.0.1', 'carrier-grade NAT'],
  ['224.0.0.1', 'multicast'],
  ['ff02::1', 'multicast'],
  ['255.255.255.255', 'broadcast'],
  ['::ffff:10.0.0.1', 'private'],
  ['::ffff:127.0.0.1', 'loopback'],
  ['::ffff:169.254.169.254', 'link-local, cloud metadata'],
];

describe('webhook address rules', () => {
  for (const [address, kind] of NOT_PUBLIC) {
    it(`refuses ${address} (${kind})`, () => {
      assert.match(refusal(ipaddr.parse(address)) ?? '', new RegExp(`is not a public address \\(${kind}\\)$`));
    });
  }

  it('allows public addresses, and the IPv4-mapped form of one', () => {
    for (const address of ['93.184.215.14', '8.8.8.8', '172.32.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8']) {
      assert.equal(refusal(ipaddr.parse(address)), null, address);
    }
  });

  it('allows what the operator lists: an address, a network, in either family', () => {
    const allowance = parseWebhookAllowance(' 127.0.0.1 , 10.20.0.0/16, [::1], hooks.internal ');
    assert.equal(refusal(ipaddr.parse('127.0.0.1'), allowance), null);
    assert.equal(refusal(ipaddr.parse('::ffff:127.0.0.1'), allowance), null);
    assert.equal(refusal(ipaddr.parse('10.20.3.4'), allowance), null);
    assert.equal(refusal(ipaddr.parse('::1'), allowance), null);
    assert.match(refusal(ipaddr.parse('10.21.0.1'), allowance) ?? '', /private/);
    assert.match(refusal(ipaddr.parse('127.0.0.2'), allowance) ?? '', /loopback/);
    assert.deepEqual([...allowance.names], ['hooks.internal']);
  });

  it('refuses a name that resolves to loopback, and allows it when the operator names it', async () => {
    const url = new URL('http://localhost:9/hook');
    const refused = await checkWebhookHost(url, parseWebhookAllowance(undefined));
    assert.equal(refused.ok, false);
    assert.match(refused.ok ? '' : refused.reason, /^(127\.0\.0\.1|::1) is not a public address \(loopback\) \(localhost resolves to/);
    assert.deepEqual(await checkWebhookHost(url, parseWebhookAllowance('localhost')), { ok: true, addresses: null });
  });

  it('checks an address literal without DNS and hands it back to connect to', async () => {
    assert.deepEqual(await checkWebhookHost(new URL('https://93.184.215.14/x'), parseWebhookAllowance(undefined)), {
      ok: true,
      addresses: [{ address: '93.184.215.14', family: 4 }],
    });
  });

  it('refuses a WEBHOOK_ALLOW_HOSTS entry that is no host, address or network, at start-up', () => {
    assert.throws(() => loadConfig({ WEBHOOK_ALLOW_HOSTS: 'localhost,http://x/' }), (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.match(error.message, /^bad configuration: WEBHOOK_ALLOW_HOSTS "http:\/\/x\/" is not a host name/);
      return true;
    });
    assert.equal(loadConfig({ WEBHOOK_ALLOW_HOSTS: 'localhost,10.0.0.0/8' }).WEBHOOK_ALLOW_HOSTS, 'localhost,10.0.0.0/8');
  });
});
