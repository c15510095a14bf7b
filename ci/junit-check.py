#!/usr/bin/python3
"""Reads every JUnit file krepro wrote in each kernel report directory given (TEST-krepro.<fs>.xml) with
python3-junitparser, the library CI result publishers build on, and checks its counts against results.json:
per filesystem, tests, failures, errors and skipped must agree, and each suite's own counts must match its
cases. Prints "junit FS T F E S" and "json FS T F E S" lines; exits 1 on any disagreement.
Debian: apt-get install python3-junitparser."""
import glob
import json
import os
import sys

from junitparser import Error, Failure, JUnitXml, Skipped


def check(d):
    problems = []
    junit = {}
    for f in sorted(glob.glob(os.path.join(d, 'TEST-*.xml'))):
        xml = JUnitXml.fromfile(f)
        suites = [xml] if xml._tag == 'testsuite' else list(xml)
        t = fl = er = sk = 0
        for s in suites:
            st = sf = se = ss = 0
            for case in s:
                kinds = [type(r) for r in case.result]
                st += 1
                sf += Failure in kinds
                se += Error in kinds
                ss += Skipped in kinds
            if (s.tests, s.failures, s.errors, s.skipped) != (st, sf, se, ss):
                problems.append('%s: suite says %s tests %s failures %s errors %s skipped, its cases %s %s %s %s'
                                % (f, s.tests, s.failures, s.errors, s.skipped, st, sf, se, ss))
            t, fl, er, sk = t + st, fl + sf, er + se, sk + ss
        fs = os.path.basename(f)[len('TEST-krepro.'):-len('.xml')]
        junit[fs] = [t, fl, er, sk]
        print('junit', fs, t, fl, er, sk)
    with open(os.path.join(d, 'results.json')) as fh:
        r = json.load(fh)
    by = {}
    for t in r['tests']:
        c = by.setdefault(t['fs'], [0, 0, 0, 0])
        c[0] += 1
        c[1] += t['verdict'] == 'FAIL'
        c[2] += t['verdict'] == 'ERROR'
        c[3] += t['verdict'] == 'SKIPPED'
    for fs in sorted(by):
        print('json', fs, *by[fs])
    if junit != by:
        problems.append('%s: JUnit counts %s, results.json %s' % (d, junit, by))
    return problems


if __name__ == '__main__':
    if len(sys.argv) < 2:
        sys.exit('usage: junit-check.py KERNEL-REPORT-DIR...')
    all_problems = [p for d in sys.argv[1:] for p in check(d)]
    for p in all_problems:
        print('MISMATCH', p)
    sys.exit(1 if all_problems else 0)
