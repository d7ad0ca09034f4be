import { describe, expect, it } from 'vitest';
import { redactUrl } from './logging';

describe('redactUrl', () => {
  it('replaces token query parameters wherever they are', () => {
    expect(redactUrl('/v1/stream?access_token=eyJ.abc.def&types=tools')).toBe('/v1/stream?access_token=[REDACTED]&types=tools');
    expect(redactUrl('/v1/stream?types=tools&access_token=eyJ')).toBe('/v1/stream?types=tools&access_token=[REDACTED]');
    expect(redactUrl('/v1/stream?ACCESS_TOKEN=x')).toBe('/v1/stream?ACCESS_TOKEN=[REDACTED]');
    expect(redactUrl('/healthz')).toBe('/healthz');
  });
  it('compares keys decoded, as the query parser reads them', () => {
    expect(redactUrl('/v1/stream?access%5Ftoken=eyJ.a.b')).toBe('/v1/stream?access%5Ftoken=[REDACTED]');
    expect(redactUrl('/v1/stream?%61ccess_token=eyJ.a.b&x=1')).toBe('/v1/stream?%61ccess_token=[REDACTED]&x=1');
    expect(redactUrl('/v1/stream?bad%ZZ=1&token=eyJ')).toBe('/v1/stream?bad%ZZ=1&token=[REDACTED]');
  });
});
