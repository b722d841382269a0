/**
 * Our shell parser (server/src/core/commands/script*.ts through parseScript) against the one it
 * replaced, mvdan-sh (test/support/mvdanParse.ts, test only): the same commands, words, offsets, operators and
 * writes, and a parse error for the same scripts, over every RUN script of ../shared's Dockerfiles (as the command
 * model extracts them), the scripts of its package.json files and a list of tricky scripts. Then random and
 * mutated scripts: never a throw, offsets inside the script and in order.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { MAX_PARSED_SCRIPT, parseScript, warmShellParser, type ParsedScript } from '../../server/src/core/commands/parser';
import { buildModel, runCommands } from '../../server/src/core/internal';
import { mvdanParseScript, rawMatchesWrapped } from '../support/mvdanParse';

const SHARED = path.resolve(__dirname, '..', '..', '..', '..', 'shared');

const json = (p: ParsedScript) => JSON.stringify({ commands: p.commands, parseError: p.parseError !== undefined });

/** Every RUN script of the Dockerfiles under a folder of ../shared, extracted by the command model. */
function runScripts(dir: string): { where: string; script: string }[] {
  const out: { where: string; script: string }[] = [];
  for (const name of readdirSync(dir).filter((f) => f.endsWith('Dockerfile'))) {
    const model = buildModel(readFileSync(path.join(dir, name), 'utf8'));
    for (const run of model.instructions.filter((i) => i.getKeyword().toUpperCase() === 'RUN')) {
      const r = runCommands(model, run);
      if (r.readable && r.script) out.push({ where: `${name}:${run.getRange().start.line + 1}`, script: r.script });
    }
  }
  return out;
}

/** The `scripts` of the package.json files under a folder (node_modules left out). */
function packageScripts(dir: string, depth = 0): { where: string; script: string }[] {
  const out: { where: string; script: string }[] = [];
  if (depth > 6) return out;
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (name === 'node_modules' || name.startsWith('.')) continue;
    if (statSync(p).isDirectory()) out.push(...packageScripts(p, depth + 1));
    else if (name === 'package.json') {
      const scripts = (JSON.parse(readFileSync(p, 'utf8')) as { scripts?: Record<string, string> }).scripts ?? {};
      for (const [k, v] of Object.entries(scripts)) if (typeof v === 'string') out.push({ where: `${p} ${k}`, script: v });
    }
  }
  return out;
}

describe('shell parser: the same commands as mvdan-sh on real scripts', () => {
  it('every RUN script of ../shared/corpus and ../shared/eval/size, and the package.json scripts', (t) => {
    if (!existsSync(SHARED)) return t.skip('no ../shared');
    const scripts = [...runScripts(path.join(SHARED, 'corpus')), ...runScripts(path.join(SHARED, 'eval', 'size')), ...packageScripts(SHARED)];
    const differ: string[] = [];
    for (const { where, script } of scripts) {
      const ours = json(parseScript(script));
      const theirs = json(mvdanParseScript(script));
      if (ours !== theirs) differ.push(`${where}\n  ours:   ${ours.slice(0, 400)}\n  mvdan:  ${theirs.slice(0, 400)}`);
    }
    assert.ok(scripts.length > 800, `compared ${scripts.length} scripts`);
    assert.deepEqual(differ, []);
  });

  it('the reference reads mvdan-sh\'s tree right (its raw reader agrees with the wrapped one on its probe)', () => {
    const r = rawMatchesWrapped();
    assert.equal(r.raw, r.wrapped);
    assert.ok(r.usable);
    assert.ok(JSON.parse(r.raw).length > 10);
  });
});

