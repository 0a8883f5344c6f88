import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_MIN_CONFIDENCE,
  loadSettings,
  SETTINGS,
  trustProxyOption,
  type Setting,
  type SettingKey,
} from '../../../src/settings/settings.js';
import { serverOptions } from '../../../src/api/config.js';
import { storeConfig } from '../../../src/store/store.js';
import { cliLang } from '../../../src/cli/messages.js';
import { DEFAULT_VERIFY_OPTIONS } from '../../../src/verify/types.js';
import { DEFAULT_MAX_BYTES } from '../../../src/intake/sniff.js';

const keys = Object.keys(SETTINGS) as SettingKey[];

describe('settings: defaults', () => {
  it('every variable unset gives its declared default', () => {
    const s = loadSettings({});
    for (const key of keys) {
      const d = (SETTINGS[key] as Setting<unknown>).default;
      if (d === undefined) continue;
      if (key === 'ocrPageLangs') expect(s[key]).toEqual(String(d).split('+'));
      else expect(s[key], key).toBe(d);
    }
  });

  it('the defaults without a literal', () => {
    const s = loadSettings({});
    expect(s.databaseUrl).toBeUndefined();
    expect(s.redisUrl).toBeUndefined();
    expect(s.webDir).toBeUndefined(); // the built app, else web/ (api/config.ts)
    expect(s.secureCookies).toBe('auto');
    expect(s.trustProxy).toBe(false);
    expect(s.samples).toBe(true);
    expect(s.trustAnchors).toBeUndefined();
    expect(s.debugOcr).toBe(false);
    expect(s.timings).toBe(false);
    expect(s.ocrWorkers).toBe(Math.max(1, Math.min(os.availableParallelism(), 4)));
    expect(s.cacheDir.startsWith(path.join(os.tmpdir(), 'lkj-tessdata-'))).toBe(true);
  });

  it('an empty variable is an unset one', () => {
    const empty = Object.fromEntries(keys.map((k) => [SETTINGS[k].env, '']));
    const s = loadSettings(empty);
    const unset = loadSettings({});
    for (const key of keys) {
      // LKJ_WEB_DIR='' serves no web app, unlike unset
      if (key === 'webDir') expect(s.webDir).toBeNull();
      else expect(s[key], key).toEqual(unset[key]);
    }
  });

  it('one review confidence: the CLI default, the verifier default and the constant agree', () => {
    expect(DEFAULT_MIN_CONFIDENCE).toBe(80);
    expect(DEFAULT_VERIFY_OPTIONS.minConfidence).toBe(DEFAULT_MIN_CONFIDENCE);
    expect(SETTINGS.maxUploadBytes.default).toBe(DEFAULT_MAX_BYTES);
  });
});

describe('settings: numbers', () => {
  it('a non-numeric, zero, negative or infinite number falls back to the default', () => {
    for (const bad of ['abc', '0', '-5', 'Infinity', ' ']) {
      const s = loadSettings({
        LKJ_SESSION_HOURS: bad,
        LKJ_LOCK_MS: bad,
        LKJ_DB_RETRY_MS: bad,
        LKJ_MAX_UPLOAD_BYTES: bad,
      });
      expect([s.sessionHours, s.lockMs, s.dbRetryMs, s.maxUploadBytes], bad).toEqual([
        12,
        60_000,
        120_000,
        DEFAULT_MAX_BYTES,
      ]);
    }
  });

  it('a valid number is taken, fractions where a fraction makes sense', () => {
    const s = loadSettings({
      LKJ_SESSION_HOURS: '0.5',
      LKJ_CLAIM_MINUTES: ' 45 ',
      LKJ_REQUEST_TIMEOUT_S: '600',
      LKJ_RECONCILE_MS: '1000',
    });
    expect([s.sessionHours, s.claimMinutes, s.requestTimeoutS, s.reconcileMs]).toEqual([0.5, 45, 600, 1000]);
  });

  it('counts must be whole: job attempts and OCR workers', () => {
    expect(loadSettings({ LKJ_JOB_ATTEMPTS: '3' }).jobAttempts).toBe(3);
    expect(loadSettings({ LKJ_JOB_ATTEMPTS: '2.5' }).jobAttempts).toBe(5);
    expect(loadSettings({ LKJ_OCR_WORKERS: '1' }).ocrWorkers).toBe(1);
    expect(loadSettings({ LKJ_OCR_WORKERS: '1.5' }).ocrWorkers).toBe(loadSettings({}).ocrWorkers);
  });

  it('LKJ_SAMPLE_SCANS takes 0 (none); anything not a whole number is the default', () => {
    expect(loadSettings({ LKJ_SAMPLE_SCANS: '0' }).sampleScans).toBe(0);
    expect(loadSettings({ LKJ_SAMPLE_SCANS: '1' }).sampleScans).toBe(1);
    expect(loadSettings({ LKJ_SAMPLE_SCANS: 'x' }).sampleScans).toBe(2);
  });

  it('PORT: unset or empty is 3000; a bad one is passed on for lkj serve to refuse', () => {
    expect(loadSettings({ PORT: '8080' }).port).toBe(8080);
    expect(loadSettings({ PORT: '0' }).port).toBe(0);
    expect(loadSettings({ PORT: 'http' }).port).toBeNaN();
  });
});

