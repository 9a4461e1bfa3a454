/** Python projects: pip/poetry/uv/pipenv from lockfiles, pytest or Django's test runner, pytest-cov or coverage.py. */
import { NO_COMMANDS, type ProjectDetection } from './detection.js';
import type { ProjectFiles } from './project-files.js';

const MARKERS = ['pyproject.toml', 'setup.py', 'setup.cfg', 'requirements.txt', 'requirements-dev.txt', 'Pipfile', 'manage.py', 'uv.lock', 'poetry.lock'];
const REQUIREMENT_FILES = ['requirements-dev.txt', 'requirements-test.txt', 'dev-requirements.txt', 'requirements.txt'];

/** Dependency text from every place a Python project declares them (read as text: no TOML parser needed for names). */
function dependencyText(files: ProjectFiles): { text: string; sources: string[] } {
  const sources = ['pyproject.toml', 'setup.cfg', 'setup.py', 'Pipfile', 'tox.ini', ...REQUIREMENT_FILES].filter((file) => files.text(file) !== null);
  return { text: sources.map((file) => files.text(file)).join('\n').toLowerCase(), sources };
}

const mentions = (text: string, name: string) => new RegExp(`(^|[\\s"'\\[,=])${name.replace(/[-.]/g, '[-_.]')}($|[\\s"'<>=~!;,\\]\\[])`, 'm').test(text);

/** Detect a Python project, or null when none of its marker files exist. */
export function detectPython(files: ProjectFiles, threshold: number): ProjectDetection | null {
  const marker = files.first(MARKERS);
  if (!marker) return null;
  const reasons: string[] = [`Python: ${marker}`];
  const pyproject = files.text('pyproject.toml') ?? '';
  const { text: deps, sources } = dependencyText(files);

  let manager = 'pip';
  if (files.has('uv.lock')) manager = 'uv';
  else if (files.has('poetry.lock') || /^\[tool\.poetry\]/m.test(pyproject)) manager = 'poetry';
  else if (files.has('Pipfile')) manager = 'pipenv';
  reasons.push(
    manager === 'uv' ? 'uv.lock → uv'
    : manager === 'poetry' ? `${files.has('poetry.lock') ? 'poetry.lock' : 'pyproject.toml [tool.poetry]'} → poetry`
    : manager === 'pipenv' ? 'Pipfile → pipenv'
    : 'no uv.lock, poetry.lock or Pipfile → pip',
  );
  const prefix = manager === 'uv' ? ['uv', 'run'] : manager === 'poetry' ? ['poetry', 'run'] : manager === 'pipenv' ? ['pipenv', 'run'] : [];
  const requirements = files.first(REQUIREMENT_FILES);
  const install =
    manager === 'uv' ? ['uv', 'sync', '--frozen']
    : manager === 'poetry' ? ['poetry', 'install', '--no-interaction']
    : manager === 'pipenv' ? ['pipenv', 'install', '--dev', '--deploy']
    : requirements ? ['python', '-m', 'pip', 'install', '-r', requirements]
    : files.has('pyproject.toml') || files.has('setup.py') ? ['python', '-m', 'pip', 'install', '-e', '.']
    : [];
  if (manager === 'pip' && requirements) reasons.push(`${requirements} → pip install -r ${requirements}`);

  const django = files.has('manage.py');
  const pytestConfigured = files.has('pytest.ini') || files.has('conftest.py') || /^\[tool\.pytest\.ini_options\]/m.test(pyproject) || /^\[tool:pytest\]/m.test(files.text('setup.cfg') ?? '');
  const pytestDeclared = mentions(deps, 'pytest');
  let framework: string | null = null;
  if (pytestConfigured || pytestDeclared) {
    framework = 'pytest';
    reasons.push(pytestConfigured ? 'pytest configuration found (pytest.ini, conftest.py or [tool.pytest.ini_options])' : `pytest declared in ${sources.join(', ')}`);
  } else if (django) {
    framework = 'django';
    reasons.push('manage.py without pytest → Django test runner (python manage.py test)');
  } else if (files.has('tests') || files.has('test')) {
    framework = 'unittest';
    reasons.push('tests/ directory without pytest → unittest discovery');
  } else {
    reasons.push('no pytest, manage.py or tests/ directory: no test command');
  }
  const test =
    framework === 'pytest' ? [...prefix, 'python', '-m', 'pytest']
    : framework === 'django' ? [...prefix, 'python', 'manage.py', 'test']
    : framework === 'unittest' ? [...prefix, 'python', '-m', 'unittest', 'discover']
    : [];

  let coverageTool: string | null = null;
  let coverage: string[] = [];
  let coverageCheck: string[] = [];
  const fail = `--fail-under=${threshold}`;
  if (framework === 'pytest' && mentions(deps, 'pytest-cov')) {
    coverageTool = 'pytest-cov';
    reasons.push(`pytest-cov declared in ${sources.join(', ')}`);
    coverage = [...prefix, 'python', '-m', 'pytest', '--cov', '--cov-report=term', '--cov-report=xml', `--cov-fail-under=${threshold}`];
  } else if (framework && mentions(deps, 'coverage')) {
    coverageTool = 'coverage.py';
    reasons.push(`coverage declared in ${sources.join(', ')}`);
    const target = framework === 'pytest' ? ['-m', 'pytest'] : framework === 'django' ? ['manage.py', 'test'] : ['-m', 'unittest', 'discover'];
    coverage = [...prefix, 'python', '-m', 'coverage', 'run', ...target];
    coverageCheck = [...prefix, 'python', '-m', 'coverage', 'report', fail];
  } else if (framework) {
    reasons.push('neither pytest-cov nor coverage is declared: no coverage gate (add coverage to the dev dependencies)');
  }

  return {
    language: 'python',
    ecosystem: 'python',
    packageManager: manager,
    testFramework: framework,
    coverageTool,
    runtimeVersion: pythonVersion(files, pyproject, reasons),
    coverageReport: coverageTool ? 'coverage.xml' : null,
    commands: {
      ...NO_COMMANDS,
      install,
      test,
      coverage,
      coverageCheck,
      // -ll: report medium and high severity only (the seed's "bandit -r ." gate).
      security: ['bandit', '-r', '.', '-x', './.venv,./venv,./tests,./node_modules', '-ll'],
    },
    reasons,
  };
}

function pythonVersion(files: ProjectFiles, pyproject: string, reasons: string[]): string | null {
  const pinned = files.text('.python-version')?.trim();
  if (pinned) {
    reasons.push(`.python-version asks for Python ${pinned}`);
    return pinned;
  }
  const requires = /requires-python\s*=\s*["']([^"']+)["']/.exec(pyproject)?.[1];
  const version = requires ? /(\d+\.\d+)/.exec(requires)?.[1] : undefined;
  if (requires && version) {
    reasons.push(`pyproject.toml requires-python "${requires}" → Python ${version}`);
    return version;
  }
  return null;
}
