import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Whether an Authorization header carries the bearer token. Both sides are hashed first
 * so the comparison takes the same time whatever the lengths, and `timingSafeEqual`
 * takes the same time wherever they differ.
 */
export function bearerMatches(header: string | undefined, token: string): boolean {
  const given = header?.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : '';
  const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(token)) && given.length > 0;
}

/** Only loopback addresses may serve without a token. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127(?:\.\d{1,3}){3}$/u.test(host);
}

/**
 * A fresh token for a server started without one: 192 random bits, URL-safe, so it can
 * ride in the studio URL's fragment (which the browser never sends to a server or a log).
 */
export function newToken(): string {
  return randomBytes(24).toString('base64url');
}
