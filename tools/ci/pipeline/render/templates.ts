/** Handlebars for pipeline files: templates from prompts/ci, values written as YAML scalars (never raw text). */
import { readFileSync } from 'node:fs';
import Handlebars from 'handlebars';
import { stringify } from 'yaml';
import { packagePath } from '../../../../src/paths.js';
import { ToolFailure } from '../../../../src/errors.js';

const hbs = Handlebars.create();

/** A value as a one-line YAML scalar: plain when safe, quoted otherwise (so `on`, `yes`, `: ` and `#` stay text). */
hbs.registerHelper('y', (value: unknown) => {
  if (value === undefined || value === null) throw new Error('template value missing');
  return stringify(value, { lineWidth: 0, version: '1.1' }).trimEnd();
});

const cache = new Map<string, Handlebars.TemplateDelegate>();

export type TemplateName = 'github-actions.yml.hbs' | 'gitlab-ci.yml.hbs' | 'argocd-application.yaml.hbs';

/** Render prompts/ci/<name> with `view`. */
export function renderTemplate(name: TemplateName, view: object): string {
  let template = cache.get(name);
  if (!template) {
    const file = packagePath('prompts', 'ci', name);
    let source: string;
    try {
      source = readFileSync(file, 'utf8');
    } catch (error) {
      throw new ToolFailure(`Pipeline template ${file} could not be read (${(error as Error).message})`, { file });
    }
    // noEscape: output is YAML, not HTML; values go through the `y` helper instead.
    template = hbs.compile(source, { noEscape: true, strict: true });
    cache.set(name, template);
  }
  // Inline partial definitions leave blank lines at the top; a generated file starts with its header.
  return template(view).replace(/^\s*\n/, '');
}
