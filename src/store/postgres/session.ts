/**
 * The settings every connection of an archive starts with, sent as the startup `options` parameter so
 * that they hold before the first statement, with no statement of their own.
 *
 * - `jit=off`: wirewatch's statements are index probes and small aggregates that the planner can cost
 *   as large (a batch's lookups, a correlated subquery), and compiling them took longer than running
 *   them: 1.2 s for a batch lookup that runs in 10 ms, 366 ms of the sources list's 543 ms.
 * - `search_path`, when the archive lives in a schema of its own.
 *
 * node-postgres lets an `options` parameter of the URL replace the configuration's, so one given in
 * the URL is taken out of it and kept, after ours: a setting the URL names wins.
 */
export interface SessionConfig {
  connectionString: string;
  options: string;
}

export function sessionConfig(url: string, schema?: string): SessionConfig {
  const ours = ['-c jit=off', ...(schema ? [`-c search_path=${schema}`] : [])];
  let given: string | null = null;
  let connectionString = url;
  try {
    const parsed = new URL(url);
    given = parsed.searchParams.get('options');
    if (given !== null) {
      parsed.searchParams.delete('options');
      connectionString = parsed.toString();
    }
  } catch {
    // Not a URL the WHATWG parser reads: node-postgres reports it when it connects.
  }
  return { connectionString, options: [...ours, given].filter(Boolean).join(' ') };
}
