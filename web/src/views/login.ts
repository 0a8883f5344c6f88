/** The login form: JSON to POST /api/session; the server sets the HttpOnly session cookie. */
import { api, ApiError } from '../api';
import { h } from '../dom';
import { t } from '../i18n';
import type { SessionInfo } from '../types';

export function loginView(o: { onLogin: (s: SessionInfo) => void; switchLang: () => void }): HTMLElement {
  const user = h('input', {
    attrs: { id: 'username', name: 'username', autocomplete: 'username', required: true, autofocus: true },
  });
  const pass = h('input', {
    attrs: { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: true },
  });
  const error = h('p', { class: 'notice error', attrs: { role: 'alert', hidden: true, id: 'login-error' } });
  const button = h('button', { attrs: { type: 'submit' } }, t('loginButton'));
  const form = h(
    'form',
    {
      class: 'login',
      on: {
        submit: async (e) => {
          e.preventDefault();
          button.disabled = true;
          error.hidden = true;
          try {
            o.onLogin(await api.login(user.value.trim(), pass.value));
          } catch (err) {
            error.textContent =
              err instanceof ApiError && err.status === 429
                ? t('loginThrottled')
                : err instanceof ApiError && err.status === 401
                  ? t('loginFailed')
                  : (err as Error).message;
            error.hidden = false;
            button.disabled = false;
            pass.select();
          }
        },
      },
    },
    h('h1', null, 'lkj'),
    h('p', { class: 'muted' }, t('appTitle')),
    h('label', { attrs: { for: 'username' } }, t('username')),
    user,
    h('label', { attrs: { for: 'password' } }, t('password')),
    pass,
    error,
    button,
    h(
      'button',
      { class: 'link', attrs: { type: 'button', id: 'lang-switch' }, on: { click: o.switchLang } },
      t('switchLang'),
    ),
  );
  return h('main', { class: 'login-page' }, form);
}
