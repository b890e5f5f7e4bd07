"""Make a synthetic archive in the seeds' raw styles, deterministically, at any size.

    python benchmarks/generate.py --issues 2000 --out /dev/shm/archive/seeds

Text comes from the bundled seeds (paragraphs and headlines reshuffled by a seeded random
generator), laid out the way the real files are: mastheads of three kinds and none at all,
kickers and decks, bylines, sub-headings, paragraphs cut by the print layout, photo credits,
continuations, colophons. The same arguments always give the same files.
"""
from __future__ import annotations

import argparse
import datetime
import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DISTRICTS = ["东城", "西城", "朝阳", "海淀", "丰台", "石景山", "门头沟", "房山", "通州", "顺义", "昌平", "大兴",
             "怀柔", "平谷", "密云", "延庆"]
REPORTERS = ["乔斐", "刘旭阳", "李冬梅", "王祝炫", "石伟", "张亚京", "阴晓霞", "周岩", "石科", "张丽华", "田甜", "吴赛赛"]


def corpus() -> tuple[list[str], list[str]]:
    """Paragraphs and headline-like lines from the bundled seeds."""
    paragraphs, headlines = [], []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        for block in path.read_text(encoding="utf-8").split("\n\n"):
            line = block.strip().lstrip("#").strip()
            if not line or "\n" in line:
                continue
            if len(line) > 60 and re.search(r"[。”!?！？]$", line):
                paragraphs.append(re.sub(r"^本报讯\([^)]*\)", "", line))
            elif 6 <= len(line) <= 30 and not re.search(r"[。,:：●]", line):
                headlines.append(line)
    return paragraphs, headlines


def layout_break(paragraph: str, rng: random.Random) -> str:
    """Cut a paragraph mid-sentence with a blank line, as the print layout does."""
    if len(paragraph) < 80 or rng.random() > 0.3:
        return paragraph
    cut = rng.randrange(30, len(paragraph) - 20)
    while cut < len(paragraph) - 1 and paragraph[cut - 1] in "。!?！？”\"":
        cut += 1
    return paragraph[:cut] + "\n\n" + paragraph[cut:]


def article(rng: random.Random, paragraphs: list[str], headlines: list[str], district: str, date: datetime.date,
            markdown: bool) -> str:
    head = rng.choice(headlines)
    lines = []
    if rng.random() < 0.15:
        lines.append(f"{district}区召开{rng.choice(['专题会议', '工作部署会', '推进会'])}")
    lines.append(("## " if markdown else "") + head)
    if rng.random() < 0.2:
        lines.append(f"{rng.choice(headlines)};{rng.choice(headlines)}")
    role = rng.choice(["记者", "通讯员", "记者 "])
    body = [f"本报讯({role}{rng.choice(REPORTERS)}){date.month}月{date.day}日,{district}区" + rng.choice(paragraphs)]
    for _ in range(rng.randrange(2, 7)):
        if rng.random() < 0.1:
            body.append(("### " if markdown else "") + rng.choice(headlines))
        body.append(layout_break(rng.choice(paragraphs), rng))
    if rng.random() < 0.1:
        body.append(f"{rng.choice(REPORTERS)}摄")
    return "\n\n".join(lines + body)


def issue_text(rng: random.Random, n: int, paragraphs: list[str], headlines: list[str]) -> str:
    district = DISTRICTS[n % len(DISTRICTS)]
    paper = f"{district}报"
    date = datetime.date(2015, 1, 1) + datetime.timedelta(days=(n // len(DISTRICTS)) * 3 % 3650)
    style = rng.choice(["masthead", "weekly", "none", "markdown"])
    week = ["一", "二", "三", "四", "五", "六", "日"][date.weekday()]
    top = []
    if style == "masthead":
        top = [paper, "", f"{date.year}年{date.month}月{date.day}日 星期{week}",
               f"第{n % 52 + 1}期(总第{1000 + n}期)本期8版", f"中共北京市{district}区委宣传部主办",
               "准印证号京内资准字2003-L0007", "", "●区政府:12345", "●供电:95598"]
    elif style == "weekly":
        top = [f"{date.year}年{date.month}月{date.day}日 星期{week}", "本期4版", f"总第{500 + n}期", "",
               paper, "", f"中共北京市{district}区委宣传部主办"]
    articles = [article(rng, paragraphs, headlines, district, date, style == "markdown")
                for _ in range(rng.randrange(3, 8))]
    if rng.random() < 0.2:
        articles.append("(上接1版)" + rng.choice(paragraphs))
    text = "\n\n\n".join(["\n".join(top)] + articles) if top else "\n\n".join(articles)
    if style == "none":
        text += f"\n\n{date.year}年是重要一年。"
    return "\n\n" + text + "\n"


def generate(issues: int, out: Path, seed: int = 1) -> None:
    paragraphs, headlines = corpus()
    out.mkdir(parents=True, exist_ok=True)
    for n in range(issues):
        rng = random.Random(f"{seed}-{n}")
        (out / f"{n:05d}.txt").write_text(issue_text(rng, n, paragraphs, headlines), encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--issues", type=int, default=200)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    generate(args.issues, args.out, args.seed)


if __name__ == "__main__":
    main()
