/**
 * The language configuration in a real VS Code: the word pattern (through TextDocument.getWordRangeAtPosition,
 * which uses the language's word definition), the onEnter rules for line continuations (typing Enter with
 * the `type` command, as the keyboard does), and line comments. The grammar's scopes themselves are checked
 * by test/unit/grammar.test.ts with vscode-textmate, the tokenizer VS Code runs; the public API does not
 * expose tokens.
 */
import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, openUntitled, positionOf } from '../support/helpers';

async function typeAtEndOfLine(editor: vscode.TextEditor, line: number, text: string): Promise<void> {
  const end = editor.document.lineAt(line).range.end;
  editor.selection = new vscode.Selection(end, end);
  await vscode.commands.executeCommand('type', { text });
}

function indentOf(doc: vscode.TextDocument, line: number): string {
  return /^[ \t]*/.exec(doc.lineAt(line).text)![0];
}

suite('Dockerfile language configuration', () => {
  suiteSetup(async () => {
    await activateExtension();
  });

  teardown(async () => {
    await closeAllEditors();
  });

  test('words: flags, ${VAR} expansions and hyphenated names are one word each', async () => {
    const { doc } = await openUntitled('COPY --from=build ${APP_DIR:-/app}/bin /srv\nRUN apt-get install -y --no-install-recommends curl\n');
    const word = (needle: string, offset: number) => {
      const range = doc.getWordRangeAtPosition(positionOf(doc, needle, offset));
      assert.ok(range, `a word at ${needle}+${offset}`);
      return doc.getText(range);
    };
    assert.strictEqual(word('--from', 3), '--from');
    assert.strictEqual(word('${APP_DIR', 4), '${APP_DIR:-/app}');
    assert.strictEqual(word('apt-get', 5), 'apt-get');
    assert.strictEqual(word('--no-install', 8), '--no-install-recommends');
  });

  test('Enter after a line continuation indents, keeps the indentation, and outdents after the last line', async () => {
    const { doc, editor } = await openUntitled('FROM alpine\nENV A=1 \\');
    editor.options = { insertSpaces: true, tabSize: 4 };
    await typeAtEndOfLine(editor, 1, '\n');
    assert.strictEqual(doc.lineCount, 3);
    assert.strictEqual(indentOf(doc, 2), '    ', 'the first continued line is indented');
    await typeAtEndOfLine(editor, 2, 'B=2 \\');
    await typeAtEndOfLine(editor, 2, '\n');
    assert.strictEqual(indentOf(doc, 3), '    ', 'further continued lines keep the indentation');
    await typeAtEndOfLine(editor, 3, 'C=3');
    await typeAtEndOfLine(editor, 3, '\n');
    assert.strictEqual(indentOf(doc, 4), '', 'after the instruction ends, back to column 0');
    assert.strictEqual(doc.getText(), 'FROM alpine\nENV A=1 \\\n    B=2 \\\n    C=3\n');
  });

  test('in RUN (embedded shell) Enter after a continuation indents too', async () => {
    const { doc, editor } = await openUntitled('FROM alpine\nRUN apk add \\');
    editor.options = { insertSpaces: true, tabSize: 4 };
    await typeAtEndOfLine(editor, 1, '\n');
    assert.strictEqual(indentOf(doc, 2), '    ', 'the first continued line is indented');
    await typeAtEndOfLine(editor, 2, 'curl \\');
    await typeAtEndOfLine(editor, 2, '\n');
    assert.strictEqual(indentOf(doc, 3), '    ', 'further continued lines keep the indentation');
  });

  test('toggling a line comment uses #', async () => {
    const { doc, editor } = await openUntitled('FROM alpine\nRUN echo hi\n');
    editor.selection = new vscode.Selection(1, 0, 1, 0);
    await vscode.commands.executeCommand('editor.action.commentLine');
    assert.strictEqual(doc.lineAt(1).text, '# RUN echo hi');
  });
});
