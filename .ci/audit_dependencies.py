"""Audit the installed Python dependencies for known vulnerabilities (pip-audit, PyPI's
advisory data) and fail when one has a fixed version to upgrade to.

Exit status: 0 nothing to fix (vulnerabilities without any fix are listed, not failed), 1 a
vulnerability with a fix, 2 the audit could not run. When no package could be looked up (the
advisory service is unreachable from a closed network) it says so on stderr in capitals, exits
0 and the run's log shows it; set LTC_AUDIT_REQUIRED=1 to make that a failure instead.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path


def verdict(report: dict) -> tuple[int, list[str]]:
    """Exit status and the lines to print for a `pip-audit --format json` report."""
    deps = report.get("dependencies", [])
    audited = [d for d in deps if "skip_reason" not in d]
    lines: list[str] = []
    status = 0
    for dep in audited:
        for vuln in dep.get("vulns", []):
            fixes = vuln.get("fix_versions") or []
            if fixes:
                status = 1
                lines.append(f"{dep['name']} {dep['version']}: {vuln['id']}, "
                             f"fixed in {', '.join(fixes)}: upgrade")
            else:
                lines.append(f"{dep['name']} {dep['version']}: {vuln['id']}, no fix released yet")
    if deps and not audited:
        lines.append("NO DEPENDENCY COULD BE AUDITED: the advisory service did not answer "
                     f"({deps[0]['skip_reason']})")
        status = 3
    else:
        lines.append(f"{len(audited)} dependencies audited, "
                     f"{len(deps) - len(audited)} skipped (not on PyPI, e.g. this project)")
    return status, lines


def main() -> int:
    audit = Path(sys.executable).with_name("pip-audit")
    run = subprocess.run([str(audit), "--format", "json", "--progress-spinner", "off",
                          "--skip-editable"], capture_output=True, text=True, timeout=600)
    try:
        report = json.loads(run.stdout)
    except json.JSONDecodeError:
        print(f"dependency audit: pip-audit failed: {run.stderr.strip()[-500:]}",
              file=sys.stderr)
        return 2
    status, lines = verdict(report)
    for line in lines:
        print(f"dependency audit: {line}", file=sys.stderr)
    if status == 3:
        return 2 if os.environ.get("LTC_AUDIT_REQUIRED") == "1" else 0
    return status


if __name__ == "__main__":
    sys.exit(main())
