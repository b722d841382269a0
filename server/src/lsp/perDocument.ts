/**
 * Runs a per-document job once after a burst of changes: each schedule replaces the one still pending for the
 * document (setImmediate, so a batch of edits ends in one run); cancel drops it (the document was closed).
 * `settled(uri)` resolves when the job pending or running at the time of the call has finished (at once when
 * there is none): work that should come after it (the size estimate after the diagnostics) waits on it.
 * Shared by the Dockerfile diagnostics and the Compose/Bake diagnostics.
 */
export function perDocumentScheduler(run: (uri: string) => Promise<void>): {
  schedule(uri: string): void;
  cancel(uri: string): void;
  settled(uri: string): Promise<void>;
} {
  const pending = new Map<string, { timer: ReturnType<typeof setImmediate>; done: Promise<void>; resolve: () => void }>();
  const running = new Map<string, Promise<void>>();
  const cancel = (uri: string) => {
    const previous = pending.get(uri);
    if (!previous) return;
    clearImmediate(previous.timer);
    pending.delete(uri);
    previous.resolve();
  };
  return {
    schedule(uri) {
      const previous = pending.get(uri);
      if (previous) clearImmediate(previous.timer);
      let resolve = () => {};
      const done = previous?.done ?? new Promise<void>((r) => (resolve = r));
      if (previous) resolve = previous.resolve;
      const timer = setImmediate(() => {
        pending.delete(uri);
        const job = run(uri)
          .catch(() => undefined)
          .finally(() => {
            if (running.get(uri) === job) running.delete(uri);
            resolve();
          });
        running.set(uri, job);
      });
      pending.set(uri, { timer, done, resolve });
    },
    cancel,
    settled(uri) {
      return pending.get(uri)?.done ?? running.get(uri) ?? Promise.resolve();
    },
  };
}
