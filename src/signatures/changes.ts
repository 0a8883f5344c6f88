/**
 * What changed between a signed revision and the document as it is now: pages whose content
 * differs, annotations and form fields added, removed or modified, catalog entries. What signing
 * itself adds — later signature fields and their widgets, a document timestamp, validation data
 * (/DSS), metadata — is listed as `allowed`.
 */
import { createHash } from 'node:crypto';
import {
  PDFArray,
  PDFDict,
  type PDFDocument,
  PDFName,
  PDFRef,
  PDFStream,
  type PDFContext,
  type PDFObject,
} from 'pdf-lib';
import type { SignatureChange } from '../model/contract.js';
import { nameOf, text } from './pdf-fields.js';

/** Keys that point back up the tree (fingerprinting them would walk the whole document). */
const BACK_LINKS = new Set(['P', 'Parent', 'Prev']);
/** AcroForm entries a signature legitimately updates. */
const FORM_SIGNING = new Set(['Fields', 'SigFlags', 'DR', 'DA']);
/** Beyond this many objects a fingerprint stops descending (a pathological file stays bounded). */
const MAX_NODES = 200_000;

class Fingerprints {
  private readonly memo = new Map<string, string>();
  private nodes = 0;
  constructor(private readonly ctx: PDFContext) {}

  of(o: PDFObject | undefined, depth = 0): string {
    if (o === undefined) return '-';
    if (++this.nodes > MAX_NODES || depth > 64) return '…';
    if (o instanceof PDFRef) {
      const key = o.toString();
      const hit = this.memo.get(key);
      if (hit !== undefined) return hit;
      this.memo.set(key, `@${key}`); // a cycle through other keys reads as the reference itself
      const fp = hash(this.of(this.ctx.lookup(o), depth + 1));
      this.memo.set(key, fp);
      return fp;
    }
    if (o instanceof PDFStream) return `stream(${this.dict(o.dict, depth)}|${hash(o.getContents())})`;
    if (o instanceof PDFDict) return this.dict(o, depth);
    if (o instanceof PDFArray)
      return `[${o
        .asArray()
        .map((v) => this.of(v, depth + 1))
        .join(' ')}]`;
    return o.toString();
  }

  dict(d: PDFDict, depth: number, skip: ReadonlySet<string> = BACK_LINKS): string {
    const entries = d
      .entries()
      .map(([k, v]) => [k.decodeText(), v] as const)
      .filter(([k]) => !skip.has(k))
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `<<${entries.map(([k, v]) => `/${k} ${this.of(v, depth + 1)}`).join(' ')}>>`;
  }
}

const hash = (s: string | Uint8Array) => createHash('sha1').update(s).digest('base64');

interface Field {
  name: string;
  ft: string | null;
  value: string;
  rest: string;
  signed: boolean;
}
interface Annot {
  page: number;
  subtype: string;
  fp: string;
  sigWidget: boolean;
}

/** The differences between `signed` (the revision a signature covers) and `now` (the whole file). */
export function revisionChanges(signed: PDFDocument, now: PDFDocument): SignatureChange[] {
  const out: SignatureChange[] = [];
  const add = (c: Omit<SignatureChange, 'page' | 'name'> & Partial<Pick<SignatureChange, 'page' | 'name'>>) =>
    out.push({ page: null, name: null, ...c });
  const a = new Fingerprints(signed.context),
    b = new Fingerprints(now.context);

  // pages: count, then each page's content, resources and boxes
  const pa = signed.getPages(),
    pb = now.getPages();
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    if (i >= pa.length) {
      add({ kind: 'page', change: 'added', page: i + 1, allowed: false });
      continue;
    }
    if (i >= pb.length) {
      add({ kind: 'page', change: 'removed', page: i + 1, allowed: false });
      continue;
    }
    if (pageFingerprint(a, pa[i]!.node) !== pageFingerprint(b, pb[i]!.node))
      add({ kind: 'page', change: 'modified', page: i + 1, allowed: false });
  }

  // annotations other than form widgets (those are compared as fields)
  const annA = annotations(signed, a),
    annB = annotations(now, b);
  for (const [key, x] of annB) {
    const y = annA.get(key);
    if (!y)
      add({
        kind: x.sigWidget ? 'signature' : 'annotation',
        change: 'added',
        page: x.page,
        name: x.subtype,
        allowed: x.sigWidget,
      });
    else if (y.fp !== x.fp && !x.sigWidget)
      add({ kind: 'annotation', change: 'modified', page: x.page, name: x.subtype, allowed: false });
  }
  for (const [key, y] of annA)
    if (!annB.has(key))
      add({
        kind: y.sigWidget ? 'signature' : 'annotation',
        change: 'removed',
        page: y.page,
        name: y.subtype,
        allowed: false,
      });

  // form fields: a new signature field, or an empty one signed, is what signing does
  const fa = fields(signed, a),
    fb = fields(now, b);
  for (const [name, x] of fb) {
    const y = fa.get(name);
    const sig = x.ft === 'Sig';
    if (!y) add({ kind: sig ? 'signature' : 'form-field', change: 'added', name, allowed: sig });
    else if (y.value !== x.value || y.rest !== x.rest) {
      add({
        kind: sig ? 'signature' : 'form-field',
        change: 'modified',
        name,
        allowed: sig && !y.signed && y.rest === x.rest,
      });
    }
  }
  for (const name of fa.keys())
    if (!fb.has(name))
      add({ kind: fa.get(name)!.ft === 'Sig' ? 'signature' : 'form-field', change: 'removed', name, allowed: false });
  const formA = form(signed),
    formB = form(now);
  const formSkip = new Set([...BACK_LINKS, ...FORM_SIGNING]);
  if ((formA ? a.dict(formA, 0, formSkip) : '') !== (formB ? b.dict(formB, 0, formSkip) : '') && formA && formB) {
    add({ kind: 'form-field', change: 'modified', name: 'AcroForm', allowed: false });
  }

  // the catalog's other entries (open actions, names, outlines…); validation data and metadata are allowed
  const ca = signed.catalog,
    cb = now.catalog;
  const keys = new Set([...ca.keys(), ...cb.keys()].map((k) => k.decodeText()));
  for (const k of keys) {
    if (k === 'Pages' || k === 'AcroForm' || k === 'Type') continue;
    const x = ca.get(PDFName.of(k)),
      y = cb.get(PDFName.of(k));
    if (a.of(x) === b.of(y)) continue;
    const change = x === undefined ? 'added' : y === undefined ? 'removed' : 'modified';
    if (k === 'DSS') add({ kind: 'signature', change, name: 'DSS', allowed: true });
    else if (k === 'Metadata' || k === 'Extensions') add({ kind: 'metadata', change, name: k, allowed: true });
    else add({ kind: 'document', change, name: k, allowed: false });
  }
  const infoA = signed.context.trailerInfo.Info,
    infoB = now.context.trailerInfo.Info;
  if (a.of(infoA) !== b.of(infoB))
    add({ kind: 'metadata', change: infoA ? (infoB ? 'modified' : 'removed') : 'added', name: 'Info', allowed: true });
  return out;
}

