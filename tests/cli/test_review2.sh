#!/bin/sh
# test_review2.sh — review findings on the analysis options: a window or
# distance so large that it overflows to infinity in the unit conversion
# ("1e308km" is 1e311 m) must be a usage error (exit 2) like zero is; it
# used to pass the "more than 0" check (sequences stored the rule
# "max_distance=infm"; repeats failed later with exit 3 in Knox).
. "$(dirname "$0")/lib.sh"

DB="$T_TMP/absent.sqlite" # never created: the option is refused first

for opt in --max-distance --follow-distance; do
	run sequences --db "$DB" "$opt" 1e308km
	expect_rc 2 "sequences $opt 1e308km (infinite in metres) is a usage error"
done
for opt in --max-gap --follow-window; do
	run sequences --db "$DB" "$opt" 1e308w
	expect_rc 2 "sequences $opt 1e308w (infinite in seconds) is a usage error"
done
run repeats --db "$DB" --eps-space 1e308km
expect_rc 2 "repeats --eps-space 1e308km is a usage error"
run repeats --db "$DB" --eps-time 1e308w
expect_rc 2 "repeats --eps-time 1e308w is a usage error"
[ ! -e "$DB" ] && ok "no store is created by a refused option" || not_ok "a store was created"
finish
