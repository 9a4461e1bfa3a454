/** Provider selection from `--model`: `playbook` (default) or `openai:MODEL`. */
import { UserError } from '../../errors.js';
import type { Provider } from '../session.js';
import { createOpenAiProvider } from './openai.js';
import { PlaybookProvider } from './playbook.js';

export interface ProviderOptions {
  baseUrl?: string;
  apiKey?: string;
}

type ProviderFactory = (model: string, options: ProviderOptions) => Provider;

const FACTORIES = new Map<string, ProviderFactory>([
  ['playbook', () => new PlaybookProvider()],
  ['openai', createOpenAiProvider],
]);

/** Register a provider family (e.g. "openai"); `--model family:name` selects it. */
export function registerProvider(family: string, factory: ProviderFactory): void {
  FACTORIES.set(family, factory);
}

/** Create the provider named by a --model value. */
export function createProvider(spec: string, options: ProviderOptions = {}): Provider {
  const [family, ...rest] = spec.split(':');
  const factory = FACTORIES.get(family ?? '');
  if (!factory) throw new UserError(`--model ${spec}: expected one of ${[...FACTORIES.keys()].map((f) => (f === 'playbook' ? f : `${f}:MODEL`)).join(', ')}`, { field: 'model' });
  return factory(rest.join(':'), options);
}
