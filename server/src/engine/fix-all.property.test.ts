// The law of fix safety (docs/rules.md#fix-safety), on combinations: applying every safe fix of a file
// at once (`--fix`, fix-all, source.fixAll.m1ops all call fixAll) keeps what the real `dotenv.parse`
// reads identical: same keys, same values. Checked over generated hostile files with every schema,
// dialect and profile, and with the rules' own honesty: no safe fix may need refusing (a refusal
// means a rule marked a value-changing fix safe; the law holds, but the rule is wrong).
// The realistic corpus gets the same check in test/corpus/corpus.test.ts.
import { parse } from 'dotenv';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hostileText, mentionsPrototypeName } from '../parser/hostile';
import { fixAll } from './apply-fixes';

/** Structured lines that the fixes like to touch: quotes, glued `#`, blanks, duplicates, bare keys. */
const LINE_PARTS = [
  'TAG="v1"#old', "TAG='v1'#old", 'RELEASE=abc#123', 'KEY=#see readme', 'A = "x"', '  B=1', 'B=2  ', 'export C=3', 'c=4', 'D', 'E="quoted"',
  'E=again', 'F="a b"', 'G=${E}', 'H=$MISSING', 'NODE_ENV=production', 'DEBUG=true', 'LOG_LEVEL=DEBUG', 'M1_API_BASE_URL=http://x/',
  'JWT_SECRET=changeme', 'PORT=:8888', 'I="multi\nline"', 'J=`tick`', 'K="a"   # c', '', '', '# comment', 'L=${L}', 'M=$$x', "N='$x'",
];
const structured = fc
  .array(fc.tuple(fc.constantFrom(...LINE_PARTS), fc.constantFrom('\n', '\r\n', '\n\n')), { maxLength: 12 })
  .map((lines) => lines.map(([l, eol]) => l + eol).join(''));

const options = fc.record({
  fileName: fc.constantFrom('.env', '.env.production', '.env.example', 'app.env', '.env.local'),
  schema: fc.constantFrom('m1', 'generic', undefined),
  dialect: fc.constantFrom('node', 'compose', 'php'),
});

describe('fixAll on hostile files (property)', () => {
  it('keeps dotenv.parse identical, and no rule needs a safe fix refused', () => {
    fc.assert(
      fc.property(fc.oneof(hostileText, structured), options, (text, o) => {
        fc.pre(!mentionsPrototypeName(text));
        const r = fixAll(text, { fileName: o.fileName, dialect: o.dialect, dialectExplicit: true, ...(o.schema ? { schema: o.schema } : {}) });
        expect(parse(r.text)).toEqual(parse(text));
        expect(r.refused).toEqual([]);
      }),
      { numRuns: Number(process.env.M1_PROPERTY_RUNS ?? 600) },
    );
  });
});
