// Runs one task per resource in dependency order: everything whose dependencies are done runs in parallel.
// After a failure no new task starts (in-flight ones finish or notice the operation's abort). Resources that never
// ran are reported: as `notRun` always, and as failed too when no task failed (nothing may silently be skipped,
// e.g. a dependency that can never be met), so the flows end the operation as failed rather than complete.

export async function runInDependencyOrder(
  ids: string[],
  dependencies: Map<string, Set<string>>,
  task: (id: string) => Promise<boolean>,
): Promise<{ failed: string[]; notRun: string[] }> {
  const pending = new Set(ids);
  const done = new Set<string>();
  const failed: string[] = [];
  const running = new Map<string, Promise<void>>();
  const isReady = (id: string) => [...(dependencies.get(id) ?? [])].every((dep) => done.has(dep) || !ids.includes(dep));
  while (pending.size > 0 || running.size > 0) {
    if (failed.length === 0) {
      for (const id of [...pending]) {
        if (!isReady(id)) continue;
        pending.delete(id);
        running.set(id, task(id).then((ok) => {
          running.delete(id);
          if (ok) done.add(id);
          else failed.push(id);
        }, (error: unknown) => {
          running.delete(id);
          failed.push(id);
          console.error(`[sandbox:cloudformation] ${id} failed unexpectedly`, error);
        }));
      }
    }
    if (running.size === 0) break;
    await Promise.race(running.values());
  }
  const notRun = [...pending];
  if (failed.length === 0) failed.push(...notRun);
  return { failed, notRun };
}

/** The reverse graph: a resource can be deleted once everything that depends on it is gone. */
export function reverseDependencies(dependencies: Map<string, Set<string>>): Map<string, Set<string>> {
  const reversed = new Map<string, Set<string>>([...dependencies.keys()].map((id) => [id, new Set<string>()]));
  for (const [id, deps] of dependencies) {
    for (const dep of deps) {
      if (!reversed.has(dep)) reversed.set(dep, new Set());
      reversed.get(dep)!.add(id);
    }
  }
  return reversed;
}
