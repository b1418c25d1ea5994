#!/usr/bin/python3
"""Generates a binary-label set with one many-level categorical column, the case of issue 20's
"Categorical features with many levels": each employer level carries real signal (a latent
log-odds drawn from a normal), so a forest gains only if it can group levels by their effect.

    make_highcard.py ROWS LEVELS OUT.csv     # 20000 5000 -> highcard_20k.csv (the bench set)

Columns: employer (e0001..), income (numeric), label (no/yes). label ~ Bernoulli(sigmoid(latent of
the row's employer + 1.0 * income)); latent ~ N(0, 3.5); employers drawn uniformly. numpy only,
fixed seed 20: the same arguments give the same bytes. Writes OUT.csv.tmp, then renames.
"""
import os
import sys

import numpy as np

SEED = 20
LATENT_SD = 3.5
INCOME_EFFECT = 1.0


def main():
    if len(sys.argv) != 4:
        sys.exit("usage: make_highcard.py ROWS LEVELS OUT.csv")
    rows, levels, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    rng = np.random.default_rng(SEED)
    latent = rng.normal(0.0, LATENT_SD, levels)
    employer = rng.integers(0, levels, rows)
    income = rng.normal(0.0, 1.0, rows)
    p = 1.0 / (1.0 + np.exp(-(latent[employer] + INCOME_EFFECT * income)))
    label = np.where(rng.random(rows) < p, "yes", "no")
    width = len(str(levels))
    tmp = out + ".tmp"
    with open(tmp, "w") as f:
        f.write("employer,income,label\n")
        f.write("".join("e%0*d,%.4f,%s\n" % (width, e + 1, x, y) for e, x, y in zip(employer, income, label)))
    os.replace(tmp, out)


if __name__ == "__main__":
    main()
