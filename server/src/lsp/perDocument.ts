/**
 * Runs a per-document job once after a burst of changes: each schedule replaces the one still pending for the
 * document (two turns of the event loop later, so a batch of edits ends in one run); cancel drops it (the
 * document was closed).
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
      const start = () => {
        pending.delete(uri);
        const job = run(uri)
          .catch(() => undefined)
          .finally(() => {
            if (running.get(uri) === job) running.delete(uri);
            resolve();
          });
        running.set(uri, job);
      };
      // Two turns of the event loop, not one: the connection hands over the messages of one read one per turn,
      // so a burst of edits would otherwise be validated edit by edit (the job runs before the next edit is
      // read). The second turn lets the next edit of a burst arrive and replace this job.
      const entry = { timer: setImmediate(() => (entry.timer = setImmediate(start))), done, resolve };
      pending.set(uri, entry);
    },
    cancel,
    settled(uri) {
      return pending.get(uri)?.done ?? running.get(uri) ?? Promise.resolve();
    },
  };
}
