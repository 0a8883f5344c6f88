/**
 * The app's words: Bahasa Indonesia by default (the inspectors' language), English on request.
 * The choice is kept in localStorage. Findings' own messages come from the server in the
 * language the report was verified in; the rule explanations here follow the switch.
 */
export type Lang = 'id' | 'en';

const STORE_KEY = 'lkj.lang';

export const id = {
  appTitle: 'Reviu Laporan Kinerja',
  navQueue: 'Antrean', navUpload: 'Unggah', navDashboard: 'Dasbor', logout: 'Keluar', switchLang: 'English',
  loginTitle: 'Masuk', username: 'Nama pengguna', password: 'Kata sandi', loginButton: 'Masuk', loginFailed: 'Nama pengguna atau kata sandi salah.',
  loginThrottled: 'Terlalu banyak percobaan. Coba lagi nanti.',
  loading: 'Memuat…', error: 'Kesalahan', retry: 'Coba lagi',
  queueTitle: 'Antrean laporan yang ditandai', allDocsTitle: 'Semua dokumen', scope: 'Tampilkan', scopeQueue: 'Antrean reviu', scopeAll: 'Semua dokumen',
  countTotal: 'dalam antrean', countOpen: 'terbuka', countClaimed: 'sedang direviu',
  filters: 'Saring', apply: 'Terapkan', reset: 'Hapus saringan',
  kecamatan: 'Kecamatan', kabupaten: 'Kabupaten', year: 'Tahun', period: 'Periode', status: 'Status', rule: 'Aturan', severity: 'Tingkat', any: 'semua',
  file: 'Berkas', findings: 'Temuan', review: 'Reviu', age: 'Umur', unit: 'Unit',
  claimNext: 'Ambil berikutnya', noneLeft: 'Antrean kosong: tidak ada laporan untuk diambil.', emptyList: 'Tidak ada laporan.',
  exports: 'Ekspor', exportTables: 'Tabel (XLSX)', exportFindings: 'Temuan (XLSX)', exportFindingsCsv: 'Temuan (CSV)', exportReviews: 'Hasil reviu (XLSX)',
  open: 'Buka',
  back: 'Kembali ke antrean', version: 'Versi', page: 'Halaman', pages: 'Halaman daftar', prevPage: 'Halaman sebelumnya', nextPage: 'Halaman berikutnya',
  claim: 'Ambil', release: 'Lepaskan', claimedBy: 'diambil oleh', claimedByYou: 'Anda sedang mereviu laporan ini',
  markReviewed: 'Tandai selesai', reviewedMsg: 'Laporan ditandai selesai direviu.', undecidedLeft: 'temuan belum diputuskan',
  confirm: 'Konfirmasi', correct: 'Koreksi', dismiss: 'Tolak', confirmed: 'Dikonfirmasi', dismissed: 'Ditolak', by: 'oleh',
  stated: 'Tertulis', expected: 'Seharusnya', where: 'Letak', ruleMeaning: 'Aturan',
  evidence: 'Bukti', noEvidence: 'Temuan ini tidak punya kotak bukti di halaman.',
  noFindings: 'Tidak ada temuan: laporan bersih.', tables: 'Tabel hasil ekstraksi', claims: 'Klaim narasi', missingTable: 'Tabel tidak ditemukan',
  meta: 'Identitas laporan', signedAt: 'Tanggal tanda tangan', signatories: 'Penanda tangan', nipInvalid: 'NIP tidak valid',
  correctTitle: 'Koreksi nilai yang salah baca', correctHelp: 'Ketik nilai seperti tercetak di halaman (mis. 37,80% atau 16.620.000). Verifikasi dijalankan ulang.',
  value: 'Nilai', save: 'Simpan', cancel: 'Batal', correctedBy: 'Dikoreksi oleh', dblclickCorrect: 'Klik dua kali untuk mengoreksi nilai ini',
  dismissTitle: 'Tolak temuan', reason: 'Alasan', reasonRequired: 'Alasan wajib diisi.',
  clearedN: 'Koreksi disimpan: {n} temuan hilang', addedN: '{n} temuan baru', newVersion: 'versi baru {v}',
  shortcuts: 'Pintasan', kNext: 'temuan berikutnya', kPrev: 'temuan sebelumnya', kNextReport: 'ambil laporan berikutnya',
  kConfirm: 'konfirmasi', kCorrect: 'koreksi', kDismiss: 'tolak', kReviewed: 'tandai selesai', kOpen: 'buka', kHelp: 'bantuan',
  readOnly: 'Akun Anda hanya dapat melihat.',
  uploadTitle: 'Unggah laporan', uploadHelp: 'PDF, JPG, PNG atau TIFF; boleh banyak berkas sekaligus.', chooseFiles: 'Pilih berkas', chooseProfile: 'Profil templat (JSON, opsional)', upload: 'Unggah',
  uploading: 'mengunggah', uploaded: 'terunggah', duplicate: 'sudah ada', rejected: 'ditolak',
  dashboardTitle: 'Dasbor', capaianByPlace: 'Capaian kinerja per kecamatan dan periode', serapanByPlace: 'Serapan anggaran per kecamatan dan periode',
  flaggedRate: 'Laporan yang ditandai', processedPerDay: 'Laporan dibaca per hari (30 hari)', topRules: 'Aturan paling sering dilanggar',
  reports: 'laporan', documents: 'dokumen', noData: 'Belum ada data.', processed: 'diproses', flaggedWord: 'ditandai',
  st_queued: 'antre', st_processing: 'diproses', st_clean: 'bersih', st_flagged: 'ditandai', st_failed: 'gagal',
  rv_open: 'terbuka', rv_claimed: 'diambil', rv_reviewed: 'selesai', rv_none: '—',
  sev_error: 'kesalahan', sev_uncertain: 'perlu dicek', sev_warning: 'peringatan',
  tribulan: 'Tribulan', semester: 'Semester', tahunan: 'Tahunan',
  justNow: 'baru saja', minutesAgo: '{n} mnt', hoursAgo: '{n} jam', daysAgo: '{n} hari',
  R1: 'Capaian kinerja harus sama dengan realisasi ÷ target × 100.',
  R2: 'Capaian anggaran (Tabel 2.4) harus sama dengan realisasi anggaran ÷ pagu × 100.',
  R3: 'Capaian tiap baris Tabel 2.5 harus sama dengan realisasi ÷ pagu × 100.',
  R4: 'Pagu dan realisasi sebuah program harus sama dengan jumlah kegiatannya.',
  R5: 'Baris JUMLAH harus sama dengan jumlah program; capaiannya = total realisasi ÷ total pagu × 100.',
  R6: 'Angka yang sama di beberapa tabel (target, realisasi, pagu) harus sama di semua tabel.',
  R7: 'Angka di narasi (capaian kinerja, serapan anggaran) harus sesuai dengan tabel.',
  R8: 'Kategori dan kesimpulan di narasi harus sesuai dengan skala nilai Tabel 2.2 dan angka capaian.',
  R9: 'Skala nilai Tabel 2.2 harus menutup 0–100% tanpa celah atau tumpang tindih.',
  T1: 'Tabel wajib tidak ditemukan, sehingga aturan yang memakainya tidak dapat diperiksa.',
  S1: 'Blok tanda tangan laporan pindaian tidak memuat tanda tangan atau cap.',
  // digital signatures (views/signature-panel.ts)
  sigTitle: 'Tanda tangan elektronik', sigNone: 'PDF ini tidak memuat tanda tangan elektronik.', sigTimestampKind: 'cap waktu dokumen',
  sigIntact: 'utuh', sigNotIntact: 'tidak utuh', sigTrust_trusted: 'tepercaya', sigTrust_untrusted: 'tidak tepercaya', sigTrust_unknown: 'kepercayaan tak diketahui',
  sigModified: 'diubah sesudah ditandatangani', sigWhole: 'mencakup seluruh dokumen', sigOnlySignaturesAfter: 'sesudahnya hanya tanda tangan lain',
  sigIsSignatory: 'penanda tangan laporan', sigNotSignatory: 'bukan penanda tangan laporan', sigNoSignatories: 'penanda tangan laporan tidak terbaca',
  sigSigner: 'Penanda tangan', sigIssuer: 'Penerbit sertifikat', sigSignedAt: 'Waktu tanda tangan', sigValidity: 'Masa berlaku sertifikat', sigExpired: 'tidak berlaku saat ditandatangani',
  sigSource_timestamp: 'cap waktu', 'sigSource_signing-time': 'waktu dari penanda tangan', sigSource_pdf: 'waktu tertulis di PDF, tidak ditandatangani',
  sigRevocation: 'Status pencabutan', sigRevocationNotChecked: 'tidak diperiksa (tidak ada akses jaringan)', sigWidget: 'Tampilan tanda tangan',
  sigChanges: 'Yang berubah sesudah ditandatangani:', sigChanged_added: 'ditambahkan', sigChanged_removed: 'dihapus', sigChanged_modified: 'diubah',
  sigChange_page: 'isi halaman {page} {change}', sigChange_annotation: 'anotasi {name} {change}', 'sigChange_form-field': 'isian formulir {name} {change}',
  sigChange_signature: 'tanda tangan {name} {change}', sigChange_metadata: 'metadata {name} {change}', sigChange_document: 'struktur dokumen {name} {change}',
  sigChange_unreadable: 'tambahan yang tidak dapat dibaca',
  'sigProblem_byte-range': '/ByteRange tidak menutup seluruh revisi', 'sigProblem_contents-too-large': '/Contents terlalu besar', 'sigProblem_cms-unreadable': 'data CMS rusak atau terpotong',
  sigProblem_unsupported: 'format/algoritma tidak dikenal', 'sigProblem_no-signer-certificate': 'sertifikat penanda tangan tidak ada', 'sigProblem_digest-mismatch': 'isi yang ditandatangani berubah',
  'sigProblem_signature-invalid': 'nilai tanda tangan tidak cocok', 'sigProblem_timestamp-invalid': 'cap waktu tidak valid', 'sigProblem_certificate-expired': 'sertifikat tidak berlaku saat itu',
  'sigProblem_no-trust-anchors': 'sertifikat akar tepercaya belum diatur', 'sigProblem_trust-anchors-unreadable': 'sertifikat akar tepercaya tidak terbaca', 'sigProblem_chain-untrusted': 'rantai sertifikat tidak sampai ke akar tepercaya',
  sigMarks: 'Tanda visual', sigFooter: 'Catatan kaki BSrE', sigQr: 'Kode QR', sigQrUrl: 'alamat tidak dibuka oleh aplikasi ini',
  G1: 'Tanda tangan elektronik harus utuh: hash bagian yang ditandatangani sama dengan ringkasan pesan yang ikut ditandatangani, dan nilai tanda tangan cocok dengan sertifikat.',
  G2: 'Dokumen tidak boleh diubah sesudah ditandatangani (selain menambah tanda tangan).',
  G3: 'Sertifikat penanda tangan harus berantai ke sertifikat akar tepercaya (LKJ_TRUST_ANCHORS).',
  G4: 'Penanda tangan elektronik harus salah satu penanda tangan laporan (NIP atau nama).',
  ruleUnknown: 'Aturan pemeriksaan.',
  role_viewer: 'pembaca', role_reviewer: 'pereviu', role_admin: 'admin',
  narrative: 'Narasi', signatory: 'Penanda tangan', signature: 'tanda tangan',
  claim_capaianKinerja: 'Capaian kinerja', claim_serapanAnggaran: 'Serapan anggaran', claim_kategori: 'Kategori', claim_kesimpulan: 'Kesimpulan',
  table_2_1: 'Perjanjian Kinerja', table_2_2: 'Skala Nilai', table_2_3: 'Capaian Kinerja', table_2_4: 'Pencapaian Kinerja dan Anggaran', table_2_5: 'Pagu dan Realisasi Anggaran',
  reason_ingest: 'pembacaan pertama', reason_force: 'dibaca ulang (dipaksa)', reason_reprocess: 'diverifikasi ulang', reason_correction: 'koreksi',
  versionHistory: 'riwayat', loadingReport: 'Memuat laporan…',
  markReviewedAsk: 'Masih ada {n} temuan yang belum diputuskan (konfirmasi atau tolak). Tetap tandai laporan ini selesai direviu?',
  markReviewedAnyway: 'Tetap tandai selesai', reviewTitle: 'Tandai selesai direviu',
  duplicateOpen: 'Buka laporan yang sudah ada', alreadyStored: 'Berkas yang sama sudah pernah diunggah.',
  navAdmin: 'Akun', adminTitle: 'Akun dan token API', adminOnly: 'Halaman ini hanya untuk admin.', users: 'Pengguna', tokens: 'Token API', role: 'Peran', state: 'Status',
  newUser: 'Tambah pengguna', passwordOptional: 'Kata sandi (kosongkan agar dibuat otomatis)', create: 'Buat',
  passwordOnce: 'Kata sandi untuk {name}. Hanya ditampilkan sekali: simpan sekarang.', userCreatedMsg: 'Pengguna {name} dibuat.',
  disable: 'Nonaktifkan', enable: 'Aktifkan', active: 'aktif', inactive: 'nonaktif', you: 'Anda',
  newToken: 'Buat token API', tokenUser: 'Untuk pengguna', tokenLabel: 'Keterangan (untuk apa token ini)',
  tokenOnce: 'Token untuk {name}. Hanya ditampilkan sekali: simpan sekarang.', copy: 'Salin', copied: 'Tersalin',
  revoke: 'Cabut', revokeTitle: 'Cabut token API', revokeAsk: 'Cabut token {id} milik {name}? Skrip yang memakainya tidak dapat masuk lagi.',
  revokedState: 'dicabut', createdAt: 'Dibuat', lastUsed: 'Terakhir dipakai', never: 'belum pernah', label: 'Keterangan', roleChanged: 'Peran {name} kini {role}.',
  coverageTitle: 'Kelengkapan laporan: unit × periode', coverageHelp: 'Setiap baris sebuah unit, setiap kolom periode yang sudah dilaporkan unit mana pun.',
  reported: 'sudah melapor', notReported: 'belum melapor', coverageSummary: '{done} dari {all} laporan masuk',
  capaianTrend: 'Capaian kinerja per unit antarperiode', serapanTrend: 'Serapan anggaran per unit antarperiode',
  flaggedByRule: 'Laporan yang ditandai per aturan', flaggedByRuleHelp: 'Persentase laporan terbaca yang memuat temuan aturan itu.',
  ofReports: '{n} dari {all} laporan', day: 'Tanggal',
};

