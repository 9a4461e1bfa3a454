/** Large tool results reach a client cut to limits.maxToolResultChars, with a marker, and page on through ledger_read. */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ENGINE_TOOLS } from '../../src/mcp/engine-tools.js';
import { connectInProcess } from '../../src/mcp/in-process.js';
import { createSreServer } from '../../src/mcp/server.js';
import { defineTool, type AnyToolModule } from '../../tools/tool.js';
import { makeToolContext, MINIMAL_CONFIG } from '../helpers/tool-context.js';

const bigLog = defineTool({
  name: 'big_log',
  title: 'A long log',
  description: 'Return many log lines.',
  input: z.object({ lines: z.number().int().positive() }),
  output: z.object({ lines: z.array(z.string()) }),
  annotations: { readOnly: true, destructive: false },
  handler: async (input) => ({ lines: Array.from({ length: input.lines }, (_, i) => `line ${i} ${'x'.repeat(40)}`) }),
});

describe('tool result paging', () => {
  it('cuts a large result with a clear marker, and ledger_read pages through the full entry', async () => {
    const ctx = makeToolContext({ config: { ...MINIMAL_CONFIG, limits: { maxToolResultChars: 1_000 } } });
    const server = createSreServer({ tools: [bigLog as unknown as AnyToolModule, ...ENGINE_TOOLS], getContext: () => ctx, caller: 'test' });
    const { client, close } = await connectInProcess(server, 'paging-test');
    try {
      const result = await client.callTool({ name: 'big_log', arguments: { lines: 200 } });
      const text = (result.content as { type: string; text: string }[])[0]!.text;
      expect(text.length).toBeLessThan(1_300);
      expect(text).toMatch(/\[… cut: \d+ more characters\. The full result is ledger entry E001; read it with ledger_read \{"id":"E001","offset":1000\}\]/);
      // The structured result is complete; the text is only what a model's context gets.
      expect((result.structuredContent as { lines: string[] }).lines).toHaveLength(200);
      let offset = 0;
      let whole = '';
      for (let page = 0; page < 10 && offset !== null; page += 1) {
        const read = await client.callTool({ name: 'ledger_read', arguments: { id: 'E001', offset, limit: 4_000 } });
        const out = read.structuredContent as { text: string; nextOffset: number | null; totalChars: number };
        whole += out.text;
        offset = out.nextOffset as number;
        if (out.nextOffset === null) break;
      }
      expect((JSON.parse(whole) as { output: { lines: string[] } }).output.lines[199]).toContain('line 199');
    } finally {
      await close();
      await ctx.runtime.close();
    }
  });
});
