// Names that say their value is a credential, for variables the catalog does not know (DB_PASSWORD,
// GITHUB_TOKEN, STRIPE_API_KEY, SMTP_PWD, AUTH_HEADER, BUGSNAG_DSN, ...). One list for everything
// that must not show or copy such a value: rule messages and fix safety (rules/syntax/secrecy.ts),
// the example values that missing-key copies (rules/example/sync.ts), and, through the one secret
// detector (secret-detector.ts, which adds the value's own shape), every surface of the language server.
const SECRET_NAME = /SECRET|PASSW|PWD|TOKEN|PRIVATE|CREDENTIAL|API_?KEY|_KEY$|^KEY$|AUTH|DSN/i;

export function hasSecretName(key: string): boolean {
  return SECRET_NAME.test(key);
}
