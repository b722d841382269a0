import { keywordOf } from '../model';
import { dropsPrivileges, isBaseImageStage, isTaskStage, runsNothing, runsToolchainTool } from './stagePurpose';
import { chainOf } from '../stageChain';
import { fix, insert } from './util';
import type { Rule, RuleFix } from './types';

/** Images whose own config sets a non-root USER. */
const NON_ROOT_IMAGES = /^(jenkins\/(jenkins|inbound-agent|agent)|grafana\/[\w-]+|prom\/[\w-]+|quay\.io\/prometheus\/[\w-]+|sonarqube|sonarsource\/[\w-]+|jupyter\/[\w-]+|quay\.io\/jupyter\/[\w-]+|apache\/airflow|confluentinc\/[\w-]+|sonatype\/nexus3|memcached|solr|nginxinc\/nginx-unprivileged|(registry\.access\.redhat\.com|registry\.redhat\.io)\/ubi\d+\/(nodejs|python|php|ruby|perl|openjdk|go-toolset|dotnet)[\w.-]*|mcr\.microsoft\.com\/dotnet\/[\w/-]*chiseled[\w-]*)$/;
/** Official images whose entrypoint script starts the server as its own user (and linuxserver.io's s6 init, PUID/PGID). */
const PRIVILEGE_DROPPING_IMAGES = /^(library\/)?(postgres|mysql|mariadb|redis|mongo|rabbitmq|cassandra|couchdb|elasticsearch|kibana|logstash|zookeeper|neo4j|influxdb|percona)$/;

/** DS402: the final image runs as root (no USER, or USER root last). */
export const rootUser: Rule = {
  code: 'DS402',
  name: 'root-user',
  category: 'security',
  defaultSeverity: 'info',
  title: 'Runs as root',
  fix: 'suggested',
  tags: ['user'],
  description: 'The final stage runs as root: no USER instruction sets another user.',
  hadolint: ['DL3002'],
  check({ model }) {
    const final = model.finalStage;
    if (!final) return [];
    const root = chainOf(model, final)[0];
    if (root.base.kind === 'missing') return [];
    // Nothing runs as anyone (an artifact export), a lint/test/dev target, or an entrypoint that hands over to its user.
    // A base image made for other Dockerfiles leaves the user to the images built on it.
    if (runsNothing(model, final) || isTaskStage(final) || isBaseImageStage(final) || runsToolchainTool(final) || ((!final.config.user || /^(root|0)(:(root|0))?$/.test(final.config.user.value.trim())) && dropsPrivileges(model, final))) return [];
    if (root.base.kind === 'image') {
      const n = root.base.name;
      if (!n || root.base.unresolved.length) return [];
      const ref = `${n.registry ?? ''}/${n.repository}:${n.tag ?? ''}`.toLowerCase();
      // Images that default to a non-root user, and Windows images.
      if (/nonroot|rootless|unprivileged|chiseled|chainguard|cgr\.dev|windows|nanoserver|servercore|bitnami\//.test(ref)) return [];
      if (NON_ROOT_IMAGES.test(`${n.registry ? `${n.registry}/` : ''}${n.repository}`.toLowerCase()) && !final.config.user) return [];
      // Official images whose entrypoint drops to their own user (gosu/su-exec), unless the Dockerfile replaces it.
      const full = `${n.registry ? `${n.registry}/` : ''}${n.repository}`.toLowerCase();
      if ((PRIVILEGE_DROPPING_IMAGES.test(n.repository.toLowerCase()) || /^(lscr\.io\/|ghcr\.io\/)?linuxserver\//.test(full)) && !final.config.user && !chainOf(model, final).some((s) => s.instructions.some((i) => keywordOf(i) === 'ENTRYPOINT'))) return [];
    }
    const user = final.config.user;
    const rootUser = user && /^(root|0)(:.*)?$/.test(user.value.trim());
    if (user && !rootUser) return [];
    const fixes: RuleFix[] = [];
    if (root.base.kind === 'image' && root.base.name?.repository === 'node' && !user) {
      const cmd = final.instructions.find((i) => ['CMD', 'ENTRYPOINT'].includes(keywordOf(i)));
      const at = cmd ? { line: cmd.getRange().start.line, character: 0 } : undefined;
      if (at) fixes.push(fix("Run as the image's 'node' user", [insert(at, 'USER node\n')], false));
    }
    const userInstruction = rootUser ? model.instructions.find((i) => keywordOf(i) === 'USER' && i.getRange().start.line === user!.line) : undefined;
    return [
      {
        range: userInstruction ? userInstruction.getRange() : final.from.getInstructionRange(),
        message: rootUser
          ? `the final image runs as '${user!.value}': switch to an unprivileged user (USER app, or a numeric uid)`
          : `the final image${final.name ? ` (stage '${final.name}')` : ''} runs as root: no USER sets an unprivileged user`,
        fixes,
      },
    ];
  },
};

/** The body of docs/rules/DS402.md, below the generated heading and summary (`npm run gen` writes the page). */
export const docs = `## Why

Without USER the container runs as root, so a compromise of the process is root in the container (hadolint DL3002). Images that default to a non-root user (distroless \`:nonroot\`, Chainguard) are not reported.
Neither are images whose own config sets a non-root USER (\`jenkins/jenkins\`, \`grafana/grafana\`, \`prom/*\`,
\`bitnami/*\`, \`*-unprivileged\`, .NET \`-chiseled\`, Red Hat UBI language images ...), a USER set in a parent stage,
Windows images, and official servers whose entrypoint drops root (\`postgres\`, \`mysql\`, \`redis\`, \`mongo\`,
\`rabbitmq\`, \`elasticsearch\` ...) and linuxserver.io images (their s6 init runs the app as PUID/PGID), unless the
Dockerfile replaces their ENTRYPOINT.

## Bad

\`\`\`dockerfile
FROM node:20-slim
COPY . /app
CMD ["node", "/app/index.js"]
\`\`\`

## Good

\`\`\`dockerfile
FROM node:20-slim
COPY . /app
USER node
CMD ["node", "/app/index.js"]
\`\`\`

## Quick fix

For node images, inserts \`USER node\` before CMD/ENTRYPOINT.
`;
