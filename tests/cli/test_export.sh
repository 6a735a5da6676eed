#!/bin/sh
# test_export.sh — `strikemap export` end to end: arguments, the count line
# on stdout, nothing on stderr unless a warning, exit codes, and each file
# opened with ogrinfo to check the feature count. The store and gazetteer
# come from make_fixture (store API, no import). Usage: test_export.sh MAKE_FIXTURE
. "$(dirname "$0")/lib.sh"
MAKE_FIXTURE=$1
FX="$T_TMP/fx"
mkdir -p "$FX"
"$MAKE_FIXTURE" "$FX" >/dev/null || { echo "not ok - fixture"; exit 1; }
DB="$FX/strikes.sqlite"
GAZ="$FX/gaz.sqlite"
O="$T_TMP/out"
mkdir -p "$O"

count() { ogrinfo -ro -so -al "$@" 2>/dev/null | sed -n 's/^Feature Count: //p' | awk '{s+=$1} END {print s+0}'; }

# --- help and usage errors
run export --help
expect_rc 0 "--help exits 0"
for opt in --db --gazetteer --layer --format -o --table --geometry geojson shp gpkg kml csv postgis; do
	expect_stdout_has "$opt" "--help documents $opt"
done
run export --db "$DB" -o "$O/x.geojson"
expect_rc 2 "--layer is required"
expect_stderr_has "--layer is required" "says --layer is required"
run export --db "$DB" --layer incidents
expect_rc 2 "-o is required"
run export --db "$DB" --layer incidents --format xls -o "$O/x.xls"
expect_rc 2 "unknown format"
expect_stderr_has '--format: "xls" is not one of: geojson shp gpkg kml csv postgis' "lists the formats"
run export --db "$DB" --layer hospitals -o "$O/x.geojson"
expect_rc 2 "unknown layer"
expect_stderr_has '"hospitals" is not one of: incidents sequences repeats' "lists the layers"
run export --db "$DB" --layer incidents,zones -o "$O/x.geojson"
expect_rc 2 "two layers into GeoJSON"
expect_stderr_has "several layers need --format gpkg or postgis" "says why"
run export --db "$DB" --layer incidents -o "$O/x.dat"
expect_rc 2 "format cannot be told from the extension"
run export --db "$DB" --layer incidents --table t -o "$O/x.geojson"
expect_rc 2 "--table is for postgis"
run export --db "$DB" --layer incidents --geometry wkt -o "$O/x.geojson"
expect_rc 2 "--geometry is for csv"
run export --db "$T_TMP/nope.sqlite" --layer incidents -o "$O/x.geojson"
expect_rc 5 "missing store: exit 5"
expect_stderr_has "nope.sqlite" "missing store named"
[ ! -e "$O/x.geojson" ] && ok "no file left after a failure" || not_ok "no file left after a failure"

# --- GeoJSON
run export --db "$DB" --layer incidents --format geojson -o "$O/i.geojson"
expect_rc 0 "geojson: exit 0"
expect_stdout_has "incidents: 8 of 8 written to $O/i.geojson (2 without location, as null geometries)" "geojson: count line"
expect_stderr_empty "geojson: nothing on stderr"
expect_eq "$(count "$O/i.geojson")" 8 "geojson: ogrinfo counts 8"
grep -q '"geometry": null' "$O/i.geojson" && ok "geojson: null geometry kept" || not_ok "geojson: null geometry kept"
grep -q '"witness_count": "3"' "$O/i.geojson" && ok "geojson: unknown column kept" || not_ok "geojson: unknown column kept"

# --- Shapefile (format from the extension)
run export --db "$DB" --layer incidents -o "$O/i.shp"
expect_rc 0 "shp: exit 0"
expect_stdout_has "incidents: 8 of 8 written to $O/i.shp (2 without location, as null shapes)" "shp: count line"
expect_stdout_has "incidents: field names: $O/i.fields.csv" "shp: sidecar named"
expect_stderr_has "1 text values longer than 254 bytes were cut" "shp: the DBF cut is a warning"
expect_stdout_has "incidents: full text of 1 values longer than the DBF's 254 bytes: $O/i.long_values.csv" "shp: the full text is kept beside it"
for e in shp shx dbf prj cpg fields.csv; do
	[ -s "$O/i.$e" ] && ok "shp: i.$e written" || not_ok "shp: i.$e written"
