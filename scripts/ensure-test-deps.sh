#!/bin/sh
# Installs what the tests need from Debian that a fresh machine lacks: the `docker-registry` package
# (Distribution's registry), which test/lsp/registry.test.ts starts on 127.0.0.1. A no-op when present.
set -e
if [ -x /usr/bin/docker-registry ]; then exit 0; fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-test-deps: apt-get not available; the registry test will be skipped" >&2
  exit 0
fi
SUDO=
if [ "$(id -u)" != 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO=sudo; else
    echo "ensure-test-deps: not root and no sudo; the registry test will be skipped" >&2
    exit 0
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null
# --no-install-recommends; policy-rc.d keeps the package from starting its own service.
$SUDO apt-get install -y -qq --no-install-recommends docker-registry >/dev/null || {
  echo "ensure-test-deps: could not install docker-registry; the registry test will be skipped" >&2
  exit 0
}
# The package starts a system service on :5000 where an init system runs; the test starts its own.
if command -v systemctl >/dev/null 2>&1; then $SUDO systemctl disable --now docker-registry >/dev/null 2>&1 || true; fi
