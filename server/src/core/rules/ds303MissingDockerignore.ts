import { keywordOf } from '../model';
import { candidateContextDirs, copiesFromContext } from './buildContext';
import { detectStack, dirname, dockerignoreTemplate, stackLabel, joinPath, readIgnoreFile } from './dockerignore';
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
  async checkContext({ model }, { host, dockerfilePath, contextDir = dirname(dockerfilePath) }) {
    let copy: (typeof model.instructions)[number] | undefined;
    for (const stage of model.stages) {
      if (!stage.reachable) continue;
      copy = stage.instructions.find((i) => copiesFromContext(i) && copySources(i).some((s) => isWholeContext(s.getValue())));
      if (copy) break;
    }
    if (!copy) return [];
    if (await readIgnoreFile(host, dockerfilePath, contextDir)) return [];
    // A Dockerfile in a subfolder whose context could not be told from its COPY sources may be built from a parent
    // folder that has a .dockerignore (`docker build -f docker/Dockerfile .`): not reported, rather than wrongly.
    if (contextDir === dirname(dockerfilePath)) {
      const parents = candidateContextDirs(dockerfilePath).slice(1);
      const found = await Promise.all(parents.map((d) => host.readFile(joinPath(d, '.dockerignore'))));
      if (found.some((f) => f !== undefined)) return [];
    }
    const dir = contextDir;
    const files = (await host.readDirectory(dir)).map(([name]) => name);
    const images = model.stages.map((s) => (s.base.kind === 'image' ? s.base.resolvedText : ''));
    const stack = detectStack(files, images);
    const path = joinPath(dir, '.dockerignore');
    const finding: Finding = {
      range: copy.getRange(),
      message: `'${copy.getRange().start.line === copy.getRange().end.line ? copy.toString().trim() : keywordOf(copy)}' sends the whole directory and there is no .dockerignore: .git, local builds and secrets end up in the context and the image`,
      fixes: [{ title: `Create a .dockerignore for ${stack === 'generic' ? 'this project' : `a ${stackLabel(stack)} project`}`, edits: [], safe: false, createFiles: [{ path, content: dockerignoreTemplate(stack) }] }],
      data: { stack },
    };
    return [finding];
  },
};
