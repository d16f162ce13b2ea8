#!/usr/bin/env bash
# Counts type assertions (`x as T`; `as const` aside) in src/ outside tests, per folder: each is a place where the
# compiler takes our word for a type. Uses Biome's structural search (the project's TypeScript has no JS API).
# Usage: scripts/count-casts.sh [--files]
set -euo pipefail
cd "$(dirname "$0")/.."
matches() {
  npx biome search --max-diagnostics=none "$1" src 2>&1 | grep -oE '^src/\S+\.ts:[0-9]+:[0-9]+' | grep -vE '\.test\.ts:|/test-[a-z-]*\.ts:' || true
}
# Renaming imports and exports (`import { a as b }`) is not an assertion: drop matches on such lines.
not_renames() {
  while IFS=: read -r file line col; do
    sed -n "${line}p" "$file" | grep -qE '^\s*(import|export)\b|^\s*[A-Za-z_$][A-Za-z0-9_$]* as [A-Za-z_$][A-Za-z0-9_$]*,?$' || echo "$file:$line:$col"
  done
}
casts=$(comm -23 <(matches '`$x as $t`' | sort) <(matches '`$x as const`' | sort) | not_renames)
echo "$(printf '%s' "$casts" | grep -c . || true) type assertions in src/ (tests and \`as const\` aside)"
printf '%s\n' "$casts" | grep . | cut -d/ -f1-2 | sed 's/:.*//' | sort | uniq -c | sort -rn
if [ "${1:-}" = "--files" ]; then printf '%s\n' "$casts" | grep . | cut -d: -f1 | sort | uniq -c | sort -rn; fi
