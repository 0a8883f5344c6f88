/** A modal form (native <dialog>): resolves with the form's data, or null when cancelled. */
import { h } from './dom';
import { t } from './i18n';

export function formDialog(o: {
  id: string;
  title: string;
  intro?: (Node | string)[];
  fields: HTMLElement[];
  submit: string;
}): Promise<FormData | null> {
  return new Promise((resolve) => {
    let result: FormData | null = null;
    const form = h(
      'form',
      { attrs: { method: 'dialog' } },
      h('h2', null, o.title),
      o.intro ? h('div', { class: 'dialog-intro' }, ...o.intro) : null,
      o.fields,
      h(
        'div',
        { class: 'buttons' },
        h('button', { attrs: { type: 'submit', id: `${o.id}-submit` } }, o.submit),
        h(
          'button',
          { class: 'secondary', attrs: { type: 'button', id: `${o.id}-cancel` }, on: { click: () => dialog.close() } },
          t('cancel'),
        ),
      ),
    );
    form.addEventListener('submit', (e) => {
      if (!form.reportValidity()) return e.preventDefault();
      result = new FormData(form);
    });
    const dialog = h('dialog', { attrs: { id: o.id, 'aria-label': o.title } }, form);
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(result);
    });
    document.body.append(dialog);
    dialog.showModal();
    form.querySelector<HTMLElement>('input, textarea')?.focus();
  });
}
