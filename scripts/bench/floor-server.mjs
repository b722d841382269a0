// The bench's floor: a language server that does no work, on the transport our server uses (vscode-languageserver's
// stdio connection and TextDocuments with incremental sync). It publishes an empty list for every opened or
// changed document and answers every request with null. Its latency is what the protocol alone costs here: no
// server on this transport can answer faster, so floor / reference is the lowest ratio a target can ask for.
//
//   node scripts/bench/floor-server.mjs --stdio
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind } = require('vscode-languageserver/node');
const { TextDocument } = require('vscode-languageserver-textdocument');

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
connection.onInitialize(() => ({
  capabilities: {
    textDocumentSync: TextDocumentSyncKind.Incremental,
    hoverProvider: true,
    completionProvider: {},
    documentSymbolProvider: true,
    foldingRangeProvider: true,
  },
}));
documents.onDidChangeContent(({ document }) => void connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics: [] }));
documents.onDidClose(({ document }) => void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] }));
connection.onHover(() => null);
connection.onCompletion(() => null);
connection.onDocumentSymbol(() => null);
connection.onFoldingRanges(() => null);
documents.listen(connection);
connection.listen();
