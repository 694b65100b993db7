/**
 * Compose's variable interpolation, for reading docker-compose.yml as `docker compose` would without a Docker
 * engine (test/unit/deploy/docker-compose.test.ts): `$$` escapes a dollar, `${VAR}`, `$VAR`, `${VAR:-default}`,
 * `${VAR-default}`, `${VAR:?error}`, `${VAR?error}`, `${VAR:+alt}`, `${VAR+alt}`. Defaults may nest further
 * interpolations. Compose's own rules: https://docs.docker.com/reference/compose-file/interpolation/
 */

/** A parsed YAML document's values. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export interface Interpolation {
  name: string;
  /** `:-`, `-`, `:?`, `?`, `:+`, `+`, or '' for a bare `${VAR}` / `$VAR`. */
  operator: string;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

/** Resolves `text` as Compose would with the given environment, reporting each variable it meets. */
export function interpolate(text: string, env: Record<string, string>, seen: Interpolation[] = []): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const char = text[i];
    if (char !== '$') {
      out += char;
      i += 1;
      continue;
    }
    const next = text[i + 1];
    if (next === '$') {
      out += '$';
      i += 2;
      continue;
    }
    if (next === '{') {
      let depth = 1;
      let end = i + 2;
      while (end < text.length && depth > 0) {
        if (text[end] === '{') depth += 1;
        if (text[end] === '}') depth -= 1;
        end += 1;
      }
      if (depth !== 0) throw new Error(`Unterminated interpolation in ${JSON.stringify(text)}`);
      const body = text.slice(i + 2, end - 1);
      const name = NAME.exec(body)?.[0];
      if (!name) throw new Error(`Invalid interpolation \${${body}} in ${JSON.stringify(text)}`);
      const rest = body.slice(name.length);
      const operator = /^(:-|-|:\?|\?|:\+|\+)?/.exec(rest)?.[0] ?? '';
      if (rest !== '' && operator === '') throw new Error(`Invalid interpolation \${${body}}`);
      const argument = rest.slice(operator.length);
      seen.push({ name, operator });
      const value = env[name];
      const isSet = value !== undefined;
      const isNonEmpty = isSet && value !== '';
      switch (operator) {
        case ':-':
          out += isNonEmpty ? value : interpolate(argument, env, seen);
          break;
        case '-':
          out += isSet ? value : interpolate(argument, env, seen);
          break;
        case ':?':
        case '?':
          if (operator === ':?' ? !isNonEmpty : !isSet) throw new Error(`${name} is required: ${argument}`);
          out += value;
          break;
        case ':+':
          out += isNonEmpty ? interpolate(argument, env, seen) : '';
          break;
        case '+':
          out += isSet ? interpolate(argument, env, seen) : '';
          break;
        default:
          out += value ?? '';
      }
      i = end;
      continue;
    }
    const bare = NAME.exec(text.slice(i + 1))?.[0];
    if (bare) {
      seen.push({ name: bare, operator: '' });
      out += env[bare] ?? '';
      i += 1 + bare.length;
      continue;
    }
    // A lone `$` is kept as is.
    out += '$';
    i += 1;
  }
  return out;
}

/** Compose interpolates values, never keys. */
export function interpolateDeep(value: Json, env: Record<string, string>, seen: Interpolation[]): Json {
  if (typeof value === 'string') return interpolate(value, env, seen);
  if (Array.isArray(value)) return value.map((item) => interpolateDeep(item, env, seen));
  if (isObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, interpolateDeep(item, env, seen)]));
  }
  return value;
}
