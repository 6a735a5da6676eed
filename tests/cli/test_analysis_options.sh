#!/bin/sh
# test_analysis_options.sh — `strikemap sequences` and `strikemap repeats`
# refuse option values that make no sense: a zero or negative gap, distance
# or window is a usage error (exit 2) naming the option and the value, and
# is refused before the store is opened (a missing store would exit 5).
. "$(dirname "$0")/lib.sh"

DB="$T_TMP/absent.sqlite" # never created: the option is refused first

# sequences: every window and distance must be more than zero
for opt in --max-gap --follow-window; do
	for val in 0min 0s 0h 0d; do
		run sequences --db "$DB" "$opt" "$val"
		expect_rc 2 "sequences $opt $val is a usage error"
		expect_stderr_has "strikemap: sequences: $opt: \"$val\" must be more than 0" \
			"sequences $opt $val: option and value named"
		expect_stderr_has "Try 'strikemap sequences --help'" "sequences $opt $val: the hint follows"
	done
	run sequences --db "$DB" "$opt" -5min
	expect_rc 2 "sequences $opt -5min is a usage error"
	expect_stderr_has "$opt: \"-5min\" is not a duration" "sequences $opt -5min: named"
done
for opt in --max-distance --follow-distance; do
	for val in 0m 0km 0.0m; do
		run sequences --db "$DB" "$opt" "$val"
		expect_rc 2 "sequences $opt $val is a usage error"
		expect_stderr_has "strikemap: sequences: $opt: \"$val\" must be more than 0" \
			"sequences $opt $val: option and value named"
	done
	run sequences --db "$DB" "$opt" -1km
	expect_rc 2 "sequences $opt -1km is a usage error"
	expect_stderr_has "$opt: \"-1km\" is not a distance" "sequences $opt -1km: named"
done
[ ! -e "$DB" ] && ok "no store is created by a refused option" || not_ok "a store was created"

# a small positive value is accepted: the missing store is what fails then
run sequences --db "$DB" --max-gap 1s --max-distance 1m --follow-window 1min --follow-distance 10m
expect_rc 5 "small positive values pass the option check (then the store is missing)"

# repeats: the thresholds must be more than zero; --knox 0 (test off) is allowed
for val in 0m 0km; do
	run repeats --db "$DB" --eps-space "$val"
	expect_rc 2 "repeats --eps-space $val is a usage error"
	expect_stderr_has "strikemap: repeats: --eps-space: \"$val\" must be more than 0" "repeats --eps-space $val named"
done
for val in 0d 0min; do
	run repeats --db "$DB" --eps-time "$val"
	expect_rc 2 "repeats --eps-time $val is a usage error"
	expect_stderr_has "strikemap: repeats: --eps-time: \"$val\" must be more than 0" "repeats --eps-time $val named"
done
run repeats --db "$DB" --min-strikes 1
expect_rc 2 "repeats --min-strikes 1 is a usage error (a group needs two strikes)"
expect_stderr_has "--min-strikes: \"1\" is not a whole number from 2" "repeats --min-strikes 1 named"
run repeats --db "$DB" --min-strikes 0
expect_rc 2 "repeats --min-strikes 0 is a usage error"
run repeats --db "$DB" --knox -1
expect_rc 2 "repeats --knox -1 is a usage error"
run repeats --db "$DB" --bands-time 0d,7d
expect_rc 5 "repeats --bands-time may start at 0d (the same day; then the store is missing)"
run repeats --db "$DB" --bands-space 0m,250m
expect_rc 5 "repeats --bands-space may start at 0m (the same point; then the store is missing)"
run repeats --db "$DB" --knox 0
expect_rc 5 "repeats --knox 0 turns the test off (then the store is missing)"

finish