/** Scripts that exercise each construct, its edge cases and broken forms. */
const TRICKY: string[] = [
  // quotes and escapes
  `echo 'single "dq" inside' "double 'sq' inside" mixed'a'"b"c`,
  String.raw`echo "a\"b" 'c\d' e\ f \$HOME "\$x" "a\\b" \\`,
  String.raw`echo "a\nb" 'a\nb' $'a\nb\'c' $"translated $x"`,
  `echo "$(echo "inner $(echo deeper)")" \`echo bq\``,
  String.raw`echo \`echo \\\`nested\\\`\``,
  `echo "unterminated`,
  `echo 'unterminated`,
  `echo $'unterminated`,
  'echo `unterminated',
  `echo "a $(b"`,
  // line continuations, comments, blanks
  'apt-get update \\\n  && apt-get install -y \\\n    curl \\\n    git',
  'echo a\\\nb c\\\n\\\nd',
  'echo a # comment && not a command\necho b',
  '# only a comment',
  'echo a #comment \\\necho b',
  'echo a#b c #d',
  'echo a\r\necho b\r\n',
  'echo a \\\r\n  && echo b',
  '\techo\ta\t&&\techo b',
  '',
  '   \n\n  ',
  // parameter expansions
  'echo $A ${B} ${C:-d} ${D:=e} ${E:+f} ${F:?g} ${#H} ${I%.*} ${J##*/} ${K/a/b} ${L//a/b} ${M:1:2} ${N^^} ${O,} ${P@Q}',
  'echo ${!Q} ${!R*} ${!S@} ${T[0]} ${U[@]} ${#V[@]} ${W[i+1]} $1 $@ $* $# $? $$ $! $- $0 ${10}',
  'echo ${', 'echo ${A', 'echo ${A:-', 'echo ${1a}', 'echo ${A B}', 'echo ${*x}', 'echo $', 'echo a$ "$" $/',
  'echo ${A/\\//x} ${B:-"quoted $C"} ${D:-$(cmd)}',
  // command and arithmetic substitutions
  'A=$(echo $(echo $(echo deep))) B=`date` echo $A $((1 + 2 * 3)) $((A++)) $[1+1]',
  'echo $(( (1 + 2) ? 3 : 4 )) $((x = y += 2, z)) $(( 2 ** 3 ** 2 )) $((-x + !y - ~z))',
  'echo $((1 +)) x', 'echo $(( 1 2 ))', 'echo $((', 'echo $(ls', 'echo $(ls))', 'echo $( (sub) )',
  // arrays and assignments
  'a=(1 2 3) b=() c=([k]=v [x]=y) d+=(4); echo ${a[1]}',
  'a[0]=x a[1]+=y; b[2]= ; echo ok',
  'A=1 B=2 cmd arg', 'A+=x B= C="q $x" D=\'s\' cmd', 'A=(1 2) cmd', '=x cmd', '1A=x cmd', 'A.b=x cmd',
  'a=(', 'a=(1 (2))', 'a[1', 'a[1]x', 'a[1]+x',
  // declarations
  'export A=1 B C=$D; declare -A m=([k]=v); local -r x; readonly R=1; typeset -i n=3; nameref ref=A',
  'export -n A; export -p; declare -x "Q=1"; declare -a arr=(1 2)',
  'export A=1 $B', 'export "A=1"', 'export A=1 >/dev/null && echo', 'declare', 'export',
  // compound commands
  'if a; then b; elif c; then d; else e; fi; f',
  'if a\nthen\n  b\nfi',
  'if a; then b; fi > /out',
  'while read l; do echo "$l"; done < file',
  'until false; do :; done',
  'for i in 1 2 3; do echo $i; done; for j; do :; done; for k do :; done',
  'for ((i = 0; i < 3; i++)); do echo $i; done',
  'for ((;;)); do break; done',
  'select x in a b; do echo $x; break; done',
  'case $x in a|b) echo ab;; c) echo c;& d) echo d;;& *) echo other;; esac',
  'case $x in\n  (a) one ;;\n  b)\n    two\n    ;;\nesac',
  'case x in esac', 'case x in a) b', 'case x in a b) c;; esac',
  '{ a; b; } && (c; d) || { e; }',
  '( ( nested ) )',
  'f() { echo f; }; function g { echo g; }; function h() ( echo h ); f',
  '[[ -f /x && $a == b* || ! -d /y ]] && echo yes',
  '[[ $a =~ ^[0-9]+(\\.[0-9]+)?$ ]] && echo num',
  '[[ ( -n $a ) ]] || echo empty', '[[ ]]', '[[ a', '[[ a b ]]',
  '(( i++ )) && let "j = i + 1" k=2 && echo $i',
  'time make -j4 && time -p echo', '! false && echo negated', '! ! x', '!',
  'coproc cat file; coproc NAME { cat; }; echo done',
  'echo a | b |& c && d &', 'a & b & wait',
  'a && \n b || \n c', 'a &&', '|| b', '&& b', 'a ;; b', 'a; ; b', ') a', 'a )', 'fi', 'done', '}', 'then x',
  'if a; then', 'while a; do b', 'for i in 1 2', '{ a', '( a', 'f() {', 'function', 'if ; then a; fi',
  // redirects
  'cmd > out 2>&1 >> app 2> err &> all &>> allapp >| clobber < in <> rw 3>&- <&3 1>one 2>two 3>three',
  'cmd {fd}>file 10>ten; exec 3< in',
  'echo x >&2 && echo y > /dev/stderr',
  'cat <<< "here string" && cat <<<word',
  'cat > /x', '> /only/redirect', '2>', 'echo >', 'echo < <(ls) >(tee log)',
  // heredocs
  'cat <<EOF\nline $x\nEOF\necho after',
  'cat <<-EOF\n\tindented\n\tEOF\necho after',
  "cat <<'EOF'\nliteral $x `y`\nEOF",
  'cat <<"EOF"\nliteral\nEOF',
  'cat <<E\\OF\nx\nEOF',
  'cat <<A; cat <<B\na\nA\nb\nB',
  'cat <<A <<B\na\nA\nb\nB\necho c',
  '<<EOF\napk add git && echo ok\nEOF',
  'sh <<EOF\nset -e\napt-get update\nEOF',
  'bash <<-SCRIPT\n\techo one\n\techo two\n\tSCRIPT',
  '/bin/sh <<EOF\nif a; then b; fi\nEOF',
  'cat <<EOF\nunterminated',
  'cat <<EOF',
  'cat <<EOF > /out\nbody\nEOF',
  'cat <<EOF | sh\necho $(date)\nEOF',
  'cat <<EOF\n$(echo sub)\n${A}\nEOF',
  'cat <<EOF\nEOF',
  'cat <<$x\nbody\n$x',
  'cat << EOF\nspace before delimiter\nEOF',
  '<<EOF sh\necho a\nEOF',
  // globs, braces, extglobs
  'rm -rf /var/lib/apt/lists/* /tmp/*.{log,tmp} ./**/x? [abc]*',
  'ls @(a|b) !(c) +(d) *(e) ?(f)', 'ls @(a', 'echo {a,b}{1..3} a{,b}',
  'cp file{,.bak} && echo ~/x ~user',
  // non-ASCII, tabs, control characters
  'echo "héllo wörld" && echo 日本語 && echo 🎉 done',
  'RUN_TEXT="ünïcode" cmd "ñ" && echo \'€\'',
  'echo "😀" ${A:-"é"} && echo x',
  'echo a\u0000b',
  'echo \u0001\u0002 junk \uFFFD',
  'echo \ud83c"a b" c',
  // broken and odd input
  'echo ((x', 'a(', 'a()', 'a() b', '"a"()', 'echo a((b', '(( 1', '))', 'echo }', 'echo {', 'x=$(case a in a) b;; esac)',
  'echo $(( $(echo 1) + 2 ))', 'echo ${A:-${B:-${C}}}', 'echo "${A[@]:1}"', 'echo ${#}', 'echo ${#-}', 'echo ${##}',
];

