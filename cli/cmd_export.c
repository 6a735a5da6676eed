/* cmd_export.c — `strikemap export`: write a layer through GDAL/OGR and say
 * how many features went where. */
#include "cli/cli.h"
#include "layers/export.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_LAYERS 16

static void usage(void)
{
	printf("Usage: strikemap export [--db DB] [--gazetteer GAZ] --layer NAME [--layer NAME...]\n"
	       "                        [--format geojson|shp|gpkg|kml|csv|postgis] -o DEST\n"
	       "\n"
	       "Write a layer through GDAL/OGR, keeping every attribute and every row the\n"
	       "format can hold, and print how many features went where.\n"
	       "\n"
	       "Options:\n"
	       "  --db DB          the store (default %s)\n"
	       "  --gazetteer GAZ  the gazetteer, for base layers, zones and facilities\n"
	       "                   (default $STRIKEMAP_GAZETTEER, else %s)\n"
	       "  --layer NAME     incidents, sequences, repeats, facilities, governorates,\n"
	       "                   subdistricts, zones, country, or all (gpkg and postgis take\n"
	       "                   several layers: repeat --layer, or write them comma-separated)\n"
	       "  --format FMT     geojson  RFC 7946, WGS84 lon/lat, 6 decimals; unlocated rows\n"
	       "                            have a null geometry\n"
	       "                   shp      Shapefile (.shp .shx .dbf .prj .cpg UTF-8) with\n"
	       "                            10-character field names (docs/exports.md) and\n"
	       "                            DEST.fields.csv listing the full names; unlocated\n"
	       "                            rows are null shapes; text over 254 bytes is cut\n"
	       "                            and kept whole in DEST.long_values.csv\n"
	       "                   gpkg     GeoPackage; several layers in one file; an existing\n"
	       "                            file keeps its other layers\n"
	       "                   kml      placemarks coloured by perpetrator, in folders by\n"
	       "                            facility type (unlocated rows cannot be written:\n"
	       "                            they are counted and listed)\n"
	       "                   csv      lon/lat columns, or WKT with --geometry wkt\n"
	       "                   postgis  DEST is \"PG:dbname=... host=... port=...\": the table\n"
	       "                            is created or replaced, geometry SRID 4326, GIST index\n"
	       "                   (default: from the extension of DEST, or postgis for PG:)\n"
	       "  -o, --output DEST  the file, or the PG: connection string\n"
	       "  --table NAME     postgis: table name for a single layer (default: layer name)\n"
	       "  --geometry xy|wkt  csv: lon/lat columns (default) or a WKT column\n"
	       "  --help           this text\n"
	       "\n"
	       "Layers sequences and repeats come from `strikemap sequences` / `repeats`;\n"
	       "governorates, subdistricts, zones (the Astana de-escalation zones, approximate)\n"
	       "and country come from the gazetteer's polygons.\n",
	       CLI_DEFAULT_DB, CLI_DEFAULT_GAZ);
}

static int format_from_dest(const char *dest)
{
	static const struct {
		const char *ext;
		int fmt;
	} m[] = {{".geojson", GEO_EXPORT_GEOJSON}, {".json", GEO_EXPORT_GEOJSON},
	         {".shp", GEO_EXPORT_SHP},         {".gpkg", GEO_EXPORT_GPKG},
	         {".kml", GEO_EXPORT_KML},         {".csv", GEO_EXPORT_CSV}};
	size_t n = strlen(dest);
	if (strncmp(dest, "PG:", 3) == 0)
		return GEO_EXPORT_POSTGIS;
	for (size_t i = 0; i < sizeof m / sizeof m[0]; i++) {
		size_t k = strlen(m[i].ext);
		if (n > k && strcasecmp(dest + n - k, m[i].ext) == 0)
			return m[i].fmt;
	}
	return -1;
}

static int add_layers(const char *cmd, char *arg, const char **layers, size_t *n)
{
	for (char *tok = strtok(arg, ","); tok; tok = strtok(NULL, ",")) {
		if (strcmp(tok, "all") == 0) {
			for (int i = 0; GEO_EXPORT_LAYERS[i]; i++)
				if (*n < MAX_LAYERS)
					layers[(*n)++] = GEO_EXPORT_LAYERS[i];
			continue;
		}
		if (!geo_export_layer_valid(tok)) {
			int idx;
			return cli_opt_choice(cmd, "--layer", tok, GEO_EXPORT_LAYERS, &idx);
		}
		if (*n >= MAX_LAYERS)
			return cli_usage_error(cmd, "--layer: too many layers");
		layers[(*n)++] = tok;
	}
	return 0;
}

