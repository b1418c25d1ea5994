#!/usr/bin/python3
"""Generates the synthetic benchmark sets: scikit-learn's make_classification with the recipe of
../shared/data/README.md (20 features, 10 informative, 2 redundant, 3 classes, 2 clusters per class,
flip_y 0.01, class_sep 1.0), classes 0/1/2 named LOW/MEDIUM/HIGH, columns f01..f20, 6 decimals.

    make_synth.py ROWS SEED OUT.csv       # 100000 100 -> synth_100k.csv, 1000000 1000 -> synth_1m.csv
Needs Debian's python3-sklearn. Writes to OUT.csv.tmp, then renames.
"""
import os
import sys

import numpy as np
from sklearn.datasets import make_classification


def main():
    if len(sys.argv) != 4:
        sys.exit("usage: make_synth.py ROWS SEED OUT.csv")
    rows, seed, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    x, y = make_classification(n_samples=rows, n_features=20, n_informative=10, n_redundant=2, n_repeated=0,
                               n_classes=3, n_clusters_per_class=2, flip_y=0.01, class_sep=1.0, shuffle=True,
                               random_state=seed)
    names = np.array(["LOW", "MEDIUM", "HIGH"])[y]
    tmp = out + ".tmp"
    with open(tmp, "w") as f:
        f.write(",".join("f%02d" % (i + 1) for i in range(20)) + ",label\n")
        for start in range(0, rows, 50_000):
            block = x[start:start + 50_000]
            lines = [",".join("%.6f" % v for v in row) + "," + lab for row, lab in zip(block, names[start:start + 50_000])]
            f.write("\n".join(lines) + "\n")
    os.replace(tmp, out)


if __name__ == "__main__":
    main()
