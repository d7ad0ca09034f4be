// Reads one sample from a service's /metrics (Prometheus text format).
import { send } from './http';

export async function metric(base: string, name: string, labels = ''): Promise<number> {
  const text = (await send('GET', `${base}/metrics`)).text;
  const want = labels ? `${name}{${labels}}` : name;
  for (const line of text.split('\n')) {
    if (line.startsWith(`${want} `)) return Number(line.slice(want.length + 1));
  }
  return 0;
}