describe('settings: words and flags', () => {
  it('LKJ_SECURE_COOKIES: truthy words, anything else false, unset auto', () => {
    for (const on of ['1', 'true', 'YES', 'On'])
      expect(loadSettings({ LKJ_SECURE_COOKIES: on }).secureCookies).toBe(true);
    for (const off of ['0', 'false', 'nope'])
      expect(loadSettings({ LKJ_SECURE_COOKIES: off }).secureCookies).toBe(false);
  });

  it('LKJ_SAMPLES is off for 0 only; LKJ_DEBUG_OCR and LKJ_TIMINGS are on for any value', () => {
    expect(loadSettings({ LKJ_SAMPLES: '0' }).samples).toBe(false);
    expect(loadSettings({ LKJ_SAMPLES: 'no' }).samples).toBe(true);
    expect(loadSettings({ LKJ_DEBUG_OCR: '1', LKJ_TIMINGS: 'x' })).toMatchObject({ debugOcr: true, timings: true });
  });

  it('LKJ_LANG: en, else id', () => {
    expect(loadSettings({ LKJ_LANG: 'en' }).lang).toBe('en');
    expect(loadSettings({ LKJ_LANG: 'fr' }).lang).toBe('id');
    expect(cliLang([], { LKJ_LANG: 'en' })).toBe('en');
    expect(cliLang(['--lang', 'id'], { LKJ_LANG: 'en' })).toBe('id');
  });

  it('LKJ_OCR_PAGE_LANGS is +-separated', () => {
    expect(loadSettings({ LKJ_OCR_PAGE_LANGS: 'ind+eng' }).ocrPageLangs).toEqual(['ind', 'eng']);
    expect(loadSettings({ LKJ_OCR_PAGE_LANGS: '+' }).ocrPageLangs).toEqual(['ind_fast', 'eng']);
  });

  it('strings are taken as given; LKJ_TRUST_ANCHORS trimmed', () => {
    const s = loadSettings({
      DATABASE_URL: 'postgres://x/y',
      LKJ_QUEUE_PREFIX: 'lkjt1',
      LKJ_CACHE_DIR: '/c',
      LKJ_TRUST_ANCHORS: ' /a.pem ',
      HOST: '0.0.0.0',
    });
    expect([s.databaseUrl, s.queuePrefix, s.cacheDir, s.trustAnchors, s.host]).toEqual([
      'postgres://x/y',
      'lkjt1',
      '/c',
      '/a.pem',
      '0.0.0.0',
    ]);
  });
});

describe('settings: LKJ_TRUST_PROXY', () => {
  it('hops, words and address lists', () => {
    expect(loadSettings({ LKJ_TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadSettings({ LKJ_TRUST_PROXY: 'yes' }).trustProxy).toBe(1);
    expect(loadSettings({ LKJ_TRUST_PROXY: 'off' }).trustProxy).toBe(false);
    expect(trustProxyOption('10.0.0.5, fd00::/8')).toEqual(['10.0.0.5', 'fd00::/8']);
  });

  it('an invalid one throws when it is read, not when the settings are loaded', () => {
    const s = loadSettings({ LKJ_TRUST_PROXY: 'proxy.example', LKJ_LANG: 'en' });
    expect(s.lang).toBe('en');
    expect(() => s.trustProxy).toThrow(/LKJ_TRUST_PROXY: "proxy.example"/);
    expect(() => serverOptions({ LKJ_TRUST_PROXY: '10.0.0.0/33' })).toThrow(/LKJ_TRUST_PROXY/);
  });
});

describe('settings: where they are used', () => {
  it('serverOptions and storeConfig read the given environment', () => {
    const o = serverOptions({
      LKJ_DATA_DIR: '/srv/lkj',
      LKJ_WEB_DIR: '',
      LKJ_REQUEST_TIMEOUT_S: '10',
      LKJ_SECURE_COOKIES: '1',
      LKJ_LANG: 'en',
    });
    expect(o).toMatchObject({
      dataDir: '/srv/lkj',
      webDir: null,
      requestTimeoutMs: 10_000,
      secureCookies: true,
      lang: 'en',
      sessionHours: 12,
    });
    expect(serverOptions({}, { trustProxy: 1 }).trustProxy).toBe(1);
    expect(storeConfig({ DATABASE_URL: 'postgres://h/d' })).toEqual({
      databaseUrl: 'postgres://h/d',
      dataDir: './data',
    });
  });

  it('the process environment by default, read at each call', () => {
    const saved = process.env.LKJ_QUEUE_PREFIX;
    try {
      process.env.LKJ_QUEUE_PREFIX = 'first';
      expect(loadSettings().queuePrefix).toBe('first');
      process.env.LKJ_QUEUE_PREFIX = 'second';
      expect(loadSettings().queuePrefix).toBe('second');
    } finally {
      if (saved === undefined) delete process.env.LKJ_QUEUE_PREFIX;
      else process.env.LKJ_QUEUE_PREFIX = saved;
    }
  });
});
