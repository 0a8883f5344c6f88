import { describe, expect, it } from 'vitest';
import { packGray, packWhiteRuns, unpackWhiteRuns } from '../../../src/raster/packed.js';

describe('packWhiteRuns', () => {
  it('round-trips any bytes exactly, and keeps paper small', () => {
    const cases = [
      new Uint8Array(0),
      new Uint8Array([255]),
      new Uint8Array([0, 255, 254, 255, 255, 7]),
      Uint8Array.from({ length: 5000 }, (_, i) => (i % 3 ? 255 : (i * 37) % 256)),
      new Uint8Array(300_000).fill(255), // a run longer than two varint bytes
      new Uint8Array(1000).fill(12),
    ];
    for (const c of cases) expect([...unpackWhiteRuns(packWhiteRuns(c), c.length)]).toEqual([...c]);
    const page = new Uint8Array(1_000_000).fill(255);
    page.fill(0, 500_000, 500_300);
    expect(packWhiteRuns(page).length).toBeLessThan(400);
  });
  it('codes a view at any byte offset as it codes the same bytes on their own', () => {
    const bytes = Uint8Array.from({ length: 4099 }, (_, i) => (i % 11 < 7 || i > 3000 ? 255 : i % 251));
    const alone = packWhiteRuns(bytes);
    for (const offset of [1, 2, 3, 4]) {
      const buffer = new Uint8Array(bytes.length + offset + 3).fill(0);
      buffer.set(bytes, offset);
      const view = buffer.subarray(offset, offset + bytes.length);
      expect([...packWhiteRuns(view)]).toEqual([...alone]);
      expect([...unpackWhiteRuns(packWhiteRuns(view), view.length)]).toEqual([...bytes]);
    }
  });
  it('refuses a packed image of the wrong size', () => {
    expect(() => unpackWhiteRuns(packWhiteRuns(new Uint8Array(10).fill(255)), 11)).toThrow(/10 pixels/);
  });
});

describe('packGray', () => {
  it('reads back the same pixels, unpacked once per burst of reads', async () => {
    const data = Uint8Array.from({ length: 40 * 30 }, (_, i) => (i % 7 ? 255 : i % 256));
    const img = packGray({ data, width: 40, height: 30 });
    expect(img.width).toBe(40);
    expect(img.height).toBe(30);
    const first = img.data;
    expect(img.data).toBe(first); // same burst: not unpacked again
    expect([...first]).toEqual([...data]);
    await new Promise((r) => setImmediate(r));
    expect(img.data).not.toBe(first); // later: unpacked afresh
    expect([...img.data]).toEqual([...data]);
  });
});
