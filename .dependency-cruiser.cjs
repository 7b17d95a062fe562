// Import boundaries, checked by `npm run lint` (dependency-cruiser) and proven to bite by
// test/boundaries.test.ts, which runs these rules on trees that break each one.
//
// The adapter library and the simulators share one layout: a venue-neutral core (adapters:
// core/; simulators: common/ and engine/), one folder per exchange, and in it one folder per
// market (spot, futures) beside the exchange's common/ (what its markets share).

const LIBS = '(adapters|venue-sim)';
const CORE = '(?:core|common|engine)';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'core-imports-no-venue',
      comment: 'Venue code never leaks into core: a new venue is a folder, and core never learns its name.',
      severity: 'error',
      from: { path: `^libs/${LIBS}/src/${CORE}/` },
      to: { path: `^libs/$1/src/`, pathNot: `^libs/$1/src/${CORE}/` },
    },
    {
      name: 'venue-imports-no-other-exchange',
      comment: "An exchange's code imports no other exchange's.",
      severity: 'error',
      from: { path: `^libs/${LIBS}/src/(?!${CORE}/)([^/]+)/` },
      to: { path: `^libs/$1/src/(?!${CORE}/)[^/]+/`, pathNot: `^libs/$1/src/$2/` },
    },
    {
      name: 'market-imports-no-other-market',
      comment: "A market (gateio/futures) imports its exchange's other markets only through the exchange's common/.",
      severity: 'error',
      from: { path: `^libs/${LIBS}/src/(?!${CORE}/)([^/]+)/(?!common/)([^/]+)/` },
      to: { path: `^libs/$1/src/$2/[^/]+/`, pathNot: `^libs/$1/src/$2/(common|$3)/` },
    },
    {
      name: 'exchange-common-imports-no-market',
      comment: "An exchange's common/ is what its markets share: it imports none of them.",
      severity: 'error',
      from: { path: `^libs/${LIBS}/src/(?!${CORE}/)([^/]+)/common/` },
      to: { path: `^libs/$1/src/$2/(?!common/)[^/]+/` },
    },
    {
      name: 'adapters-only-through-their-entry',
      comment: 'Services and tools use the adapter library as a package (@cexgw/adapters), never its files.',
      severity: 'error',
      from: { path: '^(services|cli|soak|live-smoke|clients|libs/(grpc|wire-contracts|venue-sim))/' },
      to: { path: '^libs/adapters/', pathNot: '^libs/adapters/dist/index\\.(js|d\\.ts)$' },
    },
    {
      name: 'no-circular',
      comment: 'No import cycles, type-only ones included.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    // Type-only imports count: a cycle through types is still a cycle for a reader.
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist|generated)/' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'types', 'default'] },
  },
};
