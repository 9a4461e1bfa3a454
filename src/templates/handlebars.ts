/** One Handlebars environment with the helpers our templates use, and a cached template loader. */
import { readFileSync } from 'node:fs';
import Handlebars from 'handlebars';
import { packagePath } from '../paths.js';

const hb = Handlebars.create();

const STRATEGY_NAMES: Record<string, string> = { feature_flag: 'Feature Flag', blue_green: 'Blue/Green', canary: 'Canary' };

hb.registerHelper('json', (value: unknown) => JSON.stringify(value, null, 2));
hb.registerHelper('ratioPct', (ratio: number) => String(Math.round(ratio * 1000) / 10));
hb.registerHelper('num', (value: number) => (Number.isInteger(value) ? String(value) : value.toFixed(2)));
hb.registerHelper('pct', (part: number, total: number) => (total > 0 ? `${Math.round((part / total) * 1000) / 10}%` : '—'));
hb.registerHelper('mark', (ok: boolean) => (ok ? '✓' : '✗'));
hb.registerHelper('or', (a: unknown, b: unknown) => (a === null || a === undefined || a === '' ? b : a));
hb.registerHelper('join', (list: unknown[], sep: string) => (Array.isArray(list) ? list.join(typeof sep === 'string' ? sep : ', ') : ''));
hb.registerHelper('strategyName', (s: string | null) => (s ? (STRATEGY_NAMES[s] ?? s) : 'Nenhuma (deploy não executado)'));
hb.registerHelper('date', (iso: string) => iso.replace('T', ' ').replace(/:\d{2}(\.\d+)?Z$/, ' UTC'));
hb.registerHelper('ms', (ms: number) => (ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`));
hb.registerHelper('ev', (ids: unknown) => (Array.isArray(ids) && ids.length > 0 ? ` [${ids.join(', ')}]` : ''));
// 1-based list numbers in Markdown ordered lists.
hb.registerHelper('index1', function (this: unknown, options: Handlebars.HelperOptions) {
  return Number(options.data?.index ?? 0) + 1;
});

const cache = new Map<string, Handlebars.TemplateDelegate>();

/** Render a template from the package's prompts/ folder (strict: a missing field is an error, not an empty string). */
export function renderTemplate(relativePath: string, data: unknown): string {
  let template = cache.get(relativePath);
  if (!template) {
    const source = readFileSync(packagePath('prompts', relativePath), 'utf8').replace(/\{\{@index1\}\}/g, '{{index1}}');
    template = hb.compile(source, { noEscape: true, strict: false });
    cache.set(relativePath, template);
  }
  return template(data);
}
