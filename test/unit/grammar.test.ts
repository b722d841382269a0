/**
 * The TextMate grammar (syntaxes/dockerfile.tmLanguage.json) tokenized by vscode-textmate + vscode-oniguruma,
 * the engine VS Code uses, and the language configuration's word pattern and onEnter rules.
 *
 * `source.shell` (VS Code's built-in shellscript grammar) is replaced by a small stub so that the tests run
 * offline; the stub has a `typical_statements` rule like the real grammar, which the Dockerfile grammar
 * includes to start the first command of a RUN. When the real shellscript grammar is on this machine (the e2e
 * harness's code-server, or SHELL_GRAMMAR=path), one more suite checks the fixtures and examples with it.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { DockerfileParser } from 'dockerfile-ast';
import * as oniguruma from 'vscode-oniguruma';
import * as vsctm from 'vscode-textmate';
import { ROOT } from '../support/lspClient';
import { df, fixture, FIXTURES } from '../support/fixtures';

const GRAMMAR_PATH = path.join(ROOT, 'syntaxes', 'dockerfile.tmLanguage.json');
const SHELL = 'meta.embedded.shell.dockerfile';
const KEYWORD = 'keyword.other.special-method.dockerfile';

/** A minimal stand-in for VS Code's shellscript grammar (scopeName source.shell). */
const SHELL_STUB = {
  scopeName: 'source.shell',
  patterns: [{ include: '#typical_statements' }],
  repository: {
    typical_statements: {
      patterns: [
        { match: '(?<![\\w-])(?:echo|apt-get|apk|rm|set|python3|curl|Write-Host)(?![\\w-])', name: 'support.function.builtin.shell' },
        { match: '&&|\\|\\||;', name: 'keyword.operator.list.shell' },
        { match: '\\$\\w+', name: 'variable.other.normal.shell' },
        { begin: '"', end: '"', name: 'string.quoted.double.shell', patterns: [{ match: '\\$\\w+', name: 'variable.other.normal.shell' }] },
        { begin: "'", end: "'", name: 'string.quoted.single.shell' },
        { match: '(?<=^|\\s)#.*$', name: 'comment.line.number-sign.shell' },
      ],
    },
  },
};

interface Token {
  text: string;
  scopes: string[];
}