/**
 * Scripts on which the two parsers are allowed to differ, with why ours is right. Keep this short.
 */
const ALLOWED_DIFFERENCES = new Map<string, string>([
  // Text decoded from a file has no lone surrogate, but an editor buffer can. GopherJS's string conversion pairs
  // a lone high surrogate with the next character whatever it is (here the opening quote, so mvdan-sh reports an
  // unclosed quote); bash and ours read the surrogate as a character of the word and the quote as a quote.
  ['echo \ud83c"a b" c', 'a lone surrogate swallows the next character in GopherJS'],
  // bash: "syntax error near unexpected token `;'"; mvdan-sh reads an empty condition.
  ['if ; then a; fi', 'mvdan-sh accepts an empty if condition, bash rejects it'],
  // bash: "syntax error near unexpected token `b'": a function body is a compound command.
  ['a() b', 'mvdan-sh accepts a simple command as a function body, bash rejects it'],
  // bash exports A and the variable named by $B's value; mvdan-sh rejects an expansion after an assignment.
  ['export A=1 $B', 'mvdan-sh rejects a declaration word that is an expansion, bash accepts it'],
]);

describe('shell parser: the same commands as mvdan-sh on tricky scripts', () => {
  it(`has enough of them (${TRICKY.length})`, () => {
    assert.ok(TRICKY.length >= 80);
    assert.equal(new Set(TRICKY).size, TRICKY.length, 'a script is listed twice');
  });

  it('gives mvdan-sh\'s commands and parse errors, but for the listed differences', () => {
    const differ: string[] = [];
    for (const script of TRICKY) {
      const ours = json(parseScript(script));
      const theirs = json(mvdanParseScript(script));
      if ((ours === theirs) === ALLOWED_DIFFERENCES.has(script)) differ.push(`${JSON.stringify(script)}\n  ours:   ${ours}\n  mvdan:  ${theirs}`);
    }
    assert.deepEqual(differ, []);
  });

  it('reads plain parameters as variables and everything else as text, offsets in characters', () => {
    const [cmd] = parseScript('A=é echo "ü$B" ${C:-x} $(d)').commands;
    assert.deepEqual(cmd.assigns, [{ name: 'A', value: ['é'], start: 0, end: 3 }]);
    assert.deepEqual(
      cmd.args.map((w) => [w.pieces, w.start, w.end]),
      [
        [['echo'], 4, 8],
        [['ü', { v: 'B' }], 9, 14],
        [['$C'], 15, 22],
        [['$(...)'], 23, 27],
      ],
    );
  });
});

