import { describe, expect, it } from 'vitest';
import { migrationReverses } from '../../tools/rollback/migration-reverse.js';
import { splitCommand } from '../../tools/rollback/split-command.js';
import { makeHandoff } from './helpers/handoff.js';

describe('splitCommand', () => {
  it('splits words and keeps quoted arguments whole', () => {
    expect(splitCommand(`python manage.py migrate shop 0005_previous`)).toEqual({ ok: true, argv: ['python', 'manage.py', 'migrate', 'shop', '0005_previous'] });
    expect(splitCommand(`psql -c "DROP TABLE orders" 'my db'`)).toEqual({ ok: true, argv: ['psql', '-c', 'DROP TABLE orders', 'my db'] });
    expect(splitCommand(`echo a\\ b "x\\"y"`)).toEqual({ ok: true, argv: ['echo', 'a b', 'x"y'] });
  });

  it.each(['migrate down && rm -rf data', 'knex migrate:down | tee log', 'run > out.txt', 'migrate $TARGET', 'echo `id`', 'a; b'])(
    'refuses %s, which needs a shell',
    (command) => {
      const result = splitCommand(command);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.reason).toMatch(/needs a shell/);
    },
  );

  it('refuses an unterminated quote', () => {
    expect(splitCommand(`psql -c "DROP`)).toEqual({ ok: false, reason: 'unterminated " quote in: psql -c "DROP' });
  });
});

describe('migrationReverses', () => {
  it('lists migrations last-applied first, telling commands from bare names', () => {
    const handoff = makeHandoff({
      migrations: [
        { name: '0006_add_orders', reverse: 'python manage.py migrate shop 0005' },
        { name: '0007_index', reverse: '0006_add_orders' },
      ],
    });
    const reverses = migrationReverses(handoff);
    expect(reverses.map((m) => m.name)).toEqual(['0007_index', '0006_add_orders']);
    expect(reverses[0]).toMatchObject({ argv: null });
    expect(reverses[0]!.note).toMatch(/is a migration name, not a command/);
    expect(reverses[1]).toMatchObject({ argv: ['python', 'manage.py', 'migrate', 'shop', '0005'], note: null });
  });
});
