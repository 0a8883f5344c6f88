/**
 * A KabSpec as HTML for Chromium to print: the layouts other kabupaten use for the same LKj.
 */
import type { TableId } from '../../../src/model/contract.js';
import { fmt, pct, type BudgetRow, type Indicator, type KabSpec } from './spec.js';
import { capaianOf, flatBudget, narrativeFigures } from './truth.js';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const ROLE_ORDER: TableId[] = ['2.1', '2.2', '2.3', '2.4', '2.5'];

export function periodText(spec: KabSpec): string {
  const p = spec.meta.period;
  const roman = ['', 'I', 'II', 'III', 'IV'][p.number ?? 0];
  return p.kind === 'tahunan'
    ? `Tahun ${p.year}`
    : `${p.kind === 'tribulan' ? 'Triwulan' : 'Semester'} ${roman} Tahun ${p.year}`;
}

function captionLabel(spec: KabSpec, role: TableId): string {
  const k = ROLE_ORDER.indexOf(role) + 1;
  switch (spec.captions.scheme) {
    case 'standard':
      return `Tabel 2.${k}`;
    case 'bab3':
      return `Tabel 3.${k}`;
    case 'roman':
      return `Tabel III.${k}.`;
    case 'flat':
      return `Tabel ${k + 14}`;
    case 'caps':
      return `TABEL 2.${k}.`;
    case 'dotted':
      return `Tabel. 2.${k}`;
  }
}

/** The caption as the truth's `captions` holds it (trailing period dropped). */
export function printedCaption(spec: KabSpec, role: TableId): string {
  return captionLabel(spec, role).replace(/\.$/, '');
}

function captionTitle(spec: KabSpec, role: TableId): string {
  const y = spec.meta.period.year;
  return {
    '2.1': `Perjanjian Kinerja ${spec.meta.unit} Tahun ${y}`,
    '2.2': 'Skala Nilai Peringkat Kinerja',
    '2.3': `Capaian Kinerja ${spec.meta.unit} ${periodText(spec)}`,
    '2.4': 'Pencapaian Kinerja dan Anggaran (Cost per Outcome)',
    '2.5': `Realisasi Anggaran ${periodText(spec)}`,
  }[role];
}

function caption(spec: KabSpec, role: TableId): string {
  const label = esc(captionLabel(spec, role)),
    title = esc(captionTitle(spec, role));
  return spec.captions.oneLine
    ? `<div class="cap">${label} ${title}</div>`
    : `<div class="cap">${label}<br>${title}</div>`;
}

const over = (spec: KabSpec, key: string, text: string, kind: 'money' | 'pct' | 'number', pctSign = false): string => {
  if (!spec.print || !(key in spec.print)) return text;
  const v = spec.print[key]!;
  if (v === '') return '';
  const n = Number(v);
  const d = kind === 'money' ? (spec.moneyDecimals ?? 0) : Number.isInteger(n) ? 0 : 2;
  return fmt(n, d, spec.style, kind) + (pctSign ? '%' : '');
};

function targetText(spec: KabSpec, ind: Indicator, v: Indicator['target'] | Indicator['realisasi']): string {
  if (v === 'n/a') return ind.naText ?? 'n/a';
  const sign = ind.pct ? ' %' : '';
  if (Array.isArray(v)) return `${fmt(v[0], 0, spec.style, 'number')} - ${fmt(v[1], 0, spec.style, 'number')}${sign}`;
  return `${fmt(v, Number.isInteger(v) ? 0 : 2, spec.style, 'number')}${sign}`;
}

function capaianText(spec: KabSpec, ind: Indicator, key: string): string {
  const c = capaianOf(ind, spec);
  const text = c === null ? (ind.naText ?? 'n/a') : pct(c, spec.style) + (ind.capaianNote ? ` ${ind.capaianNote}` : '');
  return over(spec, key, text, 'pct', true);
}

const money = (spec: KabSpec, v: number) => fmt(v, spec.moneyDecimals ?? 0, spec.style, 'money');

