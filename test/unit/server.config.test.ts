// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_BASE_URL, describeConfig, loadConfig, nextClientId } from '../../server/config.ts';
import { SANDBOX_API_KEY } from '../../server/sandbox.ts';

describe('loadConfig', () => {
  it('runs the embedded sandbox without an API key', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ mode: 'sandbox', apiKey: SANDBOX_API_KEY, tokenDefaults: {}, clientId: { kind: 'random' }, port: undefined });
    expect(loadConfig({ MARKID_API_KEY: '', MARKID_API_SECRET: ' ' }).mode).toBe('sandbox');
    expect(describeConfig(config)).toMatch(/sandbox/);
  });

  it('talks to the vendor with a key and secret, at the default URL unless told otherwise', () => {
    const config = loadConfig({ MARKID_API_KEY: 'k', MARKID_API_SECRET: 'very-secret', PORT: '8080' });
    expect(config).toMatchObject({ mode: 'vendor', baseUrl: DEFAULT_BASE_URL, apiKey: 'k', apiSecret: 'very-secret', port: 8080 });
    expect(describeConfig(config)).toContain(DEFAULT_BASE_URL);
    expect(describeConfig(config)).not.toContain('very-secret');
    const custom = loadConfig({ MARKID_API_KEY: 'k', MARKID_API_SECRET: 's', MARKID_BASE_URL: 'https://staging.example/' });
    expect(custom.baseUrl).toBe('https://staging.example');
    expect(loadConfig({ MARKID_API_KEY: 'k', MARKID_API_SECRET: 's', MARKID_BASE_URL: 'http://localhost:9999' }).baseUrl).toBe('http://localhost:9999');
  });

  it('parses MARKID_TOKEN_DEFAULTS and MARKID_CLIENT_ID', () => {
    const config = loadConfig({ MARKID_TOKEN_DEFAULTS: '{"utilityBill":true,"documents":["PASSPORT"]}', MARKID_CLIENT_ID: 'shop-1' });
    expect(config.tokenDefaults).toEqual({ utilityBill: true, documents: ['PASSPORT'] });
    expect(config.clientId).toEqual({ kind: 'fixed', value: 'shop-1' });
    expect(nextClientId(config.clientId)).toBe('shop-1');
    expect(nextClientId({ kind: 'random' })).not.toBe(nextClientId({ kind: 'random' }));
  });

  it.each([
    [{ MARKID_TOKEN_DEFAULTS: '{utilityBill:true}' }, /MARKID_TOKEN_DEFAULTS is not valid JSON/],
    [{ MARKID_TOKEN_DEFAULTS: '[1]' }, /must be a JSON object/],
    [{ MARKID_TOKEN_DEFAULTS: '{"utilityBill":true,"additionalSteps":{}}' }, /both 'utilityBill' and 'additionalSteps'/],
    [{ MARKID_TOKEN_DEFAULTS: '{"additionalSteps":{"ALL":{"VISA":{}}}}' }, /unknown document key 'VISA'/],
    [{ MARKID_TOKEN_DEFAULTS: '{"clientId":"x"}' }, /MARKID_CLIENT_ID/],
    [{ MARKID_API_KEY: 'k' }, /MARKID_API_SECRET is not/],
    [{ MARKID_API_SECRET: 's' }, /MARKID_API_KEY is not/],
    [{ MARKID_BASE_URL: 'https://ivs.markid.eu' }, /MARKID_BASE_URL is set but MARKID_API_KEY is not/],
    [{ MARKID_API_KEY: 'k', MARKID_API_SECRET: 's', MARKID_BASE_URL: 'http://ivs.example' }, /must use https/],
    [{ PORT: 'eighty' }, /PORT/],
  ])('refuses %j with a clear error', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});
