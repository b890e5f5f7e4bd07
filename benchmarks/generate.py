"""Make a synthetic archive in the seeds' raw styles, deterministically, at any size.

    python benchmarks/generate.py --issues 2000 --out /dev/shm/archive/seeds

Text comes from the bundled seeds (paragraphs and headlines reshuffled by a random generator seeded
per issue), laid out the way the real files are:

- mastheads of every kind the seeds show: a district paper with the name first and a block of
  service numbers (石景山报), a weekly with the dateline first, an English title and slogans
  (新东城报), the city-wide bulletin with spaced numbers (首都精神文明建设情况简报), and none at all
  (plain or with Markdown headings), some of those with a sidecar .toml naming paper and date;
- headlines with a kicker (眉题) and a deck (副题, "——…"), leads (本报讯…), bylines, commentaries
  signed "●name", bulletin sections (【…】) and numbered sub-headings, photo captions and credits;
- paragraphs cut mid-sentence by the print layout, continuations (下转2版 … 上接1版);
- colophons (责编：…, the bulletin's distribution list).

Issue n always gets the same text (for the same seeds/ and --seed), whatever the archive's size, so
an archive of n + 1 issues is the one of n issues plus one new file: what a rebuild after one new
issue needs. Dates run from 2015, one issue a paper every 29 days, so 2,000 issues span the decade.
"""
from __future__ import annotations

import argparse
import datetime
import functools
import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DISTRICTS = ["东城", "西城", "朝阳", "海淀", "丰台", "石景山", "门头沟", "房山", "通州", "顺义", "昌平", "大兴",
             "怀柔", "平谷", "密云", "延庆"]
PAPERS = {"东城": "新东城报", "石景山": "石景山报"}
"""Papers the archive knows by name; the other districts' papers are named "<district>报"."""
BULLETIN = "首都精神文明建设情况简报"
REPORTERS = ["乔斐", "刘旭阳", "李冬梅", "王祝炫", "石伟", "张亚京", "阴晓霞", "周岩", "石科", "张丽华", "田甜", "吴赛赛"]
COMMENTATORS = ["石荣平", "本报评论员", "韩宇", "苏文"]
EVENTS = ["疫情防控工作领导小组会议暨安全生产工作会议", "精神文明建设委员会全体会议", "防汛工作部署会",
          "优化营商环境工作推进会"]
SECTIONS = ["文明创建", "志愿服务", "典型宣传", "文明实践", "工作动态"]
ORDINALS = "一二三四五六七八九十"
WEEKDAYS = "一二三四五六日"
STYLES = ["paper", "paper", "weekly", "weekly", "bulletin", "none", "none", "markdown"]
"""Raw styles, weighted: most issues are district papers with a masthead."""

# A line like these is masthead, colophon or page furniture in the seeds, never a headline.
_NOT_HEADLINE = re.compile(r"主办|出版|公众号|第\s*\d+\s*期|\d+\s*版|[【】●:：。,;；()（）]|[A-Za-z]|准印|网|摄|^\d|简报|精神文明办$")
_PARAGRAPH_END = re.compile(r"[。”!?！？]$")
_NUMBERED = re.compile(r"^(?:\d+\.\s*|[一二三四五六七八九十]+、)")
_DATE_MENTION = re.compile(r"\d\s*年|\d\s*月\s*\d+\s*日")
_PAGE_MARK = re.compile(r"[(（](?:上接|下转|详见)\d+版[)）]")


