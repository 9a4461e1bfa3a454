import { describe, expect, it } from 'vitest';
import { quoteArg, shellLine, shellLineWithVars } from './shell-line.js';

describe('shell lines from argument arrays', () => {
  it('leaves plain arguments alone and single-quotes the rest', () => {
    expect(shellLine(['npm', 'test', '--', '--coverage.thresholds.lines=85'])).toBe('npm test -- --coverage.thresholds.lines=85');
    expect(quoteArg('--coverageThreshold={"global":{"lines":85}}')).toBe(`'--coverageThreshold={"global":{"lines":85}}'`);
    expect(quoteArg("it's")).toBe(`'it'\\''s'`);
    expect(quoteArg('')).toBe("''");
    expect(quoteArg('$(rm -rf /)')).toBe("'$(rm -rf /)'");
  });

  it('turns {{placeholders}} into quoted environment references and quotes the literal parts around them', () => {
    const vars = { version: 'VERSION', environment: 'ENVIRONMENT' };
    expect(shellLineWithVars(['deploy', '{{environment}}', 'image.tag={{version}}', 'a b'], vars)).toBe(`deploy "\${ENVIRONMENT}" image.tag="\${VERSION}" 'a b'`);
    // Unknown placeholders stay literal text (quoted), never an empty variable.
    expect(shellLineWithVars(['x', '{{other}}'], vars)).toBe("x '{{other}}'");
  });
});
