const path = require('node:path');
const babelJest = require('babel-jest').default;

/**
 * Jest on Node 20 cannot load ESM, and NestJS 12 ships ESM only: this turns those packages into CommonJS.
 * `const require = createRequire(import.meta.url)` is dropped first, since CommonJS already has that `require`
 * (and keeping it would shadow the one babel's output uses).
 */
const babel = babelJest.createTransformer({ configFile: path.join(__dirname, 'babel-esm.config.js') });
const CREATE_REQUIRE = /^\s*const require = (?:\w+\.)?createRequire\(import\.meta\.url\);?\s*$/m;
// import('x') with a literal specifier: jest's CommonJS runtime cannot run dynamic imports without vm modules.
const DYNAMIC_IMPORT = /\bimport\((['"][^'"]+['"])\)/g;
const prepare = (src) => src.replace(CREATE_REQUIRE, '').replace(DYNAMIC_IMPORT, 'Promise.resolve().then(() => require($1))');

module.exports = {
  canInstrument: false,
  getCacheKey: (src, file, options) => babel.getCacheKey(prepare(src), file, options) + ':esm2',
  process: (src, file, options) => babel.process(prepare(src), file, options),
};
