import type { StackProfile } from './types';

/** JDK distributions published as official images (a full JDK unless the tag says jre). */
export const JDK_IMAGES = ['openjdk', 'eclipse-temurin', 'amazoncorretto', 'sapmachine', 'ibm-semeru-runtimes', 'ibmjava'];
const MAVEN = String.raw`(?:mvn|\./mvnw|mvnw)\b`;
const GRADLE = String.raw`(?:gradle|\./gradlew|gradlew)\b`;
const MAVEN_PACKAGE_BODY = String.raw`${MAVEN}[^\n;&|]*\b(?:package|install|verify)\b`;
/** `mvn … package|install|verify` anywhere in a script: a Maven build that produces the jar. */
export const MAVEN_PACKAGE = new RegExp(String.raw`(?:\bmvn|\bmvnw)\b[^\n;&|]*\b(package|install|verify)\b`);
/** `gradle … build|assemble|bootJar …` anywhere in a script: a Gradle build that produces the jar. */
export const GRADLE_BUILD = new RegExp(String.raw`(?:\bgradle|\bgradlew)\b[^\n;&|]*\b(build|assemble|bootJar|jar|shadowJar|installDist)\b`);
/** Any use of Maven or Gradle in a script. */
export const MAVEN_ANY = /\bmvn\b|mvnw/;
export const GRADLE_ANY = /\bgradle\b|gradlew/;

const JRE = 'eclipse-temurin:<version>-jre';

export const java: StackProfile = {
  id: 'java',
  name: 'Java',
  stacks: ['java-maven', 'java-gradle', 'jvm'],
  detection: { manifests: ['pom.xml', 'build.gradle', 'build.gradle.kts'], images: /maven|gradle|jdk|temurin|openjdk/ },
  toolchainImage(i) {
    if (i.last === 'maven') return { stack: 'java-maven', label: 'Maven and a JDK', runtime: JRE };
    if (i.last === 'gradle') return { stack: 'java-gradle', label: 'Gradle and a JDK', runtime: JRE };
    if (i.last === 'sbt' || /(^|[-_])sbt([-_]|$)/.test(i.last)) return { stack: 'generic', label: 'sbt and a JDK', runtime: JRE };
    if (JDK_IMAGES.includes(i.last) && i.last !== 'ibmjava' && /jdk/.test(i.tag)) return { stack: 'jvm', label: 'a full JDK', runtime: `${i.last === 'openjdk' ? 'eclipse-temurin' : i.last}:<version>-jre` };
    return undefined;
  },
  build: {
    maven: MAVEN_PACKAGE_BODY,
    gradle: String.raw`${GRADLE}[^\n;&|]*\b(?:build|assemble|bootJar|jar|shadowJar|installDist)\b`,
    deps: String.raw`(?:mvn|\./mvnw)\b[^\n;&|]*\bdependency:`,
  },
  artifacts: ['target/*.jar (Maven)', 'build/libs/*.jar (Gradle)'],
  runtimeBases: [{ image: 'eclipse-temurin:{java}-jre', when: 'always: a JRE runs the jar' }],
  dockerignore: ['# Java', 'target', 'build', '.gradle', '*.class', 'out'],
  sizeFacts: ['a JDK image is ~450 MB uncompressed, the JRE ~270 MB; Maven adds its ~/.m2 repository'],
};
