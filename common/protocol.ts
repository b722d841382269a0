/**
 * Custom LSP messages between the client and the server (and any other editor). One definition each:
 * the method name and the parameter/result types.
 */
export interface TextDocumentParams {
  textDocument: { uri: string };
}
