import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { commandsOfScript, osPackagesOf, packageInstallOf, packageManagerCommand } from '../../server/src/core/commands';
import { buildModel, estimateImage, evaluateCommands, logicalOf, MAX_PARSED_SCRIPT, programOf, runCommands, type DockerfileModel } from '../../server/src/core/internal';

const runs = (model: DockerfileModel) => model.instructions.filter((i) => i.getKeyword().toUpperCase() === 'RUN');
/** Each command as its words, with a marker for the operators around it and `?` when it may not run. */
const shape = (text: string, n = 0) => {
  const model = buildModel(text);
  return runCommands(model, runs(model)[n]).commands.map((c) => `${c.prev ? `${c.prev} ` : ''}${c.conditional ? '?' : ''}${c.words.map((w) => w.text).join(' ')}${c.next ? ` ${c.next}` : ''}`);
};
/** Document text of each word (through the logical offsets). */
const wordTexts = (text: string, n = 0) => {
  const model = buildModel(text);
  const run = runs(model)[n];
  const l = logicalOf(model, run);
  return runCommands(model, run).commands.flatMap((c) => c.words.map((w) => text.slice(l.offset(w.start), l.offset(w.end - 1)! + 1)));
};

describe('command model: each RUN read once with the shell parser', () => {
  it('splits lists, pipes, background jobs and subshells, with the operators around each command', () => {
    assert.deepEqual(shape('FROM alpine\nRUN a && b || c; d | e & (f; g)\n'), ['a &&', '&& b ||', '|| ?c', 'd |', '| e &', 'f', 'g']);
  });

  it('keeps env prefixes and sudo as words; programOf skips them', () => {
    const model = buildModel('FROM debian\nRUN DEBIAN_FRONTEND=noninteractive sudo -E apt-get install -y "curl"\n');
    const [cmd] = runCommands(model, runs(model)[0]).commands;
    assert.deepEqual(cmd.words.map((w) => w.text), ['DEBIAN_FRONTEND=noninteractive', 'sudo', '-E', 'apt-get', 'install', '-y', 'curl']);
    assert.equal(cmd.assignCount, 1);
    assert.equal(programOf(cmd), 'apt-get');
  });

  it('gives the files a command writes its output to (> and >>, not 2> or input), quotes removed, in heredoc scripts too', () => {
    const model = buildModel('FROM debian\nRUN echo a > "/etc/a b" && { echo b; echo c; } >> /etc/c 2>/dev/null && cat < /in && echo d 2>/err 1>/out\nRUN <<EOF\nprintf x > /etc/x\nEOF\n');
    const writes = (i: number) => runCommands(model, runs(model)[i]).commands.map((c) => (c.writes ?? []).map((w) => w.text));
    assert.deepEqual(writes(0), [['/etc/a b'], [], ['/etc/c'], [], ['/out']]);
    assert.deepEqual(writes(1), [['/etc/x']]);
    const [first] = runCommands(model, runs(model)[0]).commands;
    assert.equal(logicalOf(model, runs(model)[0]).text.slice(first.writes![0].start, first.writes![0].end), '"/etc/a b"');
  });

  it('maps every word back to the document across continuations, comment lines and flags', () => {
    const text = 'FROM debian\nRUN --mount=type=cache,target=/var/cache/apt \\\n  apt-get update \\\n  # a comment\n  && apt-get install -y \'git\'\n';
    assert.deepEqual(wordTexts(text), ['apt-get', 'update', 'apt-get', 'install', '-y', "'git'"]);
  });

  it('maps words in a script with non-ASCII text (the parser counts bytes)', () => {
    assert.deepEqual(wordTexts('FROM alpine\nRUN echo "héllo wörld" && touch /tmp/ü\n'), ['echo', '"héllo wörld"', 'touch', '/tmp/ü']);
  });

  it('reads exec form: one command, or the script of sh -c', () => {
    assert.deepEqual(shape('FROM maven\nRUN ["mvn", "clean", "install"]\n'), ['mvn clean install']);
    assert.deepEqual(shape('FROM alpine\nRUN ["/bin/sh", "-c", "apk add git && make"]\n'), ['apk add git &&', '&& make']);
    assert.deepEqual(wordTexts('FROM maven\nRUN ["mvn", "clean", "install"]\n'), ['mvn', 'clean', 'install']);
    const model = buildModel('FROM maven\nRUN ["mvn", "clean"]\n');
    assert.equal(runCommands(model, runs(model)[0]).form, 'exec');
  });

  it('reads a leading `[` test as shell form', () => {
    assert.deepEqual(shape('FROM alpine\nRUN [ -f /x ] && rm /x\n'), ['[ -f /x ] &&', '&& rm /x']);
  });

  it('runs the body of a heredoc RUN as the script, with document positions', () => {
    const text = 'FROM debian\nRUN <<EOF\napt-get update\napt-get install -y curl\nEOF\n';
    assert.deepEqual(shape(text), ['apt-get update', 'apt-get install -y curl']);
    assert.deepEqual(wordTexts(text), ['apt-get', 'update', 'apt-get', 'install', '-y', 'curl']);
    assert.deepEqual(shape('FROM python\nRUN python3 <<EOF\nprint(1)\nEOF\n'), ['python3'], 'a heredoc fed to another program is its input, not commands');
  });

  it('follows SHELL: a PowerShell or cmd script is not read as POSIX shell, in the stage and the stages built FROM it', () => {
    const text = 'FROM mcr.microsoft.com/windows/servercore AS base\nSHELL ["powershell", "-Command"]\nRUN mkdir C:\\temp ; Remove-Item x\nFROM base\nRUN mkdir C:\\app\nSHELL ["/bin/bash", "-c"]\nRUN echo ok\n';
    const model = buildModel(text);
    const [a, b, c] = runs(model).map((r) => runCommands(model, r));
    assert.equal(a.readable, false);
    assert.deepEqual(a.commands, []);
    assert.equal(b.readable, false);
    assert.deepEqual(b.shell, ['powershell', '-Command']);
    assert.equal(c.readable, true);
    assert.deepEqual(c.commands.map((x) => x.words.map((w) => w.text).join(' ')), ['echo ok']);
    const stage = estimateImage(model).stages[0];
    assert.equal(stage.layers.find((l) => l.keyword === 'RUN')?.compressedBytes, 0, 'a cmd/PowerShell mkdir is not estimated as a Linux layer');
    assert.deepEqual(stage.notes ?? [], [], 'and it is no shell parse error');
  });

  it('is computed once per model and instruction', () => {
    const model = buildModel('FROM alpine\nRUN apk add git\n');
    assert.equal(runCommands(model, runs(model)[0]), runCommands(model, runs(model)[0]));
  });

  it('evaluates words with the caller\'s variables and the script\'s own assignments', () => {
    const model = buildModel('FROM golang\nRUN V=$GO_VERSION && curl -o /go.tgz https://go.dev/dl/go$V.tgz; echo ${HOME}\n');
    const run = runCommands(model, runs(model)[0]);
    assert.deepEqual(evaluateCommands(run, (n) => (n === 'GO_VERSION' ? '1.22' : undefined)).map((c) => c.argv.join(' ')), ['curl -o /go.tgz https://go.dev/dl/go1.22.tgz', 'echo $HOME']);
    assert.deepEqual(run.commands.map((c) => c.words.map((w) => w.text).join(' ')), ['V=$GO_VERSION', 'curl -o /go.tgz https://go.dev/dl/go$V.tgz', 'echo $HOME']);
  });

  it('splits a broken script plainly and says so; a huge one is split without the parser', () => {
    const broken = buildModel('FROM alpine\nRUN echo "unterminated && apk add git\n');
    const r = runCommands(broken, runs(broken)[0]);
    assert.ok(r.parseError);
    assert.deepEqual(r.commands.map((c) => programOf(c)), ['echo', 'apk']);
    const huge = buildModel(`FROM alpine\nRUN ${'true && '.repeat(MAX_PARSED_SCRIPT / 8 + 10)}true\n`);
    const h = runCommands(huge, runs(huge)[0]);
    assert.equal(h.parseError, 'script too long to parse');
    assert.ok(h.commands.length > MAX_PARSED_SCRIPT / 8);
  });
});

