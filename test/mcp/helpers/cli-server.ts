/** Spawn `sre-agent mcp` (stdio or --http) from source in a temp project dir holding sre.yaml. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { execa, type ResultPromise } from 'execa';
import { CLI_ENTRY, REPO_ROOT } from './spawn-cli.js';

/** tsx by absolute URL, so the server can run with any working directory. */
export const TSX_LOADER = pathToFileURL(join(REPO_ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
export const NODE_ARGS = ['--import', TSX_LOADER, CLI_ENTRY];

/**
 * A project dir with sre.yaml, inside a dir holding a package.json: inspector-cli 1.0.3 looks for its own
 * package.json at "../package.json" relative to the working directory before importing it.
 */
export function makeProjectDir(): string {
  const root = mkdtempSync(join(tmpdir(), 'sre-mcp-cli-'));
  writeFileSync(join(root, 'package.json'), '{"private": true}\n');
  const dir = join(root, 'project');
  mkdirSync(dir);
  writeFileSync(join(dir, 'sre.yaml'), 'service:\n  name: demo\nenvironments:\n  staging:\n    baseUrl: http://127.0.0.1:18081\n  production:\n    baseUrl: http://127.0.0.1:18082\n');
  return dir;
}

/** Start `sre-agent mcp --http 127.0.0.1:0` and wait for the URL it prints on stderr. */
export async function startHttpCli(dir: string, token: string, extra: string[] = []): Promise<{ url: string; child: ResultPromise; stop: () => Promise<void> }> {
  const child = execa('node', [...NODE_ARGS, 'mcp', '--http', '127.0.0.1:0', ...extra], { cwd: dir, env: { SRE_AGENT_MCP_TOKEN: token, SRE_LOG_LEVEL: 'warn' }, reject: false, timeout: 120_000 });
  const url = await new Promise<string>((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`sre-agent mcp --http printed no URL within 60 s; stderr: ${seen}`)), 60_000);
    child.stderr!.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const match = /MCP server on (http:\/\/\S+)/.exec(seen);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    void child.then((r) => reject(new Error(`sre-agent mcp --http exited (${r.exitCode}): ${seen}`)));
  });
  return {
    url,
    child,
    stop: async () => {
      child.kill('SIGTERM');
      await child;
    },
  };
}
