/**
 * Runs a per-document job once after a burst of changes: each schedule replaces the one still pending for the
 * document (setImmediate, so a batch of edits ends in one run); cancel drops it (the document was closed).
 * Shared by the Dockerfile diagnostics and the Compose/Bake diagnostics.
 */
export function perDocumentScheduler(run: (uri: string) => Promise<void>): { schedule(uri: string): void; cancel(uri: string): void } {
  const pending = new Map<string, ReturnType<typeof setImmediate>>();
  const cancel = (uri: string) => {
    const previous = pending.get(uri);
    if (previous) clearImmediate(previous);
    pending.delete(uri);
  };
  return {
    schedule(uri) {
      cancel(uri);
      pending.set(
        uri,
        setImmediate(() => {
          pending.delete(uri);
          void run(uri);
        }),
      );
    },
    cancel,
  };
}
