# lib.sh — helpers for the end-to-end CLI tests (sourced by tests/cli/*.sh).
#
# Each test script runs the real program ($STRIKEMAP) with arguments and
# input, and checks exit code, stdout and stderr. A script prints one line
# per check and ends with "N passed, N failed"; it exits non-zero when any
# check failed.
set -u
: "${STRIKEMAP:?STRIKEMAP must name the strikemap binary}"
T_PASS=0
T_FAIL=0
T_TMP=$(mktemp -d "${TMPDIR:-/tmp}/strikemap-cli-XXXXXX")
trap 'rm -rf "$T_TMP"' EXIT
T_OUT="$T_TMP/stdout"
T_ERR="$T_TMP/stderr"
T_RC=0

# run ARGS... : run strikemap with stdin from $T_IN (if set), capture all.
run() {
	T_RC=0
	if [ -n "${T_IN:-}" ]; then
		"$STRIKEMAP" "$@" <"$T_IN" >"$T_OUT" 2>"$T_ERR" || T_RC=$?
	else
		"$STRIKEMAP" "$@" </dev/null >"$T_OUT" 2>"$T_ERR" || T_RC=$?
	fi
}

ok() { T_PASS=$((T_PASS + 1)); echo "ok - $1"; }
not_ok() {
	T_FAIL=$((T_FAIL + 1))
	echo "not ok - $1"
	echo "  exit: $T_RC"
	echo "  stdout: $(head -c 600 "$T_OUT")"
	echo "  stderr: $(head -c 600 "$T_ERR")"
}

# expect_rc N NAME
expect_rc() { if [ "$T_RC" -eq "$1" ]; then ok "$2"; else not_ok "$2 (wanted exit $1)"; fi; }
# expect_stdout_has TEXT NAME  (fixed string)
expect_stdout_has() { if grep -qF -- "$1" "$T_OUT"; then ok "$2"; else not_ok "$2 (stdout lacks: $1)"; fi; }
expect_stdout_lacks() { if grep -qF -- "$1" "$T_OUT"; then not_ok "$2 (stdout has: $1)"; else ok "$2"; fi; }
expect_stderr_has() { if grep -qF -- "$1" "$T_ERR"; then ok "$2"; else not_ok "$2 (stderr lacks: $1)"; fi; }
expect_stderr_empty() { if [ -s "$T_ERR" ]; then not_ok "$2"; else ok "$1"; fi; }
expect_stdout_empty() { if [ -s "$T_OUT" ]; then not_ok "$1"; else ok "$1"; fi; }
# expect_eq GOT WANT NAME
expect_eq() { if [ "$1" = "$2" ]; then ok "$3"; else T_FAIL=$((T_FAIL + 1)); echo "not ok - $3 (got '$1', wanted '$2')"; fi; }

finish() {
	echo "$T_PASS passed, $T_FAIL failed"
	[ "$T_FAIL" -eq 0 ]
}
