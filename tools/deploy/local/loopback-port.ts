/** The port of an environment's base URL, which the local driver's proxy takes; only loopback hosts are allowed. */
import { ConfigError } from '../../../src/errors.js';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Port of `baseUrl`; ConfigError naming `field` when the URL is not http on a loopback host. */
export function loopbackPort(baseUrl: string, field: string): number {
  const url = new URL(baseUrl);
  if (url.protocol !== 'http:' || !LOOPBACK.has(url.hostname)) {
    throw new ConfigError(`${field} must be an http:// URL on 127.0.0.1 for the local driver, got ${baseUrl}`, { field });
  }
  const port = Number(url.port || 80);
  return port;
}
