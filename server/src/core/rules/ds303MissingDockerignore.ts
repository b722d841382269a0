import { keywordOf } from '../model';
import { candidateContextDirs, copiesFromContext, namedContextSources } from './buildContext';
import { detectStack, dirname, dockerignoreTemplate, stackLabel, joinPath, readIgnoreFile, type IgnoreStack, type MadeInImage } from './dockerignore';
import { profile } from '../stacks';
import type { Analysis } from './analysis';
import { copySources, isWholeContext } from './util';
import type { ContextRule, Finding } from './types';

/** DS303: the whole context is copied and there is no .dockerignore next to the Dockerfile. */
export const missingDockerignore: ContextRule = {
  code: 'DS303',
  name: 'missing-dockerignore',
  category: 'cache',
  defaultSeverity: 'warning',
  title: 'Missing .dockerignore',
  fix: 'suggested',
  tags: ['build-context'],
  description: 'The Dockerfile copies the whole build context and there is no .dockerignore: .git, node_modules, secrets all go in.',
  check: () => [],
  async checkContext({ model, analysis }, { host, dockerfilePath, contextDir = dirname(dockerfilePath) }) {
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
      fixes: [{ title: `Create a .dockerignore for ${stack === 'generic' ? 'this project' : `a ${stackLabel(stack)} project`}`, edits: [], safe: false, createFiles: [{ path, content: dockerignoreTemplate(stack, namedContextSources(model), madeInImage(analysis, stack)) }] }],
      data: { stack },
    };
    return [finding];
  },
};

/** Whether a RUN of the Dockerfile runs one of the stack's compile steps, and one of its dependency installs (its profile's steps). */
function madeInImage(analysis: Analysis, stack: IgnoreStack): MadeInImage {
  const steps = stack === 'generic' ? [] : Object.values(profile(stack).steps);
  const commands = analysis.instructionsWith('RUN').flatMap((i) => analysis.commands(i));
  const runs = (kind: 'compile' | 'deps') => commands.some((cmd) => steps.some((s) => s.kind === kind && s.matches(cmd)));
  return { build: runs('compile'), deps: runs('deps') };
}

/** The body of docs/rules/DS303.md, below the generated heading and summary (`npm run gen` writes the page). */
export const docs = `## Why

Without a .dockerignore, \`COPY . .\` sends everything to the builder: .git, node_modules, local builds, .env files. Builds are slower, the cache breaks on unrelated files, and secrets can end up in the image. The context is taken to be the Dockerfile's directory; \`<Dockerfile>.dockerignore\` counts too.

## Bad

\`\`\`dockerfile
FROM node:20-slim
COPY . .
# (no .dockerignore next to the Dockerfile)
\`\`\`

## Good

\`\`\`dockerfile
FROM node:20-slim
COPY . .
# with a .dockerignore listing .git, node_modules, .env \u2026
\`\`\`

## Quick fix

Creates a .dockerignore suited to the project (Node, Python, Go, Java, Rust, .NET, Ruby, PHP, Perl, C/C++, detected from the files next to the Dockerfile). A line that would hide a path the Dockerfile copies by name (\`COPY dist/ ./dist/\`, \`COPY target/*.jar\`) is left out, and named in a comment at the end of the file; so are the build output and the dependencies (\`dist\`, \`target\`, \`node_modules\`, \`vendor\`) of a Dockerfile that does not build or install them itself, as its image takes them from the build context.
`;
