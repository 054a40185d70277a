// The fake Advocate's webhook signing keys: RSA pairs made at start (never checked in), served as a JWKS,
// rotated on demand so a test can watch the portal fetch the set again for a kid it has not seen.
import { randomBytes } from "node:crypto";
import { CompactSign, exportJWK, FlattenedSign, generateKeyPair, type JWK } from "jose";
import type { AdvocateSignatureStyle } from "@/testing/fakes/advocate/types";

type SigningKey = { kid: string; privateKey: CryptoKey; publicJwk: JWK };

export type SigningKeys = {
  readonly currentKid: string;
  /** The public keys served at `/.well-known/jwks.json`, newest first. */
  jwks(): { keys: JWK[] };
  sign(body: string, style?: AdvocateSignatureStyle): Promise<string>;
  /** A new current key; the previous one stays in the JWKS unless `keepPrevious` is false. Returns the new kid. */
  rotate(options?: { keepPrevious?: boolean }): Promise<string>;
  /**
   * Back to the start-up key alone. Kept rather than regenerated: the portal caches keys by kid and refetches
   * an unknown one only after a cooldown, so a fresh key per test would fail the next test's first webhook.
   */
  reset(): void;
};

async function createSigningKey(): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair("RS256", { modulusLength: 2048, extractable: true });
  const kid = `fake-advocate-${randomBytes(6).toString("hex")}`;
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: "RS256", use: "sig" };
  return { kid, privateKey, publicJwk };
}

export async function createSigningKeys(): Promise<SigningKeys> {
  const initial = await createSigningKey();
  let current = initial;
  let published: SigningKey[] = [initial];
  return {
    get currentKid() {
      return current.kid;
    },
    jwks: () => ({ keys: published.map((key) => ({ ...key.publicJwk })) }),
    async sign(body, style = "detached") {
      const payload = new TextEncoder().encode(body);
      if (style === "b64false") {
        const jws = await new FlattenedSign(payload)
          .setProtectedHeader({ alg: "RS256", kid: current.kid, b64: false, crit: ["b64"] })
          .sign(current.privateKey);
        return `${jws.protected}..${jws.signature}`;
      }
      const [header, , signature] = (
        await new CompactSign(payload).setProtectedHeader({ alg: "RS256", kid: current.kid }).sign(current.privateKey)
      ).split(".");
      return `${header}..${signature}`;
    },
    async rotate(options = {}) {
      const next = await createSigningKey();
      published = options.keepPrevious === false ? [next] : [next, ...published];
      current = next;
      return next.kid;
    },
    reset() {
      current = initial;
      published = [initial];
    },
  };
}
