/**
 * Split a one-line command (a migration's `reverse`) into argv, the way a POSIX shell would for plain words and quotes,
 * and refuse anything that needs a real shell (pipes, redirections, `;`, `&&`, substitutions): we never run a shell.
 */

export type SplitResult = { ok: true; argv: string[] } | { ok: false; reason: string };

/** Characters that only mean something to a shell (operators, redirections, substitutions, variables, globs). */
const SHELL_ONLY = new Set(['|', '&', ';', '<', '>', '(', ')', '`', '$', '*', '?']);

/** argv for `command`, or why it cannot be run without a shell. */
export function splitCommand(command: string): SplitResult {
  const argv: string[] = [];
  let current = '';
  let inWord = false;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < command.length; i += 1) {
    const ch = command[i]!;
    if (quote === "'") {
      if (ch === "'") quote = null;
      else current += ch;
      continue;
    }
    if (quote === '"') {
      if (ch === '"') quote = null;
      else if (ch === '\\' && i + 1 < command.length && '"\\$`'.includes(command[i + 1]!)) current += command[++i];
      else if (ch === '$' || ch === '`') return { ok: false, reason: `shell expansion inside quotes is not supported: ${command}` };
      else current += ch;
      continue;
    }
    if (ch === "'" || ch === '"') {
      quote = ch;
      inWord = true;
    } else if (ch === '\\' && i + 1 < command.length) {
      current += command[++i];
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) argv.push(current);
      current = '';
      inWord = false;
    } else if (SHELL_ONLY.has(ch)) {
      return { ok: false, reason: `needs a shell (found "${ch}"); run it by hand: ${command}` };
    } else {
      current += ch;
      inWord = true;
    }
  }
  if (quote) return { ok: false, reason: `unterminated ${quote} quote in: ${command}` };
  if (inWord) argv.push(current);
  if (argv.length === 0) return { ok: false, reason: 'empty command' };
  return { ok: true, argv };
}
