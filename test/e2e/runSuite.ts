/**
 * Runs the bundled e2e suite (dist/suite.js, built from test/e2e/suite/**\/*.test.ts) with mocha inside the
 * extension host. Shared by both hosts: the code-server runner extension (runner/extension.ts) and the
 * @vscode/test-electron entry (electron.ts). Results go to `onEvent` as they happen and to the console.
 */
import Mocha from 'mocha';

export type E2EEvent =
  | { type: 'start'; total: number }
  | { type: 'pass'; title: string; durationMs: number }
  | { type: 'fail'; title: string; message: string; stack?: string }
  | { type: 'pending'; title: string }
  | { type: 'end'; passes: number; failures: number; pending: number; durationMs: number }
  | { type: 'log'; message: string }
  | { type: 'error'; message: string; stack?: string }
  /** The UI is set up for one screenshot; the harness answers the POST once it has taken it. */
  | { type: 'screenshot-ready'; step: 'diagnostics' | 'hover' | 'codelens' | 'breakdown'; file: string; hover?: { line: number; character: number; text: string; lineText: string } }
  /** Activation of the extension under test, timed by the runner: activate() returning, and until its language client runs. */
  | { type: 'metric'; name: 'activation'; ms: number; activateMs: number; vscodeVersion: string }
  | { type: 'done' };

export interface SuiteResult {
  passes: number;
  failures: number;
  pending: number;
}

export interface RunSuiteOptions {
  /** Absolute path of the bundled suite (CommonJS). */
  suiteFile: string;
  onEvent?: (event: E2EEvent) => void | Promise<void>;
  /** Per-test timeout; a test that waits on an event that never comes fails after this. */
  timeoutMs?: number;
  grep?: string;
}

export function runSuite(options: RunSuiteOptions): Promise<SuiteResult> {
  const emit = (e: E2EEvent) => {
    try {
      void options.onEvent?.(e);
    } catch {
      /* reporting must never break the run */
    }
  };

  class EventReporter extends Mocha.reporters.Spec {
    constructor(runner: Mocha.Runner, opts: Mocha.MochaOptions) {
      super(runner, opts);
      const started = Date.now();
      runner.on(Mocha.Runner.constants.EVENT_RUN_BEGIN, () => emit({ type: 'start', total: runner.total }));
      runner.on(Mocha.Runner.constants.EVENT_TEST_PASS, (t: Mocha.Test) =>
        emit({ type: 'pass', title: t.fullTitle(), durationMs: t.duration ?? 0 }),
      );
      runner.on(Mocha.Runner.constants.EVENT_TEST_PENDING, (t: Mocha.Test) => emit({ type: 'pending', title: t.fullTitle() }));
      runner.on(Mocha.Runner.constants.EVENT_TEST_FAIL, (t: Mocha.Runnable, err: Error) =>
        emit({ type: 'fail', title: t.fullTitle(), message: String(err?.message ?? err), stack: err?.stack }),
      );
      runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
        const s = runner.stats;
        emit({ type: 'end', passes: s?.passes ?? 0, failures: s?.failures ?? 0, pending: s?.pending ?? 0, durationMs: Date.now() - started });
      });
    }
  }

  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: options.timeoutMs ?? 30_000, reporter: EventReporter });
  if (options.grep) mocha.grep(options.grep);

  // What Mocha#loadFiles does, done here so the suite's `suite`/`test` globals exist while it loads.
  const file = options.suiteFile;
  mocha.suite.emit('pre-require', globalThis, file, mocha);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  mocha.suite.emit('require', require(file), file, mocha);
  mocha.suite.emit('post-require', globalThis, file, mocha);

  return new Promise((resolve) => {
    const runner = mocha.run(() => {
      const s = runner.stats;
      resolve({ passes: s?.passes ?? 0, failures: s?.failures ?? 0, pending: s?.pending ?? 0 });
    });
  });
}