function numberingRow(spec: KabSpec, n: number): string {
  if (!spec.columns.numbering) return '';
  const cell = (i: number) => (spec.columns.numbering === 'paren' ? `(${i})` : String(i));
  return `<tr class="num">${Array.from({ length: n }, (_, i) => `<td class="c">${cell(i + 1)}</td>`).join('')}</tr>`;
}

const V = (spec: KabSpec) => spec.headers === 'variant';

function table21(spec: KabSpec): string {
  const c = spec.columns,
    y = spec.meta.period.year;
  const heads = [
    'No',
    V(spec) ? 'Sasaran Strategis' : 'Sasaran',
    V(spec) ? 'Indikator Kinerja Utama' : 'Indikator Kinerja',
    ...(c.satuan ? [V(spec) ? 'Sat.' : 'Satuan'] : []),
    ...(c.twoYear ? [`Target ${y - 1}`] : []),
    V(spec) || c.twoYear ? `Target ${y}` : 'Target',
    ...(c.keterangan ? [V(spec) ? 'Ket.' : 'Keterangan'] : []),
  ];
  const rows = spec.indicators.map((ind, i) => {
    const no = String(i + 1);
    // last year's target printed flush right against this year's, flush left: one run of glyphs
    const last = c.twoYear
      ? `<td class="tp">${targetText(spec, { ...ind, pct: false }, ind.prev?.target ?? (typeof ind.target === 'number' ? ind.target + 10 : 'n/a'))}</td>`
      : '';
    return (
      `<tr><td class="c">${no}</td><td>${esc(ind.sasaran)}</td><td>${esc(ind.indikator)}</td>${c.satuan ? `<td class="c">${esc(ind.satuan ?? '')}</td>` : ''}` +
      `${last}<td class="${c.twoYear ? 'tc' : 'c'}">${over(spec, `2.1/${no}/target`, targetText(spec, c.twoYear ? { ...ind, pct: false } : ind, ind.target), 'number')}</td>${c.keterangan ? `<td>${esc(ind.keterangan ?? '')}</td>` : ''}</tr>`
    );
  });
  return `<table><thead><tr>${heads.map((h) => `<th>${h}</th>`).join('')}</tr>${numberingRow(spec, heads.length)}</thead><tbody>${rows.join('')}</tbody></table>`;
}

