/** The repository's `origin` URL for Argo CD, with any embedded credentials removed. */
import { runCommand } from '../../shared/run-command.js';

/** Drop user:password@ from http(s) URLs (tokens are often embedded there); scp-style git@host:path is kept. */
export function stripCredentials(url: string): string {
  if (!/^https?:\/\//i.test(url)) return url;
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    return parsed.toString();
  } catch {
    return url;
  }
}

/** `git remote get-url origin` in `repoDir`, or null when there is no git repository or no origin. */
export async function originUrl(repoDir: string, signal: AbortSignal): Promise<string | null> {
  const result = await runCommand(['git', 'remote', 'get-url', 'origin'], { cwd: repoDir, timeoutMs: 10_000, signal });
  if (result.failure || !result.stdout.trim()) return null;
  return stripCredentials(result.stdout.trim());
}
