/** .NET: the publish folder on the same version's aspnet (or runtime) image. */
import { resolvePath } from '../layout';
import { ARTIFACT_TOKEN, artifactPlaceholder, Recipe } from './recipe';
import { dotnet as dotnetProfile } from '../../stacks/profiles.generated';
import { runtimeImage } from '../../stacks';
import { buildCommandAt, dirname, joinPath, mentions, optionValue } from './common';


export const dotnet: Recipe = ({ analysis: a, buildSteps }) => {
  const [p0, p1] = a.command;
  if (p0 === 'dotnet' && /^(run|watch|test|build|publish)$/.test(p1 ?? '')) return `the container runs the SDK (\`${a.command.join(' ')}\`): a runtime stage without it would change how it runs`;
  const tag = a.base.tag;
  let image: string;
  const notes: string[] = [];
  if (a.base.repository === 'dotnet/sdk' && a.base.registry === 'mcr.microsoft.com') {
    const web = mentions(a, /ASPNETCORE|\bEXPOSE\b/) || a.items.some((i) => i.keyword === 'EXPOSE') || !!a.facts?.csproj.some((c) => /web|api/i.test(c));
    const console = !web && a.facts !== undefined && a.facts.csproj.length > 0;
    image = runtimeImage(dotnetProfile, console ? 'console' : 'web', { tag });
    notes.push(console ? `The runtime is ${image}: the .NET runtime without the SDK.` : `The runtime is ${image}: the ASP.NET Core runtime without the SDK (it also runs console apps).`);
  } else if (a.base.repository === 'microsoft/dotnet' && /sdk/.test(tag)) {
    image = runtimeImage(dotnetProfile, 'legacy', { tag: tag.replace(/sdk/, 'runtime') });
    notes.push(`The runtime is ${image}.`);
  } else if (/^dotnet\/(runtime|aspnet|runtime-deps)$/.test(a.base.repository) || /runtime/.test(tag)) {
    return `the base ${a.base.resolved} is already a .NET runtime image (no SDK): its build commands cannot build there, and the app it runs is copied in prebuilt`;
  } else return `no .NET runtime image is known for the base ${a.base.resolved}`;
  const last = Math.max(...buildSteps);
  const { args, dir } = buildCommandAt(a, last, (cmd) => !!dotnetProfile.buildCommand(cmd));
  const out = optionValue(args, ['-o', '--output']);
  const dll = a.command.find((w) => /\.dll$/.test(w));
  const placeholders = [];
  let folder: string;
  if (out) folder = resolvePath(out, dir);
  else if (dll) folder = dirname(resolvePath(dll, a.finalWorkdir));
  else {
    folder = ARTIFACT_TOKEN;
    placeholders.push(artifactPlaceholder('the publish folder', joinPath(dir, 'bin/Release')));
  }
  if (dll && folder !== ARTIFACT_TOKEN && !resolvePath(dll, a.finalWorkdir).startsWith(`${folder}/`) && folder !== '/') {
    notes.push(`The command runs ${dll}, outside the publish folder ${folder}: check the path.`);
  }
  if (folder === '/' || folder === a.finalWorkdir && !out) {
    // Publishing into the app root would copy the sources too; still correct, but say so.
    notes.push(`The publish output is ${folder}, which also holds the sources: they are copied too.`);
  }
  return { stack: 'dotnet', runtimeBase: image, runtimeShell: /alpine/.test(tag) ? 'apk' : 'apt', artifacts: [{ source: folder, destination: folder, producedBy: 'dotnet publish' }], runtimeSetup: [], buildAdditions: [], configChanges: [], notes: [...notes, `Copied: the publish folder ${folder}.`], placeholders };
};
