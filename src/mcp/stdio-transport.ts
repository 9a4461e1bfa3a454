/**
 * MCP over stdio, answering malformed input: the SDK's stdio transport drops a line that is not JSON-RPC without
 * a word; this one replies with a JSON-RPC error (-32700 parse error, -32600 invalid request) and keeps serving.
 */
import process from 'node:process';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { JSONRPCMessageSchema, type JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';

/** Largest line kept while waiting for its newline (the SDK's default). */
const MAX_BUFFER = 10 * 1024 * 1024;

export class StdioJsonRpcTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;
  private buffer = '';
  private started = false;
  private ready: Promise<void> | null = null;
  private queue: Promise<void> = Promise.resolve();
  /** Requests delivered and not yet answered, so the end of stdin does not cut answers off. */
  private readonly pending = new Set<string | number>();
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly stdin: NodeJS.ReadableStream = process.stdin,
    private readonly stdout: NodeJS.WritableStream = process.stdout,
  ) {}

  private readonly onData = (chunk: Buffer | string) => {
    this.buffer += chunk.toString();
    if (this.buffer.length > MAX_BUFFER) {
      this.buffer = '';
      this.reply(null, -32600, `Invalid Request: a message longer than ${MAX_BUFFER} bytes without a newline was dropped`);
      return;
    }
    let index: number;
    while ((index = this.buffer.indexOf('\n')) !== -1) {
      const line = this.buffer.slice(0, index).replace(/\r$/, '');
      this.buffer = this.buffer.slice(index + 1);
      if (line.trim() !== '') this.handleLine(line);
    }
  };

  private readonly onError = (error: Error) => this.onerror?.(error);

  private handleLine(line: string): void {
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      this.reply(null, -32700, `Parse error: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    const parsed = JSONRPCMessageSchema.safeParse(value);
    if (!parsed.success) {
      const id = value !== null && typeof value === 'object' && 'id' in value && (typeof value.id === 'string' || typeof value.id === 'number') ? value.id : null;
      this.reply(id, -32600, 'Invalid Request: not a JSON-RPC 2.0 request, notification or response');
      return;
    }
    this.deliver(parsed.data);
  }

  /**
   * Hold every message but the handshake (initialize, initialized, ping) until `ready` settles, in order: the
   * server answers initialize at once while its tool modules still load, and no request sees a partial tool list.
   */
  holdUntil(ready: Promise<void>): void {
    this.ready = ready.catch((error: unknown) => this.onerror?.(error instanceof Error ? error : new Error(String(error))));
  }

  /** Resolves once every request received so far has been answered. */
  async whenIdle(): Promise<void> {
    await this.queue;
    if (this.pending.size === 0) return;
    await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }

  private deliver(message: JSONRPCMessage): void {
    const method = 'method' in message ? message.method : '';
    if (method && 'id' in message && message.id !== undefined) this.pending.add(message.id);
    const handshake = method === 'initialize' || method === 'notifications/initialized' || method === 'ping';
    if (!this.ready || handshake) {
      this.onmessage?.(message);
      return;
    }
    const ready = this.ready;
    this.queue = this.queue.then(() => ready).then(() => this.onmessage?.(message));
  }

  private reply(id: string | number | null, code: number, message: string): void {
    this.stdout.write(`${JSON.stringify({ jsonrpc: '2.0', id, error: { code, message } })}\n`);
  }

  async start(): Promise<void> {
    if (this.started) throw new Error('StdioJsonRpcTransport already started');
    this.started = true;
    this.stdin.on('data', this.onData);
    this.stdin.on('error', this.onError);
  }

  async send(message: JSONRPCMessage): Promise<void> {
    const json = `${JSON.stringify(message)}\n`;
    if (!this.stdout.write(json)) await new Promise<void>((resolve) => this.stdout.once('drain', () => resolve()));
    if (!('method' in message) && 'id' in message && message.id !== undefined && this.pending.delete(message.id) && this.pending.size === 0) {
      for (const wake of this.idleWaiters.splice(0)) wake();
    }
  }

  async close(): Promise<void> {
    this.stdin.off('data', this.onData);
    this.stdin.off('error', this.onError);
    if (this.stdin.listenerCount('data') === 0) this.stdin.pause();
    this.buffer = '';
    this.onclose?.();
  }
}
