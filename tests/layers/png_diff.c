/* png_diff.c — compare two PNG images pixel by pixel (Cairo's PNG reader):
 * prints "DIFFERING TOTAL", the number of pixels whose largest channel
 * difference exceeds FUZZ (0..255) and the number of pixels. Exits 0 when
 * both were read and have the same size, 1 otherwise. Used by the map's
 * end-to-end test (tests/cli/test_map.sh) to compare with reference images.
 * Usage: png_diff A.png B.png FUZZ */
#include <cairo.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
	cairo_surface_t *a, *b;
	long diff = 0;
	int fuzz, w, h, rc = 1;
	if (argc != 4) {
		fprintf(stderr, "usage: png_diff A.png B.png FUZZ\n");
		return 2;
	}
	fuzz = atoi(argv[3]);
	a = cairo_image_surface_create_from_png(argv[1]);
	b = cairo_image_surface_create_from_png(argv[2]);
	if (cairo_surface_status(a) != CAIRO_STATUS_SUCCESS ||
	    cairo_surface_status(b) != CAIRO_STATUS_SUCCESS) {
		fprintf(stderr, "png_diff: cannot read %s\n",
		        cairo_surface_status(a) != CAIRO_STATUS_SUCCESS ? argv[1] : argv[2]);
		goto out;
	}
	w = cairo_image_surface_get_width(a);
	h = cairo_image_surface_get_height(a);
	if (w != cairo_image_surface_get_width(b) || h != cairo_image_surface_get_height(b)) {
		fprintf(stderr, "png_diff: sizes differ: %dx%d and %dx%d\n", w, h,
		        cairo_image_surface_get_width(b), cairo_image_surface_get_height(b));
		goto out;
	}
	for (int y = 0; y < h; y++) {
		const unsigned char *ra = cairo_image_surface_get_data(a) + y * cairo_image_surface_get_stride(a);
		const unsigned char *rb = cairo_image_surface_get_data(b) + y * cairo_image_surface_get_stride(b);
		for (int x = 0; x < w; x++) {
			int m = 0;
			for (int c = 0; c < 3; c++) {
				int dlt = abs(ra[4 * x + c] - rb[4 * x + c]);
				m = dlt > m ? dlt : m;
			}
			diff += m > fuzz;
		}
	}
	printf("%ld %ld\n", diff, (long)w * h);
	rc = 0;
out:
	cairo_surface_destroy(a);
	cairo_surface_destroy(b);
	return rc;
}
