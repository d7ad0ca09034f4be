import { describe, expect, it } from 'vitest';
import { redactUrl } from './logging';

describe('redactUrl', () => {
  it('replaces token query parameters wherever they are', () => {
    expect(redactUrl('/v1/stream?access_token=eyJ.abc.def&types=tools')).toBe('/v1/stream?access_token=[REDACTED]&types=tools');
    expect(redactUrl('/v1/stream?types=tools&access_token=eyJ')).toBe('/v1/stream?types=tools&access_token=[REDACTED]');
    expect(redactUrl('/v1/stream?ACCESS_TOKEN=x')).toBe('/v1/stream?ACCESS_TOKEN=[REDACTED]');
    expect(redactUrl('/healthz')).toBe('/healthz');
  });
});
