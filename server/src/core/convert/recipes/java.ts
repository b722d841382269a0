/** Java with Maven or Gradle: the jar (or the installDist folder) on the same Java version's JRE image (eclipse-temurin:<v>-jre). */
import type { Analysis } from '../analyze';
import { ARTIFACT_TOKEN, artifactPlaceholder, Recipe, RecipePlan } from './recipe';
import { basename, dirname, joinPath, programPath, stepDir } from './common';
import { resolvePath } from '../layout';

export function javaVersion(a: Analysis): string | undefined {
  const t = a.base.tag;
  const m = /(?:jdk|temurin|openjdk|java|corretto|jre)-?(\d+)/.exec(t) ?? (/^(openjdk|eclipse-temurin|amazoncorretto|sapmachine|ibm-semeru-runtimes|scala-sbt)$/.test(a.base.short) ? /^(\d+)/.exec(t) : null);
  if (!m) return undefined;
  return m[1] === '1' ? '8' : m[1];
}

function makeJava(tool: 'maven' | 'gradle' | 'jvm'): Recipe {
  return ({ analysis: a, buildSteps }) => {
    const stack = tool === 'maven' ? 'java-maven' : tool === 'gradle' ? 'java-gradle' : 'jvm';
    const producer = tool === 'maven' ? 'mvn' : tool === 'gradle' ? 'gradle' : /\bsbt\b/.test(a.items.map((i) => i.args).join('\n')) ? 'sbt' : 'javac';
    const prog = programPath(a);
    if (!prog) return 'the Dockerfile sets no CMD or ENTRYPOINT: the runtime stage would not know what to run';
    if (/^(mvn|mvnw|gradle|gradlew|sbt)$/.test(basename(prog.program))) return `the container runs the build tool (\`${a.command.join(' ')}\`): a runtime stage without it would change how it runs`;
    const notes: string[] = [];
    const v = javaVersion(a);
    if (!v) return `the Java version of ${a.base.resolved} is not named in its tag: the runtime JRE must be the build's major version (pin it, e.g. maven:3-eclipse-temurin-17)`;
    const alpine = a.base.family === 'alpine';
    const image = `eclipse-temurin:${v}-jre${alpine ? '-alpine' : ''}`;
    notes.push(`The runtime is ${image}: a JRE of the same Java version, without the JDK and ${tool === 'maven' ? 'Maven' : tool === 'gradle' ? 'Gradle' : 'the build tools'}.`);
    const { dir } = stepDir(a, Math.max(...buildSteps));
    const artifacts: RecipePlan['artifacts'] = [];
    const placeholders = [];
    const jarIndex = a.command.indexOf('-jar');
    if (jarIndex >= 0 && a.command[jarIndex + 1]) {
      const jar = resolvePath(a.command[jarIndex + 1], a.finalWorkdir);
      artifacts.push({ source: jar, destination: jar, producedBy: producer });
      notes.push(`Copied: the jar ${jar}.`);
    } else if (prog.path && /\/build\/install\/[^/]+\/bin\//.test(prog.path)) {
      const folder = dirname(dirname(prog.path));
      artifacts.push({ source: folder, destination: folder, producedBy: 'installDist' });
      notes.push(`Copied: the installDist folder ${folder}.`);
    } else if (producer === 'javac' && (a.command.includes('-cp') || a.command.includes('-classpath'))) {
      const k = Math.max(a.command.indexOf('-cp'), a.command.indexOf('-classpath'));
      const cp = resolvePath(a.command[k + 1] ?? '.', a.finalWorkdir);
      artifacts.push({ source: joinPath(cp, '*.class'), destination: cp === '/' ? '/' : `${cp}/`, producedBy: 'javac' });
      notes.push(`Copied: the compiled classes (${joinPath(cp, '*.class')}).`);
    } else if (a.facts?.pom?.artifactId && a.facts.pom.version) {
      const jar = joinPath(dir, `target/${a.facts.pom.finalName ?? `${a.facts.pom.artifactId}-${a.facts.pom.version}`}.jar`);
      artifacts.push({ source: jar, destination: jar, producedBy: 'mvn' });
    } else {
      artifacts.push({ source: ARTIFACT_TOKEN, destination: ARTIFACT_TOKEN, producedBy: producer });
      placeholders.push(artifactPlaceholder('the application (jar or classes folder)', joinPath(dir, tool === 'maven' ? 'target' : 'build/libs')));
    }
    return { stack, runtimeBase: image, runtimeShell: alpine ? 'apk' : 'apt', artifacts, runtimeSetup: [], buildAdditions: [], configChanges: [], notes, placeholders };
  };
}

export const javaMaven = makeJava('maven');
export const javaGradle = makeJava('gradle');
export const jvm = makeJava('jvm');
