import { SetMetadata } from '@nestjs/common';
import type { Role } from './roles';

export const ACCESS_METADATA = 'essaim:access';

export type AccessRule = { kind: 'public' } | { kind: 'authenticated' } | { kind: 'roles'; roles: readonly Role[] } | { kind: 'metrics' };

/** Anyone, signed in or not (login, health, open calls). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(ACCESS_METADATA, { kind: 'public' } satisfies AccessRule);

/** Any signed-in user; object-level checks happen in the service. */
export const Authenticated = (): MethodDecorator & ClassDecorator => SetMetadata(ACCESS_METADATA, { kind: 'authenticated' } satisfies AccessRule);

/** Signed-in users holding at least one of these roles. */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator => SetMetadata(ACCESS_METADATA, { kind: 'roles', roles } satisfies AccessRule);

/** The metrics scraper presenting `Bearer METRICS_TOKEN`, or a signed-in administrator. */
export const MetricsReaders = (): MethodDecorator & ClassDecorator => SetMetadata(ACCESS_METADATA, { kind: 'metrics' } satisfies AccessRule);
