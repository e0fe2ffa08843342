/** A browser's user agent as a person reads it: « Chrome sur Windows », never the raw string. */
export function describeAgent(userAgent: string | null, unknown: string): string {
  if (!userAgent) {
    return unknown;
  }
  const browser = /Edg\//.test(userAgent)
    ? 'Edge'
    : /Firefox\//.test(userAgent)
      ? 'Firefox'
      : /Chrom(e|ium)\//.test(userAgent)
        ? 'Chrome'
        : /Safari\//.test(userAgent)
          ? 'Safari'
          : /^relais/i.test(userAgent)
            ? 'Relais (console)'
            : null;
  const system = /Windows/.test(userAgent)
    ? 'Windows'
    : /Android/.test(userAgent)
      ? 'Android'
      : /iPhone|iPad/.test(userAgent)
        ? 'iOS'
        : /Mac OS X/.test(userAgent)
          ? 'macOS'
          : /Linux/.test(userAgent)
            ? 'Linux'
            : null;
  if (browser && system) {
    return `${browser} · ${system}`;
  }
  return browser ?? system ?? userAgent.slice(0, 40);
}
