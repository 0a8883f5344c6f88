/**
 * Keyboard shortcuts for the common review path. Each view declares its own; they never fire
 * while the reader types in a field or a dialog is open, nor with Ctrl/Alt/Meta held.
 */
import { h } from './dom';

export interface Shortcut {
  key: string;
  label: string;
  run: () => void;
}

let active: Shortcut[] = [];

export function setShortcuts(list: Shortcut[]): void {
  active = list;
}

document.addEventListener('keydown', (e) => {
  if (e.ctrlKey || e.altKey || e.metaKey || e.defaultPrevented) return;
  const target = e.target as HTMLElement | null;
  if (
    target?.closest('input, textarea, select, [contenteditable], dialog[open]') ||
    document.querySelector('dialog[open]')
  )
    return;
  const hit = active.find((s) => s.key === e.key);
  if (!hit) return;
  e.preventDefault();
  hit.run();
});

/** The shortcuts shown where they apply, so nobody has to guess them. */
export function shortcutLegend(list: Shortcut[], title: string): HTMLElement {
  return h(
    'aside',
    { class: 'shortcuts', attrs: { 'aria-label': title } },
    h('span', { class: 'shortcuts-title' }, `${title}:`),
    list.map((s) => h('span', { class: 'shortcut' }, h('kbd', null, s.key === 'Enter' ? '↵' : s.key), ' ', s.label)),
  );
}

/** `Konfirmasi (c)`: the key shown where there is a keyboard (app.css hides it on touch screens) */
export const keyed = (label: string, key: string): (string | HTMLElement)[] => [
  label,
  h('span', { class: 'key-hint' }, ` (${key})`),
];
