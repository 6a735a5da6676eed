#!/usr/bin/python3
"""sklearn_dbscan.py — scikit-learn's DBSCAN on the same events as
stdbscan_bench, for bench/run.sh.

    sklearn_dbscan.py EVENTS.bin EPS_SPACE EPS_TIME MIN_PTS [OUR_LABELS.bin] [FIRST_N]

EVENTS.bin holds float64 rows (x, y, t) in metres and seconds. The time is
scaled to the space threshold (t * EPS_SPACE / EPS_TIME), so a Euclidean
ball of radius EPS_SPACE in (x, y, t_scaled) is what scikit-learn clusters
("ball" metric in stdbscan_bench). Only fit() is timed (n_jobs=2: the
machine's two cores). With OUR_LABELS (int32, from `stdbscan_bench run ...
ball ...`) the labels are compared element by element.
"""
import resource
import sys
import time

import numpy as np
from sklearn.cluster import DBSCAN


def main():
    path, eps_s, eps_t, min_pts = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
    ours = sys.argv[5] if len(sys.argv) > 5 and sys.argv[5] != "-" else None
    first = int(sys.argv[6]) if len(sys.argv) > 6 else 0
    ev = np.fromfile(path, dtype=np.float64).reshape(-1, 3)
    if first:
        ev = ev[:first]
    X = np.ascontiguousarray(np.column_stack([ev[:, 0], ev[:, 1], ev[:, 2] * (eps_s / eps_t)]))
    t0, c0 = time.perf_counter(), time.process_time()
    labels = DBSCAN(eps=eps_s, min_samples=min_pts, n_jobs=2).fit(X).labels_
    secs, cpu = time.perf_counter() - t0, time.process_time() - c0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    clusters = int(labels.max()) + 1 if labels.size else 0
    noise = int((labels < 0).sum())
    same = ""
    if ours:
        mine = np.fromfile(ours, dtype=np.int32)
        if mine.shape != labels.shape:
            same = " identical_labels=NO (%d vs %d labels)" % (mine.size, labels.size)
        elif np.array_equal(mine, labels):
            same = " identical_labels=yes"
        else:
            same = " identical_labels=NO (%d differ)" % int((mine != labels).sum())
    print("impl=sklearn metric=ball n=%d seconds=%.3f cpu_seconds=%.3f clusters=%d noise=%d peak_rss_bytes=%d bytes_per_event=%.1f%s"
          % (len(labels), secs, cpu, clusters, noise, rss, rss / max(len(labels), 1), same))


if __name__ == "__main__":
    main()
