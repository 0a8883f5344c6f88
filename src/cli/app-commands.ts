/**
 * The commands around the app: accounts (`user add`, `user list`, `token create`, `token list`,
 * `token revoke`) and `serve` (the API and the web app). They open the same runtime as the queue
 * commands, from DATABASE_URL / REDIS_URL / LKJ_DATA_DIR.
 */
import { type Command, Option } from 'commander';
import type { Lang } from '../verify/index.js';
import { loadSettings } from '../settings/settings.js';
import { CliError, langOption, say } from './messages.js';
import { withRuntime } from './runtime.js';

const out = (s: string) => process.stdout.write(`${s}\n`);

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  // the first line: `echo secret | lkj user add …` ends it with a newline that is not part of it
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
}

export function addAppCommands(program: Command): void {
  const user = program
    .command('user')
    .description(
      'accounts of the web app and API (roles: viewer reads, reviewer acts on reports, admin manages accounts)',
    );
  user
    .command('add')
    .description('create an account; without --password-stdin a password is generated and printed once')
    .argument('<name>', 'username: letters, digits, dot, dash, underscore')
    .addOption(
      new Option('--role <role>', 'viewer, reviewer or admin')
        .choices(['viewer', 'reviewer', 'admin'])
        .makeOptionMandatory(),
    )
    .option('--password-stdin', 'read the password from standard input (its first line)')
    .addOption(langOption())
    .action(async (name: string, o: { role: 'viewer' | 'reviewer' | 'admin'; passwordStdin?: boolean; lang: Lang }) => {
      const [{ Username }, pw, { Users, UserAlreadyExists }, { writeAudit }] = await Promise.all([
        import('../accounts/roles.js'),
        import('../accounts/passwords.js'),
        import('../store/users.js'),
        import('../store/audit.js'),
      ]);
      const username = Username.safeParse(name);
      if (!username.success) throw new CliError(say(o.lang, 'badUsername', { name }));
      const generated = o.passwordStdin ? null : pw.generatePassword();
      const password = generated ?? (await readStdin());
      const weak = pw.checkPasswordStrength(password, o.lang);
      if (weak) throw new CliError(weak);
      await withRuntime(
        async (rt) => {
          const users = new Users(rt.store.db);
          await users.create(username.data, o.role, await pw.hashPassword(password)).catch((e: unknown) => {
            throw e instanceof UserAlreadyExists ? new CliError(say(o.lang, 'userExists', { name: e.username })) : e;
          });
          await writeAudit(rt.store.db, 'cli', 'user-created', null, {
            after: { username: username.data, role: o.role },
          });
        },
        { attach: true },
      );
      out(say(o.lang, 'userCreated', { name: username.data, role: o.role }));
      if (generated) out(say(o.lang, 'passwordShown', { password: generated }));
    });

  user
    .command('list')
    .description('every account with its role')
    .option('--json', 'print JSON')
    .addOption(langOption())
    .action(async (o: { json?: boolean; lang: Lang }) => {
      const { Users, publicUser } = await import('../store/users.js');
      await withRuntime(
        async (rt) => {
          const list = (await new Users(rt.store.db).list()).map(publicUser);
          if (o.json) out(JSON.stringify(list));
          else for (const u of list) out(`${u.username}\t${u.role}${u.disabled ? `\t${say(o.lang, 'disabled')}` : ''}`);
        },
        { attach: true },
      );
    });

  const token = program
    .command('token')
    .description('API tokens for scripts (Authorization: Bearer <token>); a token acts as its user');
  token
    .command('create')
    .description('create an API token for user NAME; the token is printed once, only its hash is stored')
    .argument('<name>', 'the user the token acts as')
    .option('--label <text>', 'what the token is for', '')
    .addOption(langOption())
    .action(async (name: string, o: { label: string; lang: Lang }) => {
      const [{ Users }, { newSecret, hashSecret, API_TOKEN_PREFIX }, { writeAudit }] = await Promise.all([
        import('../store/users.js'),
        import('../accounts/secrets.js'),
        import('../store/audit.js'),
      ]);
      const secret = newSecret(API_TOKEN_PREFIX);
      const row = await withRuntime(
        async (rt) => {
          const users = new Users(rt.store.db);
          const owner = await users.byName(name.trim().toLowerCase());
          if (!owner) throw new CliError(say(o.lang, 'noUser', { name }));
          const t = await users.createToken(owner.id, o.label, hashSecret(secret));
          await writeAudit(rt.store.db, 'cli', 'token-created', null, {
            after: { id: t.id, username: owner.username, label: o.label },
          });
          return t;
        },
        { attach: true },
      );
      out(secret);
      process.stderr.write(`${say(o.lang, 'tokenCreated', { id: row.id, name: row.username })}\n`);
    });

  token
    .command('list')
    .description('API tokens (never their secret)')
    .addOption(langOption())
    .action(async (o: { lang: Lang }) => {
      const { Users } = await import('../store/users.js');
      await withRuntime(
        async (rt) => {
          for (const t of await new Users(rt.store.db).tokens()) {
            const used = say(o.lang, 'tokenLastUsed', {
              when: t.last_used_at ? new Date(t.last_used_at).toISOString() : say(o.lang, 'tokenNeverUsed'),
            });
            out(
              `${t.id}\t${t.username}\t${t.label || '-'}\t${say(o.lang, t.revoked_at ? 'tokenRevokedState' : 'tokenActive')}\t${used}`,
            );
          }
        },
        { attach: true },
      );
    });

  token
    .command('revoke')
    .description('revoke an API token by its id')
    .argument('<id>', 'token id (lkj token list)')
    .addOption(langOption())
    .action(async (id: string, o: { lang: Lang }) => {
      const [{ Users }, { writeAudit }] = await Promise.all([import('../store/users.js'), import('../store/audit.js')]);
      await withRuntime(
        async (rt) => {
          const row = await new Users(rt.store.db).revokeToken(Number(id));
          if (!row) throw new CliError(say(o.lang, 'noActiveToken', { id }));
          await writeAudit(rt.store.db, 'cli', 'token-revoked', null, { id: row.id, username: row.username });
          out(say(o.lang, 'tokenRevoked', { id: row.id }));
        },
        { attach: true },
      );
    });

  const audit = program.command('audit').description('the audit log (who did what, when), chained by hash');
  audit
    .command('verify')
    .description(
      'recompute the hash chain of the audit log: exit 0 when intact, 1 when a row was changed, inserted or removed; prints the head (seq:hash) to keep elsewhere as an anchor',
    )
    .option(
      '--anchor <seq:hash>',
      'a head printed by an earlier verify: the chain must still hold it (catches history rewritten in full)',
    )
    .option('--json', 'print {"rows","head","problems":[{"id","seq","code","vars","problem"}]}')
    .addOption(langOption())
    .action(async (o: { anchor?: string; json?: boolean; lang: Lang }) => {
      const m = o.anchor === undefined ? null : /^(\d+):([0-9a-f]{64})$/.exec(o.anchor);
      if (o.anchor !== undefined && !m) throw new CliError(say(o.lang, 'auditAnchorFormat', { anchor: o.anchor }));
      const { verifyAuditLog } = await import('../store/audit.js');
      const v = await withRuntime((rt) =>
        verifyAuditLog(rt.store.db, m ? { seq: Number(m[1]), hash: m[2]! } : undefined),
      );
      if (o.json) out(JSON.stringify(v));
      else {
        for (const p of v.problems)
          out(
            say(o.lang, 'auditRow', {
              id: p.id ?? '-',
              seq: p.seq ?? '-',
              problem: say(o.lang, `audit_${p.code}`, p.vars),
            }),
          );
        const head = v.head ? say(o.lang, 'auditHead', { head: `${v.head.seq}:${v.head.hash}` }) : '';
        out(say(o.lang, v.problems.length ? 'auditTampered' : 'auditIntact', { rows: v.rows, head }));
      }
      process.exitCode = v.problems.length ? 1 : 0;
    });

  program
    .command('serve')
    .description('the web app and API on PORT (default 3000); embedded mode processes uploads in this process')
    .option('--port <n>', 'port (default: PORT or 3000)')
    .option('--host <host>', 'address to listen on (default: HOST or localhost; 0.0.0.0 for every interface)')
    .option('--no-samples', "on first start, do not load the fixtures' sample reports")
    .addOption(langOption())
    .action(async (o: { port?: string; host?: string; samples: boolean; lang: Lang }) => {
      const { runServe } = await import('./serve.js');
      const s = loadSettings();
      await runServe({
        port: o.port === undefined ? s.port : Number(o.port),
        host: o.host ?? s.host,
        samples: o.samples && s.samples,
        sampleScans: s.sampleScans,
        lang: o.lang,
      });
    });
}