const wasm = readFileSync(path.join(ROOT, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm'));
let onigReady: Promise<vsctm.IOnigLib> | undefined;
function onigLib(): Promise<vsctm.IOnigLib> {
  onigReady ??= oniguruma.loadWASM(wasm).then(() => ({
    createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
    createOnigString: (s: string) => new oniguruma.OnigString(s),
  }));
  return onigReady;
}

async function loadGrammar(shellGrammar: object): Promise<vsctm.IGrammar> {
  const registry = new vsctm.Registry({
    onigLib: onigLib(),
    loadGrammar: async (scopeName) => {
      if (scopeName === 'source.dockerfile') return vsctm.parseRawGrammar(readFileSync(GRAMMAR_PATH, 'utf8'), GRAMMAR_PATH);
      if (scopeName === 'source.shell') return shellGrammar as vsctm.IRawGrammar;
      return null;
    },
  });
  const grammar = await registry.loadGrammar('source.dockerfile');
  assert.ok(grammar, 'the grammar loads');
  return grammar;
}

function tokenize(grammar: vsctm.IGrammar, text: string): Token[][] {
  let state = vsctm.INITIAL;
  return text.split(/\r?\n/).map((line) => {
    const r = grammar.tokenizeLine(line, state);
    assert.equal(r.stoppedEarly, false);
    state = r.ruleStack;
    return r.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
  });
}

/** The scopes at the first character of `needle` in the line (its `occurrence`-th occurrence, from 0). */
function scopesAt(lines: Token[][], line: number, needle: string, occurrence = 0): string[] {
  const tokens = lines[line];
  assert.ok(tokens, `line ${line} exists`);
  const text = tokens.map((t) => t.text).join('');
  let at = -1;
  for (let i = 0; i <= occurrence; i++) {
    at = text.indexOf(needle, at + 1);
    assert.ok(at >= 0, `"${needle}" (#${occurrence}) in line ${line}: ${JSON.stringify(text)}`);
  }
  let offset = 0;
  for (const t of tokens) {
    if (at < offset + t.text.length) return t.scopes;
    offset += t.text.length;
  }
  assert.fail(`no token at ${at} in line ${line}`);
}

/** The token exactly equal to `text` in the line: asserts the tokenizer split there. */
function tokenNamed(lines: Token[][], line: number, text: string): Token {
  const t = lines[line].find((tok) => tok.text === text);
  assert.ok(t, `a token "${text}" in line ${line}: ${JSON.stringify(lines[line].map((x) => x.text))}`);
  return t;
}

function has(scopes: string[], scope: string, message?: string): void {
  assert.ok(scopes.includes(scope), message ?? `expected ${scope} in [${scopes.join(', ')}]`);
}

function lacks(scopes: string[], scope: string, message?: string): void {
  assert.ok(!scopes.some((s) => s === scope || s.startsWith(`${scope}.`)), message ?? `unexpected ${scope} in [${scopes.join(', ')}]`);
}

describe('TextMate grammar', () => {
  let grammar: vsctm.IGrammar;
  before(async () => {
    grammar = await loadGrammar(SHELL_STUB);
  });
  const tok = (text: string) => tokenize(grammar, text);

  it('is the source.dockerfile grammar the manifest contributes, with the shell embedding mapped', () => {
    const raw = JSON.parse(readFileSync(GRAMMAR_PATH, 'utf8'));
    assert.equal(raw.scopeName, 'source.dockerfile');
    const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    const contribution = manifest.contributes.grammars.find((g: { scopeName: string }) => g.scopeName === 'source.dockerfile');
    assert.equal(contribution.language, 'dockerfile');
    assert.equal(path.resolve(ROOT, contribution.path), GRAMMAR_PATH);
    assert.equal(contribution.embeddedLanguages[SHELL], 'shellscript');
  });

  it('scopes instructions case-insensitively, comments, and ONBUILD followed by an instruction', () => {
    const l = tok(df('# a comment', 'from alpine', 'Run echo hi', 'onbuild COPY . /app', '  # indented comment', 'ENV A=1 # not a comment'));
    has(scopesAt(l, 0, '#'), 'comment.line.number-sign.dockerfile');
    has(scopesAt(l, 0, 'a comment'), 'comment.line.number-sign.dockerfile');
    has(tokenNamed(l, 1, 'from').scopes, KEYWORD);
    has(tokenNamed(l, 1, 'from').scopes, 'meta.instruction.from.dockerfile');
    has(tokenNamed(l, 2, 'Run').scopes, KEYWORD);
    has(tokenNamed(l, 2, 'Run').scopes, 'meta.instruction.run.dockerfile');
    has(tokenNamed(l, 3, 'onbuild').scopes, KEYWORD);
    has(tokenNamed(l, 3, 'COPY').scopes, KEYWORD);
    has(tokenNamed(l, 3, 'COPY').scopes, 'meta.instruction.copy.dockerfile');
    has(scopesAt(l, 4, '#'), 'comment.line.number-sign.dockerfile');
    lacks(scopesAt(l, 5, '#'), 'comment', 'a # inside an instruction is no comment');
  });

  it('scopes the parser directives at the top, and only there', () => {
    const l = tok(df('# syntax=docker/dockerfile:1.7', '#check = skip=JSONArgsRecommended', '# escape=\\', 'FROM scratch', '# syntax=late'));
    const key = tokenNamed(l, 0, 'syntax').scopes;
    has(key, 'meta.preprocessor.directive.dockerfile');
    has(key, 'keyword.control.directive.dockerfile');
    has(tokenNamed(l, 0, 'docker/dockerfile:1.7').scopes, 'string.unquoted.directive-value.dockerfile');
    has(tokenNamed(l, 1, 'check').scopes, 'keyword.control.directive.dockerfile');
    has(tokenNamed(l, 1, 'skip=JSONArgsRecommended').scopes, 'string.unquoted.directive-value.dockerfile');
    has(tokenNamed(l, 2, 'escape').scopes, 'keyword.control.directive.dockerfile');
    const late = scopesAt(l, 4, 'syntax');
    has(late, 'comment.line.number-sign.dockerfile', 'a directive after an instruction is a comment');
    lacks(late, 'meta.preprocessor');
    const afterComment = tok(df('# hello', '# syntax=docker/dockerfile:1'));
    lacks(scopesAt(afterComment, 1, 'syntax'), 'meta.preprocessor', 'a directive after a comment is a comment');
    const unknown = tok(df('# foo=bar', '# syntax=docker/dockerfile:1'));
    lacks(scopesAt(unknown, 0, 'foo'), 'meta.preprocessor', 'only syntax, escape and check are directives');
  });

  it('FROM: --platform, image, tag, digest, AS and the stage name', () => {
    const l = tok(df('FROM --platform=$BUILDPLATFORM docker.io/library/golang:${GO:-1.22}-alpine@sha256:0123abcd AS Build', 'FROM localhost:5000/team/app as runtime'));
    has(tokenNamed(l, 0, '--platform').scopes, 'variable.parameter.flag.dockerfile');
    has(tokenNamed(l, 0, 'BUILDPLATFORM').scopes, 'variable.other.dockerfile');
    has(tokenNamed(l, 0, 'docker.io/library/golang').scopes, 'entity.name.type.image.dockerfile');
    has(scopesAt(l, 0, ':${'), 'punctuation.separator.tag.dockerfile');
    const tagVar = tokenNamed(l, 0, 'GO').scopes;
    has(tagVar, 'constant.other.tag.dockerfile');
    has(tagVar, 'variable.other.dockerfile');
    has(tokenNamed(l, 0, ':-').scopes, 'keyword.operator.expansion.dockerfile');
    has(tokenNamed(l, 0, '-alpine').scopes, 'constant.other.tag.dockerfile');
    has(tokenNamed(l, 0, '@').scopes, 'punctuation.separator.digest.dockerfile');
    has(tokenNamed(l, 0, 'sha256:0123abcd').scopes, 'constant.other.digest.dockerfile');
    has(tokenNamed(l, 0, 'AS').scopes, 'keyword.other.as.dockerfile');
    has(tokenNamed(l, 0, 'Build').scopes, 'entity.name.namespace.stage.dockerfile');
    // a registry port is part of the image name, not a tag
    has(tokenNamed(l, 1, 'localhost:5000/team/app').scopes, 'entity.name.type.image.dockerfile');
    has(tokenNamed(l, 1, 'as').scopes, 'keyword.other.as.dockerfile');
    has(tokenNamed(l, 1, 'runtime').scopes, 'entity.name.namespace.stage.dockerfile');
  });

  it('flags: --from, --mount key=value lists, --chown, --chmod, --link, --network, --security', () => {
    const l = tok(
      df(
        'COPY --from=build --chown=app:app --chmod=755 --link /out /app',
        'RUN --mount=type=cache,target=/root/.cache,sharing=locked --mount=type=bind,from=deps,source=/x,target=/y --network=none --security=insecure echo --not-a-flag',
      ),
    );
    for (const flag of ['--from', '--chown', '--chmod', '--link']) has(tokenNamed(l, 0, flag).scopes, 'variable.parameter.flag.dockerfile', flag);
    has(tokenNamed(l, 0, 'build').scopes, 'entity.name.namespace.stage.dockerfile');
    has(tokenNamed(l, 0, 'app:app').scopes, 'string.unquoted.flag-value.dockerfile');
    has(tokenNamed(l, 0, '755').scopes, 'string.unquoted.flag-value.dockerfile');
    lacks(scopesAt(l, 0, '/out'), 'meta.flag');
    has(tokenNamed(l, 1, '--mount').scopes, 'variable.parameter.flag.dockerfile');
    has(scopesAt(l, 1, 'type'), 'support.type.property-name.dockerfile');
    has(tokenNamed(l, 1, 'cache').scopes, 'support.constant.mount-type.dockerfile');
    has(tokenNamed(l, 1, 'target').scopes, 'support.type.property-name.dockerfile');
    has(tokenNamed(l, 1, '/root/.cache').scopes, 'string.unquoted.flag-value.dockerfile');
    has(scopesAt(l, 1, ','), 'punctuation.separator.comma.dockerfile');
    has(tokenNamed(l, 1, 'deps').scopes, 'entity.name.namespace.stage.dockerfile');
    has(tokenNamed(l, 1, '--network').scopes, 'variable.parameter.flag.dockerfile');
    has(tokenNamed(l, 1, 'none').scopes, 'string.unquoted.flag-value.dockerfile');
    has(tokenNamed(l, 1, '--security').scopes, 'variable.parameter.flag.dockerfile');
    // once the command starts, dashes belong to the shell
    const notFlag = scopesAt(l, 1, '--not-a-flag');
    has(notFlag, SHELL);
    lacks(notFlag, 'variable.parameter.flag');
  });

  it('variables $VAR and ${VAR:-default}, strings, and escapes outside the shell', () => {
    const l = tok(df('ENV PATH=/app/bin:$PATH GREETING="hi ${NAME:-you}" RAW=\'$NOT\' Q="a\\"b"', 'WORKDIR ${HOME}/src'));
    has(tokenNamed(l, 0, 'PATH').scopes, 'variable.other.env.dockerfile');
    const pathRef = scopesAt(l, 0, 'PATH', 1);
    has(pathRef, 'variable.other.dockerfile');
    has(pathRef, 'string.unquoted.value.dockerfile');
    has(scopesAt(l, 0, '"hi'), 'string.quoted.double.dockerfile');
    has(tokenNamed(l, 0, '${').scopes, 'punctuation.definition.variable.begin.dockerfile');
    has(tokenNamed(l, 0, 'NAME').scopes, 'variable.other.dockerfile');
    has(tokenNamed(l, 0, ':-').scopes, 'keyword.operator.expansion.dockerfile');
    has(scopesAt(l, 0, 'you'), 'meta.interpolation.variable.dockerfile');
    const single = scopesAt(l, 0, '$NOT');
    has(single, 'string.quoted.single.dockerfile');
    lacks(single, 'variable.other', 'no expansion inside single quotes');
    has(tokenNamed(l, 0, '\\"').scopes, 'constant.character.escape.dockerfile');
    has(tokenNamed(l, 1, 'HOME').scopes, 'variable.other.dockerfile');
  });

  it('ARG, ENV (both forms) and LABEL key=value pairs', () => {
    const l = tok(df('ARG VERSION=1.0 TARGETOS', 'ENV LANG C.UTF-8', 'LABEL "org.opencontainers.image.title"="App" version=2'));
    has(tokenNamed(l, 0, 'VERSION').scopes, 'variable.other.arg.dockerfile');
    has(tokenNamed(l, 0, '=').scopes, 'keyword.operator.assignment.dockerfile');
    has(tokenNamed(l, 0, '1.0').scopes, 'string.unquoted.value.dockerfile');
    has(tokenNamed(l, 0, 'TARGETOS').scopes, 'variable.other.arg.dockerfile');
    has(tokenNamed(l, 1, 'LANG').scopes, 'variable.other.env.dockerfile');
    has(tokenNamed(l, 2, '"org.opencontainers.image.title"').scopes, 'variable.other.property.label.dockerfile');
    has(scopesAt(l, 2, 'App'), 'string.quoted.double.dockerfile');
    has(tokenNamed(l, 2, 'version').scopes, 'variable.other.property.label.dockerfile');
  });

  it('exec form (JSON arrays) and shell form', () => {
    const l = tok(df('CMD ["node", "server.js"]', 'ENTRYPOINT echo "$HOME"', 'SHELL ["/bin/bash", "-c"]', 'RUN [ -f /etc/os-release ] && echo ok', "RUN ['echo', 'single quotes are shell form']"));
    const bracket = tokenNamed(l, 0, '[').scopes;
    has(bracket, 'meta.exec-form.dockerfile');
    has(bracket, 'punctuation.definition.array.begin.dockerfile');
    has(scopesAt(l, 0, 'node'), 'string.quoted.double.dockerfile');
    has(tokenNamed(l, 0, ',').scopes, 'punctuation.separator.array.dockerfile');
    lacks(scopesAt(l, 0, 'node'), 'meta.embedded');
    has(tokenNamed(l, 1, 'echo').scopes, 'support.function.builtin.shell');
    has(tokenNamed(l, 1, 'echo').scopes, SHELL);
    has(scopesAt(l, 2, '/bin/bash'), 'meta.exec-form.dockerfile');
    const test = scopesAt(l, 3, '[');
    has(test, SHELL, 'RUN [ -f x ] is a shell test, not JSON');
    lacks(test, 'meta.exec-form');
    has(scopesAt(l, 4, 'echo'), SHELL);
  });

  it('embeds the shell in RUN across line continuations, comment lines and flags on later lines', () => {
    const l = tok(
      df(
        'RUN --mount=type=cache,target=/var/cache/apt \\',
        '    --network=default \\',
        '    apt-get update && \\',
        '    # a comment inside the instruction',
        '',
        '    apt-get install -y --no-install-recommends curl   \\  ',
        '    && rm -rf /var/lib/apt/lists/*',
        'USER app',
      ),
    );
    has(tokenNamed(l, 0, '\\').scopes, 'constant.character.escape.line-continuation.dockerfile');
    // on the command's first line the continuation stays Dockerfile, so VS Code applies the Dockerfile onEnter rule (indent)
    lacks(tokenNamed(l, 2, '\\').scopes, 'meta.embedded');
    has(tokenNamed(l, 1, '--network').scopes, 'variable.parameter.flag.dockerfile', 'flags continue on the next line');
    const first = tokenNamed(l, 2, 'apt-get').scopes;
    has(first, SHELL);
    has(first, 'meta.statement.shell', 'the first command opens a shell statement');
    has(first, 'support.function.builtin.shell');
    has(scopesAt(l, 3, 'a comment'), 'comment.line.number-sign.dockerfile');
    has(scopesAt(l, 3, 'a comment'), 'meta.instruction.run.dockerfile');
    has(tokenNamed(l, 5, 'apt-get').scopes, SHELL, 'continues after a comment line and an empty line');
    has(tokenNamed(l, 5, '\\').scopes, 'constant.character.escape.line-continuation.dockerfile', 'trailing blanks after the backslash');
    has(tokenNamed(l, 5, '\\').scopes, SHELL, 'on continued lines the whole line is shell (Enter keeps the indentation)');
    has(scopesAt(l, 6, 'rm'), SHELL);
    has(scopesAt(l, 6, 'rm'), 'meta.instruction.run.dockerfile');
    const user = tokenNamed(l, 7, 'USER').scopes;
    has(user, KEYWORD);
    lacks(user, 'meta.instruction.run');
  });

  it('a shell construct left open by the shell grammar ends with the line, not with the file', () => {
    const l = tok(df('RUN echo "unterminated', 'COPY a b', 'RUN echo "closed \\', '  on the next line"', 'EXPOSE 80'));
    has(tokenNamed(l, 1, 'COPY').scopes, KEYWORD);
    lacks(tokenNamed(l, 1, 'COPY').scopes, 'meta.embedded');
    has(scopesAt(l, 3, 'on the next'), SHELL);
    has(tokenNamed(l, 4, 'EXPOSE').scopes, KEYWORD);
    has(tokenNamed(l, 4, '80').scopes, 'constant.numeric.port.dockerfile');
  });

  it('RUN heredocs: marker, shell body, delimiter; <<- with tabs and quoted delimiters', () => {
    const l = tok(
      df(
        'RUN --mount=type=cache,target=/root/.cache <<EOF',
        'set -e',
        'echo "$HOME" # shell comment',
        'EOF',
        'RUN python3 <<-"PY"',
        '\tprint("hi")',
        '\tPY',
        'RUN <<\'EOT\' bash',
        'echo "never closed',
        'EOT',
        'WORKDIR /app',
      ),
    );
    has(tokenNamed(l, 0, '<<').scopes, 'keyword.operator.heredoc.dockerfile');
    has(tokenNamed(l, 0, 'EOF').scopes, 'keyword.control.heredoc-token.dockerfile');
    has(tokenNamed(l, 0, '--mount').scopes, 'variable.parameter.flag.dockerfile');
    const body = tokenNamed(l, 1, 'set').scopes;
    has(body, SHELL);
    has(body, 'meta.heredoc.dockerfile');
    has(body, 'support.function.builtin.shell');
    has(scopesAt(l, 2, '$HOME'), 'variable.other.normal.shell');
    has(scopesAt(l, 2, '# shell'), 'comment.line.number-sign.shell', 'the body is shell, # is its comment');
    const end = tokenNamed(l, 3, 'EOF').scopes;
    has(end, 'keyword.control.heredoc-token.dockerfile');
    lacks(end, 'meta.embedded');
    has(tokenNamed(l, 4, 'python3').scopes, SHELL);
    has(tokenNamed(l, 4, '<<-').scopes, 'keyword.operator.heredoc.dockerfile');
    has(tokenNamed(l, 4, 'PY').scopes, 'keyword.control.heredoc-token.dockerfile');
    has(scopesAt(l, 5, 'print'), 'meta.heredoc.dockerfile');
    has(tokenNamed(l, 6, 'PY').scopes, 'keyword.control.heredoc-token.dockerfile');
    has(tokenNamed(l, 7, 'EOT').scopes, 'keyword.control.heredoc-token.dockerfile');
    has(scopesAt(l, 7, 'bash'), SHELL);
    // the body's open string is closed by the delimiter line
    has(tokenNamed(l, 9, 'EOT').scopes, 'keyword.control.heredoc-token.dockerfile');
    lacks(tokenNamed(l, 9, 'EOT').scopes, 'string');
    has(tokenNamed(l, 10, 'WORKDIR').scopes, KEYWORD);
    lacks(tokenNamed(l, 10, 'WORKDIR').scopes, 'meta.heredoc');
  });

  it('an indented delimiter does not end a <<EOF heredoc (only <<-EOF strips tabs)', () => {
    const l = tok(df('RUN <<EOF', 'cat x', '\tEOF', 'EOF', 'USER app'));
    has(scopesAt(l, 2, 'EOF'), 'meta.heredoc.dockerfile');
    lacks(scopesAt(l, 2, 'EOF'), 'keyword.control.heredoc-token');
    has(tokenNamed(l, 3, 'EOF').scopes, 'keyword.control.heredoc-token.dockerfile');
    has(tokenNamed(l, 4, 'USER').scopes, KEYWORD);
  });

  it('COPY/ADD heredocs are plain text, not shell', () => {
    const l = tok(df('COPY <<-CONF /etc/app.conf', '\tkey=$value', '\techo not shell', '\tCONF', 'ADD <<EOF /x', 'y', 'EOF', 'CMD ["x"]'));
    has(tokenNamed(l, 0, '<<-').scopes, 'keyword.operator.heredoc.dockerfile');
    has(tokenNamed(l, 0, 'CONF').scopes, 'keyword.control.heredoc-token.dockerfile');
    const body = scopesAt(l, 2, 'echo');
    has(body, 'string.unquoted.heredoc.dockerfile');
    lacks(body, 'meta.embedded');
    lacks(body, 'support.function');
    has(tokenNamed(l, 3, 'CONF').scopes, 'keyword.control.heredoc-token.dockerfile');
    has(scopesAt(l, 5, 'y'), 'string.unquoted.heredoc.dockerfile');
    has(tokenNamed(l, 7, 'CMD').scopes, KEYWORD);
  });

  it('the escape directive switches line continuations and escapes to the backtick', () => {
    const l = tok(fixture('escape-windows.Dockerfile'));
    // # escape=` / FROM ... / SHELL [...] / RUN Write-Host 'hello' ; ` / New-Item ... -Path C:\app / WORKDIR C:\app / ...
    has(tokenNamed(l, 0, 'escape').scopes, 'keyword.control.directive.dockerfile');
    has(tokenNamed(l, 3, '`').scopes, 'constant.character.escape.line-continuation.dockerfile');
    has(scopesAt(l, 4, 'New-Item'), SHELL, 'the backtick continued the RUN');
    has(scopesAt(l, 4, 'New-Item'), 'meta.instruction.run.dockerfile');
    const workdir = scopesAt(l, 5, '\\app');
    has(workdir, 'meta.instruction.workdir.dockerfile');
    lacks(workdir, 'constant.character.escape', 'a backslash is a plain character in backtick mode');
    has(tokenNamed(l, 6, 'COPY').scopes, KEYWORD);

    const backslash = tok(df('# escape=`', 'COPY app C:\\app\\', 'WORKDIR C:\\app', 'ENV A="x`"y"'));
    has(tokenNamed(backslash, 2, 'WORKDIR').scopes, KEYWORD, 'a trailing backslash does not continue in backtick mode');
    lacks(tokenNamed(backslash, 2, 'WORKDIR').scopes, 'meta.instruction.copy');
    has(tokenNamed(backslash, 3, '`"').scopes, 'constant.character.escape.dockerfile');

    const defaults = tok(df('RUN x=`date`', 'USER app', 'RUN echo a \\', '  b'));
    has(tokenNamed(defaults, 1, 'USER').scopes, KEYWORD, 'without the directive a trailing backtick does not continue');
    has(scopesAt(defaults, 3, 'b'), 'meta.instruction.run.dockerfile');
  });

  it('backtick mode also covers directives after the escape directive', () => {
    const l = tok(df('# escape=`', '# syntax=docker/dockerfile:1', 'FROM x', 'RUN a `', '  b'));
    has(tokenNamed(l, 1, 'syntax').scopes, 'keyword.control.directive.dockerfile');
    has(scopesAt(l, 4, 'b'), 'meta.instruction.run.dockerfile');
    const second = tok(df('# syntax=docker/dockerfile:1', '# escape=`', 'RUN a `', '  b'));
    has(tokenNamed(second, 1, 'escape').scopes, 'keyword.control.directive.dockerfile');
    has(scopesAt(second, 3, 'b'), 'meta.instruction.run.dockerfile');
  });

  it('EXPOSE, HEALTHCHECK, STOPSIGNAL and instructions without a continuation space', () => {
    const l = tok(df('EXPOSE 80/tcp 8000-8010/udp $PORT', 'HEALTHCHECK --interval=30s CMD curl -f http://localhost/ || exit 1', 'HEALTHCHECK NONE', 'STOPSIGNAL SIGTERM', 'FROM\\', '  alpine'));
    has(tokenNamed(l, 0, '80').scopes, 'constant.numeric.port.dockerfile');
    has(tokenNamed(l, 0, 'tcp').scopes, 'constant.language.protocol.dockerfile');
    has(tokenNamed(l, 0, 'PORT').scopes, 'variable.other.dockerfile');
    has(tokenNamed(l, 1, '--interval').scopes, 'variable.parameter.flag.dockerfile');
    has(tokenNamed(l, 1, 'CMD').scopes, KEYWORD);
    has(tokenNamed(l, 1, 'curl').scopes, SHELL);
    has(tokenNamed(l, 2, 'NONE').scopes, 'constant.language.none.dockerfile');
    has(tokenNamed(l, 3, 'SIGTERM').scopes, 'constant.language.signal.dockerfile');
    has(tokenNamed(l, 4, 'FROM').scopes, KEYWORD);
    has(tokenNamed(l, 5, 'alpine').scopes, 'entity.name.type.image.dockerfile');
  });

  it('tokenizes every fixture without stopping early, and binary content does not throw', () => {
    for (const name of readdirSync(FIXTURES).filter((f) => f.endsWith('.Dockerfile'))) {
      const lines = tok(readFileSync(path.join(FIXTURES, name), 'latin1'));
      assert.ok(lines.length > 0, name);
    }
  });
});

describe('language configuration', () => {
  const config = JSON.parse(readFileSync(path.join(ROOT, 'language-configuration.json'), 'utf8'));

  it('comments with #, brackets and auto-closing pairs', () => {
    assert.equal(config.comments.lineComment, '#');
    assert.deepEqual(config.brackets, [['{', '}'], ['[', ']'], ['(', ')']]);
    assert.deepEqual(config.autoClosingPairs.map((p: { open: string }) => p.open), ['{', '[', '(', '"', "'"]);
  });

  it('the word pattern keeps flags, ${VAR} and hyphenated words together', () => {
    const words = (line: string) => [...line.matchAll(new RegExp(config.wordPattern, 'g'))].map((m) => m[0]);
    assert.deepEqual(words('COPY --from=build ${APP_DIR:-/app}/bin $HOME/x'), ['COPY', '--from', 'build', '${APP_DIR:-/app}', 'bin', '$HOME', 'x']);
    assert.deepEqual(words('RUN apt-get install -y --no-install-recommends golang:1.22-alpine'), ['RUN', 'apt-get', 'install', '-y', '--no-install-recommends', 'golang', '1.22-alpine']);
    assert.deepEqual(words('ENV A=b'), ['ENV', 'A', 'b']);
  });

  /** VS Code applies the first onEnter rule whose regexes all match. */
  function onEnter(previousLine: string, line: string): string | undefined {
    for (const rule of config.onEnterRules) {
      if (!new RegExp(rule.beforeText).test(line)) continue;
      if (rule.previousLineText && !new RegExp(rule.previousLineText).test(previousLine)) continue;
      return rule.action.indent;
    }
    return undefined;
  }

  it('onEnter: indents after the first continuation, keeps it on the next, outdents after the last', () => {
    assert.equal(onEnter('FROM alpine', 'RUN apk add \\'), 'indent');
    assert.equal(onEnter('RUN apk add \\', '    curl \\'), 'none');
    assert.equal(onEnter('    curl \\', '    git'), 'outdent');
    assert.equal(onEnter('RUN a `', '    b `'), 'none');
    assert.equal(onEnter('# escape=`', 'RUN a `'), 'indent');
    assert.equal(onEnter('FROM alpine', 'RUN echo hi'), undefined);
    assert.equal(onEnter('', 'FROM alpine'), undefined);
  });
});

function realShellGrammar(): string | undefined {
  const candidates = [
    process.env.SHELL_GRAMMAR,
    path.join(process.env.E2E_CACHE_DIR || path.join(os.homedir(), '.cache', 'dockerfile-stages-e2e'), 'code-server', 'node_modules', 'code-server', 'lib', 'vscode', 'extensions', 'shellscript', 'syntaxes', 'shell-unix-bash.tmLanguage.json'),
  ];
  return candidates.find((p): p is string => !!p && existsSync(p) && statSync(p).isFile());
}

const REAL_SHELL = realShellGrammar();

describe('TextMate grammar with VS Code\'s shellscript grammar', { skip: REAL_SHELL ? false : 'VS Code\'s shellscript grammar is not on this machine (set SHELL_GRAMMAR or install the e2e harness)' }, () => {
  let grammar: vsctm.IGrammar;
  before(async () => {
    grammar = await loadGrammar(JSON.parse(readFileSync(REAL_SHELL!, 'utf8')));
  });

  function dockerfiles(): string[] {
    const out = readdirSync(FIXTURES).filter((f) => f.endsWith('.Dockerfile') && f !== 'binary.Dockerfile').map((f) => path.join(FIXTURES, f));
    const examples = path.join(ROOT, 'examples');
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (/(^|\.)(Docker|Container)file($|\.)|\.dockerfile$/i.test(e.name)) out.push(p);
      }
    };
    if (existsSync(examples)) walk(examples);
    if (process.env.GRAMMAR_CORPUS) {
      const corpus = path.resolve(ROOT, '..', 'shared', 'corpus');
      if (existsSync(corpus)) for (const f of readdirSync(corpus)) if (f.endsWith('.Dockerfile')) out.push(path.join(corpus, f));
    }
    return out;
  }

  it('every instruction keyword (as dockerfile-ast finds it) is scoped as one, every comment as a comment', () => {
    const files = dockerfiles();
    assert.ok(files.length > 5);
    const misses: string[] = [];
    let instructions = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const lines = tokenize(grammar, text);
      const at = (line: number, ch: number) => {
        let offset = 0;
        for (const t of lines[line] ?? []) {
          if (ch < offset + t.text.length) return t.scopes;
          offset += t.text.length;
        }
        return [];
      };
      const ast = DockerfileParser.parse(text);
      for (const ins of ast.getInstructions()) {
        const r = ins.getInstructionRange();
        // dockerfile-ast reports any first word as an instruction; only real keywords are scoped
        if (!/^(FROM|RUN|CMD|LABEL|MAINTAINER|EXPOSE|ENV|ADD|COPY|ENTRYPOINT|VOLUME|USER|WORKDIR|ARG|ONBUILD|STOPSIGNAL|HEALTHCHECK|SHELL)$/i.test(ins.getInstruction())) continue;
        instructions++;
        if (!at(r.start.line, r.start.character).includes(KEYWORD)) misses.push(`${path.basename(file)}:${r.start.line + 1} ${ins.getInstruction()}`);
      }
      for (const c of ast.getComments()) {
        const r = c.getRange();
        if (!at(r.start.line, r.start.character).some((s) => s.startsWith('comment.'))) misses.push(`${path.basename(file)}:${r.start.line + 1} comment`);
      }
    }
    assert.ok(instructions > 20);
    assert.deepEqual(misses, []);
  });

  it('the first command of a RUN is a shell command, heredoc bodies are shell statements', () => {
    const l = tokenize(grammar, df('RUN apt-get update && \\', '    apt-get install -y curl', 'RUN <<EOF', 'if [ -f x ]; then echo y; fi', 'EOF', 'USER app'));
    has(tokenNamed(l, 0, 'apt-get').scopes, 'entity.name.command.shell');
    has(tokenNamed(l, 1, 'apt-get').scopes, 'entity.name.command.shell');
    has(tokenNamed(l, 3, 'if').scopes, SHELL);
    has(tokenNamed(l, 4, 'EOF').scopes, 'keyword.control.heredoc-token.dockerfile');
    has(tokenNamed(l, 5, 'USER').scopes, KEYWORD);
    lacks(tokenNamed(l, 5, 'USER').scopes, 'meta.embedded');
  });
});
