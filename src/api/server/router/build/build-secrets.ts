import { badParameter } from '../../http/api-error.js';
import type { ApiCall } from '../../http/route.js';

/**
 * berth's `X-Berth-Build-Secrets` header: base64 JSON `{"<id>": "<base64 value>"}`, the secrets
 * RUN --mount=type=secret may mount. dockerd has no such header (BuildKit takes secrets over its
 * session), so berth's client sends it only to berth's engine. The values are never logged.
 */
export function buildSecrets(call: ApiCall): Map<string, Buffer> {
  const header = call.request.headers['x-berth-build-secrets'];
  const secrets = new Map<string, Buffer>();
  if (typeof header !== 'string' || header === '') return secrets;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(header, 'base64').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed) || !Object.values(parsed).every((value) => typeof value === 'string')) {
    // The header's content is left out of the message: it holds secrets.
    throw badParameter('invalid X-Berth-Build-Secrets header: not base64 JSON of id -> base64 value', 'send the secrets as base64 of {"id": "<base64 value>"}');
  }
  for (const [id, value] of Object.entries(parsed as Record<string, string>)) secrets.set(id, Buffer.from(value, 'base64'));
  return secrets;
}