describe('command model: package-manager commands', () => {
  const commandsOf = (text: string) => {
    const model = buildModel(text);
    return runCommands(model, runs(model)[0]).commands;
  };
  const installs = (text: string) =>
    commandsOf(text)
      .map(packageInstallOf)
      .filter((x) => x !== undefined)
      .map((x) => `${x.manager} ${x.verb.text}: ${osPackagesOf(x).map((w) => w.text).join(' ')}`);

  it('reads installs after sudo and env prefixes, in && chains, with quoted package names', () => {
    assert.deepEqual(installs('FROM debian\nRUN apt-get update && DEBIAN_FRONTEND=noninteractive sudo -E apt-get install -y --no-install-recommends "curl" \'libpq-dev\' && rm -rf /var/lib/apt/lists/*\n'), ['apt install: curl libpq-dev']);
  });

  it('does not take option values, expansions, files or an apk virtual name for packages', () => {
    assert.deepEqual(installs('FROM alpine\nRUN apk add --no-cache --virtual .build-deps gcc musl-dev $EXTRA ./local.apk\n'), ['apk add: gcc musl-dev']);
    assert.deepEqual(installs('FROM debian\nRUN apt-get -o Dpkg::Options::=--force-confnew install -y -t bookworm-backports curl=7.88.1-10\n'), ['apt install: curl=7.88.1-10']);
    assert.deepEqual(installs('FROM fedora\nRUN dnf install -y --setopt=tsflags=nodocs gcc && microdnf install make\n'), ['yum install: gcc', 'yum install: make']);
  });

  it('finds the subcommand past flags and leaves other verbs to packageManagerCommand', () => {
    const verbs = commandsOf('FROM debian\nRUN apt-get -qq update; apk --no-cache del x; python3 -m pip install --no-cache-dir flask; npm ci; echo apt-get install curl\n').map((c) => packageManagerCommand(c)).map((x) => (x ? `${x.manager} ${x.verb.text}` : '-'));
    assert.deepEqual(verbs, ['apt update', 'apk del', 'pip install', 'npm ci', '-']);
    assert.equal(commandsOf('FROM debian\nRUN apt-get -qq update\n').map(packageInstallOf)[0], undefined);
  });

  it('reads installs in a heredoc and in an exec-form RUN', () => {
    assert.deepEqual(installs('FROM debian\nRUN <<EOF\nset -e\napt-get install -y git\nEOF\n'), ['apt install: git']);
    assert.deepEqual(installs('FROM alpine\nRUN ["apk", "add", "--no-cache", "bash"]\n'), ['apk add: bash']);
  });

  it('reads a script held as text with the same parser (commandsOfScript)', () => {
    assert.deepEqual(commandsOfScript('sudo apt-get install -y "a b" && echo done').map((c) => c.words.map((w) => w.text)), [['sudo', 'apt-get', 'install', '-y', 'a b'], ['echo', 'done']]);
  });
});
