/**
 * How the editor starts the language server process: one definition for the VS Code client and for
 * `npm run bench`, which measures the server as the client launches it.
 *
 * The environment tunes glibc's allocator (other C libraries ignore it): at most two malloc arenas, and
 * freed memory above 128 KB returned to the system. V8 keeps the JavaScript heap itself; what these settle
 * is the parser's and the compiler's scratch memory, which otherwise stays resident per thread. Measured with
 * 50 corpus files open: 85 -> 70 MB resident, no change in latency (BENCHMARKS.md).
 */
export const SERVER_PROCESS_ENV: Readonly<Record<string, string>> = {
  MALLOC_ARENA_MAX: '2',
  MALLOC_TRIM_THRESHOLD_: '131072',
};

/**
 * Node flags of the server process: stack traces in the log point into the TypeScript sources through the
 * dist/server.js.map shipped beside the bundle (the maps are read only when a stack is printed).
 */
export const SERVER_EXEC_ARGV: readonly string[] = ['--enable-source-maps'];
