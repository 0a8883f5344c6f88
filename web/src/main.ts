/**
 * The review app: one page, routed in the browser (the server answers index.html for any path
 * without an extension). Views: login, queue (and all documents), a report, upload, dashboard,
 * accounts (admins).
 */
import { api, ApiError, setCsrf, whenUnauthenticated } from './api';
import { $, h, replace } from './dom';
import { currentLang, setLang, t } from './i18n';
import { setShortcuts } from './shortcuts';
import type { SessionInfo } from './types';
import { adminView } from './views/admin';
import { dashboardView } from './views/dashboard';
import { loginView } from './views/login';
import { queueView } from './views/queue';
import { reportView } from './views/report';
import { uploadView } from './views/upload';

export interface AppContext {
  session: SessionInfo;
  /** go to an app path (pushes history) */
  go(path: string): void;
  /** render the current path again (after a language switch, an action) */
  refresh(): void;
  /** a short message at the top of the page */
  notify(text: string, kind?: 'ok' | 'error'): void;
  canReview: boolean;
  /** false once the reader navigated elsewhere: a slow view stops drawing */
  current(): boolean;
}

const root = $('#app')!;
let session: SessionInfo | null = null;
/** bumps on every navigation, so a slow view that finishes late does not draw over the next one */
let renderSeq = 0;

function go(path: string): void {
  if (path !== location.pathname + location.search) history.pushState(null, '', path);
  void render();
}

function notify(text: string, kind: 'ok' | 'error' = 'ok'): void {
  const box = $('#notice');
  if (!box) return;
  replace(box, h('p', { class: ['notice', kind], attrs: { role: kind === 'error' ? 'alert' : 'status' } }, text));
}

function header(s: SessionInfo): HTMLElement {
  const link = (path: string, label: string, id: string) =>
    h(
      'a',
      { attrs: { href: path, 'data-link': '', id, 'aria-current': location.pathname === path ? 'page' : null } },
      label,
    );
  return h(
    'header',
    { class: 'top' },
    h('a', { class: 'brand', attrs: { href: '/', 'data-link': '' } }, 'lkj'),
    h('span', { class: 'app-title' }, t('appTitle')),
    h(
      'nav',
      null,
      link('/', t('navQueue'), 'nav-queue'),
      link('/upload', t('navUpload'), 'nav-upload'),
      link('/dashboard', t('navDashboard'), 'nav-dashboard'),
      s.user.role === 'admin' ? link('/admin', t('navAdmin'), 'nav-admin') : null,
    ),
    h('span', { class: 'who' }, `${s.user.username} (${t(`role_${s.user.role}`)})`),
    h(
      'button',
      {
        class: 'link',
        attrs: { type: 'button', id: 'lang-switch', lang: currentLang() === 'id' ? 'en' : 'id' },
        on: {
          click: () => {
            setLang(currentLang() === 'id' ? 'en' : 'id');
            void render();
          },
        },
      },
      t('switchLang'),
    ),
    h(
      'button',
      {
        class: 'link',
        attrs: { type: 'button', id: 'logout' },
        on: {
          click: async () => {
            await api.logout().catch(() => {});
            session = null;
            setCsrf(null);
            go('/login');
          },
        },
      },
      t('logout'),
    ),
  );
}

async function render(): Promise<void> {
  const seq = ++renderSeq;
  setShortcuts([]);
  document.documentElement.lang = currentLang();
  const path = location.pathname;
  if (!session && path !== '/login') {
    try {
      session = await api.session();
      setCsrf(session.csrfToken);
    } catch {
      session = null;
    }
    if (seq !== renderSeq) return;
  }
  if (!session || path === '/login') {
    if (session && path === '/login') return go('/');
    document.title = `lkj — ${t('loginTitle')}`;
    replace(
      root,
      loginView({
        onLogin: (s) => {
          session = s;
          setCsrf(s.csrfToken);
          const next = new URLSearchParams(location.search).get('next');
          go(next?.startsWith('/') && !next.startsWith('//') ? next : '/');
        },
        switchLang: () => {
          setLang(currentLang() === 'id' ? 'en' : 'id');
          void render();
        },
      }),
    );
    return;
  }
  const main = h('main', { attrs: { id: 'main' } });
  replace(root, header(session), h('div', { attrs: { id: 'notice' } }), main);
  const ctx: AppContext = {
    session,
    go,
    notify,
    refresh: () => void render(),
    canReview: session.user.role !== 'viewer',
    current: () => seq === renderSeq,
  };
  const doc = /^\/documents\/(\d+)$/.exec(path);
  try {
    if (doc) await reportView(main, ctx, Number(doc[1]));
    else if (path === '/upload') await uploadView(main, ctx);
    else if (path === '/dashboard') await dashboardView(main, ctx);
    else if (path === '/admin') await adminView(main, ctx);
    else await queueView(main, ctx);
  } catch (e) {
    if (seq !== renderSeq) return;
    if (e instanceof ApiError && e.status === 401) return;
    replace(
      main,
      h('p', { class: 'notice error', attrs: { role: 'alert' } }, `${t('error')}: ${(e as Error).message}`),
      h('button', { attrs: { type: 'button' }, on: { click: () => void render() } }, t('retry')),
    );
  }
}

whenUnauthenticated(() => {
  if (location.pathname === '/login') return;
  session = null;
  setCsrf(null);
  history.pushState(null, '', `/login?next=${encodeURIComponent(location.pathname + location.search)}`);
  void render();
});

// in-app links: no page reload, the view renders in place
document.addEventListener('click', (e) => {
  const a = (e.target as Element | null)?.closest?.('a[data-link]');
  if (!a || e.defaultPrevented || e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey) return;
  e.preventDefault();
  go(a.getAttribute('href') ?? '/');
});
window.addEventListener('popstate', () => void render());

void render();
