import { argsOf, programOf, type ShellCommand } from '../commands';
import { argIndex, built, testStep } from './match';
import type { BuildCommand } from './types';
import { defineStack } from './define';
import { runtimeImage } from './runtime';

/** JDK distributions published as official images (a full JDK unless the tag says jre). */
export const JDK_IMAGES = ['openjdk', 'eclipse-temurin', 'amazoncorretto', 'sapmachine', 'ibm-semeru-runtimes', 'ibmjava'];
/** The Maven goals and Gradle tasks that produce the jar (or the installDist folder). */
const MAVEN_GOALS = ['package', 'install', 'verify'];
const GRADLE_TASKS = ['build', 'assemble', 'bootJar', 'jar', 'shadowJar', 'installDist', 'distTar'];
/** sbt tasks that produce a runnable artifact. */
const SBT_TASKS = ['assembly', 'package', 'stage', 'universal:packageBin'];

/** Maven and Gradle (and their wrappers) and sbt as programs. */
export const MAVEN_PROGRAMS = ['mvn', 'mvnw'];
export const GRADLE_PROGRAMS = ['gradle', 'gradlew'];
export const SBT_PROGRAMS = ['sbt'];

/** A Maven command that builds the jar (`mvn -B package`). */
export function mavenPackage(cmd: ShellCommand): BuildCommand | undefined {
  if (!MAVEN_PROGRAMS.includes(programOf(cmd))) return undefined;
  const k = argIndex(cmd, (a) => MAVEN_GOALS.includes(a));
  return k >= 0 ? built(cmd, 'java-maven', k) : undefined;
}

function buildCommand(cmd: ShellCommand): BuildCommand | undefined {
  const p = programOf(cmd);
  if (MAVEN_PROGRAMS.includes(p)) return mavenPackage(cmd);
  if (GRADLE_PROGRAMS.includes(p)) {
    const k = argIndex(cmd, (a) => GRADLE_TASKS.includes(a.replace(/^.*:/, '')));
    return k >= 0 ? built(cmd, 'java-gradle', k) : undefined;
  }
  if (SBT_PROGRAMS.includes(p)) {
    const k = argIndex(cmd, (a) => a.split(/\s+/).some((t) => SBT_TASKS.includes(t)));
    return k >= 0 ? built(cmd, 'jvm', k) : undefined;
  }
  return p === 'javac' ? built(cmd, 'jvm', -1) : undefined;
}

/**
 * The Java major version a base image's tag names (`maven:3-eclipse-temurin-17` -> 17, `openjdk:8-jdk` -> 8,
 * `eclipse-temurin:21` -> 21), or undefined.
 */
export function javaVersionOf(short: string, tag: string): string | undefined {
  const m = /(?:jdk|temurin|openjdk|java|corretto|jre)-?(\d+)/.exec(tag) ?? ([...JDK_IMAGES.filter((i) => i !== 'ibmjava'), 'scala-sbt'].includes(short) ? /^(\d+)/.exec(tag) : null);
  if (!m) return undefined;
  return m[1] === '1' ? '8' : m[1];
}

/** The JRE image of a Java version (the runtime base `jre`), on Alpine when the build was. */
export function jreImage(version: string, alpine: boolean): string {
  return `${runtimeImage(java, 'jre', { java: version })}${alpine ? '-alpine' : ''}`;
}

/** The runtime to suggest instead of a JDK build image (its version left for the reader). */
const jre = () => runtimeImage(java, 'jre', { java: '<version>' });

