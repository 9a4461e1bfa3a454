/** Turn argument arrays into the one-line shell commands CI files need, quoting every argument that needs it. */

const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** POSIX single-quote one argument when it holds anything a shell would interpret. */
export function quoteArg(arg: string): string {
  if (arg !== '' && SAFE.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** `['npm', 'test', '--', '--x=1']` → `npm test -- --x=1`. */
export function shellLine(argv: readonly string[]): string {
  return argv.map(quoteArg).join(' ');
}

/**
 * Like `shellLine`, but `{{name}}` placeholders become double-quoted `${VAR}` references to environment variables
 * (values such as the commit SHA arrive through `env:`, never spliced into the script text).
 */
export function shellLineWithVars(argv: readonly string[], vars: Record<string, string>): string {
  return argv
    .map((arg) => {
      const parts = arg.split(/(\{\{\s*[A-Za-z0-9_]+\s*\}\})/);
      if (parts.length === 1) return quoteArg(arg);
      return parts
        .filter((part) => part !== '')
        .map((part) => {
          const name = /^\{\{\s*([A-Za-z0-9_]+)\s*\}\}$/.exec(part)?.[1];
          if (name && vars[name]) return `"\${${vars[name]}}"`;
          return quoteArg(part);
        })
        .join('');
    })
    .join(' ');
}
