/** Node.js projects: package manager from lockfiles, test framework and coverage provider from package.json. */
import { NO_COMMANDS, type ProjectDetection } from './detection.js';
import type { ProjectFiles } from './project-files.js';

const NPM_DEFAULT_TEST = /no test specified/;

interface PackageJson {
  scripts: Record<string, string>;
  deps: Record<string, string>;
  packageManager: string | null;
  engines: Record<string, string>;
}

function readPackage(files: ProjectFiles): PackageJson | null {
  const pkg = files.json('package.json');
  if (!pkg) return null;
  const record = (value: unknown) => (typeof value === 'object' && value !== null ? (value as Record<string, string>) : {});
  return {
    scripts: record(pkg.scripts),
    deps: { ...record(pkg.dependencies), ...record(pkg.devDependencies), ...record(pkg.optionalDependencies) },
    packageManager: typeof pkg.packageManager === 'string' ? pkg.packageManager : null,
    engines: record(pkg.engines),
  };
}

const LOCKFILES: [file: string, manager: string][] = [
  ['pnpm-lock.yaml', 'pnpm'],
  ['yarn.lock', 'yarn'],
  ['package-lock.json', 'npm'],
  ['npm-shrinkwrap.json', 'npm'],
  ['bun.lock', 'bun'],
  ['bun.lockb', 'bun'],
];

function pickManager(files: ProjectFiles, pkg: PackageJson, reasons: string[]): { manager: string; locked: boolean } {
  const found = LOCKFILES.filter(([file]) => files.has(file));
  const declared = pkg.packageManager?.split('@')[0] ?? null;
  if (declared) {
    reasons.push(`package.json "packageManager": "${pkg.packageManager}" → ${declared}`);
    return { manager: declared, locked: found.some(([, manager]) => manager === declared) };
  }
  if (found.length === 0) {
    reasons.push('package.json without a lockfile → npm (installs are not reproducible: commit a lockfile)');
    return { manager: 'npm', locked: false };
  }
  const [file, manager] = found[0]!;
  const others = found.slice(1).map(([other]) => other);
  reasons.push(`${file} → ${manager}${others.length ? ` (also found ${others.join(', ')}: more than one lockfile, ${file} wins)` : ''}`);
  return { manager, locked: true };
}

function installCommand(manager: string, locked: boolean, files: ProjectFiles): string[] {
  if (manager === 'pnpm') return locked ? ['pnpm', 'install', '--frozen-lockfile'] : ['pnpm', 'install'];
  if (manager === 'yarn') return files.has('.yarnrc.yml') ? ['yarn', 'install', '--immutable'] : ['yarn', 'install', '--frozen-lockfile'];
  if (manager === 'bun') return locked ? ['bun', 'install', '--frozen-lockfile'] : ['bun', 'install'];
  return locked ? ['npm', 'ci'] : ['npm', 'install'];
}

/** How to run a package binary with this manager. */
function execPrefix(manager: string): string[] {
  if (manager === 'pnpm') return ['pnpm', 'exec'];
  if (manager === 'yarn') return ['yarn'];
  if (manager === 'bun') return ['bunx'];
  return ['npx', '--no-install'];
}

function pickFramework(pkg: PackageJson, reasons: string[]): string | null {
  const script = pkg.scripts.test ?? '';
  for (const name of ['vitest', 'jest', 'mocha']) {
    if (new RegExp(`\\b${name}\\b`).test(script)) {
      reasons.push(`package.json scripts.test runs ${name} ("${script}")`);
      return name;
    }
  }
  if (/\bnode\s+--test\b/.test(script)) {
    reasons.push(`package.json scripts.test runs the Node.js test runner ("${script}")`);
    return 'node:test';
  }
  for (const name of ['vitest', 'jest', 'mocha']) {
    if (pkg.deps[name]) {
      reasons.push(`package.json depends on ${name} ${pkg.deps[name]}`);
      return name;
    }
  }
  return null;
}

