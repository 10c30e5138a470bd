/** Injection token of the request-path Redis client (see RedisModule). */
export const REDIS_CLIENT = Symbol('REDIS_CLIENT');
