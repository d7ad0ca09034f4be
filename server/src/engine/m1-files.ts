// `m1ops.validation.m1Files`: globs of files that are M1 configs whatever they set. `*` and `?` stay
// within a folder, `**` crosses folders. A relative glob matches at any depth (as if it began with
// `**/`): the language server sees absolute paths and a workspace may hold several folders.

function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i] ?? '';
    if (ch === '*') {
      if (glob[i + 1] === '*') {
        // `**/` is zero or more folders; a trailing `**` is anything.
        if (glob[i + 2] === '/') {
          re += '(?:[^/]*/)*';
          i += 2;
        } else {
          re += '.*';
          i += 1;
        }
      } else re += '[^/]*';
    } else if (ch === '?') re += '[^/]';
    else re += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(glob.startsWith('/') ? `^${re}$` : `(?:^|/)${re}$`);
}

const cache = new Map<string, RegExp>();

/** True when the path (any separator) matches one of the globs. */
export function matchesM1Files(path: string, globs: readonly string[]): boolean {
  if (globs.length === 0) return false;
  const normal = path.replace(/\\/g, '/');
  return globs.some((g) => {
    const glob = g.replace(/\\/g, '/').replace(/^\.\//, '');
    let re = cache.get(glob);
    if (!re) {
      if (cache.size > 1000) cache.clear();
      cache.set(glob, (re = globToRegExp(glob)));
    }
    return re.test(normal);
  });
}