done
expect_eq "$(count "$O/i.shp")" 8 "shp: ogrinfo counts 8"
expect_eq "$(ogrinfo -ro -al -q "$O/i.shp" -where "id='x-unloc-1'" | grep -c 'POINT')" 0 "shp: null shape for an unlocated row"

# --- GeoPackage with every layer
run export --db "$DB" --gazetteer "$GAZ" --layer all --format gpkg -o "$O/strikes.gpkg"
expect_rc 0 "gpkg all: exit 0"
expect_stdout_has "incidents: 8 of 8 written to $O/strikes.gpkg (2 without location, as null geometries)" "gpkg: incidents line"
expect_stdout_has "sequences: skipped" "gpkg: absent sequences skipped"
expect_stderr_has "run strikemap sequences first" "gpkg: and the warning says what to run"
if [ -f "$GAZ" ]; then
	expect_stdout_has "zones: 4 of 4 written" "gpkg: zones line"
	expect_stdout_has "subdistricts: 272 of 272 written" "gpkg: sub-districts line"
	expect_eq "$(count "$O/strikes.gpkg" zones)" 4 "gpkg: ogrinfo counts 4 zones"
	expect_eq "$(count "$O/strikes.gpkg" governorates)" 14 "gpkg: 14 governorates"
fi
expect_eq "$(count "$O/strikes.gpkg" incidents)" 8 "gpkg: ogrinfo counts 8 incidents"

# --- KML
run export --db "$DB" --layer incidents --format kml -o "$O/i.kml"
expect_rc 0 "kml: exit 0"
expect_stdout_has "incidents: 6 of 8 written to $O/i.kml, 2 without location not written (KML needs a location): ids x-unloc-1, x-unloc-2" "kml: count line names the unwritten ids"
expect_eq "$(count "$O/i.kml")" 6 "kml: ogrinfo counts 6 placemarks"
grep -q "<Folder" "$O/i.kml" && ok "kml: folders" || not_ok "kml: folders"

# --- CSV
run export --db "$DB" --layer incidents --format csv -o "$O/i.csv"
expect_rc 0 "csv: exit 0"
expect_eq "$(head -1 "$O/i.csv" | cut -d, -f1-4)" "lon,lat,id,date" "csv: lon/lat columns first"
expect_eq "$(ogrinfo -ro -so -al -oo X_POSSIBLE_NAMES=lon -oo Y_POSSIBLE_NAMES=lat "$O/i.csv" | sed -n 's/^Feature Count: //p')" 8 "csv: ogrinfo counts 8"
run export --db "$DB" --layer incidents --format csv --geometry wkt -o "$O/w.csv"
expect_rc 0 "csv wkt: exit 0"
expect_eq "$(head -1 "$O/w.csv" | cut -d, -f1-2)" "WKT,id" "csv wkt: WKT column"
grep -q '"POINT (36.8007 35.8624)"' "$O/w.csv" && ok "csv wkt: a point" || not_ok "csv wkt: a point"

# --- analysis layers absent; base layers
run export --db "$DB" --layer sequences -o "$O/s.geojson"
expect_rc 5 "sequences absent: exit 5"
expect_stderr_has "no sequences in the store: run strikemap sequences first" "sequences absent: says what to run"
if [ -f "$GAZ" ]; then
	STRIKEMAP_GAZETTEER="$GAZ" run export --layer zones -o "$O/zones.geojson"
	T_RC=0; STRIKEMAP_GAZETTEER="$GAZ" "$STRIKEMAP" export --layer zones -o "$O/zones.geojson" >"$T_OUT" 2>"$T_ERR" || T_RC=$?
	expect_rc 0 "zones from \$STRIKEMAP_GAZETTEER"
	expect_eq "$(count "$O/zones.geojson")" 4 "zones: 4 features"
	grep -q '"approximate": 1' "$O/zones.geojson" && ok "zones: marked approximate" || not_ok "zones: marked approximate"
fi
run export --db "$DB" --gazetteer "$T_TMP/nogaz.sqlite" --layer governorates -o "$O/g.geojson"
expect_rc 5 "no gazetteer: exit 5"
expect_stderr_has "strikemap gazetteer build" "no gazetteer: says how to build it"

finish
