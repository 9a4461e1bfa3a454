/** The seed's health-check body: { status, checks: { database, cache, external_api }, version }. */
import { z } from 'zod';

export const HealthBody = z.object({
  status: z.enum(['healthy', 'unhealthy']),
  checks: z.object({ database: z.boolean(), cache: z.boolean(), external_api: z.boolean() }).catchall(z.boolean()),
  version: z.string().min(1),
});
export type HealthBody = z.infer<typeof HealthBody>;

/** Parse a health response body; returns the body or the reason it does not have the seed's shape. */
export function parseHealthBody(text: string): { ok: true; body: HealthBody } | { ok: false; reason: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, reason: `expected a JSON body like {"status","checks","version"}, found: ${text.slice(0, 80) || '(empty)'}` };
  }
  const parsed = HealthBody.safeParse(json);
  if (parsed.success) return { ok: true, body: parsed.data };
  const issue = parsed.error.issues[0]!;
  return { ok: false, reason: `health body field ${issue.path.join('.') || '(root)'}: ${issue.message}` };
}
