/** JVM projects: Maven (pom.xml) or Gradle (build.gradle[.kts]), JUnit/TestNG, JaCoCo coverage, OWASP dependency-check. */
import { NO_COMMANDS, type ProjectDetection } from './detection.js';
import type { ProjectFiles } from './project-files.js';

/** Line coverage from JaCoCo's CSV report (LINE_MISSED is column 8, LINE_COVERED column 9) against a minimum. */
export function jacocoCsvGate(csv: string, threshold: number): string[] {
  const script =
    `awk -F, -v min=${threshold} 'NR > 1 { missed += $8; covered += $9 } ` +
    `END { total = missed + covered; pct = total ? 100 * covered / total : 0; printf "line coverage: %.2f%% (minimum %s%%)\\n", pct, min; exit !(pct >= min) }' ${csv}`;
  return ['sh', '-c', script];
}

function testFramework(build: string, reasons: string[], file: string): string | null {
  if (/junit-jupiter|org\.junit\.jupiter|useJUnitPlatform/.test(build)) {
    reasons.push(`${file} uses JUnit 5 (junit-jupiter)`);
    return 'junit5';
  }
  if (/testng/i.test(build)) {
    reasons.push(`${file} uses TestNG`);
    return 'testng';
  }
  if (/junit/.test(build)) {
    reasons.push(`${file} uses JUnit 4`);
    return 'junit4';
  }
  reasons.push(`${file} declares no JUnit/TestNG dependency`);
  return null;
}

/** Detect a Maven or Gradle project, or null when neither build file exists. */
export function detectJava(files: ProjectFiles, threshold: number): ProjectDetection | null {
  const pom = files.text('pom.xml');
  const gradleFile = files.first(['build.gradle.kts', 'build.gradle']);
  if (pom === null && gradleFile === null) return null;
  const reasons: string[] = [];
  const kotlin = files.has('src/main/kotlin');

  if (pom !== null) {
    const mvn = files.has('mvnw') ? './mvnw' : 'mvn';
    reasons.push(`Maven: pom.xml${mvn === './mvnw' ? ' (with the mvnw wrapper)' : ''}`);
    const framework = testFramework(pom, reasons, 'pom.xml');
    const jacoco = pom.includes('jacoco-maven-plugin');
    reasons.push(jacoco ? 'pom.xml declares jacoco-maven-plugin → JaCoCo coverage, gated from target/site/jacoco/jacoco.csv' : 'no jacoco-maven-plugin in pom.xml: no coverage gate');
    const dependencyCheck = pom.includes('dependency-check-maven');
    const version = /<(?:maven\.compiler\.release|maven\.compiler\.source|java\.version)>\s*([\d.]+)\s*</.exec(pom)?.[1] ?? null;
    if (version) reasons.push(`pom.xml asks for Java ${version}`);
    return {
      language: kotlin ? 'kotlin' : 'java',
      ecosystem: 'java',
      packageManager: 'maven',
      testFramework: framework,
      coverageTool: jacoco ? 'jacoco' : null,
      runtimeVersion: version,
      coverageReport: jacoco ? 'target/site/jacoco' : null,
      commands: {
        ...NO_COMMANDS,
        install: [mvn, '-B', 'dependency:go-offline'],
        test: [mvn, '-B', 'test'],
        coverage: jacoco ? [mvn, '-B', 'org.jacoco:jacoco-maven-plugin:prepare-agent', 'test', 'org.jacoco:jacoco-maven-plugin:report'] : [],
        coverageCheck: jacoco ? jacocoCsvGate('target/site/jacoco/jacoco.csv', threshold) : [],
        // dependency-check runs without being declared in the pom; declared or not, fail on CVSS >= 7 (high).
        security: [mvn, '-B', 'org.owasp:dependency-check-maven:check', '-DfailBuildOnCVSS=7'],
      },
      reasons: dependencyCheck ? [...reasons, 'pom.xml declares dependency-check-maven'] : reasons,
    };
  }

  const build = files.text(gradleFile!) ?? '';
  const gradle = files.has('gradlew') ? './gradlew' : 'gradle';
  reasons.push(`Gradle: ${gradleFile}${gradle === './gradlew' ? ' (with the gradlew wrapper)' : ''}`);
  const framework = testFramework(build, reasons, gradleFile!);
  const jacoco = /\bjacoco\b/.test(build);
  const verification = /jacocoTestCoverageVerification/.test(build);
  reasons.push(
    !jacoco ? `no jacoco plugin in ${gradleFile}: no coverage gate`
    : verification ? `${gradleFile} configures jacocoTestCoverageVerification: its own minimum applies (not thresholds.coverage)`
    : `${gradleFile} applies jacoco without jacocoTestCoverageVerification: coverage is reported but not gated`,
  );
  const version = /JavaLanguageVersion\.of\((\d+)\)|VERSION_(\d+)/.exec(build);
  const dependencyCheck = /org\.owasp\.dependencycheck/.test(build);
  if (!dependencyCheck) reasons.push(`no org.owasp.dependencycheck plugin in ${gradleFile}: no dependency scan command`);
  return {
    language: kotlin || gradleFile === 'build.gradle.kts' ? 'kotlin' : 'java',
    ecosystem: 'java',
    packageManager: 'gradle',
    testFramework: framework,
    coverageTool: jacoco ? 'jacoco' : null,
    runtimeVersion: version ? (version[1] ?? version[2] ?? null) : null,
    coverageReport: jacoco ? 'build/reports/jacoco' : null,
    commands: {
      ...NO_COMMANDS,
      install: [gradle, 'dependencies'],
      test: [gradle, 'test'],
      coverage: jacoco ? [gradle, 'test', 'jacocoTestReport'] : [],
      coverageCheck: jacoco && verification ? [gradle, 'jacocoTestCoverageVerification'] : [],
      security: dependencyCheck ? [gradle, 'dependencyCheckAnalyze'] : [],
    },
    reasons,
  };
}
