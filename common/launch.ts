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
 * Node flags of the server process. Not `--enable-source-maps`: it keeps the bundle's map in memory from start-up
 * (≈ 3.5 MB resident); the server maps its stack traces itself when it prints one (server/src/node/stackTraces.ts).
 * - `--max-semi-space-size=32` (MB; V8's default on 64-bit is 16): a young generation that may grow to twice the
 *   default. Each validation of a long Dockerfile allocates several MB (its parse tree, the standard validator's
 *   and the rules' work); with the default, a scavenge ran during nearly every validation of a 1,000-line file and
 *   copied the parse tree under construction. Measured over stdio (BENCHMARKS.md, sixth pass): scavenge time over
 *   180 validations of 1,000 lines 1,029 -> 443 ms, open/keystroke -9 to -11 % at 1,000 and 2,500 lines, no
 *   change on small files, the cold open or the resident memory with 50 corpus files open (the young generation
 *   grows only under sustained allocation: editing a long file can take up to 32 MB more).
 */
export const SERVER_EXEC_ARGV: readonly string[] = ['--max-semi-space-size=32'];