export type Key = keyof typeof id;

const en: Record<Key, string> = {
  appTitle: 'Performance report review',
  navQueue: 'Queue', navUpload: 'Upload', navDashboard: 'Dashboard', logout: 'Log out', switchLang: 'Bahasa Indonesia',
  loginTitle: 'Log in', username: 'Username', password: 'Password', loginButton: 'Log in', loginFailed: 'Wrong username or password.',
  loginThrottled: 'Too many attempts. Try again later.',
  loading: 'Loading…', error: 'Error', retry: 'Retry',
  queueTitle: 'Queue of flagged reports', allDocsTitle: 'All documents', scope: 'Show', scopeQueue: 'Review queue', scopeAll: 'All documents',
  countTotal: 'in the queue', countOpen: 'open', countClaimed: 'being reviewed',
  filters: 'Filter', apply: 'Apply', reset: 'Clear filters',
  kecamatan: 'Kecamatan', kabupaten: 'Kabupaten', year: 'Year', period: 'Period', status: 'Status', rule: 'Rule', severity: 'Severity', any: 'any',
  file: 'File', findings: 'Findings', review: 'Review', age: 'Age', unit: 'Unit',
  claimNext: 'Claim next', noneLeft: 'The queue is empty: no report to claim.', emptyList: 'No reports.',
  exports: 'Export', exportTables: 'Tables (XLSX)', exportFindings: 'Findings (XLSX)', exportFindingsCsv: 'Findings (CSV)', exportReviews: 'Review outcomes (XLSX)',
  open: 'Open',
  back: 'Back to the queue', version: 'Version', page: 'Page', pages: 'List pages', prevPage: 'Previous page', nextPage: 'Next page',
  claim: 'Claim', release: 'Release', claimedBy: 'claimed by', claimedByYou: 'You are reviewing this report',
  markReviewed: 'Mark reviewed', reviewedMsg: 'The report is marked reviewed.', undecidedLeft: 'findings left undecided',
  confirm: 'Confirm', correct: 'Correct', dismiss: 'Dismiss', confirmed: 'Confirmed', dismissed: 'Dismissed', by: 'by',
  stated: 'Stated', expected: 'Expected', where: 'Where', ruleMeaning: 'Rule',
  evidence: 'Evidence', noEvidence: 'This finding has no evidence box on a page.',
  noFindings: 'No findings: the report is clean.', tables: 'Extracted tables', claims: 'Narrative claims', missingTable: 'Table not found',
  meta: 'Report details', signedAt: 'Signed on', signatories: 'Signatories', nipInvalid: 'invalid NIP',
  correctTitle: 'Correct a misread value', correctHelp: 'Type the value as printed on the page (e.g. 37,80% or 16.620.000). Verification runs again.',
  value: 'Value', save: 'Save', cancel: 'Cancel', correctedBy: 'Corrected by', dblclickCorrect: 'Double-click to correct this value',
  dismissTitle: 'Dismiss the finding', reason: 'Reason', reasonRequired: 'A reason is required.',
  clearedN: 'Correction saved: {n} finding(s) cleared', addedN: '{n} new finding(s)', newVersion: 'new version {v}',
  shortcuts: 'Shortcuts', kNext: 'next finding', kPrev: 'previous finding', kNextReport: 'claim the next report',
  kConfirm: 'confirm', kCorrect: 'correct', kDismiss: 'dismiss', kReviewed: 'mark reviewed', kOpen: 'open', kHelp: 'help',
  readOnly: 'Your account can only view (viewer).',
  uploadTitle: 'Upload reports', uploadHelp: 'PDF, JPG, PNG or TIFF; many files at once are fine.', chooseFiles: 'Choose files', chooseProfile: 'Template profile (JSON, optional)', upload: 'Upload',
  uploading: 'uploading', uploaded: 'uploaded', duplicate: 'already stored', rejected: 'refused',
  dashboardTitle: 'Dashboard', capaianByPlace: 'Capaian kinerja by kecamatan and period', serapanByPlace: 'Serapan anggaran by kecamatan and period',
  flaggedRate: 'Flagged reports', processedPerDay: 'Reports read per day (30 days)', topRules: 'Most frequent rules',
  reports: 'reports', documents: 'documents', noData: 'No data yet.', processed: 'processed', flaggedWord: 'flagged',
  st_queued: 'queued', st_processing: 'processing', st_clean: 'clean', st_flagged: 'flagged', st_failed: 'failed',
  rv_open: 'open', rv_claimed: 'claimed', rv_reviewed: 'reviewed', rv_none: '—',
  sev_error: 'error', sev_uncertain: 'uncertain', sev_warning: 'warning',
  tribulan: 'Quarter', semester: 'Semester', tahunan: 'Annual',
  justNow: 'just now', minutesAgo: '{n} min', hoursAgo: '{n} h', daysAgo: '{n} d',
  R1: 'Capaian (achievement) must equal realisasi ÷ target × 100.',
  R2: 'Budget capaian (Tabel 2.4) must equal realisasi anggaran ÷ pagu × 100.',
  R3: 'Each Tabel 2.5 row\'s capaian must equal realisasi ÷ pagu × 100.',
  R4: 'A program\'s pagu and realisasi must equal the sums of its kegiatan.',
  R5: 'The JUMLAH row must equal the sum of the programs; its capaian = total realisasi ÷ total pagu × 100.',
  R6: 'A figure repeated across tables (target, realisasi, pagu) must be the same in every table.',
  R7: 'The narrative\'s figures (capaian kinerja, serapan anggaran) must match the tables.',
  R8: 'The narrative\'s kategori and conclusion must match Tabel 2.2\'s bands and the capaian.',
  R9: 'Tabel 2.2\'s bands must cover 0–100% without gaps or overlaps.',
  T1: 'A required table is missing, so the rules that use it could not be checked.',
  S1: 'A scanned report\'s signature block carries no signature or stamp.',
  // digital signatures (views/signature-panel.ts)
  sigTitle: 'Digital signatures', sigNone: 'This PDF carries no digital signature.', sigTimestampKind: 'document timestamp',
  sigIntact: 'intact', sigNotIntact: 'not intact', sigTrust_trusted: 'trusted', sigTrust_untrusted: 'untrusted', sigTrust_unknown: 'trust unknown',
  sigModified: 'changed after signing', sigWhole: 'covers the whole document', sigOnlySignaturesAfter: 'only other signatures after it',
  sigIsSignatory: 'a signatory of the report', sigNotSignatory: 'not a signatory of the report', sigNoSignatories: 'the report\'s signatories were not read',
  sigSigner: 'Signer', sigIssuer: 'Certificate issuer', sigSignedAt: 'Signed at', sigValidity: 'Certificate validity', sigExpired: 'not valid when signed',
  sigSource_timestamp: 'timestamp', 'sigSource_signing-time': 'the signer\'s own time', sigSource_pdf: 'time written in the PDF, unsigned',
  sigRevocation: 'Revocation', sigRevocationNotChecked: 'not checked (no network access)', sigWidget: 'Signature appearance',
  sigChanges: 'Changed after signing:', sigChanged_added: 'added', sigChanged_removed: 'removed', sigChanged_modified: 'changed',
  sigChange_page: 'content of page {page} {change}', sigChange_annotation: '{name} annotation {change}', 'sigChange_form-field': 'form field {name} {change}',
  sigChange_signature: 'signature {name} {change}', sigChange_metadata: 'metadata {name} {change}', sigChange_document: 'document structure {name} {change}',
  sigChange_unreadable: 'an addition that cannot be read',
  'sigProblem_byte-range': '/ByteRange does not cover the whole revision', 'sigProblem_contents-too-large': '/Contents too large', 'sigProblem_cms-unreadable': 'CMS data damaged or truncated',
  sigProblem_unsupported: 'unknown format or algorithm', 'sigProblem_no-signer-certificate': 'signer certificate missing', 'sigProblem_digest-mismatch': 'the signed content changed',
  'sigProblem_signature-invalid': 'the signature value does not verify', 'sigProblem_timestamp-invalid': 'invalid timestamp', 'sigProblem_certificate-expired': 'certificate not valid at the time',
  'sigProblem_no-trust-anchors': 'no trust anchors configured', 'sigProblem_trust-anchors-unreadable': 'trust anchors unreadable', 'sigProblem_chain-untrusted': 'the chain does not reach a trust anchor',
  sigMarks: 'Visible marks', sigFooter: 'BSrE footer', sigQr: 'QR code', sigQrUrl: 'this app does not open the address',
  G1: 'A digital signature must be intact: the hash of the signed bytes equals its messageDigest and the signature value verifies with the certificate.',
  G2: 'The document must not be changed after signing (other than by adding signatures).',
  G3: 'The signer\'s certificate must chain to a trust anchor (LKJ_TRUST_ANCHORS).',
  G4: 'The digital signer must be one of the report\'s signatories (by NIP or name).',
  ruleUnknown: 'A verification rule.',
  role_viewer: 'viewer', role_reviewer: 'reviewer', role_admin: 'admin',
  narrative: 'Narrative', signatory: 'Signatory', signature: 'signature',
  claim_capaianKinerja: 'Capaian kinerja', claim_serapanAnggaran: 'Serapan anggaran', claim_kategori: 'Kategori', claim_kesimpulan: 'Conclusion',
  table_2_1: 'Performance agreement', table_2_2: 'Rating scale', table_2_3: 'Performance achievement', table_2_4: 'Performance and budget achievement', table_2_5: 'Budget and spending',
  reason_ingest: 'first reading', reason_force: 'read again (forced)', reason_reprocess: 're-verified', reason_correction: 'correction',
  versionHistory: 'history', loadingReport: 'Loading the report…',
  markReviewedAsk: '{n} findings are still undecided (confirm or dismiss). Mark this report reviewed anyway?',
  markReviewedAnyway: 'Mark reviewed anyway', reviewTitle: 'Mark reviewed',
  duplicateOpen: 'Open the existing report', alreadyStored: 'The same file was uploaded before.',
  navAdmin: 'Accounts', adminTitle: 'Accounts and API tokens', adminOnly: 'This page is for admins only.', users: 'Users', tokens: 'API tokens', role: 'Role', state: 'State',
  newUser: 'Add a user', passwordOptional: 'Password (leave empty to generate one)', create: 'Create',
  passwordOnce: 'Password for {name}. Shown once: keep it now.', userCreatedMsg: 'User {name} created.',
  disable: 'Disable', enable: 'Enable', active: 'active', inactive: 'disabled', you: 'you',
  newToken: 'Create an API token', tokenUser: 'For user', tokenLabel: 'Label (what the token is for)',
  tokenOnce: 'Token for {name}. Shown once: keep it now.', copy: 'Copy', copied: 'Copied',
  revoke: 'Revoke', revokeTitle: 'Revoke the API token', revokeAsk: 'Revoke token {id} of {name}? Scripts using it can no longer log in.',
  revokedState: 'revoked', createdAt: 'Created', lastUsed: 'Last used', never: 'never', label: 'Label', roleChanged: '{name} is now {role}.',
  coverageTitle: 'Reporting coverage: unit × period', coverageHelp: 'One row per unit, one column per period any unit has reported.',
  reported: 'reported', notReported: 'not reported', coverageSummary: '{done} of {all} reports in',
  capaianTrend: 'Capaian kinerja per unit across periods', serapanTrend: 'Serapan anggaran per unit across periods',
  flaggedByRule: 'Flagged reports by rule', flaggedByRuleHelp: 'Share of the read reports with a finding of that rule.',
  ofReports: '{n} of {all} reports', day: 'Date',
};

export const dictionaries: Record<Lang, Record<Key, string>> = { id, en };

function stored(): Lang {
  try {
    return localStorage.getItem(STORE_KEY) === 'en' ? 'en' : 'id';
  } catch {
    return 'id';
  }
}

let lang: Lang = stored();

export const currentLang = () => lang;

export function setLang(l: Lang): void {
  lang = l;
  try {
    localStorage.setItem(STORE_KEY, l);
  } catch { /* private mode: the choice lasts this page */ }
  document.documentElement.lang = l;
}

export function t(key: Key, vars: Record<string, string | number> = {}): string {
  return dictionaries[lang][key].replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ''));
}

/** The rule in plain words (rules are R1…R9, T1, S1, G1…G4; a new one falls back to a generic line). */
export function ruleText(rule: string): string {
  return rule in id ? t(rule as Key) : t('ruleUnknown');
}
