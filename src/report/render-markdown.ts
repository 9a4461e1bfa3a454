/** Render a report as the seed's "SAÍDA OBRIGATÓRIA" Markdown block. */
import { CHECKLIST_ITEMS, CHECKLIST_KEYS } from '../../schemas/checklist.js';
import type { Report } from '../../schemas/report.js';
import { renderTemplate } from '../templates/handlebars.js';

/** Markdown for report.md. */
export function renderReportMarkdown(report: Report): string {
  const checklist = CHECKLIST_KEYS.map((key) => ({ key, label: CHECKLIST_ITEMS[key], ...report.checklist[key] }));
  return renderTemplate('report.md.hbs', { report, delivered: report.status === 'delivered', checklist });
}
