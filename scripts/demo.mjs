#!/usr/bin/env node
// `npm run demo`: step 7 on the bundled example, end to end, on this machine.
// Makes a fresh working copy of examples/demo in out/demo with a git history (tag v1.2.0, then the 1.3.0 commits),
// starts a local webhook receiver standing in for the team's channel, and runs `sre-agent run` there.
// `npm run demo -- --faulty` makes v1.3.0 fail 60% of its API requests: the run must block or roll back and say why.
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const faulty = process.argv.includes('--faulty');
const work = join(root, 'out', 'demo');
const runDir = join(work, 'run');

if (!existsSync(join(root, 'dist', 'src', 'cli', 'main.js'))) {
  console.error('demo: dist/ is missing; run `npm ci` (or `npm run build`) first');
  process.exit(1);
}

// 1. A fresh working copy with a release history, as steps 1-6 would leave it.
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
const git = (...args) => execFileSync('git', args, { cwd: work, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 'Demo Dev', GIT_AUTHOR_EMAIL: 'dev@example.com', GIT_COMMITTER_NAME: 'Demo Dev', GIT_COMMITTER_EMAIL: 'dev@example.com' } }).trim();
const copy = (name) => cpSync(join(root, 'examples', 'demo', name), join(work, name), { recursive: true });
git('init', '-q', '-b', 'main');
for (const name of ['README.md', 'CHANGELOG.md', '.gitignore', 'package.json', 'package-lock.json', 'sre.yaml', 'data', 'reports']) copy(name);
git('add', '-A');
git('commit', '-q', '-m', 'feat: catalog service with health check');
git('tag', 'v1.2.0');
copy('tests');
git('add', '-A');
git('commit', '-q', '-m', 'test: contract tests for health, metrics and the new endpoint flag');
if (existsSync(join(root, 'examples', 'demo', '.github'))) {
  copy('.github');
  git('add', '-A');
  git('commit', '-q', '-m', 'ci: hardened workflow with coverage and security gates');
}
copy('qa');
git('add', '-A');
git('commit', '-q', '-m', 'feat(api): new-endpoint behind the new-endpoint feature flag');
const commit = git('rev-parse', 'HEAD');
const handoff = readFileSync(join(root, 'examples', 'demo', 'qa-handoff.yaml'), 'utf8').replace(/commit: "0000000"/, `commit: "${commit}"`);
writeFileSync(join(work, 'qa-handoff.yaml'), handoff);
if (faulty) {
  const config = readFileSync(join(work, 'sre.yaml'), 'utf8').replace('env: { SERVICE_VERSION: 1.3.0,', 'env: { SERVICE_VERSION: 1.3.0, FAULT_ERROR_RATE: "0.6",');
  writeFileSync(join(work, 'sre.yaml'), config);
}

// 2. The team's channel: a webhook receiver on loopback that counts what arrives.
const received = [];
const receiver = http.createServer((req, res) => {
  let body = '';
  req.on('data', (d) => (body += d));
  req.on('end', () => {
    received.push({ path: req.url, headers: { 'content-type': req.headers['content-type'] }, body: safeJson(body) });
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  });
});
await new Promise((ok, fail) => receiver.once('error', fail).listen(18479, '127.0.0.1', ok));

// 3. Step 7.
const code = await new Promise((done) => {
  const child = spawn(process.execPath, [join(root, 'bin', 'sre-agent.js'), 'run', '--handoff', 'qa-handoff.yaml', '--config', 'sre.yaml', '--out', 'run'], { cwd: work, stdio: 'inherit' });
  child.on('exit', (status) => done(status ?? 1));
});
receiver.close();
writeFileSync(join(runDir, 'webhook-received.json'), `${JSON.stringify(received, null, 2)}\n`);
console.log(`\ndemo: webhook receiver got ${received.length} announcement(s); working copy ${relative(process.cwd(), work) || '.'}; report ${relative(process.cwd(), join(runDir, 'report.md'))}`);
process.exit(code);

function safeJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
