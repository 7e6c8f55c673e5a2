/** Checks that a host setting is an http(s) URL; returns a reason a writer can act on when it is not. */
export function invalidHostReason(host: string): string | undefined {
  try {
    const url = new URL(host);
    return url.protocol === 'http:' || url.protocol === 'https:' ? undefined : `"${host}" is not an http(s) address`;
  } catch {
    return `"${host}" is not a valid address`;
  }
}
