/**
 * A report page as the server renders it, with boxes drawn over it. Boxes are in PDF points from
 * the page's top-left corner; the image is rendered at DPI dots per inch (pixel = point × DPI / 72),
 * so each box becomes percentages of the image once its size is known, and follows any zoom.
 */
import { h, replace } from '../dom';
import { t } from '../i18n';

const DPI = 100;

export interface PageBox {
  bbox: readonly number[];
  kind: 'finding' | 'selected' | 'cell';
  label?: string;
}

export interface PageView {
  el: HTMLElement;
  show(page: number, boxes: PageBox[]): void;
  page(): number;
}

export function pageView(pageUrl: string | null, pages: number, onPage?: (n: number) => void): PageView {
  let current = 1;
  let boxes: PageBox[] = [];
  const img = h('img', { class: 'page-image', attrs: { id: 'page-image', alt: '' } });
  const overlay = h('div', { class: 'page-overlay', attrs: { 'aria-hidden': 'true' } });
  // the overlay spans the image, not the scrolling frame, so percentages are of the page
  const frame = h('div', { class: 'page-frame' }, h('div', { class: 'page-sheet' }, img, overlay));
  const label = h('span', { class: 'page-label', attrs: { id: 'page-label' } });
  const prev = h(
    'button',
    {
      class: 'secondary',
      attrs: { type: 'button', 'aria-label': t('prevPage') },
      on: { click: () => go(current - 1) },
    },
    '‹',
  );
  const next = h(
    'button',
    {
      class: 'secondary',
      attrs: { type: 'button', 'aria-label': t('nextPage') },
      on: { click: () => go(current + 1) },
    },
    '›',
  );

  const draw = () => {
    if (!img.naturalWidth) return;
    // page size in points, from the image the server rendered
    const w = (img.naturalWidth * 72) / DPI,
      hgt = (img.naturalHeight * 72) / DPI;
    replace(
      overlay,
      boxes.map((b) => {
        const [x0 = 0, y0 = 0, x1 = 0, y1 = 0] = b.bbox;
        const el = h('div', { class: ['page-box', `box-${b.kind}`], attrs: { title: b.label ?? null } });
        // CSSOM, not a style attribute: allowed under style-src 'self'
        el.style.left = `${(x0 / w) * 100}%`;
        el.style.top = `${(y0 / hgt) * 100}%`;
        el.style.width = `${((x1 - x0) / w) * 100}%`;
        el.style.height = `${((y1 - y0) / hgt) * 100}%`;
        return el;
      }),
    );
    // bring the box into the frame's view without scrolling the whole window
    const focus = overlay.querySelector<HTMLElement>('.box-selected, .box-cell');
    if (focus) frame.scrollTop = Math.max(0, focus.offsetTop - frame.clientHeight / 3);
  };
  img.addEventListener('load', draw);

  const go = (n: number) => {
    if (n < 1 || n > pages) return;
    show(n, n === current ? boxes : []);
    onPage?.(n);
  };

  const show = (n: number, b: PageBox[]) => {
    boxes = b;
    label.textContent = `${t('page')} ${n} / ${pages}`;
    prev.disabled = n <= 1;
    next.disabled = n >= pages;
    if (!pageUrl) return;
    const src = `${pageUrl.replace('{n}', String(n))}?dpi=${DPI}`;
    if (n !== current || !img.getAttribute('src')) {
      current = n;
      replace(overlay);
      img.alt = `${t('page')} ${n}`;
      img.src = src;
    } else draw();
  };

  const el = h('div', { class: 'page-view' }, h('div', { class: 'page-nav' }, prev, label, next), frame);
  return { el, show, page: () => current };
}
