// docs/catalog.md, rendered from the catalog so that the page never disagrees with the validator.
// Written by scripts/gen-catalog-doc.mjs; catalog-doc.test.ts fails when the page is stale.
import { GROUPS, requirementText, rulesForKey, typeLabel, VARIABLES, type VariableSpec } from './index';

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const code = (s: string) => (s === '' ? '' : `\`${s}\``);

function secrecy(spec: VariableSpec): string {
  if (spec.secret) return 'whole value';
  if (spec.secretUrlParts?.includes('username')) return 'key (user name part)';
  if (spec.secretUrlParts?.includes('password')) return 'password part';
  return '';
}

function row(spec: VariableSpec): string {
  const rules = rulesForKey(spec.name)
    .map((r) => `[${r}](rules.md#${r})`)
    .join(', ');
  return `| \`${spec.name}\` | ${code(cell(typeLabel(spec.type)))} | ${code(spec.default ?? '')} | ${requirementText(spec)} | ${secrecy(spec)} | ${cell(spec.description)} | ${rules} |`;
}

export function renderCatalogMarkdown(): string {
  const out = [
    '# Variable catalog',
    '',
    '<!-- Generated from server/src/catalog by `node scripts/gen-catalog-doc.mjs`: edit the catalog, not this file. -->',
    '',
    `The ${VARIABLES.length} variables of an M1 deployment that \`m1-ops validate\`, the language server (hover,`,
    'completion) and the control service\'s start-up check know. Types: int = base-10 integer; bool = `true|false|1|0`;',
    'duration = `<n>(ms|s|m|h|d)`; url = absolute URL with one of the listed schemes. "Secret" marks what is never shown',
    'in a message, hover or log. Rule ids link to [rules.md](rules.md); "staging and production" are the production-like profiles.',
    '',
    'The catalog judges only M1 configs: files that set an `M1_*` variable (or whose example file does), that match',
    '`m1ops.validation.m1Files`, or that `--schema m1` / `m1ops.validation.schema` declares. Other `.env` files get the',
    'generic rules, where names such as `PORT`, `DATABASE_URL` or `DEBUG` mean what their own program says',
    '([rules.md#schemas](rules.md#schemas)).',
  ];
  for (const group of GROUPS) {
    out.push('', `## ${group}`, '', '| variable | type | default | required | secret | description | rules |', '|---|---|---|---|---|---|---|');
    for (const spec of VARIABLES.filter((s) => s.group === group)) out.push(row(spec));
    const notes = VARIABLES.filter((s) => s.group === group && s.checks);
    if (notes.length > 0) out.push('', ...notes.map((s) => `- \`${s.name}\`: ${s.checks ?? ''}.`));
  }
  return `${out.join('\n')}\n`;
}
