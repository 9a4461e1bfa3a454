/** How each handoff migration is reversed: a runnable command, or a name a human must act on. */
import type { QaHandoff } from '../../schemas/qa-handoff.js';
import { splitCommand } from './split-command.js';

export interface MigrationReverse {
  name: string;
  reverse: string;
  /** argv when `reverse` is a command we can run without a shell, else null. */
  argv: string[] | null;
  /** Why it cannot be run automatically, when argv is null. */
  note: string | null;
}

/** A `reverse` is a command when it has more than one word ("python manage.py migrate app 0005"); a bare name is not. */
function looksLikeCommand(reverse: string): boolean {
  return /\s/.test(reverse.trim());
}

/** The handoff's migrations in reverse order (last applied is undone first), each with how to reverse it. */
export function migrationReverses(handoff: QaHandoff | null): MigrationReverse[] {
  const migrations = handoff?.migrations ?? [];
  return [...migrations].reverse().map((m) => {
    if (!looksLikeCommand(m.reverse)) {
      return { name: m.name, reverse: m.reverse, argv: null, note: `"${m.reverse}" is a migration name, not a command: reverse it with the project's migration tool` };
    }
    const split = splitCommand(m.reverse.trim());
    return split.ok
      ? { name: m.name, reverse: m.reverse, argv: split.argv, note: null }
      : { name: m.name, reverse: m.reverse, argv: null, note: split.reason };
  });
}
