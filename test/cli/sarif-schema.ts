// The subset of SARIF 2.1.0 (OASIS schema sarif-schema-2.1.0.json) that m1-ops emits and code
// scanning consumers require, as zod: enough to catch a misplaced or misspelt property.
import { z } from 'zod';

const Message = z.strictObject({ text: z.string().min(1) });
const Region = z.strictObject({
  startLine: z.int().min(1),
  startColumn: z.int().min(1),
  endLine: z.int().min(1),
  endColumn: z.int().min(1),
});
const ArtifactLocation = z.strictObject({ uri: z.string().min(1), uriBaseId: z.string().optional() });
const Result = z.strictObject({
  ruleId: z.string().regex(/^[a-z]+(-[a-z]+)*$/),
  ruleIndex: z.int().min(0),
  level: z.enum(['none', 'note', 'warning', 'error']),
  message: Message,
  locations: z.array(z.strictObject({ physicalLocation: z.strictObject({ artifactLocation: ArtifactLocation, region: Region }) })).min(1),
  properties: z.looseObject({ level: z.enum(['critical', 'error', 'warning', 'info']) }),
});
const ReportingDescriptor = z.strictObject({
  id: z.string(),
  shortDescription: Message,
  helpUri: z.url(),
});

export const SarifLog = z.strictObject({
  $schema: z.url(),
  version: z.literal('2.1.0'),
  runs: z
    .array(
      z.strictObject({
        tool: z.strictObject({
          driver: z.strictObject({ name: z.string(), version: z.string(), informationUri: z.url(), rules: z.array(ReportingDescriptor) }),
        }),
        originalUriBaseIds: z.record(z.string(), z.strictObject({ uri: z.string().regex(/^file:\/\/.*\/$/) })),
        columnKind: z.enum(['utf16CodeUnits', 'unicodeCodePoints']),
        results: z.array(Result),
      }),
    )
    .length(1),
});
export type SarifLog = z.infer<typeof SarifLog>;