describe('shell parser: warming up', () => {
  it('the warm-up script (the service\'s prepare) reads through every construct without a parse error', () => {
    const r = warmShellParser();
    assert.equal(r.parseError, undefined);
    assert.deepEqual(
      r.commands.map((c) => c.args[0]?.pieces[0] ?? c.assigns[0]?.name),
      ['echo', 'export', 'h', 'i', 'k', 'l', 'p', 'q', 's', 'u', 'v', 'w', 'x', 'z', 'h1', 'h2'],
    );
  });
});

describe('shell parser: bad input', () => {
  it('says where a script is broken, as a shell would', () => {
    assert.equal(parseScript('echo "unterminated').parseError, '1:6: the double quote opened here is never closed');
    assert.equal(parseScript('a &&\nb ||').parseError, '2:3: "||" must be followed by a command');
    assert.equal(parseScript('if a; then b').parseError, '1:1: the if statement opened here is never closed with "fi"');
    assert.equal(parseScript('echo $(ls').parseError, '1:6: the $( opened here is never closed');
    assert.equal(parseScript('cat <<EOF\nbody').parseError, '1:5: the here-document opened here is never closed with a "EOF" line');
    assert.equal(parseScript('a; fi').parseError, '1:4: "fi" has nothing to close here');
  });

  it('reads a chain of thousands of commands without deepening the stack', () => {
    const script = `${'a && '.repeat(3900)}b`;
    const r = parseScript(script);
    assert.equal(r.parseError, undefined);
    assert.equal(r.commands.length, 3901);
    assert.equal(r.commands[3900].prev, '&&');
  });

  it('rejects nesting past its bound instead of overflowing the stack', () => {
    for (const [open, close] of [
      ['(', ')'],
      ['{ ', '; }'],
      ['$(', ')'],
      ['"$(', ')"'],
      ['${A:-', '}'],
      ['$((', '))'],
      ['if a; then ', '; fi'],
      ['[[ ( ', ' ) ]]'],
    ]) {
      const script = `${open.repeat(3000)}x${close.repeat(3000)}`;
      const r = parseScript(script.slice(0, MAX_PARSED_SCRIPT));
      assert.ok(r.parseError, open);
    }
  });

  it('rejects heredoc scripts nested past its bound', () => {
    let script = 'echo x\n';
    for (let i = 0; i < 1250; i++) script = `sh <<E${i}\n${script}E${i}\n`;
    assert.ok(script.length < MAX_PARSED_SCRIPT);
    assert.equal(parseScript(script).parseError, 'heredoc scripts nested too deep');
    let shallow = 'echo x\n';
    for (let i = 0; i < 10; i++) shallow = `sh <<E${i}\n${shallow}E${i}\n`;
    assert.deepEqual(
      parseScript(shallow).commands.map((c) => c.args[0].pieces[0]),
      [...Array(10).fill('sh'), 'echo'],
    );
  });

  it('splits an over-long script plainly', () => {
    const r = parseScript(`${'echo a; '.repeat(MAX_PARSED_SCRIPT / 8)}echo b`);
    assert.equal(r.parseError, 'script too long to parse');
  });
});

