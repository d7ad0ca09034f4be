// The version from package.json. esbuild inlines only the imported field, not the whole manifest.
import { version } from '../../../package.json';

export const VERSION: string = version;
