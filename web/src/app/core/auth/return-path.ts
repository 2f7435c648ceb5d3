/** Keeps a return address inside the app: an absolute or protocol-relative URL would be an open redirect. */
export function safeReturnPath(candidate: string | null | undefined, fallback = '/home'): string {
  if (typeof candidate !== 'string' || !candidate.startsWith('/')) return fallback;
  if (candidate.startsWith('//') || candidate.startsWith('/\\')) return fallback;
  return candidate;
}
