/** Word-set similarity (Dice) of two phrases, tolerant of small wording differences. */
export function similarity(a: string | null, b: string | null): number {
  if (!a || !b) return 0;
  const ta = words(a),
    tb = words(b);
  if (!ta.size || !tb.size) return 0;
  let common = 0;
  for (const w of ta) if (tb.has(w) || [...tb].some((x) => close(w, x))) common++;
  return (2 * common) / (ta.size + tb.size);
}

const STOP = new Set(['dan', 'di', 'ke', 'dari', 'yang', 'untuk', 'pada', 'dengan', 'the', 'of']);

function words(s: string): Set<string> {
  return new Set(
    s
      .toLowerCase()
      .normalize('NFKC')
      .replace(/[^a-z0-9]+/g, ' ')
      .split(' ')
      .filter((w) => w.length > 1 && !STOP.has(w)),
  );
}

/** Same stem: `terkoordinasinya`/`koordinasi`, `fasilitas`/`fasilitasi`. */
function close(a: string, b: string): boolean {
  if (a.length < 5 || b.length < 5) return false;
  return a.includes(b) || b.includes(a);
}
