#!/usr/bin/env bash
# A throwaway repository with a pull request that merge-gate judges, then a fixed one.
# Usage: bash examples/demo.sh   (needs `gate` on PATH: pip install .)
set -euo pipefail
command -v gate >/dev/null || { echo "demo: install merge-gate first: pip install ." >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/merge-gate-demo.XXXXXX")
trap 'rm -rf "$work"' EXIT
repo="$work/repo"
mkdir "$repo" && cd "$repo"
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1
git init -q -b main
git config user.name "Dana Dev"
git config user.email "dana@example.com"

cat > .gate.toml <<'TOML'
[size]
max_changed_lines = 80

[complexity]
max_cc = 8
TOML
cat > app.py <<'PY'
def total(prices):
    return sum(prices)
PY
git add -A && git commit -qm "Initial app"

# A pull request written with an AI agent: too big, a complex function, an eval.
git checkout -q -b feature
{
  echo 'def total(prices):'
  echo '    return sum(prices)'
  echo
  echo 'def discount(kind, amount, member, coupon, season):'
  echo '    rate = 0'
  for k in gold silver bronze staff student senior; do
    echo "    if kind == \"$k\" and member:"
    echo '        rate += 5 if coupon else 3'
    echo '    elif season == "'$k'":'
    echo '        rate += 1'
  done
  echo '    formula = kind + "_formula"'
  echo '    return eval(formula)'
  for i in $(seq 1 60); do echo "HELPER_$i = $i"; done
} > app.py
git add -A
git commit -qm "Add discounts

Co-Authored-By: Claude <noreply@anthropic.com>"

echo "\$ gate check --base main --markdown summary.md"
set +e
gate check --base main --markdown "$work/summary.md"
code=$?
set -e
echo "(exit $code: 0 pass, 1 fail, 2 could not evaluate)"
echo
echo "The Markdown summary a CI job would publish:"
echo "----------------------------------------------------------------"
cat "$work/summary.md"
echo "----------------------------------------------------------------"
echo

# The same feature, written small and plain by a person: it passes.
git checkout -q -b feature-small main
cat >> app.py <<'PY'


def discount(amount, rate):
    return amount * (100 - rate) / 100
PY
git add -A && git commit -qm "Add a flat discount"
echo "\$ gate check --base main   # a small, plain change"
set +e
gate check --base main
code=$?
set -e
echo "(exit $code)"
