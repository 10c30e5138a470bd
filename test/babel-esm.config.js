/** Turns the ESM-only packages (NestJS 12 and a few others) into CommonJS for jest, which cannot load ESM on Node 20. */
module.exports = {
  plugins: ['babel-plugin-transform-import-meta', ['@babel/plugin-transform-modules-commonjs', { importInterop: 'node' }]],
};
