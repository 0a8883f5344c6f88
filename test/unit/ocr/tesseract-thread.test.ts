import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const { keepApis } = createRequire(import.meta.url)('../../../workers/tesseract-thread.cjs') as {
  keepApis: (mod: FakeModule) => void;
};

interface FakeModule {
  TessBaseAPI: new () => FakeApi;
  FS: { readFile: (path: string, opts: unknown) => string };
}
interface FakeApi {
  Init(dataPath: null, langs: string, oem: number, config?: string): number;
  End(): void;
  langs(): string;
}

/** A module whose APIs count how often a model was parsed (Init) and ended. */
function fakeModule(files: Record<string, string> = {}) {
  const counts = { init: 0, end: 0 };
  class Api implements FakeApi {
    private loaded = '';
    Init(_: null, langs: string) {
      counts.init++;
      if (langs === 'bad') return -1;
      this.loaded = langs;
      return 0;
    }
    End() {
      counts.end++;
    }
    langs() {
      return this.loaded;
    }
  }
  const mod: FakeModule = { TessBaseAPI: Api, FS: { readFile: (p) => files[p]! } };
  keepApis(mod);
  return { mod, counts };
}

/** What tesseract.js's `initialize` does: end the old API, make a new one, Init it. */
function initialize(mod: FakeModule, old: FakeApi | null, langs: string, config?: string): FakeApi {
  old?.End();
  const api = new mod.TessBaseAPI();
  expect(api.Init(null, langs, 1, config)).toBe(langs === 'bad' ? -1 : 0);
  return api;
}

describe('the OCR thread keeps every model set it initialised', () => {
  it('parses a model set once, however often the worker turns back to it', () => {
    const { mod, counts } = fakeModule();
    let api = initialize(mod, null, 'eng');
    api = initialize(mod, api, 'ind_fast+eng');
    expect(api.langs()).toBe('ind_fast+eng');
    api = initialize(mod, api, 'eng');
    expect(api.langs()).toBe('eng');
    api = initialize(mod, api, 'ind_fast+eng');
    expect(api.langs()).toBe('ind_fast+eng');
    expect(counts).toEqual({ init: 2, end: 0 });
  });

  it('keys an API by its init config too, and keeps none that failed', () => {
    const { mod, counts } = fakeModule({ '/a': 'tessedit_do_invert 0', '/b': 'tessedit_do_invert 1' });
    let api = initialize(mod, null, 'eng', '/a');
    api = initialize(mod, api, 'eng', '/b');
    api = initialize(mod, api, 'eng', '/a');
    expect(counts.init).toBe(2);
    api = initialize(mod, api, 'bad');
    api = initialize(mod, api, 'bad');
    expect(counts).toEqual({ init: 4, end: 2 });
  });

  it('says so when an API is used before Init', () => {
    const { mod } = fakeModule();
    expect(() => new mod.TessBaseAPI().langs()).toThrow(/before Init/);
  });
});
