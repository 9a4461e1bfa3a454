/** A real HTTP receiver on 127.0.0.1 for webhook tests: scripted answers per request, every request recorded. */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** `status` to answer with, or 'hang' to never answer. */
export type Answer = number | 'hang';

export interface Receiver {
  url: (path: string) => string;
  requests: Received[];
  /** Answers for the next requests, in order; the last one repeats. */
  script: (...answers: Answer[]) => void;
  close: () => Promise<void>;
}

/** Start a receiver on an ephemeral loopback port. */
export async function startReceiver(): Promise<Receiver> {
  const requests: Received[] = [];
  let answers: Answer[] = [200];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      requests.push({ path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const answer = answers.length > 1 ? answers.shift()! : answers[0]!;
      if (answer === 'hang') return; // keep the socket open; close() ends it
      res.writeHead(answer, { 'content-type': 'text/plain' }).end(answer < 300 ? 'ok' : `error ${answer}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    requests,
    script: (...next) => {
      answers = next;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
