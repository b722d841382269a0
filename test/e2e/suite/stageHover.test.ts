/**
 * Stage hovers and stage navigation in a real VS Code: the hover text read through
 * vscode.executeHoverProvider, definition, references and rename through the public commands.
 * (The screenshot of a stage hover open in the editor is taken by the harness: the runner extension's
 * showcase step hovers the stage name `build` of showcase.Dockerfile -> test-results/dockerfile-stage-hover.png.)
 */
import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, execute, hoverText, openFixture, openUntitled, positionOf } from '../support/helpers';

suite('Stage hovers and navigation', () => {
  suiteSetup(async () => {
    await activateExtension();
  });

  teardown(async () => {
    await closeAllEditors();
  });

  test('hovering a stage name explains the stage: role, base image, who takes what', async () => {
    const { doc } = await openFixture('multistage.Dockerfile');
    const at = positionOf(doc, /AS build$/m, 4);
    const text = hoverText(await execute<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, at));
    assert.match(text, /Stage 0 `build`/);
    assert.match(text, /build stage: compiles the Go binary; discarded, only `\/out\/server` is copied into the final image/);
    assert.match(text, /Base image: `golang:1\.22`/);
    assert.match(text, /stage 2 `runtime` \(final\): copies `\/out\/server` → `\/server`/);
  });

  test('hovering the final stage shows its runtime config; hovering COPY --from source tells where it comes from', async () => {
    const { doc } = await openFixture('multistage.Dockerfile');
    const final = hoverText(await execute<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, positionOf(doc, 'AS runtime', 4)));
    assert.match(final, /final image: what ships/);
    assert.match(final, /user: `65532`/);
    assert.match(final, /entrypoint: `\["\/server"\]`/);
    const source = hoverText(await execute<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, positionOf(doc, '--from=build /out/server', 15)));
    assert.match(source, /written by `RUN CGO_ENABLED=0 go build -o \/out\/server \.\/cmd\/server`/);
  });

  test('goes to the definition and finds the references of a stage, numeric ones included', async () => {
    const { doc } = await openUntitled('FROM golang:1.22 AS build\nRUN go build -o /x .\nFROM build AS test\nFROM alpine\nCOPY --from=0 /x /x\nCOPY --from=BUILD /x /y\n');
    const defs = await execute<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', doc.uri, new vscode.Position(4, 12));
    assert.ok(defs.length > 0, 'a definition for --from=0');
    const def = defs[0];
    const range = 'targetRange' in def ? def.targetRange : def.range;
    assert.deepStrictEqual([range.start.line, range.start.character, range.end.character], [0, 20, 25]);
    const refs = await execute<vscode.Location[]>('vscode.executeReferenceProvider', doc.uri, new vscode.Position(0, 21));
    assert.deepStrictEqual(
      refs.map((r) => r.range.start.line).sort((a, b) => a - b),
      [0, 2, 4, 5],
    );
  });

  test('renames a stage everywhere it is named, leaving numeric references alone', async () => {
    const { doc } = await openUntitled('FROM golang:1.22 AS build\nRUN go build -o /x .\nFROM build AS test\nFROM alpine\nCOPY --from=0 /x /x\nCOPY --from=BUILD /x /y\n');
    const edit = await execute<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', doc.uri, new vscode.Position(2, 6), 'compile');
    assert.ok(await vscode.workspace.applyEdit(edit), 'the rename applies');
    assert.strictEqual(doc.getText(), 'FROM golang:1.22 AS compile\nRUN go build -o /x .\nFROM compile AS test\nFROM alpine\nCOPY --from=0 /x /x\nCOPY --from=compile /x /y\n');
  });
});
