"""Benchmark: does the build scale linearly, and does the generator cost almost nothing?

Prints one table and the target ratios. Not a test: `make bench` runs it; one small test runs it
at a tiny size so it cannot rot. Usage: python bench/run.py [--sizes 8 250 1000 2000]
[--validate-n 10000] [--repeat 3] [--no-serve]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from in_browser import available, visit  # noqa: E402
from synthetic import make_repo  # noqa: E402

from corpus import PEAK_KB  # noqa: E402
from helpers import fetch, free_port  # noqa: E402

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
# Runs a command's main function and reports the process's own peak memory.
MEASURED = (
    "import os, resource, runpy, sys\n"
    "sys.argv = sys.argv[1:]\n"
    "try:\n"
    "    runpy.run_module(sys.argv[0], run_name='__main__', alter_sys=True)\n"
    "except SystemExit as exc:\n"
    "    code = exc.code\n"
    "else:\n"
    "    code = 0\n"
    f"peak = {PEAK_KB}\n"
    "print(f'PEAK_KB={peak}', file=sys.stderr)\n"
    "sys.exit(code or 0)\n"
)


def run(args: list[str], cwd: Path) -> tuple[float, int]:
    """Wall time and peak memory (KB) of a Python module run in a fresh process."""
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", MEASURED, *args], cwd=cwd, env=ENV, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{result.stderr[-3000:]}")
    return elapsed, int(result.stderr.rsplit("PEAK_KB=", 1)[1].split()[0])


def stages(repo: Path) -> tuple[float, float]:
    """Load+validate and render times, in a fresh process so no cache helps, rendering as the
    plugin does in `mkdocs build` (on every core)."""
    code = (
        "import json, os, time\nfrom pathlib import Path\nfrom generator.records.knowledge_base import build\n"
        "from generator.pages.render import render_site\n"
        f"t = time.perf_counter(); kb = build(Path({str(repo / 'content')!r})); t1 = time.perf_counter()\n"
        "render_site(kb, workers=os.cpu_count() or 1); t2 = time.perf_counter()\nprint(json.dumps([t1 - t, t2 - t1]))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=ENV, capture_output=True, text=True, check=True)
    load, render = json.loads(out.stdout)
    return load, render


def baseline_repo(repo: Path) -> Path:
    """The same pages as plain Markdown files, built by MkDocs without the plugin."""
    base = repo.parent / f"{repo.name}-baseline"
    shutil.rmtree(base, ignore_errors=True)
    shutil.copytree(repo / "docs", base / "docs")
    subprocess.run(
        [sys.executable, "-m", "generator", "--repo", str(repo), "render", "--out", str(base / "docs")],
        cwd=ROOT,
        env=ENV,
        check=True,
        capture_output=True,
    )
    config = (repo / "mkdocs.yml").read_text(encoding="utf-8")
    # The same English site without the plugin: only the search plugin stays.
    config = re.sub(r"(?ms)^plugins:\n.*?(?=^\S)", "plugins:\n  search:\n    lang: en\n\n", config)
    config = config.replace("  - Contributing: contributing.md\n", "")
    (base / "mkdocs.yml").write_text(config, encoding="utf-8")
    return base


def minimal_repo(repo: Path, n: int) -> Path:
    """``n`` minimal pages (a heading and a paragraph each) with the same theme and search, no
    plugin: what MkDocs itself costs for that many pages, the yardstick of the full build."""
    base = repo.parent / f"{repo.name}-minimal"
    shutil.rmtree(base, ignore_errors=True)
    shutil.copytree(repo / "docs/assets", base / "docs/assets")  # the same static files to copy
    (base / "docs/cases").mkdir(parents=True)
    (base / "docs/index.md").write_text("# Home\n\nMinimal pages.\n", encoding="utf-8")
    for i in range(n):
        page = base / f"docs/cases/case-{i:05d}.md"
        page.write_text(f"# Case {i}\n\nA paragraph about case {i}.\n", encoding="utf-8")
    config = (repo / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"(?ms)^plugins:\n.*?(?=^\S)", "plugins:\n  search:\n    lang: en\n\n", config)
    config = re.sub(r"(?ms)^nav:\n.*", "nav:\n  - Home: index.md\n", config)
    (base / "mkdocs.yml").write_text(config, encoding="utf-8")
    return base


def english_only(repo: Path) -> str:
    """A config that builds the English edition alone, for the two-edition ratio."""
    config = (repo / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("      en: mkdocs.yml\n      nl: mkdocs.nl.yml\n", "      en: mkdocs.en-only.yml\n")
    (repo / "mkdocs.en-only.yml").write_text(config, encoding="utf-8")
    return "mkdocs.en-only.yml"


def measure_size(n: int, work: Path, repeat: int) -> dict[str, float]:
    """Each timing is the best of ``repeat`` runs: the least disturbed by the rest of the machine."""
    repo = make_repo(work / f"n{n}", n)
    load, render = (min(times) for times in zip(*(stages(repo) for _ in range(repeat)), strict=True))
    # Both editions (the English build starts the Dutch one beside it), then English alone.
    builds = [run(["mkdocs", "build", "-q", "-d", str(repo / "site")], repo) for _ in range(repeat)]
    both, peak = min(t for t, _ in builds), max(p for _, p in builds)
    only = english_only(repo)
    build = min(run(["mkdocs", "build", "-q", "-f", only, "-d", str(repo / "site-en")], repo)[0] for _ in range(repeat))
    base = baseline_repo(repo)
    baseline = min(run(["mkdocs", "build", "-q", "-d", str(base / "site")], base)[0] for _ in range(repeat))
    small = minimal_repo(repo, n)
    minimal = min(run(["mkdocs", "build", "-q", "-d", str(small / "site")], small)[0] for _ in range(repeat))
    page = repo / "site/cases/synthetic-case-00000/index.html"
    index = repo / "site/pagefind"
    browser = browse(repo / "site", n, repeat)
    return {
        **browser,
        "n": n,
        "load": load,
        "render": render,
        "build": build,
        "both": both,
        "baseline": baseline,
        "minimal": minimal,
        "page_kb": page.stat().st_size / 1024,
        "index_mb": sum(f.stat().st_size for f in index.rglob("*") if f.is_file()) / 2**20,
        "peak_mb": peak / 1024,
    }


def browse(site: Path, n: int, repeat: int) -> dict[str, float]:
    """A reader's figures for the middle case: page transfer, and a search for it by its short
    name (median, with the spread over ``repeat`` fresh browsers)."""
    if not available():
        return {
            "page_transfer_kb": float("nan"),
            "page_gz_kb": float("nan"),
            "search_s": float("nan"),
            "search_spread": "-",
            "search_kb": float("nan"),
        }
    middle = n // 2
    visits = [visit(site, f"synthetic-case-{middle:05d}", f"SP{middle}") for _ in range(repeat)]
    searches = sorted(v.search_s for v in visits)
    return {
        "page_transfer_kb": statistics.median(v.page_kb for v in visits),
        "page_gz_kb": statistics.median(v.page_gz_kb for v in visits),
        "search_s": statistics.median(searches),
        "search_spread": f"{searches[0]:.2f}-{searches[-1]:.2f}",
        "search_kb": max(v.search_kb for v in visits),
    }


def measure_validate(n: int, work: Path) -> float:
    repo = work / f"v{n}"
    if not repo.exists():
        make_repo(repo, n)
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "generator", "--repo", str(repo), "validate"],
        cwd=ROOT,
        env=ENV,
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - started


def measure_live_preview(work: Path, n: int = 250, rounds: int = 3) -> tuple[float, str]:
    """Seconds from saving an edited case to its page served with the edit, in `mkdocs serve
    --dirty` (as `make serve` runs it) of ``n`` cases: the median, and the spread."""
    repo = make_repo(work / "serve", n)
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dirty", "-a", f"127.0.0.1:{port}"],
        cwd=repo,
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    middle = n // 2
    url = f"http://127.0.0.1:{port}/knowledge-base/cases/synthetic-case-{middle:05d}/"
    record = repo / f"content/cases/synthetic-case-{middle:05d}.yaml"
    original = record.read_text(encoding="utf-8")
    name = f"en: Synthetic partnership {middle}\n"
    assert name in original
    times = []
    try:
        deadline = time.monotonic() + 600
        while f"Synthetic partnership {middle}" not in fetch(url):
            if time.monotonic() > deadline:
                raise SystemExit("mkdocs serve did not start")
            time.sleep(0.1)
        time.sleep(3)  # the first search index is written just after the first build
        for i in range(rounds):
            marker = f"Edited scheme {i}"
            started = time.perf_counter()
            record.write_text(original.replace(name, f"en: {marker}\n"), encoding="utf-8")
            while marker not in fetch(url):
                if time.perf_counter() - started > 120:
                    raise SystemExit("the edit never showed")
                time.sleep(0.02)
            times.append(time.perf_counter() - started)
            time.sleep(3)
    finally:
        server.terminate()
        server.wait(timeout=20)
    return statistics.median(times), f"{min(times):.2f}-{max(times):.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    # The first size is the reference for the page transfer: 8 is the real content's.
    parser.add_argument("--sizes", type=int, nargs="+", default=[8, 250, 1000, 2000])
    parser.add_argument("--validate-n", type=int, default=10_000)
    parser.add_argument("--no-serve", action="store_true", help="skip the live-preview measurement")
    parser.add_argument("--serve-n", type=int, default=250, help="cases in the live-preview measurement")
    parser.add_argument("--repeat", type=int, default=3, help="runs per timing; the best is reported")
    args = parser.parse_args()
    if not available():
        print("no Chromium (apt-get install -y chromium): the browser figures are left out")
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.platform()}"
    )
    with tempfile.TemporaryDirectory(prefix="ppc-bench-") as tmp:
        work = Path(tmp)
        rows = [measure_size(n, work, args.repeat) for n in args.sizes]
        print()
        print(
            "| cases | load+validate s | render s | build en (plugin) s | build en+nl s | build (baseline) s "
            "| case page KB | search index MB | peak MB | page transfer KB | search s (spread) | search KB |"
        )
        print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for r in rows:
            print(
                f"| {r['n']:,} | {r['load']:.2f} | {r['render']:.2f} | {r['build']:.2f} | {r['both']:.2f} "
                f"| {r['baseline']:.2f} | {r['page_kb']:.1f} | {r['index_mb']:.1f} | {r['peak_mb']:.0f} "
                f"| {r['page_transfer_kb']:.0f} | {r['search_s']:.2f} ({r['search_spread']}) | {r['search_kb']:.0f} |"
            )
        print()
        by_n = {r["n"]: r for r in rows}
        mid = by_n.get(1000, rows[len(rows) // 2])
        print(
            f"generator stages / full build at N={mid['n']:,}: {(mid['load'] + mid['render']) / mid['build']:.1%} (target <= 5%)"
        )
        print(f"build with plugin / baseline at N={mid['n']:,}: {mid['build'] / mid['baseline']:.2f} (target <= 1.10)")
        print(
            f"build en (plugin) / {mid['n']:,} minimal pages at N={mid['n']:,}: "
            f"{mid['build'] / mid['minimal']:.2f} (target <= 2.00; minimal pages {mid['minimal']:.2f} s)"
        )
        print(f"two editions / English only at N={mid['n']:,}: {mid['both'] / mid['build']:.2f} (target <= 1.30)")
        if 1000 in by_n and 2000 in by_n:
            print(f"build(2,000) / build(1,000): {by_n[2000]['build'] / by_n[1000]['build']:.2f} (target <= 2.20)")
        small, large = rows[0], rows[-1]
        print(
            f"case page transfer at N={large['n']:,} / N={small['n']:,}: "
            f"{large['page_transfer_kb'] / small['page_transfer_kb']:.2f} (target <= 1.25); "
            f"compressed as GitHub Pages serves it: {large['page_gz_kb']:.0f} KB / {small['page_gz_kb']:.0f} KB = "
            f"{large['page_gz_kb'] / small['page_gz_kb']:.2f}"
        )
        print(f"search for one case among {large['n']:,}: first result after {large['search_s']:.2f} s (target <= 1 s)")
        print(f"search for one case among {large['n']:,}: {large['search_kb']:.0f} KB loaded (target <= 600 KB)")
        largest = rows[-1]
        print(f"case page at N={largest['n']:,}: {largest['page_kb']:.1f} KB (target <= 60 KB)")
        seconds = min(measure_validate(args.validate_n, work) for _ in range(args.repeat))
        print(f"validate {args.validate_n:,} records: {seconds:.2f} s (target < 3 s)")
        if not args.no_serve:
            preview, spread = measure_live_preview(work, args.serve_n)
            print(
                f"live preview at N={args.serve_n:,}, edit to served page (median of 3, spread {spread}): "
                f"{preview:.2f} s (target <= 1.5 s)"
            )


if __name__ == "__main__":
    main()
