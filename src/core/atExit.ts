// Cleanups that must run however credchain exits (process.exit from a signal handler, an error thrown to the top):
// one 'exit' listener for the whole process, running each registered cleanup once. Registering the same function
// again does nothing, so a module can register its cleanup each time it starts something to clean up.
const cleanups = new Set<() => void>();
let listening = false;

export function atExit(cleanup: () => void): void {
  cleanups.add(cleanup);
  if (listening) return;
  listening = true;
  process.on('exit', () => {
    for (const c of cleanups) {
      try {
        c();
      } catch {
        /* one failing cleanup must not keep the others from running */
      }
    }
  });
}
