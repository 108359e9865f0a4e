import { describe, expect, it } from 'vitest';
import { corsHeaders, isPreflight, preflight } from '../../supabase/local/gateway/cors.ts';
import { cacheControl } from '../../supabase/local/gateway/static-files.ts';

describe('CORS profiles', () => {
  it('echoes requested headers on a REST preflight', () => {
    const p = preflight('rest', {
      'access-control-request-headers': 'apikey, prefer',
      'access-control-request-method': 'POST',
    });
    expect(p.status).toBe(200);
    expect(p.headers['access-control-allow-headers']).toBe('apikey, prefer');
    expect(p.headers['access-control-allow-origin']).toBe('*');
  });

  it('allows GoTrue headers with credentials for the requesting origin on auth', () => {
    const p = preflight('auth', { origin: 'https://app.example', 'access-control-request-method': 'post' });
    expect(p.status).toBe(204);
    expect(p.headers['access-control-allow-origin']).toBe('https://app.example');
    expect(p.headers['access-control-allow-credentials']).toBe('true');
    expect(p.headers['access-control-allow-methods']).toBe('POST');
    expect(corsHeaders('auth', {})['access-control-expose-headers']).toContain('X-Supabase-Api-Version');
  });

  it('treats only OPTIONS with Access-Control-Request-Method as a preflight', () => {
    expect(isPreflight('OPTIONS', { 'access-control-request-method': 'POST' })).toBe(true);
    expect(isPreflight('OPTIONS', {})).toBe(false);
    expect(isPreflight('POST', { 'access-control-request-method': 'POST' })).toBe(false);
  });
});

describe('cacheControl', () => {
  it('never caches the files that choose the app version; caches hashed assets forever', () => {
    for (const p of ['/sw.js', '/index.html', '/manifest.webmanifest'])
      expect(cacheControl(p)).toBe('no-cache');
    expect(cacheControl('/assets/index-abc123.js')).toContain('immutable');
    expect(cacheControl('/icons/192.png')).toBe('public, max-age=0, must-revalidate');
  });
});