int cli_cmd_export(int argc, char **argv)
{
	const char *cmd = "export";
	struct geo_export_opts o = {0};
	struct geo_export_result res = {0};
	const char *layers[MAX_LAYERS];
	size_t n_layers = 0;
	int fmt = -1, all = 0, rc = CLI_EXIT_OK;
	const char *env_gaz = getenv("STRIKEMAP_GAZETTEER");
	geo_ctx *ctx = NULL;

	o.db_path = CLI_DEFAULT_DB;
	o.gazetteer_path = env_gaz && *env_gaz ? env_gaz : CLI_DEFAULT_GAZ;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		int has_val = i + 1 < argc;
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			usage();
			return CLI_EXIT_OK;
		}
		if (strcmp(a, "--db") == 0 || strcmp(a, "--gazetteer") == 0 || strcmp(a, "--layer") == 0 ||
		    strcmp(a, "--format") == 0 || strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0 ||
		    strcmp(a, "--table") == 0 || strcmp(a, "--geometry") == 0) {
			const char *v;
			if (!has_val)
				return cli_usage_error(cmd, "%s needs a value", a);
			v = argv[++i];
			if (strcmp(a, "--db") == 0) {
				o.db_path = v;
			} else if (strcmp(a, "--gazetteer") == 0) {
				o.gazetteer_path = v;
			} else if (strcmp(a, "--layer") == 0) {
				int r;
				all |= strstr(v, "all") != NULL;
				if ((r = add_layers(cmd, argv[i], layers, &n_layers)) != 0)
					return r;
			} else if (strcmp(a, "--format") == 0) {
				int r = cli_opt_choice(cmd, "--format", v, GEO_EXPORT_FORMATS, &fmt);
				if (r)
					return r;
			} else if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) {
				o.dest = v;
			} else if (strcmp(a, "--table") == 0) {
				o.table = v;
			} else {
				static const char *const geoms[] = {"xy", "wkt", NULL};
				int g, r = cli_opt_choice(cmd, "--geometry", v, geoms, &g);
				if (r)
					return r;
				o.csv_wkt = g == 1;
			}
			continue;
		}
		return cli_usage_error(cmd, "unknown argument '%s'", a);
	}
	if (n_layers == 0)
		return cli_usage_error(cmd, "--layer is required");
	if (!o.dest || !*o.dest)
		return cli_usage_error(cmd, "-o DEST is required");
	if (fmt < 0 && (fmt = format_from_dest(o.dest)) < 0)
		return cli_usage_error(cmd, "--format is required (cannot tell it from \"%s\")", o.dest);
	o.format = (enum geo_export_format)fmt;
	if (o.format == GEO_EXPORT_POSTGIS && strncmp(o.dest, "PG:", 3) != 0)
		return cli_usage_error(cmd, "-o: postgis needs a \"PG:dbname=...\" connection string");
	if (o.format != GEO_EXPORT_POSTGIS && strncmp(o.dest, "PG:", 3) == 0)
		return cli_usage_error(cmd, "-o: a PG: destination needs --format postgis");
	if (o.table && o.format != GEO_EXPORT_POSTGIS)
		return cli_usage_error(cmd, "--table is for --format postgis");
	if (o.csv_wkt && o.format != GEO_EXPORT_CSV)
		return cli_usage_error(cmd, "--geometry is for --format csv");
	if (n_layers > 1 && o.format != GEO_EXPORT_GPKG && o.format != GEO_EXPORT_POSTGIS)
		return cli_usage_error(cmd, "several layers need --format gpkg or postgis (%s holds one)",
		                       GEO_EXPORT_FORMATS[fmt]);
	if (n_layers > 1 && o.table)
		return cli_usage_error(cmd, "--table names one layer's table");
	o.skip_missing = all;

	ctx = geo_ctx_new();
	if (!ctx) {
		fprintf(stderr, "strikemap: %s: out of memory\n", cmd);
		return CLI_EXIT_FAILURE;
	}
	if (geo_export(ctx, &o, layers, n_layers, &res) != GEO_OK) {
		rc = cli_fail(ctx, cmd);
		goto out;
	}
	for (size_t i = 0; i < res.n; i++) {
		const struct geo_export_count *c = &res.v[i];
		if (c->skipped) {
			printf("%s: skipped (no source; see the warning)\n", c->layer);
			continue;
		}
		printf("%s: %ld of %ld written to %s", c->layer, c->written, c->rows, res.dest);
		if (c->no_geom)
			printf(" (%ld without location, as %s)", c->no_geom,
			       o.format == GEO_EXPORT_SHP ? "null shapes" : "null geometries");
		if (c->not_written)
			printf(", %ld without location not written (KML needs a location): ids %s",
			       c->not_written, c->not_written_ids ? c->not_written_ids : "?");
		printf("\n");
		if (c->sidecar)
			printf("%s: field names: %s\n", c->layer, c->sidecar);
		if (c->long_values)
			printf("%s: full text of %ld values longer than the DBF's 254 bytes: %s\n", c->layer,
			       c->truncated, c->long_values);
	}
	cli_flush_warnings(ctx, cmd);
out:
	geo_export_result_free(&res);
	geo_ctx_free(ctx);
	return rc;
}