@functools.cache
def corpus() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Paragraphs and headlines from the bundled seeds, without masthead, colophon or page marks."""
    paragraphs, headlines = [], []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        after_stop = True  # whether the block before ended a sentence: else this one is its cut-off rest
        for block in path.read_text(encoding="utf-8").split("\n\n"):
            line = _PAGE_MARK.sub("", block.strip().lstrip("#").strip())
            if not line or "\n" in line:
                continue
            whole, after_stop = after_stop, bool(_PARAGRAPH_END.search(line))
            if len(line) > 60 and whole and after_stop:
                paragraphs.append(_NUMBERED.sub("", re.sub(r"^本报讯[(（][^)）]*[)）]", "", line)))
            elif 6 <= len(line) <= 30 and not _NOT_HEADLINE.search(line):
                headlines.append(line)
    return tuple(paragraphs), tuple(dict.fromkeys(headlines))


@functools.cache
def dateless_paragraphs() -> tuple[str, ...]:
    """The paragraphs that name no year or day: an issue dated from its text uses only these."""
    return tuple(p for p in corpus()[0] if not _DATE_MENTION.search(p))


def layout_break(paragraph: str, rng: random.Random) -> str:
    """Cut a paragraph mid-sentence with a blank line, as the print layout does."""
    if len(paragraph) < 80 or rng.random() > 0.3:
        return paragraph
    cut = rng.randrange(30, len(paragraph) - 20)
    while cut < len(paragraph) - 1 and paragraph[cut - 1] in "。!?！？”\"":
        cut += 1
    return paragraph[:cut] + "\n\n" + paragraph[cut:]


def byline(rng: random.Random) -> str:
    reporter = rng.choice(REPORTERS)
    if rng.random() < 0.3:  # 记者 乔斐 / 记者吴赛赛 通讯员田甜
        return f"记者 {reporter}" if rng.random() < 0.5 else f"记者{reporter} 通讯员{rng.choice(REPORTERS)}"
    return f"{rng.choice(['记者', '通讯员'])}{reporter}"


def news(rng: random.Random, paragraphs: tuple[str, ...], district: str, date: datetime.date, heading: str,
         continued_on: int | None, full_date: bool = False) -> list[str]:
    """A news article: kicker, headline, deck, lead, paragraphs (some cut by the layout), sub-headings."""
    headlines = corpus()[1]
    blocks = []
    if rng.random() < 0.15:
        blocks.append(f"{district}区{rng.choice(EVENTS)}召开")  # kicker
    blocks.append(heading + rng.choice(headlines))
    if rng.random() < 0.15:
        blocks.append(f"——{rng.choice(headlines)}")  # deck
    elif rng.random() < 0.1:
        blocks.append(f"{rng.choice(headlines)} {rng.choice(headlines)}")  # two-part headline
    day = f"{date.year}年{date.month}月{date.day}日" if full_date else f"{date.month}月{date.day}日"
    blocks.append(f"本报讯({byline(rng)}){day},{district}区" + rng.choice(paragraphs))
    for _ in range(rng.randrange(2, 7)):
        if rng.random() < 0.1:
            blocks.append(("### " if heading else "") + rng.choice(headlines))
        blocks.append(layout_break(rng.choice(paragraphs), rng))
    if continued_on:
        blocks[-1] += f"(下转{continued_on}版)"
    if rng.random() < 0.1:
        blocks.append(f"{rng.choice(REPORTERS)}摄")
    return blocks


def commentary(rng: random.Random, paragraphs: tuple[str, ...], heading: str) -> list[str]:
    headlines = corpus()[1]
    return [heading + rng.choice(headlines), f"●{rng.choice(COMMENTATORS)}",
            *(layout_break(rng.choice(paragraphs), rng) for _ in range(rng.randrange(3, 6)))]


def photo(rng: random.Random, paragraphs: tuple[str, ...], date: datetime.date, heading: str) -> list[str]:
    headlines = corpus()[1]
    caption = f"{date.month}月{date.day}日," + rng.choice(paragraphs)
    if rng.random() < 0.3:
        caption += "(详见2版)"
    credit = (f"记者 {rng.choice(REPORTERS)} 通讯员 {rng.choice(REPORTERS)} 摄影报道" if rng.random() < 0.5
              else f"{rng.choice(REPORTERS)}摄")
    return [heading + rng.choice(headlines), caption, credit]


def bulletin_article(rng: random.Random, district: str) -> list[str]:
    """A bulletin report: section, headline, numbered sub-headings and points, the sending office."""
    paragraphs, headlines = corpus()
    blocks = [f"【{rng.choice(SECTIONS)}】", rng.choice(headlines), rng.choice(paragraphs)]
    for n in range(rng.randrange(1, 4)):
        blocks.append(f"{ORDINALS[n]}、{rng.choice(headlines)}")
        for k in range(rng.randrange(1, 4)):
            blocks.append(layout_break(f"{k + 1}. {rng.choice(paragraphs)}", rng))
    blocks.append(f"({district}区文明办)")
    return blocks


def masthead(style: str, n: int, district: str, paper: str, date: datetime.date) -> list[str]:
    week = WEEKDAYS[date.weekday()]
    if style == "paper":  # 石景山报
        return [paper, "", f"{date.year}年{date.month}月{date.day}日 星期{week}",
                f"第{n // 16 % 52 + 1}期(总第{1000 + n // 16}期)本期8版", f"中共{district}区委宣传部主办",
                "准印证号京内资准字2003-L0007", f"{district}新闻网http://www.example.gov.cn", "",
                "●区政府:12345", "●自来水:68840911", "●供电:95598", "", "", "", f"北京{district}公众号"]
    if style == "weekly":  # 新东城报
        return [f"{date.year}年{date.month}月{date.day}日 星期{week}", "本期4版", f"总第{500 + n // 16}期",
                "www.example.net", "", paper, "", "DISTRICT WEEKLY", "", f"努力打造“文化{district}”“活力{district}”",
                "", f"中共北京市{district}区委宣传部主办", "", f"{district}区融媒体中心出版", "",
                "准印证号:京内资准字0707-L0117"]
    if style == "bulletin":  # 首都精神文明建设情况简报
        # City-wide, numbered across the whole archive: two in one day are two issues, not a duplicate.
        return [BULLETIN, "", f"第 {n % 60 + 1} 期", "", f"(总第 {2000 + n} 期)", "", "首都精神文明办", "",
                f"{date.year} 年 {date.month} 月 {date.day} 日"]
    return []


BULLETIN_COLOPHON = ["责编：梅雪峰", "核稿：田文松", "电话：55569506", "传真：55569505", "邮箱：example@163.com",
                     "报：中央文明办，首都文明委主任、副主任，市委、市人大、市政府、市政协。",
                     "送：首都文明委委员，市委、市政府各部委办局，各总公司、高等院校，市级群众团体。",
                     "发：各区委书记、区长、宣传部长，各区文明办，有关新闻单位。"]


def issue_date(n: int) -> datetime.date:
    """One issue a paper every 29 days from 2015, each district on its own day: 2,000 issues span the
    decade, and a later issue is a later day (up to there)."""
    slot, district = divmod(n, len(DISTRICTS))
    return datetime.date(2015, 1, 1) + datetime.timedelta(days=(slot * 29 + district) % 3652)


def issue_files(n: int, seed: int = 1) -> dict[str, str]:
    """Issue n's files: {file name: text}, the text file and, for some masthead-less issues, a sidecar."""
    rng = random.Random(f"{seed}-{n}")
    district = DISTRICTS[n % len(DISTRICTS)]
    paper = PAPERS.get(district, f"{district}报")
    date = issue_date(n)
    style = rng.choice(STYLES)
    name = f"{n:05d}"
    files: dict[str, str] = {}
    if style == "bulletin":
        articles = [bulletin_article(rng, rng.choice(DISTRICTS)) for _ in range(rng.randrange(1, 4))]
        tail = BULLETIN_COLOPHON
    else:
        heading = "## " if style == "markdown" else ""
        count = rng.randrange(3, 8)
        jump = rng.randrange(count) if rng.random() < 0.3 else None  # this one goes on to page 2
        # A masthead-less issue has a sidecar giving paper and date, or else a lead that prints the year,
        # for sitegen to infer the date from; then it takes no paragraph naming another year or day, as
        # two issues inferred to the same day would be one issue.
        sidecar = style in ("none", "markdown") and rng.random() < 0.6
        needs_year = style in ("none", "markdown") and not sidecar
        paragraphs = dateless_paragraphs() if needs_year else corpus()[0]
        articles = []
        for k in range(count):
            kind = 1 if needs_year else rng.random()  # the lead that prints the year comes first
            if kind < 0.1:
                articles.append(commentary(rng, paragraphs, heading))
            elif kind < 0.18:
                articles.append(photo(rng, paragraphs, date, heading))
            else:
                articles.append(news(rng, paragraphs, district, date, heading, 2 if k == jump else None,
                                     full_date=needs_year))
                needs_year = False
        if jump is not None:  # its rest, on a later page
            articles.append([f"(上接1版){rng.choice(paragraphs)}", layout_break(rng.choice(paragraphs), rng)])
        elif rng.random() < 0.1:  # the rest of an article from an issue not in the archive
            articles.append([f"(上接1版){rng.choice(paragraphs)}"])
        tail = [f"责编：{rng.choice(REPORTERS)}"] if style in ("paper", "weekly") and rng.random() < 0.3 else []
        if sidecar:
            files[f"{name}.toml"] = f'publication = "{paper}"\ndate = {date.isoformat()}\n'
    top = masthead(style, n, district, paper, date)
    parts = (["\n".join(top)] if top else []) + ["\n\n".join(a) for a in articles] + (["\n\n".join(tail)] if tail else [])
    files[f"{name}.txt"] = "\n\n" + "\n\n\n\n".join(parts) + "\n"
    return files


def write_issue(n: int, out: Path, seed: int = 1) -> list[Path]:
    """Write issue n's files into out; return their paths."""
    paths = []
    for name, text in issue_files(n, seed).items():
        (out / name).write_text(text, encoding="utf-8")
        paths.append(out / name)
    return paths


def generate(issues: int, out: Path, seed: int = 1) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for n in range(issues):
        write_issue(n, out, seed)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--issues", type=int, default=200)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    generate(args.issues, args.out, args.seed)


if __name__ == "__main__":
    main()
