#!/bin/sh
# test_basics.sh — global flags, help, unknown commands, exit codes.
. "$(dirname "$0")/lib.sh"

run --help
expect_rc 0 "--help exits 0"
CMDS="gazetteer geocode import extract sequences repeats query summary export map demo"
for c in $CMDS; do
	expect_stdout_has "strikemap $c" "--help lists $c"
done
for c in $CMDS; do
	run "$c" --help
	expect_rc 0 "$c --help exits 0"
	expect_stdout_has "Usage: strikemap $c" "$c --help prints its usage to stdout"
done

run
expect_rc 2 "no command is a usage error"

run frobnicate
expect_rc 2 "unknown command exits 2"
expect_stderr_has "unknown command 'frobnicate'" "unknown command named"

run --bogus
expect_rc 2 "unknown global option exits 2"

run --version
expect_rc 0 "--version exits 0"
expect_stdout_has "strikemap " "--version prints the version"

finish