export const java = defineStack({
  id: 'java',
  name: 'Java',
  stacks: ['java-maven', 'java-gradle', 'jvm'],
  detectionOrder: 40,
  labels: { 'java-maven': 'Java (Maven)', 'java-gradle': 'Java (Gradle)', jvm: 'Java/Scala (sbt, javac)' },
  detection: { manifests: ['pom.xml', 'build.gradle', 'build.gradle.kts'], images: /maven|gradle|jdk|temurin|openjdk/ },
  toolchainImage(i) {
    if (i.last === 'maven') return { stack: 'java-maven', label: 'Maven and a JDK', runtime: jre() };
    if (i.last === 'gradle') return { stack: 'java-gradle', label: 'Gradle and a JDK', runtime: jre() };
    if (i.last === 'sbt' || /(^|[-_])sbt([-_]|$)/.test(i.last)) return { stack: 'generic', label: 'sbt, Scala and a JDK', runtime: jre() };
    if (JDK_IMAGES.includes(i.last) && i.last !== 'ibmjava' && /jdk/.test(i.tag)) return { stack: 'jvm', label: 'a full JDK', runtime: `${i.last === 'openjdk' ? 'eclipse-temurin' : i.last}:<version>-jre` };
    return undefined;
  },
  steps: {
    maven: { kind: 'compile', phrase: 'builds the Java package with Maven', toolchain: 'JDK', matches: (cmd) => !!mavenPackage(cmd) },
    gradle: { kind: 'compile', phrase: 'builds the Java app with Gradle', toolchain: 'JDK', matches: (cmd) => buildCommand(cmd)?.stack === 'java-gradle' },
    deps: { kind: 'deps', phrase: 'downloads the Maven dependencies', matches: (cmd) => MAVEN_PROGRAMS.includes(programOf(cmd)) && argIndex(cmd, (a) => a.startsWith('dependency:')) >= 0 },
    // `mvn clean test`: the goal anywhere among the arguments.
    test: testStep((cmd) => MAVEN_PROGRAMS.includes(programOf(cmd)) && argIndex(cmd, (a) => a === 'test') >= 0),
  },
  programs: [...MAVEN_PROGRAMS, ...GRADLE_PROGRAMS, ...SBT_PROGRAMS],
  compiled: ['java-maven', 'java-gradle', 'jvm'],
  baseImages: { maven: 'java-maven', gradle: 'java-gradle', 'scala-sbt': 'jvm' },
  buildCommand,
  buildPackages: ['maven', 'gradle', 'ant', /openjdk.*-jdk.*/, /default-jdk.*/],
  sourceFiles: [/.*\.(java|kt|kts|scala|sbt)/, 'pom.xml', /build\.gradle(\.kts)?/, /settings\.gradle(\.kts)?/, /gradlew(\.bat)?/, /mvnw(\.cmd)?/],
  sourceDirs: ['.mvn', 'gradle', 'target'],
  buildCaches: ['/root/.m2', '/root/.gradle'],
  imageVariants: { images: ['eclipse-temurin'], variants: 'jre' },
  runtimeBases: [{ key: 'jre', image: 'eclipse-temurin:{java}-jre', when: 'always: a JRE of the build\'s Java version runs the jar' }],
  dockerignore: ['# Java', 'target', 'build', '.gradle', '*.class', 'out'],
  dockerignoreMadeBy: { target: 'build', build: 'build', '*.class': 'build', out: 'build' },
});

/** Maven goals that fill target/ with the jar: the jar goals and `deploy` (the size estimator's build output). */
export const MAVEN_TARGET_GOALS = [...MAVEN_GOALS, 'deploy'];
/** Maven goals that compile the project and so download its dependencies (DS301): the jar goals and `compile`. */
export const MAVEN_COMPILE_GOALS = [...MAVEN_GOALS, 'compile'];

/** The build tool a command runs, on the command model: Maven or Gradle (or its wrapper, also as `sh ./gradlew …`). */
export function javaBuildTool(cmd: ShellCommand): 'maven' | 'gradle' | undefined {
  let p = programOf(cmd);
  if (/^(ba)?sh$/.test(p)) p = (argsOf(cmd).find((a) => !a.text.startsWith('-'))?.text ?? '').replace(/^.*\//, '');
  return MAVEN_PROGRAMS.includes(p) ? 'maven' : GRADLE_PROGRAMS.includes(p) ? 'gradle' : undefined;
}

/** The program of a plain JVM build (not Maven or Gradle): `sbt` for an sbt command, `javac` for a javac command, or undefined. */
export function jvmBuildProgram(cmd: ShellCommand): 'sbt' | 'javac' | undefined {
  const p = programOf(cmd);
  return SBT_PROGRAMS.includes(p) ? 'sbt' : JAVA_COMPILERS.includes(p) ? 'javac' : undefined;
}

/** The Java compiler as a program. */
export const JAVA_COMPILERS: readonly string[] = ['javac'];
