import { keywordOf } from '../model';
import { copySources } from './util';
import type { Finding, Rule } from './types';

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
  description: 'COPY or ADD of a wildcard into a single file name: several matches fail the build or pick one at random.',
  check({ model }) {
    const out: Finding[] = [];
    for (const instruction of model.instructions) {
      const keyword = keywordOf(instruction);
      if (keyword !== 'COPY' && keyword !== 'ADD') continue;
      if (/<</.test(instruction.getRawArgumentsContent?.() ?? '')) continue;
      const sources = copySources(instruction);
      const args = instruction.getArguments();
      if (sources.length !== 1 || args.length < 2) continue;
      const src = sources[0].getValue();
      const dest = args[args.length - 1].getValue();
      if (!/[*?[]/.test(src) || src.includes('$') || dest.includes('$')) continue;
      const srcBase = src.replace(/^.*\//, '');
      const destBase = dest.replace(/\/+$/, '').replace(/^.*\//, '');
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
