/** The `submit_report` function: the only way a model hands in its report; its parameters are the report JSON Schema. */
import { jsonSchemaOf } from '../../../../schemas/json-schemas.js';
import { toFunctionDefinition } from './tool-definitions.js';

export const SUBMIT_REPORT = 'submit_report';

/** The report schema without `usage`, which the engine fills in from the ledger. */
export function reportParametersSchema(): Record<string, unknown> {
  const schema = structuredClone(jsonSchemaOf('report'));
  const properties = { ...(schema.properties as Record<string, unknown>) };
  delete properties.usage;
  const required = (schema.required as string[] | undefined)?.filter((k) => k !== 'usage');
  return { ...schema, properties, ...(required ? { required } : {}) };
}

/** The submit_report definition, plus its original schema (for dropping added nulls). */
export function submitReportDefinition(): ReturnType<typeof toFunctionDefinition> & { schema: Record<string, unknown> } {
  const schema = reportParametersSchema();
  const description =
    'Entregue o relatório final (SAÍDA OBRIGATÓRIA) como JSON. O enforcer confere o schema e cada evidência contra o ledger: ' +
    'item do checklist marcado done precisa citar ids (E001…) de chamadas bem-sucedidas das ferramentas que o provam, e cada número ' +
    '(testes, cobertura, vulnerabilidades, versões) precisa ser igual ao medido. Se rejeitado, você recebe as violações e pode corrigir.';
  return { ...toFunctionDefinition('submit_report', description, schema), schema };
}
