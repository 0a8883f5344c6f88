/**
 * Accounts and API tokens, for admins: add a user (a password generated when none is typed),
 * change a role, disable or enable an account; create an API token for a user and revoke one.
 * A generated password or a new token is shown once, here, and never again (the server keeps
 * only hashes).
 */
import { api, type ApiError } from '../api';
import { formDialog } from '../dialog';
import { h, replace } from '../dom';
import { dateTime } from '../format';
import { t } from '../i18n';
import type { AppContext } from '../main';
import type { PublicUser, Role, TokenInfo } from '../types';

const ROLES: Role[] = ['viewer', 'reviewer', 'admin'];

export async function adminView(main: HTMLElement, ctx: AppContext): Promise<void> {
  document.title = `lkj — ${t('adminTitle')}`;
  if (ctx.session.user.role !== 'admin') {
    replace(
      main,
      h('h1', null, t('adminTitle')),
      h('p', { class: 'notice', attrs: { id: 'admin-only' } }, t('adminOnly')),
    );
    return;
  }
  replace(main, h('p', { class: 'muted' }, t('loading')));
  /** the secret just made (a password or a token): shown until the page is drawn again */
  let secret: { text: string; value: string } | null = null;

  const draw = async () => {
    const [users, tokens] = await Promise.all([api.users(), api.tokens()]);
    if (!ctx.current()) return;
    replace(
      main,
      h('h1', null, t('adminTitle')),
      secret ? secretBox(secret.text, secret.value) : null,
      usersSection(users),
      tokensSection(users, tokens),
    );
    secret = null;
  };

  const run = async (fn: () => Promise<string | null>) => {
    try {
      const msg = await fn();
      await draw();
      if (msg) ctx.notify(msg);
    } catch (e) {
      ctx.notify((e as ApiError).message, 'error');
    }
  };

  function usersSection(users: PublicUser[]): HTMLElement {
    const name = h('input', {
      attrs: {
        id: 'new-user-name',
        name: 'username',
        required: true,
        maxlength: 64,
        autocomplete: 'off',
        pattern: '[A-Za-z0-9][A-Za-z0-9._\\-]{0,63}',
      },
    });
    const role = h(
      'select',
      { attrs: { id: 'new-user-role', name: 'role' } },
      ROLES.map((r) => h('option', { attrs: { value: r, selected: r === 'reviewer' } }, t(`role_${r}`))),
    );
    const password = h('input', {
      attrs: {
        id: 'new-user-password',
        name: 'password',
        type: 'password',
        minlength: 10,
        maxlength: 1024,
        autocomplete: 'new-password',
      },
    });
    const form = h(
      'form',
      {
        class: 'admin-form',
        attrs: { id: 'new-user', 'aria-label': t('newUser') },
        on: {
          submit: (e) => {
            e.preventDefault();
            const username = name.value.trim().toLowerCase();
            void run(async () => {
              const r = await api.createUser(username, role.value as Role, password.value || undefined);
              if (r.password) secret = { text: t('passwordOnce', { name: r.user.username }), value: r.password };
              return t('userCreatedMsg', { name: r.user.username });
            });
          },
        },
      },
      field('new-user-name', t('username'), name),
      field('new-user-role', t('role'), role),
      field('new-user-password', t('passwordOptional'), password),
      h(
        'div',
        { class: 'field buttons' },
        h('button', { attrs: { type: 'submit', id: 'new-user-submit' } }, t('create')),
      ),
    );

    const me = ctx.session.user.username;
    const rows = users.map((u) => {
      const self = u.username === me;
      const roleSelect = h(
        'select',
        {
          attrs: { 'aria-label': `${t('role')} ${u.username}`, disabled: self, 'data-role-of': u.username },
          on: {
            change: (e) =>
              void run(async () => {
                const r = (e.target as HTMLSelectElement).value as Role;
                await api.updateUser(u.username, { role: r });
                return t('roleChanged', { name: u.username, role: t(`role_${r}`) });
              }),
          },
        },
        ROLES.map((r) => h('option', { attrs: { value: r, selected: r === u.role } }, t(`role_${r}`))),
      );
      return h(
        'tr',
        { dataset: { user: u.username } },
        h(
          'td',
          { dataset: { label: t('username') } },
          h('strong', null, u.username),
          self ? h('span', { class: 'muted small' }, ` (${t('you')})`) : null,
        ),
        h('td', { dataset: { label: t('role') } }, roleSelect),
        h(
          'td',
          { dataset: { label: t('state') } },
          h(
            'span',
            { class: ['badge', u.disabled ? 'st-failed' : 'st-clean'] },
            u.disabled ? t('inactive') : t('active'),
          ),
        ),
        h('td', { dataset: { label: t('createdAt') } }, dateTime(u.createdAt)),
        h(
          'td',
          { class: 'row-actions' },
          self
            ? null
            : h(
                'button',
                {
                  class: 'secondary',
                  attrs: { type: 'button', 'data-action': u.disabled ? 'enable' : 'disable' },
                  on: {
                    click: () =>
                      void run(async () => {
                        await api.updateUser(u.username, { disabled: !u.disabled });
                        return null;
                      }),
                  },
                },
                u.disabled ? t('enable') : t('disable'),
              ),
        ),
      );
    });
    return h(
      'section',
      { class: 'admin-block', attrs: { id: 'users' } },
      h('h2', null, t('users')),
      form,
      h(
        'div',
        { class: 'table-scroll' },
        h(
          'table',
          { class: 'docs admin-table', attrs: { id: 'users-table' } },
          h(
            'thead',
            null,
            h(
              'tr',
              null,
              [t('username'), t('role'), t('state'), t('createdAt'), ''].map((c) =>
                h('th', { attrs: { scope: 'col' } }, c),
              ),
            ),
          ),
          h('tbody', null, rows),
        ),
      ),
    );
  }

  function tokensSection(users: PublicUser[], tokens: TokenInfo[]): HTMLElement {
    const owner = h(
      'select',
      { attrs: { id: 'new-token-user', name: 'username', required: true } },
      users
        .filter((u) => !u.disabled)
        .map((u) => h('option', { attrs: { value: u.username } }, `${u.username} (${t(`role_${u.role}`)})`)),
    );
    const label = h('input', { attrs: { id: 'new-token-label', name: 'label', maxlength: 200, autocomplete: 'off' } });
    const form = h(
      'form',
      {
        class: 'admin-form',
        attrs: { id: 'new-token', 'aria-label': t('newToken') },
        on: {
          submit: (e) => {
            e.preventDefault();
            void run(async () => {
              const r = await api.createToken(owner.value, label.value.trim());
              secret = { text: t('tokenOnce', { name: r.username }), value: r.token };
              return null;
            });
          },
        },
      },
      field('new-token-user', t('tokenUser'), owner),
      field('new-token-label', t('tokenLabel'), label),
      h(
        'div',
        { class: 'field buttons' },
        h('button', { attrs: { type: 'submit', id: 'new-token-submit' } }, t('newToken')),
      ),
    );

    const revoke = async (tok: TokenInfo) => {
      const ok = await formDialog({
        id: 'revoke-dialog',
        title: t('revokeTitle'),
        submit: t('revoke'),
        intro: [h('p', null, t('revokeAsk', { id: tok.id, name: tok.username }))],
        fields: [],
      });
      if (ok)
        await run(async () => {
          await api.revokeToken(tok.id);
          return null;
        });
    };
    const rows = tokens.map((tok) =>
      h(
        'tr',
        { dataset: { token: String(tok.id) } },
        h('td', { dataset: { label: 'ID' } }, String(tok.id)),
        h('td', { dataset: { label: t('tokenUser') } }, tok.username),
        h('td', { dataset: { label: t('label') } }, tok.label || '—'),
        h('td', { dataset: { label: t('createdAt') } }, dateTime(tok.createdAt)),
        h('td', { dataset: { label: t('lastUsed') } }, tok.lastUsedAt ? dateTime(tok.lastUsedAt) : t('never')),
        h(
          'td',
          { dataset: { label: t('state') } },
          h(
            'span',
            { class: ['badge', tok.revokedAt ? 'st-failed' : 'st-clean'] },
            tok.revokedAt ? t('revokedState') : t('active'),
          ),
        ),
        h(
          'td',
          { class: 'row-actions' },
          tok.revokedAt
            ? null
            : h(
                'button',
                {
                  class: 'secondary',
                  attrs: { type: 'button', 'data-action': 'revoke' },
                  on: { click: () => void revoke(tok) },
                },
                t('revoke'),
              ),
        ),
      ),
    );
    return h(
      'section',
      { class: 'admin-block', attrs: { id: 'tokens' } },
      h('h2', null, t('tokens')),
      form,
      tokens.length
        ? h(
            'div',
            { class: 'table-scroll' },
            h(
              'table',
              { class: 'docs admin-table', attrs: { id: 'tokens-table' } },
              h(
                'thead',
                null,
                h(
                  'tr',
                  null,
                  ['ID', t('tokenUser'), t('label'), t('createdAt'), t('lastUsed'), t('state'), ''].map((c) =>
                    h('th', { attrs: { scope: 'col' } }, c),
                  ),
                ),
              ),
              h('tbody', null, rows),
            ),
          )
        : h('p', { class: 'muted' }, t('noData')),
    );
  }

  await draw();
}

function field(id: string, label: string, control: HTMLElement): HTMLElement {
  return h('div', { class: 'field' }, h('label', { attrs: { for: id } }, label), control);
}

/** A password or token shown this once, with a button to copy it. */
function secretBox(text: string, value: string): HTMLElement {
  const code = h('code', { attrs: { id: 'secret-value' } }, value);
  const copy = h(
    'button',
    {
      class: 'secondary',
      attrs: { type: 'button', id: 'secret-copy' },
      on: {
        click: async () => {
          try {
            await navigator.clipboard.writeText(value);
            copy.textContent = t('copied');
          } catch {
            // no clipboard (an insecure origin): select it for Ctrl+C
            getSelection()?.selectAllChildren(code);
          }
        },
      },
    },
    t('copy'),
  );
  return h(
    'div',
    { class: 'secret', attrs: { id: 'secret', role: 'status' } },
    h('p', null, text),
    h('div', { class: 'secret-line' }, code, copy),
  );
}
