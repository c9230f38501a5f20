"""Compare Odoo's own test results with and without credit_collection.

    python tools/compare_core_tests.py WITHOUT.log WITH.log [WITH_MORE.log ...]

Each log is the output of an ``odoo-bin --test-tags`` run. A test is identified
by its logger (the test module) and its description (Class.method). Prints the
figures of each side and every test that fails with the module only; exits 1
when there is one.
"""

import re
import sys

FAILURE = re.compile(r" (?:ERROR|CRITICAL) \S+ (odoo\.addons\.\S+): (?:FAIL|ERROR): (.+?)\s*$")
TOTAL = re.compile(r"(\d+) post-tests in ")


def read(paths):
    """(failed test ids, tests run) over the logs of one side."""
    failed, total = set(), 0
    for path in paths:
        with open(path, encoding="utf-8", errors="replace") as log:
            for line in log:
                if match := FAILURE.search(line):
                    failed.add(f"{match[1]}: {match[2]}")
                elif match := TOTAL.search(line):
                    total += int(match[1])
    return failed, total


def main(without_path, *with_paths):
    without, without_total = read([without_path])
    with_module, with_total = read(with_paths)
    print(f"without credit_collection: {without_total} tests, {len(without)} failing")
    print(f"with credit_collection:    {with_total} tests, {len(with_module)} failing")
    for test in sorted(without & with_module):
        print(f"  fails on both sides (not ours): {test}")
    new = sorted(with_module - without)
    for test in new:
        print(f"  NEW FAILURE with credit_collection: {test}")
    for test in sorted(without - with_module):
        print(f"  fails only without credit_collection: {test}")
    if not without_total or not with_total:
        print("ERROR: a side ran no test: see its log.")
        return 1
    print(f"test-core: {len(new)} new failure(s)")
    return 1 if new else 0


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    sys.exit(main(*sys.argv[1:]))
