import type { OpenAPIObject } from '@nestjs/swagger';

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace'] as const;

/**
 * Operations that declare no security requirement are the public ones (`@Public()`: health, sign-up, login, the
 * published calls, the open-data list, the simulators): they get an explicit empty requirement, so a client generator
 * knows they need no token instead of guessing (docs/api.md).
 */
export function markPublicOperations(document: OpenAPIObject): OpenAPIObject {
  for (const item of Object.values(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (operation && !operation.security) operation.security = [];
    }
  }
  return document;
}
