#!/usr/bin/env python3
"""Compares what the kiosk publishes with what tau-ARGUS would publish for the same tables.

Input: a directory made by Scripts/compare-tauargus.sh, with the true records (micro-SEED.csv, written by
`kiosk-bench generate --microdata`, never published) and the kiosk's own summaries of the same interviews
(whole-SEED.json: no split; site-SEED.json: split by site). For every question, tau-ARGUS protects the
three-way table site x gender x answer with all its margins (minimum frequency 5, optimal secondary
suppression, OPT); the kiosk's published figures for the same cells are read from its summaries.

Output (stdout): a Markdown section with, per method, how many cells (with a true count above zero) are
hidden, perturbed, or published as they are, and how far the published numbers are from the truth.
"""
import csv
import glob
import json
import os
import sys
from collections import Counter, defaultdict

from pytauargus import protect

QUESTIONS = ["q1", "q2", "q3", "q4", "q5", "q6", "q7", "asked-before"]
GENDERS = ["kvinna", "man", "annan", "declined"]
K = 5


def true_counts(records, question):
    """(site or None, gender or None, answer or None) -> true count, None meaning the margin (total)."""
    counts = Counter()
    for r in records:
        for site in (r["site"], None):
            for gender in (r["gender"], None):
                for answer in (r[question], None):
                    counts[(site, gender, answer)] += 1
    return counts


def kiosk_published(whole, by_site, question):
    """The same keys -> the kiosk's published number, or 'hidden' (a withheld section)."""
    published = {}
    for report, split in ((whole, False), (by_site, True)):
        for group in report["groups"]:
            site = group["key"].get("site") if split else None
            table = next((t for t in group["questions"] if t["id"] == question), None)
            if table is None:
                continue
            t = table["table"]
            rows = [row["key"] for row in t["rows"]]
            columns = [column["key"] for column in t["columns"]]
            def value(v):
                return "hidden" if v == "below_minimum" else v
            for i, answer in enumerate(rows):
                for j, gender in enumerate(columns):
                    published[(site, gender, answer)] = value(t["cells"][i][j])
                published[(site, None, answer)] = value(t["row_totals"][i])
            for j, gender in enumerate(columns):
                published[(site, gender, None)] = value(t["column_totals"][j])
            published[(site, None, None)] = value(t["grand_total"])
    return published


def tauargus_status(records, question, workdir):
    """The same keys -> tau-ARGUS's status of the cell: 'safe', 'primary' or 'secondary'."""
    data = {"site": [r["site"] for r in records], "gender": [r["gender"] for r in records],
            "answer": [r[question] for r in records], "one": [1] * len(records)}
    result = protect(data, tables=[["site", "gender", "answer"]], response="one",
                     safety_rules=f"FREQ({K},10)", suppress="OPT(1)", workdir=workdir)
    status = {}
    for cell in result.tables[0].dataframe():
        key = tuple(None if str(cell[v]).strip() == "Total" else str(cell[v]).strip() for v in ("site", "gender", "answer"))
        symbol = cell["status"]
        status[key] = "safe" if symbol == "S" else "primary" if symbol == "U" else "secondary"
    return status


def main(directory):
    totals = defaultdict(Counter)
    deviation = Counter()
    seeds = sorted(os.path.basename(p)[6:-4] for p in glob.glob(os.path.join(directory, "micro-*.csv")))
    interviews = 0
    for seed in seeds:
        with open(os.path.join(directory, f"micro-{seed}.csv")) as f:
            records = list(csv.DictReader(f))
        interviews += len(records)
        whole = json.load(open(os.path.join(directory, f"whole-{seed}.json")))
        by_site = json.load(open(os.path.join(directory, f"site-{seed}.json")))
        for question in QUESTIONS:
            truth = true_counts(records, question)
            kiosk = kiosk_published(whole, by_site, question)
            argus = tauargus_status(records, question, os.path.join(directory, f"tau-{seed}-{question}"))
            for key, n in truth.items():
                if n == 0:
                    continue
                small = "small" if n < K else "large"
                published = kiosk.get(key, "missing")
                if published == "hidden":
                    outcome = "hidden"
                    deviation["kiosk hidden interviews"] += n
                elif published == "missing":
                    outcome = "missing"
                elif published == n:
                    outcome = "exact"
                else:
                    outcome = "perturbed"
                    deviation["kiosk"] += abs(published - n)
                totals["kiosk"][outcome] += 1
                totals["kiosk " + small][outcome] += 1
                status = argus.get(key, "missing")
                totals["tau-ARGUS"][status] += 1
                totals["tau-ARGUS " + small][status] += 1
                if status != "safe":
                    deviation["tau-ARGUS hidden interviews"] += n
                deviation["interviews in cells"] += n
    cells = sum(totals["kiosk"].values())
    def share(counter, *keys):
        return 100 * sum(counter[k] for k in keys) / max(1, sum(counter.values()))
    print(f"{len(seeds)} generated sets of 36 small sites ({interviews} interviews in all), the seven questions and "
          f"'asked before': every cell site × gender × answer with all its totals, {cells} cells with a true count above zero "
          f"({sum(totals['kiosk small'].values())} of them below K = {K}).\n")
    print("| | τ-ARGUS OPT (FREQ 5, optimal secondary suppression) | kiosk (Cell Key Method, D = 2, no 1 or 2) |")
    print("|---|---|---|")
    k, t = totals["kiosk"], totals["tau-ARGUS"]
    print(f"| cells hidden | {share(t, 'primary', 'secondary'):.1f} % ({t['primary']} primary, {t['secondary']} secondary) | {share(k, 'hidden'):.1f} % ({k['hidden']}: sections with fewer than {K} interviews) |")
    print(f"| cells published, but perturbed | 0 % | {share(k, 'perturbed'):.1f} % ({k['perturbed']}) |")
    print(f"| cells published as they are | {share(t, 'safe'):.1f} % | {share(k, 'exact'):.1f} % |")
    print(f"| hidden or perturbed | {share(t, 'primary', 'secondary'):.1f} % | {share(k, 'hidden', 'perturbed'):.1f} % |")
    ks, ts = totals["kiosk small"], totals["tau-ARGUS small"]
    print(f"| cells below K that are hidden or perturbed | {share(ts, 'primary', 'secondary'):.1f} % | {share(ks, 'hidden', 'perturbed'):.1f} % (the rest are published as 3 or 4: true, and indistinguishable from a perturbed count) |")
    kl, tl = totals["kiosk large"], totals["tau-ARGUS large"]
    print(f"| cells of K or more that are hidden | {share(tl, 'primary', 'secondary'):.1f} % | {share(kl, 'hidden'):.1f} % |")
    published = k["perturbed"] + k["exact"]
    print(f"| mean distance of a published number from the truth | 0 | {deviation['kiosk'] / max(1, published):.2f} |")
    print(f"| interviews in hidden cells (information lost) | {100 * deviation['tau-ARGUS hidden interviews'] / max(1, deviation['interviews in cells']):.1f} % | "
          f"{100 * deviation['kiosk hidden interviews'] / max(1, deviation['interviews in cells']):.1f} % |")
    if k["missing"] or t["missing"]:
        print(f"\n(cells not found: kiosk {k['missing']}, τ-ARGUS {t['missing']})")


if __name__ == "__main__":
    main(sys.argv[1])