function table22(spec: KabSpec): string {
  const heads = [
    'No',
    V(spec) ? 'Nilai Capaian' : 'Interval Nilai Realisasi Kinerja',
    V(spec) ? 'Predikat' : 'Kriteria Penilaian Realisasi Kinerja',
  ];
  const rows = spec.scale.map(
    (b, i) => `<tr><td class="c">${i + 1}</td><td class="c">${esc(b.printed)}</td><td>${esc(b.kriteria)}</td></tr>`,
  );
  return `<table class="narrow"><thead><tr>${heads.map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function table23(spec: KabSpec): string {
  const c = spec.columns,
    y = spec.meta.period.year;
  const fixed = [
    'No',
    V(spec) ? 'Sasaran Strategis' : 'Sasaran Kegiatan',
    V(spec) ? 'Indikator Kinerja Utama' : 'Indikator Kinerja',
    ...(c.formula ? ['Formula'] : []),
    ...(c.satuan ? ['Satuan'] : []),
  ];
  const tail = [...(c.sumber ? ['Sumber Data'] : []), ...(c.keterangan ? [V(spec) ? 'Ket.' : 'Keterangan'] : [])];
  const trio =
    spec.trio ??
    (V(spec)
      ? [
          'Target',
          spec.meta.period.kind === 'tahunan'
            ? 'Realisasi'
            : `Realisasi s.d. Triwulan ${['', 'I', 'II', 'III', 'IV'][spec.meta.period.number ?? 4]}`,
          '% Capaian',
        ]
      : ['Target', 'Realisasi', 'Capaian (%)']);
  let head: string;
  let n: number;
  if (c.twoYear === 'byMeasure') {
    head = `<tr>${[...fixed, ...trio.flatMap((h) => [`${h} ${y - 1}`, `${h} ${y}`]), ...tail].map((h) => `<th>${h}</th>`).join('')}</tr>`;
    n = fixed.length + 6 + tail.length;
  } else if (c.twoYear) {
    head =
      `<tr>${fixed.map((h) => `<th rowspan="2">${h}</th>`).join('')}<th colspan="3">Tahun ${y - 1}</th><th colspan="3">Tahun ${y}</th>${tail.map((h) => `<th rowspan="2">${h}</th>`).join('')}</tr>` +
      `<tr>${[...trio, ...trio].map((h) => `<th>${h}</th>`).join('')}</tr>`;
    n = fixed.length + 6 + tail.length;
  } else {
    head = `<tr>${[...fixed, ...trio, ...tail].map((h) => `<th>${h}</th>`).join('')}</tr>`;
    n = fixed.length + 3 + tail.length;
  }
  const rows = spec.indicators.map((ind, i) => {
    const no = String(i + 1);
    // last year's figures: as given, else last year's target met at 90 %
    const last = ind.prev ?? {
      target: typeof ind.target === 'number' ? ind.target : 100,
      realisasi: Math.round((typeof ind.realisasi === 'number' ? ind.realisasi : 80) * 0.9),
    };
    const was = [
      targetText(spec, ind, last.target),
      targetText(spec, ind, last.realisasi),
      pct((last.realisasi / last.target) * 100, spec.style),
    ].map((t) => `<td class="c">${t}</td>`);
    const now = [
      over(spec, `2.3/${no}/target`, targetText(spec, ind, ind.target), 'number'),
      over(spec, `2.3/${no}/realisasi`, targetText(spec, ind, ind.realisasi), 'number'),
      capaianText(spec, ind, `2.3/${no}/capaian`),
    ].map((t) => `<td class="c">${t}</td>`);
    const figures =
      c.twoYear === 'byMeasure' ? now.flatMap((t, k) => [was[k]!, t]) : [...(c.twoYear ? was : []), ...now];
    return (
      `<tr><td class="c">${no}</td><td>${esc(ind.sasaran)}</td><td>${esc(ind.indikator)}</td>${c.formula ? `<td>${esc(ind.formula ?? 'R/T x 100%')}</td>` : ''}${c.satuan ? `<td class="c">${esc(ind.satuan ?? '')}</td>` : ''}` +
      figures.join('') +
      `${c.sumber ? `<td>${esc(ind.sumber ?? '')}</td>` : ''}${c.keterangan ? `<td>${esc(ind.keterangan ?? '')}</td>` : ''}</tr>`
    );
  });
  return `<table><thead>${head}${numberingRow(spec, n)}</thead><tbody>${rows.join('')}</tbody></table>`;
}

function table24(spec: KabSpec): string {
  const head =
    '<tr><th rowspan="2">No</th><th rowspan="2">Sasaran / Kegiatan</th><th rowspan="2">Indikator Kinerja</th><th colspan="3">Anggaran</th><th colspan="3">Kinerja</th></tr>' +
    '<tr><th>Pagu</th><th>Realisasi</th><th>Capaian (%)</th><th>T</th><th>R</th><th>Capaian (%)</th></tr>';
  const rows = spec.indicators.map((ind, i) => {
    const no = String(i + 1);
    const ca = (ind.realisasiAnggaran / ind.pagu) * 100;
    return (
      `<tr><td class="c">${no}</td><td>${esc(ind.sasaran)}</td><td>${esc(ind.indikator)}</td>` +
      `<td class="r">${over(spec, `2.4/${no}/pagu`, money(spec, ind.pagu), 'money')}</td><td class="r">${over(spec, `2.4/${no}/realisasiAnggaran`, money(spec, ind.realisasiAnggaran), 'money')}</td>` +
      `<td class="c">${over(spec, `2.4/${no}/capaianAnggaran`, pct(ca, spec.style), 'pct', true)}</td>` +
      `<td class="c">${over(spec, `2.4/${no}/target`, targetText(spec, ind, ind.target), 'number')}</td><td class="c">${over(spec, `2.4/${no}/realisasi`, targetText(spec, ind, ind.realisasi), 'number')}</td>` +
      `<td class="c">${capaianText(spec, ind, `2.4/${no}/capaian`)}</td></tr>`
    );
  });
  return `<table><thead>${head}</thead><tbody>${rows.join('')}</tbody></table>`;
}

function table25(spec: KabSpec): string {
  const heads = V(spec)
    ? ['Kode', 'Program / Kegiatan / Sub Kegiatan', 'Anggaran (Rp)', 'Realisasi Keuangan (Rp)', '%']
    : ['No', 'Program / Kegiatan', 'Pagu Anggaran (Rp)', 'Realisasi (Rp)', 'Capaian (%)'];
  const rows = flatBudget(spec).map((r) => {
    const amount = (v: number | null) => (v === null ? '' : money(spec, v));
    const bold = r.depth === 0 ? ' class="b"' : '';
    return `<tr${bold}><td>${esc(r.no)}</td><td style="padding-left:${3 + r.depth * 8}pt">${esc(r.uraian)}</td><td class="r">${amount(r.pagu)}</td><td class="r">${amount(r.realisasi)}</td><td class="c">${r.capaian === null ? '' : pct(r.capaian, spec.style)}</td></tr>`;
  });
  return `<table><thead><tr>${heads.map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

export const TABLE_HTML: Record<TableId, (s: KabSpec) => string> = {
  '2.1': table21,
  '2.2': table22,
  '2.3': table23,
  '2.4': table24,
  '2.5': table25,
};

const FILLER =
  'Pelaksanaan tugas pokok dan fungsi kecamatan diarahkan pada peningkatan kualitas pelayanan publik, pemberdayaan masyarakat desa, serta koordinasi penyelenggaraan pemerintahan di wilayah kecamatan. Kegiatan yang dilaksanakan meliputi pembinaan administrasi desa, fasilitasi musyawarah perencanaan pembangunan, dan monitoring pelaksanaan program di setiap desa. ';

/** A non-LKj table of an annual report (population per desa, staff by golongan, education). */
function otherTable(spec: KabSpec, i: number): string {
  const kinds = [
    {
      title: 'Jumlah Penduduk per Desa',
      heads: ['No', 'Desa', 'Laki-laki', 'Perempuan', 'Jumlah'],
      row: (k: number) => [
        `Desa ${['Sumberejo', 'Tegalrejo', 'Kaliwungu', 'Sidomulyo', 'Karanganyar', 'Jatisari'][k % 6]}`,
        1200 + k * 37,
        1180 + k * 41,
        2380 + k * 78,
      ],
    },
    {
      title: 'Jumlah Pegawai Menurut Golongan',
      heads: ['No', 'Golongan', 'Laki-laki', 'Perempuan', 'Jumlah'],
      row: (k: number) => [`Golongan ${['I', 'II', 'III', 'IV'][k % 4]}`, 3 + k, 2 + k, 5 + 2 * k],
    },
    {
      title: 'Sarana Pendidikan',
      heads: ['No', 'Jenjang', 'Negeri', 'Swasta', 'Jumlah'],
      row: (k: number) => [['TK', 'SD', 'SMP', 'SMA'][k % 4]!, 4 + k, 2 + k, 6 + 2 * k],
    },
    // a Renstra table has a Perjanjian Kinerja's header: its caption says it is another thing
    {
      title: 'Target Kinerja Renstra Kecamatan 2019-2023',
      heads: ['No', 'Sasaran', 'Indikator Kinerja', 'Target 2022', 'Target 2023'],
      row: (k: number) => [`Sasaran renstra ${k + 1}`, `Indikator renstra ${k + 1}`, 80 + k, 85 + k],
    },
    {
      title: 'Realisasi Kegiatan Bulanan',
      heads: ['No', 'Bulan', 'Jumlah Kegiatan', 'Peserta'],
      row: (k: number) => [['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni'][k]!, 3 + k, 40 + 5 * k],
    },
  ];
  const k = kinds[i % kinds.length]!;
  const rows = Array.from(
    { length: 6 },
    (_, r) =>
      `<tr><td class="c">${r + 1}</td>${k
        .row(r)
        .map(
          (v) =>
            `<td class="${typeof v === 'number' ? 'r' : ''}">${typeof v === 'number' ? v.toLocaleString('id-ID') : v}</td>`,
        )
        .join('')}</tr>`,
  );
  const label = spec.document?.sameNumbers
    ? captionLabel(spec, ROLE_ORDER[i % ROLE_ORDER.length]!)
    : `Tabel 1.${i + 1}`;
  return `<div class="cap">${esc(label)}<br>${k.title}</div><table class="narrow"><thead><tr>${k.heads.map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

export interface RenderOptions {
  /** data URLs of table pictures, for roles printed as images */
  images?: Partial<Record<TableId, string>>;
}

export function css(spec: KabSpec): string {
  const rule =
    spec.ruling === 'grid'
      ? 'td, th { border: 1px solid #000; }'
      : spec.ruling === 'rows'
        ? 'table { border-top: 1px solid #000; } td, th { border-bottom: 1px solid #000; }'
        : 'table { border-top: 1.2px solid #000; border-bottom: 1.2px solid #000; } thead tr:last-child th, thead tr.num td { border-bottom: 0.8px solid #000; }';
  return `@page { size: A4; margin: 22mm 20mm 20mm 25mm; }
@page wide { size: A4 landscape; margin: 18mm 18mm 18mm 18mm; }
.wide { page: wide; }
body { font-family: 'DejaVu Sans'; font-size: 10pt; line-height: 1.35; }
p { text-align: justify; margin: 0 0 6pt; }
h1 { text-align: center; font-size: 1.15em; } h2 { text-align: center; font-size: 1.05em; margin-top: 14pt; }
.ls { letter-spacing: 4pt; }
.cap { text-align: center; font-weight: bold; margin: 8pt 0 3pt; }
table { border-collapse: collapse; width: 100%; font-size: 0.8em; margin-bottom: 8pt; }
table.narrow { width: 70%; margin-left: 15%; }
td, th { padding: 1.5pt 3pt; vertical-align: top; }
${rule}
.c { text-align: center; } .r { text-align: right; } tr.b td { font-weight: bold; }
td.tp { text-align: right; padding-right: 0; } td.tc { text-align: left; padding-left: 0; }
.sig { margin: 20pt 0 0 50%; text-align: center; page-break-inside: avoid; } .sig b { display: block; margin-top: 46pt; text-decoration: underline; }
.cover { text-align: center; padding-top: 60mm; page-break-after: always; }
.break { page-break-before: always; }`;
}

export function renderHtml(spec: KabSpec, opts: RenderOptions = {}): string {
  const m = spec.meta,
    P = (s: string) => `<p>${esc(s)}</p>`;
  const per = periodText(spec);
  const fig = narrativeFigures(spec);
  const n = spec.narrative ?? {};
  const capaian = n.capaian ?? fig.capaian,
    serapan = n.serapan ?? fig.serapan,
    kategori = n.kategori ?? fig.kategori;
  const roles = spec.roles ?? ROLE_ORDER;
  const title = (t: string) => (spec.document?.letterSpaced ? `<span class="ls">${esc(t)}</span>` : esc(t));
  const tableBlock = (role: TableId) => {
    const inner = opts.images?.[role] ? `<img src="${opts.images[role]}" style="width:100%">` : TABLE_HTML[role](spec);
    const cap = caption(spec, role);
    const block = spec.captions.placement === 'above' ? `${cap}${inner}` : `${inner}${cap}`;
    return spec.document?.landscape?.includes(role) ? `<section class="wide">${block}</section>` : block;
  };
  const filler: string[] = [];
  for (let i = 0; i < (spec.document?.fillerPages ?? 0); i++) {
    filler.push(
      `<h2 class="break">${i === 0 ? 'BAB I<br>PENDAHULUAN' : `${String.fromCharCode(65 + (i % 20))}. Gambaran Umum Bagian ${i}`}</h2>`,
    );
    filler.push(P(FILLER.repeat(7)));
    if (i < (spec.document?.otherTables ?? 0)) filler.push(otherTable(spec, i));
    filler.push(P(FILLER.repeat(3)));
  }
  const chapter =
    spec.captions.scheme === 'bab3' || spec.captions.scheme === 'roman'
      ? 'BAB III<br>AKUNTABILITAS KINERJA'
      : 'BAB II<br>AKUNTABILITAS KINERJA';
  const negative = spec.indicators.some((i) => i.negative);
  return `<!doctype html><html><head><meta charset="utf-8"><style>${css(spec)}</style></head><body>
<div class="cover"><h1>${title('LAPORAN KINERJA')}<br>${esc(m.unit.toUpperCase())}<br>${esc(per.toUpperCase())}</h1><br><br><br>
<h1>PEMERINTAH KABUPATEN ${esc(m.kabupaten.toUpperCase())}<br>KECAMATAN ${esc(m.kecamatan.toUpperCase())}</h1></div>
<h2>${title('KATA PENGANTAR')}</h2>
${P(`Puji syukur kami panjatkan kehadirat Tuhan Yang Maha Esa atas tersusunnya Laporan Kinerja (LKj) ${m.unit} Kecamatan ${m.kecamatan} Kabupaten ${m.kabupaten} ${per}. Laporan ini disusun sebagai bentuk pertanggungjawaban kinerja.`)}
${filler.join('\n')}
<h2 class="break">${chapter}</h2>
${P(`Pengukuran kinerja ${m.unit} dilakukan dengan membandingkan target dan realisasi setiap indikator kinerja.`)}
${spec.method?.cap !== undefined ? P(`Capaian kinerja setiap indikator dibatasi paling tinggi ${spec.method.cap}%.`) : ''}
${negative ? P('Indikator yang makin kecil makin baik dihitung dengan rumus (2 × Target − Realisasi) / Target × 100%.') : ''}
${roles
  .filter((r) => r !== '2.5')
  .map((r) => tableBlock(r))
  .join('\n')}
${P(`Berdasarkan tabel di atas maka capaian kinerja ${m.unit} pada ${per} sebesar ${pct(capaian, spec.style)} dan masuk dalam kategori “${kategori}”.`)}
${(n.extra ?? []).map(P).join('\n')}
${roles.includes('2.5') ? tableBlock('2.5') : ''}
${P(`Adapun capaian serapan anggaran ${m.unit} pada ${per} sebesar ${pct(serapan, spec.style)}.`)}
<h2>BAB ${chapter.startsWith('BAB III') ? 'IV' : 'III'}<br>PENUTUP</h2>
${P(`Demikian Laporan Kinerja (LKj) ${m.unit} Kecamatan ${m.kecamatan} Kabupaten ${m.kabupaten} ${per} ini disusun.`)}
<div class="sig">${esc(m.kecamatan)}, ${esc(dateText(m.signedAt))}<br>${esc(m.signatories[0]!.title)}<b>${esc(m.signatories[0]!.name)}</b>NIP. ${esc(m.signatories[0]!.nip)}</div>
</body></html>`;
}

const MONTHS = [
  'Januari',
  'Februari',
  'Maret',
  'April',
  'Mei',
  'Juni',
  'Juli',
  'Agustus',
  'September',
  'Oktober',
  'November',
  'Desember',
];
export function dateText(iso: string): string {
  const [y, mo, d] = iso.split('-').map(Number);
  return `${d} ${MONTHS[mo! - 1]} ${y}`;
}

export type { BudgetRow };
