// Test-only generators of hostile .env texts (fast-check), shared by the property tests.
import fc from 'fast-check';

/** Pieces that exercise every branch of dotenv's regex and of dotenv-expand. */
const ATOMS = [
  'A', 'B', 'C', 'KEY', 'a.b', 'x-y', '_', '1', 'export', 'export ', ' export\t', '=', ' = ', ':', ': ', ' ', '\t',
  '\n', '\r\n', '\r', '\n\n', '#', ' # c', '"', "'", '`', '\\', '\\n', '\\r', '\\"', "\\'", '\\`', '$', '${', '}', '{',
  '$A', '${A}', '${B:-d}', '${A:+y}', '${C-x}', '${C+x}', '${}', '${A', '\\$A', '\\${B}', '$&', "$'", '$`', '$$', 'null',
  '\u2028', '\u2029', '\uFEFF', '\u00A0', '\u3000', 'é', '\uD800', '\uDC00', '\uD83D\uDE00', '\v', '\f', '\0',
] as const;

const atom = fc.constantFrom(...ATOMS);
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
const keyLike = fc.stringMatching(/^[A-Z_][A-Z0-9_]{0,6}$/);

/** A line-ish fragment: mostly atoms, some keys, some random UTF-16 code units (lone surrogates included). */
const fragment = fc.oneof({ weight: 8, arbitrary: atom }, { weight: 2, arbitrary: keyLike }, { weight: 1, arbitrary: codeUnit });

const fromFragments = fc.array(fragment, { maxLength: 40 }).map((parts) => parts.join(''));

/** Entry-shaped lines, so that references and quotes meet defined keys often. */
const entryLine = fc
  .tuple(fc.constantFrom('', 'export '), fc.constantFrom('A', 'B', 'C', 'D'), fc.constantFrom('=', ' = ', ': '), fc.array(atom, { maxLength: 8 }))
  .map(([exp, key, sep, value]) => `${exp}${key}${sep}${value.join('')}`);
const fromEntries = fc
  .array(fc.tuple(entryLine, fc.constantFrom('\n', '\r\n', '\r')), { maxLength: 8 })
  .map((lines) => lines.map(([l, eol]) => l + eol).join(''));

const fromBytes = fc
  .tuple(fc.uint8Array({ maxLength: 120 }), fc.constantFrom('latin1', 'utf8') as fc.Arbitrary<BufferEncoding>)
  .map(([bytes, enc]) => Buffer.from(bytes).toString(enc));

export const hostileText: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fromFragments },
  { weight: 4, arbitrary: fromEntries },
  { weight: 1, arbitrary: fromBytes },
  { weight: 1, arbitrary: fc.string({ unit: codeUnit, maxLength: 60 }) },
);

/** Names that dotenv-expand looks up through Object.prototype (documented divergence in expand.ts). */
export function mentionsPrototypeName(text: string): boolean {
  return Object.getOwnPropertyNames(Object.prototype).some((n) => text.includes(n));
}
