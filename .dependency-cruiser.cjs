/* global module */
/**
 * Module boundaries (docs/architecture.md, "Modules and their seams"): no cycle between files, no reach into another
 * module's repository or pages, and pure domain code that imports no framework. `npm run lint:deps` runs it.
 */
module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', comment: 'A cycle between files makes load order and ownership unclear.', from: {}, to: { circular: true } },
    {
      name: 'no-foreign-repository',
      severity: 'error',
      comment: "A table belongs to one module: others go through its exported reader or service, never its repository.",
      // The demo seeder (src/modules/demo) is the exception: it writes fixture rows as each flow would, module by module.
      from: { path: '^src/modules/([^/]+)/', pathNot: '^src/modules/demo/' },
      to: { path: '^src/modules/[^/]+/.*[.]repository[.]ts$', pathNot: '^src/modules/$1/' },
    },
    {
      name: 'no-foreign-web',
      severity: 'error',
      comment: "A module's pages are its own; shared page helpers live in src/web.",
      from: { path: '^src/modules/([^/]+)/' },
      to: { path: '^src/modules/[^/]+/web/', pathNot: '^src/modules/$1/' },
    },
    {
      name: 'pure-domain',
      severity: 'error',
      comment: 'domain/ holds the rules as pure functions: no framework, database or queue.',
      from: { path: '/domain/' },
      to: { path: '(^|/)node_modules/(@nestjs|typeorm|pg|bullmq|ioredis|fastify|@fastify|pdfkit|exceljs)/' },
    },
    {
      name: 'domain-imports-domain',
      severity: 'error',
      comment: 'domain/ imports only other pure code (domain/, common pure helpers), never services or repositories.',
      from: { path: '/domain/' },
      to: { path: '[.](service|repository|controller|module|handler|use-case|listener|guard)[.]ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '[.]spec[.]ts$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
