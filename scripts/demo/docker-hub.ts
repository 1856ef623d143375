/**
 * Whether this machine reaches Docker Hub: any HTTP answer from the registry's `/v2/` (401 asks
 * for a token) counts. Offline machines (ours reach only npm and Debian) fail at once or time out.
 */
export async function dockerHubReachable(timeoutMs = 3_000): Promise<boolean> {
  try {
    await fetch('https://registry-1.docker.io/v2/', { signal: AbortSignal.timeout(timeoutMs) });
    return true;
  } catch {
    return false;
  }
}
