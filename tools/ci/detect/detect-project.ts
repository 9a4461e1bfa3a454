/** Detect what a repository is and how to install, test, cover and scan it; every conclusion carries its reason. */
import { existsSync, statSync } from 'node:fs';
import { ToolFailure } from '../../../src/errors.js';
import { detectGo } from './detect-go.js';
import { detectJava } from './detect-java.js';
import { detectNode } from './detect-node.js';
import { detectPython } from './detect-python.js';
import { NO_COMMANDS, type ProjectDetection } from './detection.js';
import { ProjectFiles } from './project-files.js';

const DETECTORS = [detectNode, detectPython, detectGo, detectJava];

/** Detect the project in `dir`. Several ecosystems (a Django app with a package.json for assets): the one with tests wins. */
export function detectProject(dir: string, threshold: number): ProjectDetection {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new ToolFailure(`Project directory ${dir} does not exist or is not a directory`, { file: dir });
  }
  const files = new ProjectFiles(dir);
  const found = DETECTORS.map((detect) => detect(files, threshold)).filter((d): d is ProjectDetection => d !== null);
  if (found.length === 0) {
    const entries = files.entries();
    return {
      language: 'unknown',
      ecosystem: 'unknown',
      packageManager: null,
      testFramework: null,
      coverageTool: null,
      runtimeVersion: null,
      coverageReport: null,
      commands: { ...NO_COMMANDS },
      reasons: [
        `no package.json, pyproject.toml/setup.py/requirements.txt/manage.py, go.mod, pom.xml or build.gradle in ${dir}`,
        `top-level entries: ${entries.length ? entries.slice(0, 30).join(', ') : '(empty directory)'}`,
      ],
    };
  }
  const chosen = found.find((d) => d.testFramework !== null) ?? found[0]!;
  const others = found.filter((d) => d !== chosen).map((d) => d.ecosystem);
  if (others.length) chosen.reasons.push(`also found ${others.join(', ')} files; chose ${chosen.ecosystem} (${chosen.testFramework ? 'it has a test framework' : 'first match'})`);
  return chosen;
}
