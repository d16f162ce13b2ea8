#!/usr/bin/env bash
# The gitmoxi action's main step (action.yml). Runs one gitmoxi command in the working directory, then writes the
# step's outputs: exit-code, report (a JSON file) and changed-units. gitmoxi itself writes the step summary and the
# annotations. The step fails with gitmoxi's exit code, after the outputs are written, so a later step that runs
# `if: always()` can still read them.
set -uo pipefail
gitmoxi=(node "$GITHUB_ACTION_PATH/bin/gitmoxi.js")
command="${GITMOXI_ACTION_COMMAND:-plan}"
report_dir="${RUNNER_TEMP:-${TMPDIR:-/tmp}}"
report="$report_dir/gitmoxi-$command-${GITHUB_RUN_ID:-local}-${GITHUB_RUN_ATTEMPT:-1}-$$.json"

args=()
case "$command" in
  plan | deploy)
    [ -n "${GITMOXI_ACTION_FROM:-}" ] && args+=(--from "$GITMOXI_ACTION_FROM")
    [ -n "${GITMOXI_ACTION_TO:-}" ] && args+=(--to "$GITMOXI_ACTION_TO")
    ;;
  status)
    [ -n "${GITMOXI_ACTION_TO:-}" ] && args+=(--at "$GITMOXI_ACTION_TO")
    ;;
  poll) ;;
  *)
    echo "::error title=gitmoxi action::command must be plan, deploy, poll or status, not '${command//[$'\r\n']/ }'"
    echo "exit-code=2" >> "$GITHUB_OUTPUT"
    exit 2
    ;;
esac
if [ -n "${GITMOXI_ACTION_CONCURRENCY:-}" ]; then
  case "$command" in deploy | poll) args+=(--concurrency "$GITMOXI_ACTION_CONCURRENCY") ;; esac
fi
# Split on whitespace only; the words are never evaluated by the shell.
read -r -a extra <<< "${GITMOXI_ACTION_EXTRA_ARGS:-}"
args+=("${extra[@]}")

case "$command" in
  deploy | poll)
    "${gitmoxi[@]}" "$command" "${args[@]}" --report "$report"
    code=$?
    ;;
  plan | status)
    # The log and the step summary get the human form; the outputs come from a second, --json run, which reads
    # the same commits (plan touches no AWS; status only reads).
    "${gitmoxi[@]}" "$command" "${args[@]}"
    code=$?
    "${gitmoxi[@]}" "$command" "${args[@]}" --json > "$report" 2> /dev/null
    ;;
esac

changed=""
if [ -s "$report" ]; then
  changed="$(node "$GITHUB_ACTION_PATH/action/changed-units.mjs" "$command" "$report" 2> /dev/null || true)"
else
  report=""
fi
{
  echo "exit-code=$code"
  echo "report=$report"
  echo "changed-units=$changed"
} >> "$GITHUB_OUTPUT"
exit "$code"
