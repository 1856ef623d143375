/** One `WWW-Authenticate` challenge: its scheme in lower case and its parameters (names lower-cased). */
export interface Challenge {
  readonly scheme: string;
  readonly parameters: Readonly<Record<string, string>>;
}

/**
 * Parses `WWW-Authenticate` values (RFC 7235): each may hold several challenges, as in
 * `Basic realm="r", Bearer realm="https://auth.example/token",service="reg",scope="repository:a/b:pull"`.
 * A scope holds commas inside its quotes, so this tokenizes rather than splitting on commas.
 */
export function parseChallenges(values: readonly string[]): Challenge[] {
  const challenges: Challenge[] = [];
  for (const value of values) {
    let current: { scheme: string; parameters: Record<string, string> } | undefined;
    let position = 0;
    const skip = (pattern: RegExp): void => {
      while (position < value.length && pattern.test(value[position]!)) position++;
    };
    while (position < value.length) {
      skip(/[\s,]/);
      const token = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+/.exec(value.slice(position))?.[0];
      if (!token) break;
      position += token.length;
      skip(/\s/);
      if (value[position] === '=' && current) {
        position++;
        skip(/\s/);
        current.parameters[token.toLowerCase()] = readValue();
      } else {
        current = { scheme: token.toLowerCase(), parameters: {} };
        challenges.push(current);
      }
    }

    function readValue(): string {
      if (value[position] !== '"') {
        const bare = /^[^\s,]*/.exec(value.slice(position))?.[0] ?? '';
        position += bare.length;
        return bare;
      }
      let text = '';
      for (position++; position < value.length && value[position] !== '"'; position++) {
        if (value[position] === '\\') position++;
        text += value[position] ?? '';
      }
      position++;
      return text;
    }
  }
  return challenges;
}
