// Markdown as plain text, for clients whose hover contentFormat lacks markdown (eglot without
// markdown-mode, ...): they would show `**`, backticks and table pipes literally.

/** The same content without markdown syntax: tables become "Name: value" lines, links their text. */
export function markdownToPlainText(md: string): string {
  const out: string[] = [];
  for (const line of md.split('\n')) {
    if (/^\|[-| ]*\|$/.test(line) || line === '| | |') continue; // table header and separator
    if (/^`{3,}/.test(line)) continue; // code fences: the value lines inside stay as they are
    const row = /^\| (.*?) \| (.*) \|$/.exec(line);
    const text = row ? `${row[1] ?? ''}: ${row[2] ?? ''}` : line;
    out.push(
      text
        .replace(/\[`?([^\]`]*)`?\]\([^)]*\)/g, '$1')
        .replace(/\*\*([^*]*)\*\*/g, '$1')
        .replace(/\*\(([^)]*)\)\*/g, '($1)')
        .replace(/`([^`]*)`/g, '$1')
        .replace(/\\\|/g, '|'),
    );
  }
  return out.join('\n');
}
