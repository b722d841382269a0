import type { ServerCapabilities } from 'vscode-languageserver';
import type { ServerContext } from '../context';

export interface Registered {
  capabilities?: ServerCapabilities;
  /** Only the diagnostics feature provides this: re-validate every open document. */
  revalidateAll?: () => void;
  /** Only the diagnostics feature provides this: resolves once the diagnostics pending for a document are published. */
  whenDiagnosed?: (uri: string) => Promise<void>;
  /** Runs once the client has said `initialized` (dynamic registrations go here). */
  onInitialized?: () => void;
}

/** One feature of the server: registers its handlers and contributions, returns the capabilities it adds. */
export interface Feature {
  name: string;
  register(ctx: ServerContext): Registered;
}
