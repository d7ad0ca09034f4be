// The catalog (server/src/catalog) seen through the language server's CatalogView.
import { allowedValues, describeVariable, requirementText, VARIABLES } from '../../catalog/index';
import type { VariableSpec } from '../../catalog/index';
import { catalogFrom, type CatalogView, type VariableInfo } from './catalog';

export function m1Catalog(): CatalogView {
  return catalogFrom(VARIABLES.map(toInfo));
}

function toInfo(spec: VariableSpec): VariableInfo {
  const d = describeVariable(spec.name);
  const info: VariableInfo = {
    key: spec.name,
    group: spec.group,
    description: spec.description,
    type: d?.type ?? spec.type.kind,
    secret: spec.secret === true || spec.type.kind === 'secret',
    requirement: requirementText(spec),
    rules: d?.rules ?? spec.rules,
  };
  if (spec.default !== undefined) info.defaultValue = spec.default;
  const allowed = allowedValues(spec);
  if (allowed) info.allowed = allowed;
  if (spec.secretUrlParts?.length) info.urlCredentials = { username: spec.secretUrlParts.includes('username') };
  return info;
}
