#!/usr/bin/env bash
# What the browser tests need: Debian's Chromium and axe-core from the npm registry.
# Idempotent and quick when both are present. Never fails the build: whatever is
# missing afterwards makes the browser tests skip with a reason.
set -u

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
chromium=/usr/bin/chromium

if [ ! -x "$chromium" ]; then
    if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "browser-deps: installing Debian's chromium with apt-get"
        log="$(mktemp)"
        if ! { DEBIAN_FRONTEND=noninteractive apt-get update -qq \
                && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
                    --no-install-recommends chromium; } >"$log" 2>&1; then
            tail -n 20 "$log"
            echo "browser-deps: WARNING: could not install chromium with apt-get;" \
                "the browser tests will be skipped"
        fi
        rm -f "$log"
    else
        echo "browser-deps: WARNING: $chromium is missing and cannot be installed" \
            "here (needs root and apt-get: apt-get install chromium);" \
            "the browser tests will be skipped"
    fi
fi

if [ ! -f "$here/node_modules/axe-core/axe.min.js" ]; then
    if command -v npm >/dev/null 2>&1; then
        echo "browser-deps: installing axe-core with npm"
        if [ -f "$here/package-lock.json" ]; then
            npm_cmd=(npm ci)
        else
            npm_cmd=(npm install)
        fi
        if ! (cd "$here" && "${npm_cmd[@]}" --no-audit --no-fund --loglevel=error); then
            echo "browser-deps: WARNING: npm could not install axe-core;" \
                "the accessibility tests will be skipped"
        fi
    else
        echo "browser-deps: WARNING: npm is missing, so axe-core is not installed;" \
            "the accessibility tests will be skipped"
    fi
fi

exit 0
