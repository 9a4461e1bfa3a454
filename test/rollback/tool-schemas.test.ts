/** The rollback-domain tools as the MCP server sees them: JSON-schema-friendly inputs, object outputs, registered once. */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { allTools } from '../../tools/registry.js';

const MINE = ['backup_create', 'rollback_plan', 'rollback_execute', 'rollback_verify'];

describe('rollback tool schemas', () => {
  const tools = allTools().filter((t) => MINE.includes(t.name));

  it('registers each tool exactly once', () => {
    expect(tools.map((t) => t.name).sort()).toEqual([...MINE].sort());
  });

  it.each(MINE)('%s converts to JSON Schema (input and output objects)', (name) => {
    const tool = tools.find((t) => t.name === name)!;
    const input = z.toJSONSchema(tool.input, { io: 'input' }) as { type: string };
    const output = z.toJSONSchema(tool.output) as { type: string };
    expect([input.type, output.type]).toEqual(['object', 'object']);
    expect(tool.description.length).toBeGreaterThan(80);
  });

  it('offers only staging to rollback_verify and marks rollback_execute destructive', () => {
    const verify = z.toJSONSchema(tools.find((t) => t.name === 'rollback_verify')!.input, { io: 'input' }) as {
      properties: { environment: { enum: string[] } };
    };
    expect(verify.properties.environment.enum).toEqual(['staging']);
    expect(tools.find((t) => t.name === 'rollback_execute')!.annotations).toMatchObject({ destructive: true, readOnly: false });
  });
});
