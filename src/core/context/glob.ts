// Glob matching for `fastInline.excludeFiles` (`**`, `*`, `?`, `{a,b}`, `[abc]`), in the core so
// it is unit-tested and the same rule applies wherever file content could leave the machine.

const cache = new Map<string, RegExp>();

export function globToRegExp(glob: string): RegExp {
  const cached = cache.get(glob);
  if (cached) return cached;
  let re = '';
  let inGroup = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        // `**/` matches zero or more whole folders; a trailing `**` matches everything below.
        const slash = glob[i + 2] === '/';
        re += slash ? '(?:[^/]*/)*' : '.*';
        i += slash ? 2 : 1;
      } else {
        re += '[^/]*';
      }
    } else if (c === '?') re += '[^/]';
    else if (c === '{' && closes(glob, i)) { inGroup++; re += '(?:'; }
    else if (c === '}' && inGroup) { inGroup--; re += ')'; }
    else if (c === ',' && inGroup) re += '|';
    else if (c === '[') {
      const close = glob.indexOf(']', i + 1);
      if (close < 0) { re += '\\['; continue; }
      const body = glob.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\');
      if (!validClass(body)) { re += '\\['; continue; } // e.g. `[z-a]`: a literal `[`, not a throw
      re += `[${body}]`;
      i = close;
    } else re += c.replace(/[.+^$(){}|\\]/g, '\\$&');
  }
  // Case-insensitive everywhere: these patterns keep secrets from leaving, so `.ENV` must match too.
  const compiled = new RegExp(`^${re}$`, 'i');
  cache.set(glob, compiled);
  return compiled;
}

function validClass(body: string): boolean {
  try {
    new RegExp(`[${body}]`);
    return true;
  } catch {
    return false;
  }
}

/** True when the `{` at i has a matching `}`; an unmatched one is a literal (not an invalid RegExp). */
function closes(glob: string, i: number): boolean {
  let depth = 0;
  for (let j = i; j < glob.length; j++) {
    if (glob[j] === '{') depth++;
    else if (glob[j] === '}' && --depth === 0) return true;
  }
  return false;
}

/**
 * True when the file matches any pattern. Tried against the workspace-relative path and the
 * absolute path, so both `**\/.env*` and `/home/me/secrets/**` work.
 */
export function matchesAny(paths: { relative: string; absolute: string }, patterns: readonly string[]): string | undefined {
  const candidates = [paths.relative, paths.absolute].map(p => p.replace(/\\/g, '/'));
  for (const pattern of patterns) {
    const re = globToRegExp(pattern.trim().replace(/\\(?![[\]{}*?])/g, '/'));
    if (candidates.some(p => re.test(p) || re.test(p.replace(/^\/+/, '')))) return pattern;
  }
  return undefined;
}
