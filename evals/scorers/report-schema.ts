/** Hard gate: the run published a report and it is valid against the report schema. */
import { Report } from '../../schemas/report.js';
import type { HardGate } from './score-types.js';

export const reportSchemaGate: HardGate = ({ run }) => {
  const name = 'report-schema';
  if (run.error) return { name, passed: false, detail: `the run crashed: ${run.error}` };
  if (!run.report) return { name, passed: false, detail: 'no report was published' };
  const parsed = Report.safeParse(run.report);
  if (parsed.success) return { name, passed: true, detail: 'report matches the schema' };
  const issue = parsed.error.issues[0]!;
  return { name, passed: false, detail: `report.${issue.path.join('.') || '(root)'}: ${issue.message}` };
};