function pageFingerprint(
  f: Fingerprints,
  node: PDFDict & { getInheritableAttribute?(n: PDFName): PDFObject | undefined },
): string {
  const inherit = (k: string) => node.getInheritableAttribute?.(PDFName.of(k)) ?? node.get(PDFName.of(k));
  return [
    f.of(node.get(PDFName.of('Contents'))),
    f.of(inherit('Resources')),
    f.of(inherit('MediaBox')),
    f.of(inherit('CropBox')),
    f.of(inherit('Rotate')),
  ].join('|');
}

function annotations(doc: PDFDocument, f: Fingerprints): Map<string, Annot> {
  const out = new Map<string, Annot>();
  doc.getPages().forEach((p, i) => {
    const annots = p.node.lookup(PDFName.of('Annots'));
    if (!(annots instanceof PDFArray)) return;
    annots.asArray().forEach((ref, j) => {
      const d = doc.context.lookup(ref);
      if (!(d instanceof PDFDict)) return;
      const subtype = nameOf(d.lookup(PDFName.of('Subtype'))) ?? 'Annot';
      const sigWidget = subtype === 'Widget' && fieldType(d) === 'Sig';
      if (subtype === 'Widget' && !sigWidget) return;
      out.set(ref instanceof PDFRef ? ref.toString() : `${i}/${j}`, { page: i + 1, subtype, fp: f.of(ref), sigWidget });
    });
  });
  return out;
}

function fieldType(d: PDFDict): string | null {
  for (let cur: PDFDict | undefined = d, n = 0; cur && n < 32; n++) {
    const ft = nameOf(cur.lookup(PDFName.of('FT')));
    if (ft) return ft;
    const parent: PDFObject | undefined = cur.lookup(PDFName.of('Parent'));
    cur = parent instanceof PDFDict ? parent : undefined;
  }
  return null;
}

function form(doc: PDFDocument): PDFDict | undefined {
  const f = doc.catalog.lookup(PDFName.of('AcroForm'));
  return f instanceof PDFDict ? f : undefined;
}

/** Terminal form fields by full name: their value and the rest of their dictionary. */
function fields(doc: PDFDocument, f: Fingerprints): Map<string, Field> {
  const out = new Map<string, Field>();
  const ctx = doc.context;
  const skip = new Set([...BACK_LINKS, 'Kids', 'V', 'AP', 'AS']);
  const visit = (ref: PDFObject | undefined, parent: string, ft: string | null, depth: number) => {
    const d = ctx.lookup(ref);
    if (!(d instanceof PDFDict) || depth > 32) return;
    const t = text(d.lookup(PDFName.of('T')));
    const name = t === null ? parent : parent ? `${parent}.${t}` : t;
    const type = nameOf(d.lookup(PDFName.of('FT'))) ?? ft;
    const kids = d.lookup(PDFName.of('Kids'));
    const named =
      kids instanceof PDFArray
        ? kids.asArray().filter((k) => {
            const kd = ctx.lookup(k);
            return kd instanceof PDFDict && kd.get(PDFName.of('T'));
          })
        : [];
    if (named.length) {
      for (const k of named) visit(k, name, type, depth + 1);
      return;
    }
    const v = d.get(PDFName.of('V'));
    out.set(name || `(unnamed ${out.size + 1})`, {
      name,
      ft: type,
      value: f.of(v),
      rest: f.dict(d, 0, skip),
      signed: v !== undefined,
    });
  };
  const list = form(doc)?.lookup(PDFName.of('Fields'));
  if (list instanceof PDFArray) for (const r of list.asArray()) visit(r, '', null, 0);
  return out;
}