/** Detect a Node.js project, or null when there is no package.json. */
export function detectNode(files: ProjectFiles, threshold: number): ProjectDetection | null {
  const pkg = readPackage(files);
  if (!pkg) return null;
  const reasons: string[] = [];
  const typescript = files.has('tsconfig.json') || Boolean(pkg.deps.typescript);
  reasons.push(typescript ? `TypeScript: ${files.has('tsconfig.json') ? 'tsconfig.json' : 'typescript dependency in package.json'}` : 'JavaScript: package.json without tsconfig.json or typescript');
  const { manager, locked } = pickManager(files, pkg, reasons);
  const exec = execPrefix(manager);
  const run = (script: string) => (manager === 'npm' ? ['npm', 'run', script] : [manager, 'run', script]);
  const framework = pickFramework(pkg, reasons);
  const testScript = pkg.scripts.test && !NPM_DEFAULT_TEST.test(pkg.scripts.test) ? pkg.scripts.test : null;
  const test = testScript ? [manager, 'test'] : framework === 'vitest' ? [...exec, 'vitest', 'run'] : framework ? [...exec, framework] : [];
  if (!framework && !testScript) reasons.push('no test script and no vitest/jest/mocha dependency in package.json: no test command');

  let coverageTool: string | null = null;
  let coverage: string[] = [];
  let coverageReport: string | null = 'coverage';
  const lines = String(threshold);
  if (framework === 'vitest') {
    const provider = ['@vitest/coverage-v8', '@vitest/coverage-istanbul'].find((name) => pkg.deps[name]);
    if (provider) {
      coverageTool = provider;
      reasons.push(`package.json depends on ${provider} → vitest --coverage`);
      // When scripts.test ends with the vitest call, extra arguments after `--` reach vitest, keeping the project's own flags.
      const endsWithVitest = testScript !== null && /(^|&&|;)\s*(npx\s+)?vitest(\s+run)?(\s+[^&;|]*)?$/.test(testScript.trim());
      const hasCoverageFlag = testScript !== null && /--coverage(\s|$)/.test(testScript);
      coverage = endsWithVitest
        ? [manager, 'test', '--', ...(hasCoverageFlag ? [] : ['--coverage']), `--coverage.thresholds.lines=${lines}`]
        : [...exec, 'vitest', 'run', '--coverage', `--coverage.thresholds.lines=${lines}`];
      const reportsDir = readVitestReportsDirectory(files);
      if (reportsDir) {
        coverageReport = reportsDir;
        reasons.push(`vitest config sets coverage.reportsDirectory: ${reportsDir}`);
      }
    } else {
      reasons.push('vitest without @vitest/coverage-v8 or @vitest/coverage-istanbul: `vitest --coverage` would stop to ask for a provider, so there is no coverage gate');
    }
  } else if (framework === 'jest') {
    coverageTool = 'jest (istanbul)';
    reasons.push('jest collects coverage itself (istanbul)');
    coverage = [...exec, 'jest', '--coverage', `--coverageThreshold={"global":{"lines":${lines}}}`];
  } else if (pkg.deps.c8 || pkg.deps.nyc) {
    const tool = pkg.deps.c8 ? 'c8' : 'nyc';
    coverageTool = tool;
    reasons.push(`package.json depends on ${tool}`);
    coverage = [...exec, tool, '--check-coverage', `--lines=${lines}`, '--reporter=text', '--reporter=lcov', ...(test.length ? test : [])];
  } else if (framework) {
    reasons.push(`${framework} found but no coverage tool (c8, nyc) in package.json: no coverage gate`);
  }
  if (!coverageTool) coverageReport = null;

  const buildScript = pkg.scripts.build && !(testScript ?? '').includes('run build') ? run('build') : [];
  const lintScript = pkg.scripts.typecheck ? run('typecheck') : pkg.scripts.lint ? run('lint') : [];
  if (lintScript.length) reasons.push(`package.json scripts.${pkg.scripts.typecheck ? 'typecheck' : 'lint'} → static check step`);
  const security =
    manager === 'pnpm' ? ['pnpm', 'audit', '--audit-level', 'high']
    : manager === 'yarn' ? (files.has('.yarnrc.yml') ? ['yarn', 'npm', 'audit', '--all', '--severity', 'high'] : ['yarn', 'audit', '--level', 'high'])
    : manager === 'bun' ? []
    : ['npm', 'audit', '--audit-level=high'];
  if (manager === 'bun') reasons.push('bun has no audit command: no dependency scan');

  return {
    language: typescript ? 'typescript' : 'javascript',
    ecosystem: 'node',
    packageManager: manager,
    testFramework: framework,
    coverageTool,
    runtimeVersion: nodeVersion(files, pkg, reasons),
    coverageReport,
    commands: { ...NO_COMMANDS, install: installCommand(manager, locked, files), build: buildScript, lint: lintScript, test, coverage, security },
    reasons,
  };
}

function nodeVersion(files: ProjectFiles, pkg: PackageJson, reasons: string[]): string | null {
  for (const file of ['.nvmrc', '.node-version']) {
    const text = files.text(file)?.trim();
    if (text) {
      reasons.push(`${file} asks for Node ${text}`);
      return text.replace(/^v/, '');
    }
  }
  const engine = pkg.engines.node;
  const major = engine ? /(\d+)/.exec(engine)?.[1] : undefined;
  if (major) {
    reasons.push(`package.json engines.node "${engine}" → Node ${major}`);
    return major;
  }
  return null;
}

/** `reportsDirectory` from a vitest config file, read as text (configs are code; only a literal string is taken). */
function readVitestReportsDirectory(files: ProjectFiles): string | null {
  for (const name of ['vitest.config.ts', 'vitest.config.mts', 'vitest.config.js', 'vitest.config.mjs', 'vite.config.ts', 'vite.config.js']) {
    const match = /reportsDirectory\s*:\s*['"]([^'"]+)['"]/.exec(files.text(name) ?? '');
    if (match) return match[1]!;
  }
  return null;
}
