import { describe, expect, it } from 'vitest';
import { provideFeatures, runFeature } from './features';

describe('features', () => {
  it('runs what activation provided, and explains when nothing was', async () => {
    const warned: string[] = [];
    const host = { warn: (m: string) => void warned.push(m) };
    await runFeature('openAnalytics')(host);
    expect(warned[0]).toMatch(/not ready/);
    let opened = 0;
    const d = provideFeatures({ openAnalytics: () => Promise.resolve(void opened++) });
    await runFeature('openAnalytics')(host);
    expect(opened).toBe(1);
    d.dispose();
    await runFeature('openAnalytics')(host);
    expect(opened).toBe(1);
    expect(warned).toHaveLength(2);
  });
});
