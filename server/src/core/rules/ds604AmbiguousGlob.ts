import type { Finding, Rule } from './types';
import { trimTrailingSlashes } from '../text';

/**
 * DS604: `COPY target/*.jar app.jar`: one glob source into a file name. When the glob matches several files
 * (Spring Boot's app.jar and app-plain.jar, sources and javadoc jars, two versions side by side) the build fails
 * ("the destination must be a directory") or keeps one of them at random. Name the file, or make the build
 * produce exactly one.
 */
export const ambiguousGlob: Rule = {
  code: 'DS604',
  name: 'ambiguous-glob',
  category: 'mistakes',
  defaultSeverity: 'warning',
  title: 'Ambiguous glob',
  fix: 'none',
  tags: ['copy', 'build-context'],
  description: 'COPY or ADD of a wildcard into a single file name: several matches fail the build or pick one at random.',
  check({ model, analysis }) {
    const out: Finding[] = [];
    for (const instruction of analysis.instructionsWith('COPY', 'ADD')) {
      // The cheap tests first: few COPY instructions have one source with a wildcard.
      const sources = analysis.sources(instruction);
      if (sources.length !== 1) continue;
      const src = sources[0].getValue();
      if (!/[*?[]/.test(src) || src.includes('$')) continue;
      if (/<</.test(instruction.getRawArgumentsContent?.() ?? '')) continue;
      const args = instruction.getArguments();
      if (args.length < 2) continue;
      const dest = args[args.length - 1].getValue();
      if (dest.includes('$')) continue;
      const srcBase = src.replace(/^.*\//, '');
      const destBase = trimTrailingSlashes(dest).replace(/^.*\//, '');
      // A file name: the destination does not end with '/' and has the extension the glob asks for.
      if (dest.endsWith('/') || /^\.\.?$/.test(destBase)) continue;
      const ext = /\.([A-Za-z0-9]+)$/.exec(srcBase)?.[1];
      if (!ext || !new RegExp(`\\.${ext}$`, 'i').test(destBase)) continue;
      // Only a wildcard right before the extension (`*.jar`, `app-*.jar`) or at the start also matches the
      // siblings a build writes (app-plain.jar, app-sources.jar, original-app.jar); `app-*-SNAPSHOT.jar` does not.
      if (!new RegExp(`\\*\\.${ext}$`, 'i').test(srcBase) && !srcBase.startsWith('*')) continue;
      const jar = ext.toLowerCase() === 'jar';
      const why = jar && /build\/libs\//.test(src)
        ? "Spring Boot's Gradle build writes both app.jar and app-plain.jar there"
        : jar
          ? "it matches every jar the build leaves there (shade's original-*.jar, -sources and -javadoc jars, an older version)"
          : 'it matches every such file there';
      out.push({
        range: sources[0].getRange(),
        message: `${src} is copied to one file, ${dest}, but ${why}: with two matches the build fails or ${dest} becomes a directory; name the exact file or make the build produce one`,
      });
    }
    return out;
  },
};

/** The body of docs/rules/DS604.md, below the generated heading and summary (`npm run gen` writes the page). */
export const docs = `## Why

\`COPY target/*.jar app.jar\` works while the glob matches one file. Spring Boot's Gradle build also writes \`app-plain.jar\`, Maven plugins add \`-sources.jar\` and \`-javadoc.jar\`, an old version may still be there: with two matches the build fails ("the destination must be a directory") or keeps one of them. Reported when one wildcard source whose \`*\` sits right before the extension (\`*.jar\`, \`app-*.jar\`) is copied to a destination that names a file with the same extension; \`app-*-SNAPSHOT.jar\` does not match the plain or sources jars and is not reported.

## Bad

\`\`\`dockerfile
FROM maven:3.9-eclipse-temurin-21 AS build
RUN mvn -B package
FROM eclipse-temurin:21-jre
COPY --from=build /src/target/*.jar /app/app.jar
\`\`\`

## Good

\`\`\`dockerfile
FROM maven:3.9-eclipse-temurin-21 AS build
RUN mvn -B package && cp target/demo-1.0.jar /out.jar
FROM eclipse-temurin:21-jre
COPY --from=build /out.jar /app/app.jar
\`\`\`

## Quick fix

None: name the exact file, or have the build produce one (\`finalName\` in Maven, \`jar { enabled = false }\` in Gradle).
`;
