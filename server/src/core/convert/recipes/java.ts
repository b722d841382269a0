/** Java with Maven or Gradle: the jar (or the installDist folder) on the same Java version's JRE image (eclipse-temurin:<v>-jre). */
import type { Analysis } from '../analyze';
import { ARTIFACT_TOKEN, artifactPlaceholder, Recipe, RecipePlan } from './recipe';
import { basename, dirname, joinPath, programPath, stepDir } from './common';
import { resolvePath } from '../layout';
import { GRADLE_PROGRAMS, javaVersionOf, jreImage, jvmBuildProgram, MAVEN_PROGRAMS, SBT_PROGRAMS } from '../../stacks';
import { commandsOf } from '../analyze';

/** The JRE image of the build's Java version, or why it cannot be told. */
export function jreRuntime(a: Analysis): { image: string; shell: 'apk' | 'apt'; alpine: boolean } | string {
  const v = javaVersionOf(a.base.short, a.base.tag);
  if (!v) return `the Java version of ${a.base.resolved} is not named in its tag: the runtime JRE must be the build's major version (pin it, e.g. maven:3-eclipse-temurin-17)`;
  const alpine = a.base.family === 'alpine';
  return { image: jreImage(v, alpine), shell: alpine ? 'apk' : 'apt', alpine };
}

function makeJava(tool: 'maven' | 'gradle' | 'jvm'): Recipe {
  return ({ analysis: a, buildSteps }) => {
    const stack = tool === 'maven' ? 'java-maven' : tool === 'gradle' ? 'java-gradle' : 'jvm';
    const producer = tool === 'maven' ? 'mvn' : tool === 'gradle' ? 'gradle' : a.items.some((i) => i.keyword === 'RUN' && commandsOf(a, i).some((cmd) => jvmBuildProgram(cmd) === 'sbt')) ? 'sbt' : 'javac';
    const prog = programPath(a);
    if (!prog) return 'the Dockerfile sets no CMD or ENTRYPOINT: the runtime stage would not know what to run';
    if ([...MAVEN_PROGRAMS, ...GRADLE_PROGRAMS, ...SBT_PROGRAMS].includes(basename(prog.program))) return `the container runs the build tool (\`${a.command.join(' ')}\`): a runtime stage without it would change how it runs`;
    const notes: string[] = [];
    const jre = jreRuntime(a);
    if (typeof jre === 'string') return jre;
    const { image, alpine } = jre;
    notes.push(`The runtime is ${image}: a JRE of the same Java version, without the JDK and ${tool === 'maven' ? 'Maven' : tool === 'gradle' ? 'Gradle' : 'the build tools'}.`);
    const vendor = /corretto/.test(`${a.base.short}:${a.base.tag}`) ? `Amazon Corretto${alpine ? '' : ' on Amazon Linux'}` : /sapmachine/.test(a.base.short) ? 'SapMachine' : /semeru|ibmjava/.test(a.base.short) ? 'IBM Semeru (OpenJ9)' : /zulu/.test(`${a.base.short}:${a.base.tag}`) ? 'Azul Zulu' : undefined;
    if (vendor) notes.push(`Assumed: the app runs the same on Eclipse Temurin (${alpine ? 'Alpine' : 'Ubuntu'}) as on the build's ${vendor} (${a.base.resolved}): the Java vendor${/Amazon Linux/.test(vendor) ? ' and the operating system' : ''} change. Replace the runtime FROM with a JRE image of your vendor to keep them.`);
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
    return { stack, runtimeBase: image, runtimeShell: jre.shell, artifacts, runtimeSetup: [], buildAdditions: [], configChanges: [], notes, placeholders };
  };
}

export const javaMaven = makeJava('maven');
export const javaGradle = makeJava('gradle');
export const jvm = makeJava('jvm');
