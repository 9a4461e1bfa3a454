/** The MCP server's tool list as OpenAI function definitions (strict JSON Schema wherever the schema allows it). */
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import type { ChatCompletionFunctionTool } from 'openai/resources/chat/completions';
import { hoistRepeated } from './hoist-repeated.js';
import { toStrictSchema } from './strict-schema.js';

export interface FunctionCatalog {
  definitions: ChatCompletionFunctionTool[];
  /** Original JSON Schema per tool name, to undo the strict conversion on arguments. */
  schemas: Map<string, Record<string, unknown>>;
  /** Tools sent with strict: false, and why. */
  nonStrict: { name: string; reason: string }[];
}

/** One function definition; `strict` when the schema converts. */
export function toFunctionDefinition(name: string, description: string, schema: Record<string, unknown>): { definition: ChatCompletionFunctionTool; reason?: string } {
  const converted = toStrictSchema(schema);
  const definition: ChatCompletionFunctionTool = {
    type: 'function',
    function: { name, description, parameters: hoistRepeated(converted.schema), strict: converted.strict },
  };
  return converted.strict ? { definition } : { definition, reason: converted.reason };
}

/** Convert the listed MCP tools; annotations are appended so the model knows which calls change things. */
export function buildFunctionCatalog(tools: Tool[]): FunctionCatalog {
  const catalog: FunctionCatalog = { definitions: [], schemas: new Map(), nonStrict: [] };
  for (const tool of tools) {
    // Annotations do not reach the model otherwise; a short tag says which calls change things.
    const effect = tool.annotations?.destructiveHint ? ' [destrutiva]' : '';
    const schema = tool.inputSchema as Record<string, unknown>;
    const { definition, reason } = toFunctionDefinition(tool.name, `${tool.description ?? tool.title ?? tool.name}${effect}`, schema);
    catalog.definitions.push(definition);
    catalog.schemas.set(tool.name, schema);
    if (reason) catalog.nonStrict.push({ name: tool.name, reason });
  }
  return catalog;
}
