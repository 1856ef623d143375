import { BerthError } from '../../../errors/index.js';
import type { Challenge } from './challenge.js';
import { BodyTooLarge, readBody } from './http-exchange.js';
import { registryFailure } from './registry-errors.js';
import type { Transport } from './transport.js';
import type { Credentials } from './types.js';

/** The spec's default when a token answer has no `expires_in`. */
const defaultTokenLifetimeS = 60;
/** Renew a little early so a token does not expire between the cache check and the registry's. */
const renewalMarginMs = 5_000;

interface CachedToken {
  readonly token: string;
  readonly expiresAt: number;
}

/**
 * Answers one registry's authentication challenge (Docker's registry token specification):
 *
 * - `Bearer realm=…,service=…`: a token per scope (`repository:NAME:pull` or `…:pull,push`) from
 *   the realm, by an anonymous GET, a GET with Basic credentials, or for an identity token an
 *   OAuth2 `refresh_token` POST. Tokens are cached per scope until `expires_in` (default 60 s), and
 *   concurrent requests for one scope share a single token request.
 * - `Basic`: the username and password on every request.
 * - no challenge (the `/v2/` probe answered 200): no `Authorization` at all.
 */
export class Authenticator {
  private challenge: Challenge | undefined;
  private readonly tokens = new Map<string, Promise<CachedToken>>();

  constructor(
    private readonly transport: Transport,
    private readonly registry: string,
    readonly credentials: () => Promise<Credentials | undefined>,
  ) {}

  /** Adopts the challenge a 401 carried; Bearer is preferred when a registry offers both. */
  useChallenges(challenges: readonly Challenge[]): void {
    const chosen = challenges.find((challenge) => challenge.scheme === 'bearer') ?? challenges.find((challenge) => challenge.scheme === 'basic');
    if (chosen?.scheme !== this.challenge?.scheme || chosen?.parameters.realm !== this.challenge?.parameters.realm) this.tokens.clear();
    this.challenge = chosen;
  }

  get scheme(): string | undefined {
    return this.challenge?.scheme;
  }

  /** The `Authorization` value for a request needing `scopes`, or undefined to go anonymous. */
  async authorization(scopes: readonly string[], fresh = false): Promise<string | undefined> {
    const challenge = this.challenge;
    if (challenge === undefined) return undefined;
    if (challenge.scheme === 'basic') {
      const credentials = await this.credentials();
      return credentials && 'username' in credentials ? basic(credentials.username, credentials.password) : undefined;
    }
    const key = [...new Set(scopes)].sort().join(' ');
    const cached = fresh ? undefined : this.tokens.get(key);
    if (cached) {
      // A failed request is dropped from the cache as it fails; one still in flight is shared.
      const token = await cached.catch(() => undefined);
      if (token && token.expiresAt > Date.now()) return `Bearer ${token.token}`;
    }
    const pending = this.requestToken(challenge, [...new Set(scopes)].sort());
    this.tokens.set(key, pending);
    pending.catch(() => this.tokens.delete(key));
    return `Bearer ${(await pending).token}`;
  }

  private async requestToken(challenge: Challenge, scopes: readonly string[]): Promise<CachedToken> {
    const { realm, service } = challenge.parameters;
    const subject = `a token for ${scopes.join(' ') || 'the registry'}`;
    let url: URL;
    try {
      url = new URL(realm ?? '');
    } catch (cause) {
      throw new BerthError({
        code: 'REGISTRY_BAD_CHALLENGE',
        kind: 'unavailable',
        message: `registry ${this.registry} asked for a Bearer token without a usable realm (${realm ?? 'none'})`,
        hint: 'the registry or a proxy in front of it is misconfigured',
        cause,
      });
    }
    const credentials = await this.credentials();
    const parameters = new URLSearchParams();
    if (service !== undefined) parameters.set('service', service);
    for (const scope of scopes) parameters.append('scope', scope);

    let response;
    if (credentials && 'identityToken' in credentials) {
      parameters.set('grant_type', 'refresh_token');
      parameters.set('refresh_token', credentials.identityToken);
      parameters.set('client_id', 'berth');
      response = await this.transport.send({
        method: 'POST',
        url,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: Buffer.from(parameters.toString()),
      });
    } else {
      for (const [name, value] of parameters) url.searchParams.append(name, value);
      response = await this.transport.send({
        method: 'GET',
        url,
        ...(credentials ? { authorization: basic(credentials.username, credentials.password) } : {}),
      });
    }
    if (response.statusCode !== 200) throw await registryFailure(response, this.registry, subject);
    const receivedAt = Date.now();
    let answer: { token?: unknown; access_token?: unknown; expires_in?: unknown };
    try {
      answer = JSON.parse((await readBody(response, 1024 * 1024)).toString('utf8')) as typeof answer;
    } catch (cause) {
      throw new BerthError({
        code: 'REGISTRY_BAD_TOKEN',
        kind: 'unavailable',
        message: `registry ${this.registry} answered ${subject} with ${cause instanceof BodyTooLarge ? 'more than 1 MiB' : 'something that is not JSON'}`,
        hint: 'the token service is misconfigured, or a proxy answered in its place',
        cause,
      });
    }
    const token = typeof answer.token === 'string' && answer.token !== '' ? answer.token : answer.access_token;
    if (typeof token !== 'string' || token === '') {
      throw new BerthError({
        code: 'REGISTRY_BAD_TOKEN',
        kind: 'unavailable',
        message: `registry ${this.registry} answered ${subject} without a token`,
        hint: 'the token service is misconfigured, or a proxy answered in its place',
      });
    }
    const lifetime = typeof answer.expires_in === 'number' && answer.expires_in > 0 ? answer.expires_in : defaultTokenLifetimeS;
    return { token, expiresAt: receivedAt + lifetime * 1000 - renewalMarginMs };
  }
}

function basic(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
}
