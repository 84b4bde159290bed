import { readGatewayConfig } from './gateway-config';

describe('readGatewayConfig', () => {
  it('derives the WebSocket address from the gateway URL', () => {
    expect(readGatewayConfig({ EDGEPRESS_GATEWAY_URL: 'http://127.0.0.1:4000/' })).toEqual({ ok: true, address: { httpUrl: 'http://127.0.0.1:4000', wsUrl: 'ws://127.0.0.1:4000/graphql' } });
    expect(readGatewayConfig({ EDGEPRESS_GATEWAY_URL: 'https://gw.example/api' })).toEqual({ ok: true, address: { httpUrl: 'https://gw.example/api', wsUrl: 'wss://gw.example/api/graphql' } });
  });

  it('takes an explicit public WebSocket address', () => {
    const result = readGatewayConfig({ EDGEPRESS_GATEWAY_URL: 'http://10.0.0.5:4000', EDGEPRESS_GATEWAY_WS_URL: 'wss://edge.example/graphql' });
    expect(result).toEqual({ ok: true, address: { httpUrl: 'http://10.0.0.5:4000', wsUrl: 'wss://edge.example/graphql' } });
  });

  it('explains what is wrong with a missing or bad setting', () => {
    expect(readGatewayConfig({})).toMatchObject({ ok: false, problem: expect.stringContaining('EDGEPRESS_GATEWAY_URL is not set') });
    for (const bad of ['ftp://x', 'http://user:pw@x:1', 'http://x:1/?a=1', 'not a url']) {
      expect(readGatewayConfig({ EDGEPRESS_GATEWAY_URL: bad })).toMatchObject({ ok: false, problem: expect.stringContaining('must be an http(s):// URL') });
    }
    expect(readGatewayConfig({ EDGEPRESS_GATEWAY_URL: 'http://x:1', EDGEPRESS_GATEWAY_WS_URL: 'http://x:1/graphql' })).toMatchObject({ ok: false, problem: expect.stringContaining('EDGEPRESS_GATEWAY_WS_URL') });
  });
});
