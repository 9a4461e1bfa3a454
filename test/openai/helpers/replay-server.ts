/**
 * A local server (127.0.0.1, random port) speaking the OpenAI chat-completions wire format: tool calls, streamed
 * SSE chunks when the request asks for them, usage, and scripted 429/500/garbage answers. It replays a scripted
 * conversation and records every request body, so tests run the real `openai` client and assert on what it sent.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReplayToolCall {
  name: string;
  arguments: Record<string, unknown> | string;
}
export interface ReplayReply {
  content?: string | null;
  toolCalls?: ReplayToolCall[];
  usage?: { prompt: number; completion: number } | null;
}
export type ReplayStep =
  | { reply: ReplayReply | ((body: ChatBody) => ReplayReply) }
  | { status: number; headers?: Record<string, string>; error?: string }
  | { raw: string; contentType?: string };

export interface ChatBody {
  model: string;
  stream?: boolean;
  messages: { role: string; content?: string | null; tool_calls?: { id: string; function: { name: string; arguments: string } }[]; tool_call_id?: string }[];
  tools?: { type: string; function: { name: string; description?: string; parameters: Record<string, unknown>; strict?: boolean } }[];
  [key: string]: unknown;
}

export interface RecordedRequest {
  path: string;
  headers: IncomingMessage['headers'];
  body: ChatBody;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function halves(text: string): string[] {
  const cut = Math.ceil(text.length / 2);
  return text.length < 2 ? [text] : [text.slice(0, cut), text.slice(cut)];
}

export class ReplayServer {
  readonly requests: RecordedRequest[] = [];
  readonly unexpected: string[] = [];
  private server: Server | null = null;
  private callNo = 0;
  baseUrl = '';

  constructor(private readonly steps: ReplayStep[]) {}

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      void this.handle(req, res).catch((error: unknown) => {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: String(error) } }));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1`;
    return this.baseUrl;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = null;
  }

  /** Steps not used yet. */
  remaining(): number {
    return this.steps.length;
  }

  private async handle(req: IncomingMessage, res: import('node:http').ServerResponse): Promise<void> {
    const text = await readBody(req);
    if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
      res.writeHead(404).end();
      return;
    }
    const body = JSON.parse(text) as ChatBody;
    this.requests.push({ path: req.url, headers: req.headers, body });
    const step = this.steps.shift();
    if (!step) {
      this.unexpected.push(`unexpected request #${this.requests.length}`);
      // 400 is not retried by the client, so the loop sees the error at once.
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: 'replay script exhausted', type: 'invalid_request_error' } }));
      return;
    }
    if ('status' in step) {
      res.writeHead(step.status, { 'content-type': 'application/json', ...step.headers });
      res.end(JSON.stringify({ error: { message: step.error ?? `scripted ${step.status}`, type: 'server_error' } }));
      return;
    }
    if ('raw' in step) {
      res.writeHead(200, { 'content-type': step.contentType ?? 'application/json' });
      res.end(step.raw);
      return;
    }
    this.callNo += 1;
    const reply = typeof step.reply === 'function' ? step.reply(body) : step.reply;
    const toolCalls = (reply.toolCalls ?? []).map((c, i) => ({
      id: `call_${this.callNo}_${i}`,
      name: c.name,
      arguments: typeof c.arguments === 'string' ? c.arguments : JSON.stringify(c.arguments),
    }));
    const usage = reply.usage === null ? undefined : { prompt_tokens: reply.usage?.prompt ?? 1000, completion_tokens: reply.usage?.completion ?? 50, total_tokens: (reply.usage?.prompt ?? 1000) + (reply.usage?.completion ?? 50) };
    const finish = toolCalls.length > 0 ? 'tool_calls' : 'stop';
    const id = `chatcmpl-replay-${this.callNo}`;
    const created = Math.floor(Date.now() / 1000);
    if (!body.stream) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          id,
          object: 'chat.completion',
          created,
          model: body.model,
          choices: [
            {
              index: 0,
              message: { role: 'assistant', content: reply.content ?? null, ...(toolCalls.length ? { tool_calls: toolCalls.map((c) => ({ id: c.id, type: 'function', function: { name: c.name, arguments: c.arguments } })) } : {}) },
              finish_reason: finish,
            },
          ],
          ...(usage ? { usage } : {}),
        }),
      );
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    const send = (choices: unknown[], extra: Record<string, unknown> = {}) => res.write(`data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model: body.model, choices, ...extra })}\n\n`);
    send([{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }]);
    if (reply.content) for (const piece of halves(reply.content)) send([{ index: 0, delta: { content: piece }, finish_reason: null }]);
    toolCalls.forEach((c, index) => {
      const [first, second] = halves(c.arguments);
      send([{ index: 0, delta: { tool_calls: [{ index, id: c.id, type: 'function', function: { name: c.name, arguments: first ?? '' } }] }, finish_reason: null }]);
      if (second) send([{ index: 0, delta: { tool_calls: [{ index, function: { arguments: second } }] }, finish_reason: null }]);
    });
    send([{ index: 0, delta: {}, finish_reason: finish }]);
    const wantsUsage = (body.stream_options as { include_usage?: boolean } | undefined)?.include_usage;
    if (usage && wantsUsage) send([], { usage });
    res.end('data: [DONE]\n\n');
  }
}
