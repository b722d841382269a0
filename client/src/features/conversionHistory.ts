/**
 * The text a document had before the extension converted it, kept for this session so "Verify conversion by
 * building" can build the pre-conversion text against the converted one (even before the file is saved or
 * committed). One entry per document; it no longer applies once the document's text differs from the conversion.
 */
const before = new Map<string, { before: string; after: string }>();

export function rememberConversion(uri: string, textBefore: string, textAfter: string): void {
  before.set(uri, { before: textBefore, after: textAfter });
}

/** The text before the last conversion of `uri`, when the document still holds exactly that conversion. */
export function textBeforeConversion(uri: string, currentText: string): string | undefined {
  const e = before.get(uri);
  return e && e.after === currentText ? e.before : undefined;
}
