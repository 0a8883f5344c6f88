/**
 * The layer order of src/ (docs/architecture.md): a folder may import only from folders before it.
 * `npm run check:layers` (in CI) fails on an import in the wrong direction, which also rules out
 * any import cycle between folders.
 */
const LAYERS = [
  'types', 'model', 'intake', 'accounts', 'signatures', 'pages', 'raster', 'parse', 'tables', 'ocr', 'verify',
  'pipeline', 'store', 'review', 'jobs', 'queue', 'api', 'cli',
];

const forbidden = LAYERS.map((layer, i) => ({
  name: `layer-${layer}`,
  comment: `src/${layer}/ may import only from ${LAYERS.slice(0, i).join(', ') || 'no other folder'}`,
  severity: 'error',
  from: { path: `^src/${layer}/` },
  to: { path: `^src/(${LAYERS.slice(i + 1).join('|') || '$^'})/` },
}));

forbidden.push({
  name: 'known-layers',
  comment: 'every folder of src/ has its place in LAYERS (.dependency-cruiser.cjs)',
  severity: 'error',
  from: { path: '^src/' },
  to: { path: '^src/', pathNot: `^src/(${LAYERS.join('|')})/` },
});

module.exports = {
  forbidden,
  options: {
    // TypeScript 7 has no compiler API: swc parses the sources (type-only imports count too)
    parser: 'swc',
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|node_modules)/' },
  },
};
