// The text of an `unreachable` finding: what could not be reached (service, variable, host:port),
// why (the cause, named in plain words) and what to do. Never the URL's password.
import type { Cause, Failure } from './types';

const REMEDY: Record<Cause, string> = {
  refused: 'Check that the service runs and listens on this host and port.',
  reset: 'Check that this port serves the expected protocol (and TLS or not, as the URL says), and the service logs.',
  dns: 'Check the host name.',
  timeout: 'Check the host and port, and that the network (firewall, VPN, security group) lets this machine through.',
  tls: 'Check the certificate (trusted CA, host name, expiry) and that the server speaks TLS on this port.',
  authentication: 'Check the user name and password in the URL.',
  status: 'The server answers but is failing: check its logs and health.',
  other: 'Check the URL and the state of the service.',
};

function why(f: Failure, host: string, timeoutMs: number): string {
  const detail = f.detail ? ` (${f.detail})` : '';
  switch (f.cause) {
    case 'refused':
      return 'connection refused';
    case 'dns':
      return `DNS lookup of ${host} failed${detail}`;
    case 'timeout':
      return `timeout: no answer within ${timeoutMs} ms`;
    case 'tls':
      return `TLS handshake failed${detail}`;
    case 'reset':
      return `the connection was closed by the server${detail}`;
    case 'authentication':
      return `authentication failed${detail}`;
    case 'status':
      return f.detail ?? 'unexpected HTTP status';
    case 'other':
      return f.detail ?? 'the connection failed without a reason the driver could name';
  }
}

export function unreachableMessage(service: string, key: string, target: string, host: string, f: Failure, timeoutMs: number): string {
  return `${service} at ${target} (${key}) is unreachable: ${why(f, host, timeoutMs)}. ${REMEDY[f.cause]}`;
}
