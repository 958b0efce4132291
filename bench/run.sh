#!/usr/bin/env bash
# `make bench`: load the site on gunicorn + PostgreSQL beside a bare-Django
# ceiling and print requests/s, p50/p95 and the ratio to the ceiling.
# The work is done by bench/run.py; this only makes sure wrk is there.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v wrk >/dev/null 2>&1; then
    echo "bench: wrk is missing; installing it with apt-get" >&2
    sudo=""
    if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq wrk >/dev/null
fi

exec "${PYTHON:-.venv/bin/python}" bench/run.py "$@"
