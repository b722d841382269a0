import { hasSubcommand, runsSubcommand, testStep, withSubcommand } from './match';
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
    test: testStep((cmd) => runsSubcommand(cmd, ['dotnet'], ['test'])),
  },
  runtimeBases: [
    { key: 'web', image: 'mcr.microsoft.com/dotnet/aspnet:{tag}', when: 'an ASP.NET Core app, or one whose kind is not known (it runs console apps too); the SDK image\'s tag' },
    { key: 'console', image: 'mcr.microsoft.com/dotnet/runtime:{tag}', when: 'a console app (its project read, no web signs); the SDK image\'s tag' },
    { key: 'legacy', image: 'microsoft/dotnet:{tag}', when: 'a build on the retired microsoft/dotnet images: the runtime tag of its SDK tag' },
  ],
  dockerignore: ['# .NET', 'bin', 'obj', '*.user', 'TestResults'],
  dockerignoreMadeBy: { bin: 'build', obj: 'build' },
});
