import type { StackProfile } from './types';

export const python: StackProfile = {
  id: 'python',
  name: 'Python',
  stacks: ['python'],
  detection: { manifests: ['requirements.txt', 'pyproject.toml', 'Pipfile', 'setup.py'], images: /python/ },
  build: {
    wheels: String.raw`(?:python3?\s+-m\s+)?(?:pip3?\s+wheel|python3?\s+setup\.py\s+(?:build|bdist_wheel)|python3?\s+-m\s+build)\b`,
    deps: String.raw`(?:python3?\s+-m\s+)?pip3?\s+install\b|poetry\s+install\b|pipenv\s+install\b|uv\s+(?:sync|pip\s+install)\b`,
  },
  artifacts: ['a virtual environment (/opt/venv) or wheels'],
  runtimeBases: [{ image: 'python:{python}-slim', when: 'always (a venv copied from the build stage)' }],
  pruneDevDependencies: 'install only the runtime requirements into the venv that ships',
  dockerignore: ['# Python', '__pycache__', '*.py[cod]', '.venv', 'venv', '.pytest_cache', '.mypy_cache', '.tox', '*.egg-info', 'dist', 'build'],
  sizeFacts: ['python:<v> is ~1 GB uncompressed, python:<v>-slim ~130 MB'],
};
