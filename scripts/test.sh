#!/usr/bin/env bash
# Runs the whole test suite. On SQLite by default; set
# MENTORHUB_TEST_DATABASE_URL=postgres://... to run it on PostgreSQL (each
# test gets its own schema there). Browser journeys need Debian's chromium
# and chromium-driver; without them they are skipped, unless CI=true.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${CI:-}" = "true" ]; then
  command -v chromedriver >/dev/null || { echo "CI=true: chromedriver is missing (apt-get install chromium chromium-driver)" >&2; exit 1; }
fi

# The @trpc/client test and the axe-core checks need Node.js and their
# packages pinned by lock files.
if command -v npm >/dev/null; then
  npm ci --prefix crates/server/tests/trpc-client --no-audit --no-fund --loglevel=error >/dev/null
  npm ci --prefix crates/server/tests/axe --no-audit --no-fund --loglevel=error >/dev/null
elif [ "${CI:-}" = "true" ]; then
  echo "CI=true: Node.js/npm are missing (apt-get install nodejs npm)" >&2; exit 1
fi

# The mail tests talk to a real SMTP server: aiosmtpd from PyPI, pinned in
# crates/server/tests/smtp-requirements.txt, in a venv under target/.
SMTP_VENV="target/test-venv"
SMTP_REQS="crates/server/tests/smtp-requirements.txt"
if command -v python3 >/dev/null; then
  if [ ! -x "$SMTP_VENV/bin/python" ]; then python3 -m venv "$SMTP_VENV"; fi
  if [ "$(cat "$SMTP_VENV/.requirements.sha256" 2>/dev/null)" != "$(sha256sum "$SMTP_REQS" | cut -d' ' -f1)" ]; then
    env -u PIP_FIND_LINKS -u PIP_EXTRA_INDEX_URL -u PIP_INDEX_URL \
      "$SMTP_VENV/bin/pip" install --quiet --disable-pip-version-check -r "$SMTP_REQS"
    sha256sum "$SMTP_REQS" | cut -d' ' -f1 >"$SMTP_VENV/.requirements.sha256"
  fi
elif [ "${CI:-}" = "true" ]; then
  echo "CI=true: python3 is missing (the mail tests need aiosmtpd)" >&2; exit 1
fi

if [ -n "${MENTORHUB_TEST_DATABASE_URL:-}" ]; then
  echo "== tests on PostgreSQL (${MENTORHUB_TEST_DATABASE_URL%%\?*})"
else
  echo "== tests on SQLite"
fi
cargo test --workspace --locked "$@"
