/** Call a tool handler the way the MCP server does: input defaults applied, output checked against the tool's schema. */
import type { z } from 'zod';
import type { ToolContext, ToolModule } from '../../../tools/tool.js';

export async function callTool<I extends z.ZodObject, O extends z.ZodObject>(tool: ToolModule<I, O>, input: z.input<I>, ctx: ToolContext): Promise<z.infer<O>> {
  const parsedInput = tool.input.parse(input);
  const output = await tool.handler(parsedInput, ctx);
  return tool.output.parse(output);
}
