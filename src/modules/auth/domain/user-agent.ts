/** A session's client in words for the profile's list (« Firefox sous Linux »); the raw header is never shown. */
export function describeUserAgent(ua: string | null): string {
  if (!ua) return 'Client inconnu';
  const browser = /Edg\//.test(ua)
    ? 'Edge'
    : /Firefox\//.test(ua)
      ? 'Firefox'
      : /Chrom(e|ium)\//.test(ua)
        ? 'Chrome'
        : /Safari\//.test(ua)
          ? 'Safari'
          : /curl|node|undici|axios|python/i.test(ua)
            ? 'Client d’API'
            : 'Navigateur';
  const os = /Windows/.test(ua)
    ? 'Windows'
    : /Android/.test(ua)
      ? 'Android'
      : /iPhone|iPad/.test(ua)
        ? 'iOS'
        : /Mac OS X/.test(ua)
          ? 'macOS'
          : /Linux/.test(ua)
            ? 'Linux'
            : null;
  return os ? `${browser} sous ${os}` : browser;
}
