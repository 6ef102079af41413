import type { UserInfo } from '@kubesim/api';

/**
 * kube-apiserver's `--token-auth-file`: a CSV of `token,user,uid[,"group1,group2"]` per line.
 * Blank lines and lines starting with `#` are skipped; a line with fewer than 3 fields is an error.
 */
export function parseTokenFile(text: string): Map<string, UserInfo> {
  const tokens = new Map<string, UserInfo>();
  text.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim() || line.trimStart().startsWith('#')) return;
    const fields = csvFields(line);
    if (fields.length < 3) throw new Error(`token file: line ${i + 1}: token, user name and uid are required, got ${fields.length} field(s)`);
    const [token, username, uid, groups] = fields;
    tokens.set(token, { username, uid, groups: groups ? groups.split(',').map((g) => g.trim()).filter(Boolean) : [] });
  });
  return tokens;
}

function csvFields(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') (cur += '"'), i++;
      else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') out.push(cur), (cur = '');
    else cur += c;
  }
  out.push(cur);
  return out.map((f) => f.trim());
}
