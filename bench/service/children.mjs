// Starting and talking to benchmark child processes (servers under test run in their own process so
// that the load generator's work is not counted as theirs).
import { Buffer } from 'node:buffer';
import { fork } from 'node:child_process';
import { request, Agent } from 'node:http';

export async function startChild(script, args = []) {
  const child = fork(script, args, { execArgv: ['--expose-gc'], stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  const info = await new Promise((resolve, reject) => {
    let buf = '';
    child.stdout.on('data', (d) => {
      buf += d.toString();
      const nl = buf.indexOf('\n');
      if (nl >= 0) resolve(JSON.parse(buf.slice(0, nl)));
    });
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
  return {
    ...info,
    child,
    memory: () =>
      new Promise((resolve) => {
        child.once('message', (m) => resolve(m));
        child.send('mem');
      }),
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }),
  };
}

export const postAgent = new Agent({ keepAlive: true, maxSockets: 8 });

export function post(port, token, body) {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path: '/v1/events', method: 'POST', agent: postAgent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: `Bearer ${token}` } },
      (res) => {
        res.resume();
        res.on('end', () => (res.statusCode === 202 ? resolve() : reject(new Error(`POST answered ${res.statusCode}`))));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
