// Markdown as plain text, for clients whose hover contentFormat lacks markdown (eglot without
// markdown-mode, ...): they would show `**`, backticks and table pipes literally.

/** The same content without markdown syntax: tables become "Name: value" lines, links their text. */
export function markdownToPlainText(md: string): string {
  const out: string[] = [];
  let fence: string | undefined;
  for (const line of md.split('\n')) {
    // Code fences go; the value lines inside stay exactly as they are (a value may contain `**`).
    const open = /^`{3,}/.exec(line)?.[0];
    if (fence !== undefined) {
      if (line === fence) fence = undefined;
      else out.push(line);
      continue;
    }
    if (open) {
      fence = open;
      continue;
    }
    if (/^\|[-| ]*\|$/.test(line) || line === '| | |') continue; // table header and separator
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
