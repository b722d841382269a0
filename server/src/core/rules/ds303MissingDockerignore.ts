import type { Copy } from 'dockerfile-ast';
import { keywordOf } from '../model';
import { detectStack, dirname, dockerignoreTemplate, IGNORE_STACK_LABELS, joinPath, readIgnoreFile } from './dockerignore';
import { copySources, isWholeContext } from './util';
import type { ContextRule, Finding } from './types';

/** DS303: the whole context is copied and there is no .dockerignore next to the Dockerfile. */
export const missingDockerignore: ContextRule = {
  code: 'DS303',
  name: 'missing-dockerignore',
  category: 'cache',
  defaultSeverity: 'warning',
  description: 'The Dockerfile copies the whole build context and there is no .dockerignore: .git, node_modules, secrets all go in.',
  check: () => [],
  async checkContext({ model }, { host, dockerfilePath }) {
    let copy: (typeof model.instructions)[number] | undefined;
    for (const stage of model.stages) {
      if (!stage.reachable) continue;
      copy = stage.instructions.find(
        (i) => (keywordOf(i) === 'COPY' || keywordOf(i) === 'ADD') && !(i as Copy).getFromFlag?.() && copySources(i).some((s) => isWholeContext(s.getValue())),
      );
      if (copy) break;
    }
    if (!copy) return [];
    if (await readIgnoreFile(host, dockerfilePath)) return [];
    const dir = dirname(dockerfilePath);
    const files = (await host.readDirectory(dir)).map(([name]) => name);
    const images = model.stages.map((s) => (s.base.kind === 'image' ? s.base.resolvedText : ''));
    const stack = detectStack(files, images);
    const path = joinPath(dir, '.dockerignore');
    const finding: Finding = {
      range: copy.getRange(),
      message: `'${copy.getRange().start.line === copy.getRange().end.line ? copy.toString().trim() : keywordOf(copy)}' sends the whole directory and there is no .dockerignore: .git, local builds and secrets end up in the context and the image`,
      fixes: [{ title: `Create a .dockerignore for ${stack === 'generic' ? 'this project' : `a ${IGNORE_STACK_LABELS[stack]} project`}`, edits: [], safe: false, createFiles: [{ path, content: dockerignoreTemplate(stack) }] }],
      data: { stack },
    };
    return [finding];
  },
};
