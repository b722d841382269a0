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
 * - `--max-semi-space-size=24` (MB; V8's default on 64-bit is 16): a larger young generation. Each validation of a
 *   long Dockerfile allocates several MB (its parse tree, the standard validator's and the rules' work); with the
 *   default, a scavenge ran during nearly every validation of a 1,000-line file and copied the parse tree under
 *   construction. Measured over stdio (BENCHMARKS.md, sixth pass): scavenge time over 180 validations of 1,000
 *   lines ≈ 640 -> 330-550 ms, open/keystroke about -10 % at 1,000-2,500 lines, nothing measurable on small files,
 *   the cold open or the resident memory with 50 corpus files open (the young generation grows only under
 *   sustained allocation: editing a long file can take up to 16 MB more). 32 measured the same up to 2,500 lines,
 *   but 5-14 % slower than the default at 5,000 lines in two A/Bs, where 24 stayed within 3 %.
 */
export const SERVER_EXEC_ARGV: readonly string[] = ['--max-semi-space-size=24'];
