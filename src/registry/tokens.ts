/**
 * Domain tokens: `tsr_<id>_<secret>`. The id finds the stored record; the secret is kept only as
 * sha256(salt + secret) with a per-token random salt, and compared in constant time.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { TokenRecord } from './store/index.js';

const TOKEN_PATTERN = /^tsr_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

export interface IssuedToken {
  /** Shown to the caller once. */
  token: string;
  record: TokenRecord;
}

export function issueToken(domain: string, now = new Date()): IssuedToken {
  const id = randomBytes(8).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  const salt = randomBytes(16).toString('hex');
  return {
    token: `tsr_${id}_${secret}`,
    record: { id, domain, salt, hash: digest(salt, secret), created_at: now.toISOString(), revoked_at: null },
  };
}

/** The id and secret of a well-formed token, else undefined. */
export function parseToken(token: string): { id: string; secret: string } | undefined {
  const match = TOKEN_PATTERN.exec(token);
  return match ? { id: match[1]!, secret: match[2]! } : undefined;
}

export function secretMatches(record: TokenRecord, secret: string): boolean {
  return sameBytes(Buffer.from(record.hash, 'hex'), Buffer.from(digest(record.salt, secret), 'hex'));
}

/** Constant-time equality of two strings of any length (compares their digests). */
export function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return sameBytes(a, b);
}

function sameBytes(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

function digest(salt: string, secret: string): string {
  return createHash('sha256').update(salt).update(secret).digest('hex');
}
