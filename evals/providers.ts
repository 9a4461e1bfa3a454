/**
 * The providers an eval compares: `playbook`, and `openai:MODEL` behind the response cache. A spec creates a
 * fresh provider per run (providers keep per-run state).
 */
import { DEFAULTS } from '../src/constants.js';
import { UserError } from '../src/errors.js';
import { OpenAiProvider } from '../src/agent/providers/openai.js';
import { OpenAiChatModel } from '../src/agent/providers/openai/openai-chat-model.js';
import { PlaybookProvider } from '../src/agent/providers/playbook.js';
import type { Provider } from '../src/agent/session.js';
import { CachingChatModel } from './model-cache/caching-chat-model.js';
import type { ResponseCache } from './model-cache/response-cache.js';

export interface ProviderSpec {
  /** As given on the command line, e.g. playbook or openai:gpt-4o-mini. */
  label: string;
  create(): Provider;
}

export interface ProviderSpecOptions {
  baseUrl?: string;
  apiKey?: string;
  cache: ResponseCache;
}

/** One spec from a --provider item. */
export function providerSpec(label: string, options: ProviderSpecOptions): ProviderSpec {
  if (label === 'playbook') return { label, create: () => new PlaybookProvider() };
  const [family, ...rest] = label.split(':');
  const model = rest.join(':');
  if (family !== 'openai' || !model) throw new UserError(`--provider ${label}: expected playbook or openai:MODEL`, { field: 'provider' });
  const baseUrl = options.baseUrl ?? process.env.OPENAI_BASE_URL;
  const apiKey = options.apiKey ?? process.env.OPENAI_API_KEY;
  if (!apiKey && !baseUrl) throw new UserError(`--provider ${label} needs OPENAI_API_KEY (or --base-url / OPENAI_BASE_URL for a local server)`, { field: 'OPENAI_API_KEY' });
  return {
    label,
    create: () => {
      const client = new OpenAiChatModel({
        model,
        apiKey: apiKey ?? 'no-key',
        baseUrl: baseUrl || undefined,
        timeoutMs: DEFAULTS.modelCallTimeoutMs,
        maxRetries: DEFAULTS.modelMaxRetries,
        stream: true,
      });
      return new OpenAiProvider(model, { chatModel: new CachingChatModel(client, options.cache) });
    },
  };
}

/** Specs from a comma-separated --provider value. */
export function providerSpecs(list: string, options: ProviderSpecOptions): ProviderSpec[] {
  const labels = list.split(',').map((s) => s.trim()).filter(Boolean);
  if (labels.length === 0) throw new UserError('--provider is empty: give playbook and/or openai:MODEL', { field: 'provider' });
  return labels.map((label) => providerSpec(label, options));
}
