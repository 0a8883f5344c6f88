/** One connected piece of a grid's marked cells: its cell indices (row-major) and its box. */
export interface Piece {
  cells: number[];
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/**
 * The connected pieces (8-neighbour) of the cells of a `width` × `height` grid for which `marked`
 * holds, each with its cells and bounding box: pixels of ink, or the blocks of a coarse ink grid.
 */
export function connectedPieces(width: number, height: number, marked: (i: number) => boolean): Piece[] {
  const seen = new Uint8Array(width * height);
  const out: Piece[] = [];
  const stack: number[] = [];
  for (let start = 0; start < width * height; start++) {
    if (seen[start] || !marked(start)) continue;
    seen[start] = 1;
    stack.push(start);
    const p: Piece = { cells: [], x0: width, y0: height, x1: -1, y1: -1 };
    while (stack.length) {
      const i = stack.pop()!;
      p.cells.push(i);
      const x = i % width,
        y = (i - x) / width;
      if (x < p.x0) p.x0 = x;
      if (x > p.x1) p.x1 = x;
      if (y < p.y0) p.y0 = y;
      if (y > p.y1) p.y1 = y;
      for (let dy = -1; dy <= 1; dy++)
        for (let dx = -1; dx <= 1; dx++) {
          const nx = x + dx,
            ny = y + dy;
          if (nx < 0 || ny < 0 || nx >= width || ny >= height) continue;
          const j = ny * width + nx;
          if (seen[j] || !marked(j)) continue;
          seen[j] = 1;
          stack.push(j);
        }
    }
    out.push(p);
  }
  return out;
}