// ---- fuzz ----

/** A small deterministic generator (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FRAGMENTS = ['&&', '||', '|', ';', ';;', '&', '\n', '\\\n', '"', "'", '`', '$(', ')', '(', '${', '}', '{', '$((', '))', '<<EOF\n', '\nEOF\n', '<<-X\n', '> f', '2>&1', '[[', ']]', 'if', 'then', 'fi', 'case', 'esac', 'in', 'do', 'done', 'for', '#', '=', 'a=(', '$', '\\', 'é', '🎉', '\r\n', '\t', ' ', 'x', 'echo', 'export A=1'];

function mutate(script: string, random: () => number): string {
  let s = script;
  const edits = 1 + Math.floor(random() * 4);
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(random() * (s.length + 1));
    const kind = random();
    if (kind < 0.4) s = s.slice(0, at) + FRAGMENTS[Math.floor(random() * FRAGMENTS.length)] + s.slice(at);
    else if (kind < 0.7) s = s.slice(0, at) + s.slice(at + 1 + Math.floor(random() * 8));
    else if (kind < 0.85) s = s.slice(0, at) + String.fromCharCode(Math.floor(random() * 0x80)) + s.slice(at);
    else s = s.slice(0, at) + s.slice(Math.floor(random() * (s.length + 1)));
  }
  return s;
}

/** Every word inside the script; a command's assignments and words in order, not overlapping. */
function assertSane(script: string, r: ParsedScript): void {
  for (const c of r.commands) {
    for (const w of [...c.assigns, ...c.args, ...(c.writes ?? [])]) {
      assert.ok(w.start >= 0 && w.start <= w.end && w.end <= script.length, `${JSON.stringify(script)}: [${w.start}, ${w.end})`);
    }
    let end = 0;
    for (const w of [...c.assigns, ...c.args]) {
      assert.ok(w.start >= end, `${JSON.stringify(script)}: a word at ${w.start} before ${end}`);
      end = w.end;
    }
  }
}

describe('shell parser: fuzz', () => {
  it('never throws on random and mutated scripts; offsets stay inside the script', () => {
    const random = rng(20261205);
    const seeds = [...TRICKY];
    if (existsSync(SHARED)) seeds.push(...runScripts(path.join(SHARED, 'corpus')).map((s) => s.script));
    let parsed = 0;
    for (let i = 0; i < 3000; i++) {
      const script =
        i % 5 === 4
          ? Array.from({ length: Math.floor(random() * 40) }, () => FRAGMENTS[Math.floor(random() * FRAGMENTS.length)]).join('')
          : mutate(seeds[Math.floor(random() * seeds.length)], random);
      const r = parseScript(script);
      assertSane(script, r);
      parsed++;
    }
    assert.equal(parsed, 3000);
  });

  it('never throws on binary junk', () => {
    const random = rng(7);
    for (let i = 0; i < 300; i++) {
      const script = Array.from({ length: Math.floor(random() * 400) }, () => String.fromCharCode(Math.floor(random() * 0x10000))).join('');
      assertSane(script, parseScript(script));
    }
  });
});
