/** MCP tool schemas → OpenAI strict function parameters, the nulls undone, and repeated pieces hoisted into $defs. */
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { dropAddedNulls } from '../../src/agent/providers/openai/drop-added-nulls.js';
import { hoistRepeated } from '../../src/agent/providers/openai/hoist-repeated.js';
import { toStrictSchema } from '../../src/agent/providers/openai/strict-schema.js';
import { reportParametersSchema, submitReportDefinition } from '../../src/agent/providers/openai/submit-report-tool.js';
import { draftReport } from '../../src/report/draft-report.js';
import { Ledger } from '../../src/ledger/ledger.js';
import { makeLoadedConfig, makeLoadedHandoff } from './helpers/run-fixture.js';

const jsonSchema = (schema: z.ZodType) => z.toJSONSchema(schema, { io: 'input' }) as Record<string, unknown>;

describe('strict function schemas', () => {
  it('makes optional fields nullable-required, closes objects, and moves unsupported keywords into the description', () => {
    const input = jsonSchema(z.object({ environment: z.enum(['staging', 'production']), label: z.string().max(40).optional(), offset: z.number().int().default(0) }));
    const converted = toStrictSchema(input);
    expect(converted.strict).toBe(true);
    expect(converted.schema).toEqual({
      type: 'object',
      properties: {
        environment: { type: 'string', enum: ['staging', 'production'] },
        label: { type: ['string', 'null'], description: '(maxLength: 40)' },
        offset: { type: ['integer', 'null'], description: '(default: 0)' },
      },
      required: ['environment', 'label', 'offset'],
      additionalProperties: false,
    });
  });

  it('sends a schema with a free-form record non-strict, and says why', () => {
    const converted = toStrictSchema(jsonSchema(z.object({ report: z.record(z.string(), z.unknown()) })));
    expect(converted).toMatchObject({ strict: false, reason: 'has an object with free-form keys (a record)' });
    expect(converted.schema).not.toHaveProperty('$schema');
  });

  it('drops only the nulls that stand for omitted optional fields', () => {
    const original = jsonSchema(z.object({ id: z.string().optional(), tag: z.string().nullable(), nested: z.object({ note: z.string().optional() }) }));
    expect(dropAddedNulls({ id: null, tag: null, nested: { note: null } }, original)).toEqual({ tag: null, nested: {} });
    expect(dropAddedNulls({ id: 'E001', tag: 'v1', nested: { note: 'x' } }, original)).toEqual({ id: 'E001', tag: 'v1', nested: { note: 'x' } });
  });

  it('converts the whole report schema strictly, and the hoisted form accepts and rejects what the plain one does', () => {
    const definition = submitReportDefinition();
    expect(definition.reason).toBeUndefined();
    expect(definition.definition.function.strict).toBe(true);
    const plain = toStrictSchema(reportParametersSchema());
    const hoisted = hoistRepeated(plain.schema);
    expect(JSON.stringify(hoisted).length).toBeLessThan(JSON.stringify(plain.schema).length * 0.75);
    expect(Object.keys(hoisted.$defs as object).length).toBeGreaterThan(2);
    const ajv = new Ajv2020({ strict: false });
    const checkPlain = ajv.compile(plain.schema);
    const checkHoisted = ajv.compile(hoisted);
    const { config } = makeLoadedConfig();
    const good = JSON.parse(JSON.stringify(draftReport({ ledger: new Ledger(), handoff: makeLoadedHandoff().data, config, extraReasons: ['x'] }))) as Record<string, unknown>;
    // Strict mode sends every field: fill the optional ones with null as a model would.
    const filled = JSON.parse(JSON.stringify(good).replace(/"evidence":\[\]/g, '"evidence":null')) as Record<string, unknown>;
    for (const candidate of [filled]) expect([checkPlain(candidate), checkHoisted(candidate)]).toEqual([true, true]);
    const bad = { ...filled, checklist: { ...(filled.checklist as object), backup: { done: true, evidence: [] } } };
    expect([checkPlain(bad), checkHoisted(bad)]).toEqual([false, false]);
    const extra = { ...filled, surprise: 1 };
    expect([checkPlain(extra), checkHoisted(extra)]).toEqual([false, false]);
  });
});
