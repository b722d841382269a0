import { hasSubcommand, withSubcommand } from './match';
import { defineStack } from './define';

export const dotnet = defineStack({
  id: 'dotnet',
  name: '.NET',
  stacks: ['dotnet'],
  detectionOrder: 60,
  labels: { dotnet: '.NET' },
  programs: ['dotnet'],
  compiled: ['dotnet'],
  baseImages: { sdk: 'dotnet' },
  buildCommand: (cmd) => withSubcommand(cmd, ['dotnet'], ['publish', 'build'], 'dotnet'),
  buildPackages: [/dotnet-sdk.*/],
  sourceFiles: [/.*\.(cs|fs|vb|csproj|fsproj|vbproj|sln)/],
  detection: { manifests: [/\.(csproj|fsproj|sln)$/], images: /dotnet/ },
  toolchainImage(i) {
    const sdk = (i.last === 'dotnet' && /sdk/.test(i.tag)) || /(^|\/)dotnet\/(core\/)?sdk$/.test(i.repository) || (i.registry === 'mcr.microsoft.com' && /(^|\/)sdk$/.test(i.repository));
    return sdk ? { stack: 'dotnet', label: 'the .NET SDK', runtime: 'mcr.microsoft.com/dotnet/aspnet or runtime' } : undefined;
  },
  steps: {
    publish: { kind: 'compile', phrase: 'publishes the .NET app', toolchain: '.NET SDK', matches: (cmd) => hasSubcommand(cmd, ['dotnet'], ['publish']) },
    compile: { kind: 'compile', phrase: 'builds the .NET app', toolchain: '.NET SDK', matches: (cmd) => hasSubcommand(cmd, ['dotnet'], ['build']) },
    deps: { kind: 'deps', phrase: 'restores the .NET packages', matches: (cmd) => hasSubcommand(cmd, ['dotnet'], ['restore']) },
  },
  artifacts: ['the publish directory (dotnet publish -o /app)'],
  runtimeBases: [
    { image: 'mcr.microsoft.com/dotnet/aspnet:{dotnet}', when: 'an ASP.NET Core app' },
    { image: 'mcr.microsoft.com/dotnet/runtime:{dotnet}', when: 'a console app' },
  ],
  dockerignore: ['# .NET', 'bin', 'obj', '*.user', 'TestResults'],
  sizeFacts: ['the .NET SDK image is ~800 MB uncompressed, aspnet ~220 MB'],
});
