import { programOf, type ShellCommand } from '../commands';
import { argTexts, built, flagsOnly, testStep } from './match';
import { defineStack } from './define';

/** pip however it is spelled as a program: `pip`, `pip3`, `pip3.11`. */
const PIP = /^pip(?:3(?:\.\d+)?)?$/;
/** A Python interpreter as a program: `python`, `python3`, `python3.12`. */
const PYTHON = /^python(?:3(?:\.\d+)?)?$/;

/**
 * A pip install however it is spelled (`pip`, `pip3`, `pip3.11`, `python -m pip`, `python3.12 -m pip`): the
 * command as written from the program's name (`pip3 install`), and its arguments after `install`.
 */
export function pipInstall(cmd: ShellCommand): { shown: string; args: string[] } | undefined {
  const p = programOf(cmd);
  const args = argTexts(cmd);
  if (PIP.test(p) && args[0] === 'install') return { shown: `${p} install`, args: args.slice(1) };
  if (PYTHON.test(p) && args[0] === '-m' && args[1] === 'pip' && args[2] === 'install') return { shown: `${p} -m pip install`, args: args.slice(3) };
  return undefined;
}

/** `pip wheel`, `python -m pip wheel`, `python setup.py build|bdist_wheel`, `python -m build`. */
function buildsWheels(cmd: ShellCommand): boolean {
  const p = programOf(cmd);
  const args = argTexts(cmd);
  if (PIP.test(p)) return args[0] === 'wheel';
  if (!PYTHON.test(p)) return false;
  if (args[0] === '-m') return args[1] === 'build' || (args[1] === 'pip' && args[2] === 'wheel');
  return args[0] === 'setup.py' && (args[1] === 'build' || args[1] === 'bdist_wheel');
}

export const python = defineStack({
  id: 'python',
  name: 'Python',
  stacks: ['python'],
  detectionOrder: 30,
  labels: { python: 'Python' },
  baseImages: { python: 'python', pypy: 'python' },
  buildCommand(cmd) {
    const p = programOf(cmd);
    const args = argTexts(cmd);
    const pip = pipInstall(cmd);
    if (pip) return built(cmd, 'python', PIP.test(p) ? 0 : 2);
    if ((p === 'poetry' || p === 'pipenv') && args[0] === 'install') return built(cmd, 'python', 0);
    if (p === 'uv' && args[0] === 'sync') return built(cmd, 'python', 0);
    if (p === 'uv' && args[0] === 'pip' && args[1] === 'install') return built(cmd, 'python', 1);
    return undefined;
  },
  manifestInstall(cmd) {
    const rest = pipInstall(cmd)?.args;
    const r = rest?.indexOf('-r') ?? -1;
    if (!rest || r < 0 || r + 1 >= rest.length || !flagsOnly([...rest.slice(0, r), ...rest.slice(r + 2)])) return undefined;
    return rest[r + 1];
  },
  dependencyInstall(cmd) {
    const p = programOf(cmd);
    const args = argTexts(cmd);
    const pip = pipInstall(cmd);
    // `pip install .` / `-e .` installs the project itself; `python setup.py …` and `python -m build` build it.
    if (pip) return pip.args.some((a) => a === '.' || a === './') ? 'project' : 'dependencies';
    if (PYTHON.test(p) && (args[0] === 'setup.py' || (args[0] === '-m' && args[1] === 'build'))) return 'project';
    return ((p === 'poetry' || p === 'pipenv') && args[0] === 'install') || (p === 'uv' && args[0] === 'sync') ? 'dependencies' : undefined;
  },
  buildPackages: [/python3?-pip/, /python3?-setuptools/, /python3?-wheel/, /python3?-venv/],
  imageVariants: { images: ['python'], variants: 'slim-alpine' },
  detection: { manifests: ['requirements.txt', 'pyproject.toml', 'Pipfile', 'setup.py'], images: /python/ },
  steps: {
    wheels: { kind: 'compile', phrase: 'builds Python wheels', toolchain: 'Python build tools', matches: buildsWheels },
    // The profile's "build" is the install of the app's packages.
    deps: { kind: 'deps', phrase: 'installs Python packages', matches: (cmd) => !!python.buildCommand(cmd) },
    test: testStep((cmd) => programOf(cmd) === 'pytest'),
  },
  runtimeBases: [{ key: 'slim', image: '{image}:{slim}', when: 'always: the build image\'s slim variant (same version and Debian release), the installed packages copied from the build stage' }],
  dockerignore: ['# Python', '__pycache__', '*.py[cod]', '.venv', 'venv', '.pytest_cache', '.mypy_cache', '.tox', '*.egg-info', 'dist', 'build'],
  dockerignoreMadeBy: { '.venv': 'deps', venv: 'deps', dist: 'build', build: 'build' },
});
