/**
 * Public catalogue and open-data answers hold no personal session data: shared caches may keep them five minutes and
 * serve them a minute longer while revalidating. A page rendered for a signed-in visitor shows their name: private.
 */
export const PUBLIC_CACHE = 'public, max-age=300, stale-while-revalidate=60';
export const PRIVATE_CACHE = 'private, no-cache';
