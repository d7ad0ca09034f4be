// Types of scripts/build.mjs for the TypeScript callers (the test suite's global setup).
export declare const ROOT: string;
export declare const ENTRIES: readonly { in: string; out: string; platform?: 'node' | 'browser'; external?: string[] }[];
export declare function buildAll(opts?: { production?: boolean; root?: string }): Promise<string[]>;
