import type { Plugin } from 'vite';

/** The workspace packages' sources, reached through an index that re-exports all their modules. */
const workspacePackage = /[\\/]packages[\\/][^\\/]+[\\/]src[\\/]/;

/**
 * The modules the first screen runs, for one chunk group. Rolldown puts a module imported both by
 * the entry and by a lazily loaded screen in a small common chunk of its own: the first screen then
 * downloaded some thirty files, each compressed alone (about 10 KB of brotli more than the same code
 * in one file). This plugin notes, once the module graph is complete, every module statically
 * reachable from the entry (what index.html runs anyway); `has` is the test of a group that keeps
 * them together. Lazily loaded screens import them from that chunk, which is loaded already.
 * The workspace packages are left to rolldown's own chunking, which keeps to the exports used: their
 * index would bring every module of theirs (invoicing rules, mission generation…).
 */
export function firstScreenModules(): { plugin: Plugin; has: (id: string) => boolean } {
  const modules = new Set<string>();
  const plugin: Plugin = {
    name: 'relais-first-screen-modules',
    apply: 'build',
    buildEnd() {
      modules.clear();
      const pending = [...this.getModuleIds()].filter((id) => this.getModuleInfo(id)?.isEntry === true);
      while (pending.length > 0) {
        const id = pending.pop();
        if (id === undefined || modules.has(id) || workspacePackage.test(id)) {
          continue;
        }
        modules.add(id);
        pending.push(...(this.getModuleInfo(id)?.importedIds ?? []));
      }
    },
  };
  return { plugin, has: (id) => modules.has(id) };
}
