#!/usr/bin/python3
"""scikit-learn's batch predict throughput on the portable split's test rows.

Usage: /usr/bin/python3 bench/sklearn-predict.py CSV LABEL [TREES=100] [SEED=42] [CACHE]
Loads and encodes the CSV as the sklearn peer does (../shared/peers: peer_common.py's loading
and portable split, sklearn_rf.py's encoding; PEERS_DIR overrides where), fits
RandomForestClassifier(n_estimators=TREES, random_state=SEED, n_jobs=-1) on the training rows
(or loads the fitted forest from CACHE, a pickle it writes the first time: the fit takes minutes
on synth_1m), then times predict() on the test rows, best of REPS (default 3). Prints one JSON
line: rows, best seconds, rows/s, every repetition's seconds.
"""
import os
import pickle
import sys
import time

PEERS = os.environ.get("PEERS_DIR", "/work/shared/peers")
sys.path.insert(0, PEERS)

import json

from sklearn.ensemble import RandomForestClassifier

import peer_common as pc
from sklearn_rf import encode


def main():
    if len(sys.argv) < 3:
        sys.exit("usage: sklearn-predict.py CSV LABEL [TREES] [SEED] [CACHE]")
    path, label = sys.argv[1], sys.argv[2]
    trees = int(sys.argv[3]) if len(sys.argv) > 3 else 100
    seed = int(sys.argv[4]) if len(sys.argv) > 4 else 42
    cache = sys.argv[5] if len(sys.argv) > 5 else None
    reps = int(os.environ.get("REPS", "3"))

    d = pc.load_csv(path, label)
    tr, te = pc.portable_split(d.y, d.classes, 0.2, seed)
    X_tr, X_te = encode(d, tr, te, "onehot")
    if cache and os.path.exists(cache):
        with open(cache, "rb") as f:
            clf = pickle.load(f)
    else:
        clf = RandomForestClassifier(n_estimators=trees, random_state=seed, n_jobs=-1)
        clf.fit(X_tr, d.y[tr])
        if cache:
            with open(cache, "wb") as f:
                pickle.dump(clf, f, protocol=pickle.HIGHEST_PROTOCOL)
    if clf.n_estimators != trees:
        sys.exit(f"{cache} holds {clf.n_estimators} trees, not {trees}")
    times = []
    for _ in range(reps):
        t0 = time.perf_counter()
        pred = clf.predict(X_te)
        times.append(time.perf_counter() - t0)
    best = min(times)
    print(json.dumps({"peer": "sklearn", "rows": int(len(te)), "trees": trees,
                      "nodes": int(sum(t.tree_.node_count for t in clf.estimators_)),
                      "accuracy": round(float((pred == d.y[te]).mean()), 6),
                      "best_seconds": round(best, 4), "rows_per_second": round(len(te) / best),
                      "seconds": [round(t, 4) for t in times]}), flush=True)


if __name__ == "__main__":
    main()
