// File-system error codes in words, so that messages read "no such file or directory" rather than
// "ENOENT: no such file or directory, open '/x'" (which repeats the path).

const WORDS: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'is a directory',
  ENOTDIR: 'a part of the path is not a directory',
  ELOOP: 'too many levels of symbolic links',
  ENAMETOOLONG: 'file name too long',
  EMFILE: 'too many open files',
  EIO: 'input/output error',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on device',
  EXDEV: 'cannot rename across file systems',
};

export function fsErrorText(e: unknown): string {
  const code = typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string' ? e.code : undefined;
  if (code && WORDS[code]) return WORDS[code];
  return e instanceof Error ? e.message : String(e);
}
