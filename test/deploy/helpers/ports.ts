/** Free loopback ports for test environments. */
import { freePort } from '../../../tools/deploy/local/free-port.js';

/** `n` distinct free ports on 127.0.0.1. */
export async function freePorts(n: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < n) ports.add(await freePort());
  return [...ports];
}
