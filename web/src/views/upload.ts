/**
 * Upload: several files, each sent on its own request so each gets its own progress bar, then
 * its document's status polled until it is read (clean, flagged) or failed.
 */
import { api, type ApiError, uploadFile } from '../api';
import { h, replace } from '../dom';
import { t, type Key } from '../i18n';
import type { AppContext } from '../main';

const POLL_MS = 2000;
const DONE = new Set(['clean', 'flagged', 'failed']);

export async function uploadView(main: HTMLElement, ctx: AppContext): Promise<void> {
  document.title = `lkj — ${t('uploadTitle')}`;
  const input = h('input', {
    attrs: {
      type: 'file',
      id: 'upload-files',
      name: 'files',
      multiple: true,
      accept: '.pdf,.jpg,.jpeg,.png,.tif,.tiff,application/pdf,image/*',
    },
  });
  const list = h('ul', { class: 'uploads', attrs: { id: 'upload-list' } });
  const button = h('button', { attrs: { type: 'submit', id: 'upload-submit' } }, t('upload'));
  // optional: a kabupaten template's profile (JSON) for every file of this batch
  const profileInput = h('input', {
    attrs: { type: 'file', id: 'upload-profile', name: 'profile', accept: '.json,application/json' },
  });

  const poll = async (id: number, status: HTMLElement, link: HTMLAnchorElement) => {
    while (ctx.current()) {
      const d = await api.document(id).catch(() => null);
      if (d) {
        status.textContent = t(`st_${d.document.status}` as Key);
        status.className = `badge st-${d.document.status}`;
        if (DONE.has(d.document.status)) {
          link.hidden = false;
          return;
        }
      }
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  };

  const send = async (file: File, profile?: string) => {
    const bar = h('progress', { attrs: { max: 100, value: 0 } });
    const status = h('span', { class: 'badge' }, t('uploading'));
    const link = h('a', { attrs: { hidden: true, 'data-link': '' } }, t('open'));
    const item = h(
      'li',
      { class: 'upload', dataset: { file: file.name } },
      h('span', { class: 'upload-name' }, file.name),
      bar,
      status,
      link,
      h('span', { class: 'upload-error muted small' }),
    );
    list.append(item);
    try {
      const r = await uploadFile(
        file,
        (f) => {
          bar.value = Math.round(f * 100);
        },
        profile,
      );
      bar.value = 100;
      if (r.error || r.id === null) {
        status.textContent = t('rejected');
        status.className = 'badge st-failed';
        item.querySelector('.upload-error')!.textContent = r.error?.message ?? '';
        return;
      }
      link.setAttribute('href', `/documents/${r.id}`);
      if (r.duplicate) {
        // already stored: say so and lead to the report there is, nothing to wait for
        status.textContent = t('duplicate');
        status.className = 'badge st-duplicate';
        item.dataset.duplicate = 'true';
        link.textContent = t('duplicateOpen');
        link.hidden = false;
        item.querySelector('.upload-error')!.textContent = t('alreadyStored');
        return;
      }
      status.textContent = t(`st_${r.status}` as Key);
      void poll(r.id, status, link); // the next file uploads meanwhile
    } catch (e) {
      status.textContent = t('rejected');
      status.className = 'badge st-failed';
      item.querySelector('.upload-error')!.textContent = (e as ApiError).message;
    }
  };

  const form = h(
    'form',
    {
      class: 'upload-form',
      on: {
        submit: (e) => {
          e.preventDefault();
          const files = [...(input.files ?? [])];
          const profileFile = profileInput.files?.[0];
          input.value = '';
          // one after another: the server checks each file fully, and two cores are shared with processing
          void (profileFile ? profileFile.text() : Promise.resolve(undefined)).then((profile) =>
            files.reduce((p, f) => p.then(() => send(f, profile)), Promise.resolve()),
          );
        },
      },
    },
    h('label', { attrs: { for: 'upload-files' } }, t('chooseFiles')),
    input,
    h('label', { attrs: { for: 'upload-profile' } }, t('chooseProfile')),
    profileInput,
    button,
  );

  replace(
    main,
    h('h1', null, t('uploadTitle')),
    h('p', { class: 'muted' }, t('uploadHelp')),
    ctx.canReview ? form : h('p', { class: 'notice' }, t('readOnly')),
    list,
  );
}
