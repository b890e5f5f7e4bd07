"""Tell which lines of a headline stack are one headline the column cut, from the grammar of the lines."""
from __future__ import annotations

import re

from .lines import ISSUER, NOTICE_ABOUT, is_deck_like

SUBJECTLESS = re.compile(r"^(?:将于|将在|已于|定于|拟于)")
"""A headline line opening with when its news is planned or was done has no subject: 将于5月25日启动."""
COUNT_ONLY = re.compile(r"^\d+(?:\.\d+)?\s*(?:万|亿)?(?:人次|个|处|名|人|户|家|辆|场|所|座|台|件|项|次|元|吨|条|部|套|间|张|株|棵"
                        r"|份|亩|公顷|公里|千米|平方米|米|岁|天|%|％)(?:以上|左右|余)?$")
"""A headline line that is only a count (3万人次): no line of a stack says only that; it is the end of the line above,
cut by the column before its figure (首晚客流超过 / 3万人次)."""
OPEN_END = re.compile(r"(?:(?<!目)的|、|以及|及其|并且|被|把)$")
"""A line ending in a particle, a conjunction or a preposition (…的, …以及, …、) is not a phrase on its own. Endings
that also close whole words (参与, 普及, 祥和, 应对, 有为, 礼让) are left out."""
PRONOUN_END = re.compile(r"[，,]\s*(?:我们|你们|他们|她们|咱们|大家)$")
"""A line whose last clause is only its subject, a pronoun after a comma (防汛，我们), says nothing of it: the next line
is its predicate (准备好了)."""
COVERB_OPEN = re.compile(r"^(?:以|用|靠|凭|借|把|将|让)[^\s，,]+?(?<!为)"
                         r"(?:引领|推动|促进|带动|助推|推进|提升|打造|赋能|激活|点亮|擦亮|筑牢|深化|优化|改善|描绘|谱写|绘就|开启)$")
"""A line opening with a coverb and ending in a verb that takes an object (以新发展理念引领) lacks that object: the
next line is it (回天地区高质量发展). 以党建为引领 is whole: 为 makes 引领 a noun."""
ACTOR_END = re.compile(r"(?:中心|委员会|局|院|所|站|队|协会|学校|校区|医院|公司|政府|机关|部门|街道|社区|小区|院落|胡同|楼门|镇|乡|村"
                       r"|平台|装置|号线|南段|北段|东段|西段|中段)$")
"""A bare line naming who acts or what is acted on: an office, a centre, a school, a street, a village, housing
estates or courtyards, a platform, a research facility or a line's section (社区卫生服务中心, 首批8个老旧小区, 第二批院落,
…服务平台, …实验装置, 地铁16号线南段)."""
NUMBERED_PART_END = re.compile(r"[\u4e00-\u9fff](?:[一二三四五六七八九十]|\d{1,2})(?:期|号楼|号院|标段)$")
"""A name ending in a numbered part of the thing it names (城市绿心森林公园三期, …3号楼, …二标段): a bare name of what
is acted on, whatever the name."""
ACTION_START = re.compile(r"^(?:今年|年内|本月|近日|日前|新学期|新学年)?(?:开展|举办|举行|启动|推出|开通|开设|组织|召开|发布|设立|成立|完成"
                          r"|实现|获评|荣获|获得|走进|迎来|新增|建成|打造|上线|开放|率先|持续|积极|首次|集中|预计|有望)")
"""A line opening with what is done (开展免费义诊), also after when (新学期迎来…), or what is expected (预计年底具备…):
a predicate with no subject of its own."""
CONJUNCTION_OPEN = re.compile(r"^(?:和|及|以及)(?!谐|平|睦|美|煦|气|善|合|声|风)[\u4e00-\u9fff“”]+$")
"""A line opening with and (和教育工作者, 及其家属) adds to the line above the column cut it from: no line of a stack
opens so (和谐, 和平 open words of their own)."""
WORK_DONE_ON = re.compile(r"(?:改造|建设|整治|修缮|提升|治理|扩建|新建|改建|修复|更新)$")
WORK_NOUN_OPEN = re.compile(r"^(?:工程|项目|工作)")
"""A line ending in work done (…架空线入地改造) over one opening with the work's noun (工程完工): 改造工程, one compound
the column cut in two."""
WORK_STAGE_OPEN = re.compile(r"^(?:前期|筹建|后续|配套|[一二三四]期)(?:工程|项目|工作)")
"""A line opening with a stage of the work (前期工作取得…, 筹建工作启动, 二期工程…) says whose work only with the name above
it (…实验装置 / 前期工作取得阶段性进展): one headline."""
PLACE_WORKED = re.compile(r"(?:加快|推进|推动|加强|实施|启动|开展)[\u4e00-\u9fff]{0,8}(?:园区|片区|小区|社区|街区|道路|河道|村|镇)$")
"""A line ending in a verb that drives work and the place it is done in (杨宋镇加快产业园区): the work itself is the
line below (基础设施建设): 加快 takes the building, not the place."""
WORK_ONLY = re.compile(r"^[\u4e00-\u9fff]{0,8}(?:建设|改造|整治|治理|修缮|提升)$")
"""A line naming only the work done, with no verb of its own: 基础设施建设, 综合整治."""
WHEN_AFTER = re.compile(r"(?<!背)(?<!幕)(?<!落)(?<!最)(?<!然)(?<!今)(?<!此)(?<!前)(?<!以)(?<!过)(?<!随)(?<!之)后$")
"""A line ending in 后 after what happened first (永定河生态补水后) is a clause of when, its news in the line below
(门头沟段首次实现全线通水); 背后, 最后, 今后… are words of their own."""

QUESTION_ONLY = re.compile(r"^(?:如何|怎么|怎样|为何|为啥|何时|哪里)[\u4e00-\u9fff]{1,4}[？?]$")
"""A line that is only a question word and its verb (如何申请？) asks about the thing the line above names (商务区人才公寓):
one headline the column cut."""
CLAUSE_END = re.compile(r"[，,]$")
"""A line ending in a clause comma (——工地日均3000余名建设者同时作业，) is unfinished: its sentence goes on in the line
below, whatever that line opens with (明年将完成主体结构封顶)."""

OBJECT_WANTED = re.compile(r"(?<!作出)(?<!进行)(?<!统一)(?<!开展)(?<!专题)(?:部署|研究|谋划|做好|抓好|落实|调研|视察|督导)$")
"""A line ending in a verb that takes what it acts on (…村民代表会议部署, …召开会议研究) is cut before its object: the
next line is it (夏季重点工作, 区领导调研 / 山区镇防汛准备工作). 作出部署, 统一部署 and 开展调研 are nouns: the phrase ends
there."""

JOINED = "a line that is not a phrase on its own (…引领, …的, 将于…, a bare count): one headline the column cut"
BARE_SUBJECT = ("a bare name of who acts over what it does (社区卫生服务中心 / 开展免费义诊): one headline the column "
                "cut (guess)")
"""The call on a bare subject over its predicate: some papers set the subject alone as the kicker, and plain text
cannot tell; sitegen check shows it with the fix that makes the first line the kicker."""


def join_cut_lines(texts: list[str]) -> tuple[list[list[int]], str | None]:
    """Group the lines of a stack (by index) into the lines the paper meant, joining a line the column cut to the one
    it belongs with; return the groups and the rule that joined any (None where none did)."""
    # The rule, from the grammar of a stack: a kicker, a headline and a deck are each a phrase on its own. A line
    # that is not one joins the line it needs: one that opens with when its news is planned or done (将于…, no
    # subject of its own) or is only a count (3万人次) ends the line above; one that ends in a particle, conjunction
    # or preposition (…的, …以及), in a verb its coverb leaves without an object (以新发展理念引领) or in a clause that is
    # only its pronoun subject (防汛，我们) goes on in the line below. A bare name of who acts (社区卫生服务中心) or of
    # what is acted on (第二批院落, a numbered part of anything named, 城市绿心森林公园三期) over a line opening with what
    # it does (开展免费义诊, 年内新增…) is subject and predicate of one headline, taken so as a guess (a line ending in
    # any other word may be a statement over its dashless deck, 我区65个养老驿站全部运营 / 年内实现街道全覆盖); a topic
    # named over a full statement of its own
    # (城市绿心森林公园 / 夏日游人如织) or a name in quotes (社区“四点半课堂”) stays the kicker. A dash deck never joins.
    # A notice's issuer over 关于…的通告 is the first words of its title (景山街道办事处 / 关于开展…的通告).
    # A line opening with 和 (和教育工作者) ends the line above, and so does the work's noun under the work (…入地改造 /
    # 工程完工): the column cut one phrase. A line ending in a comma goes on in the line below (a dash deck too), and
    # so does one ending in a verb that wants its object (…会议部署 / 夏季重点工作), in a clause of when (…补水后) or in a verb
    # driving work and its place (加快…园区 / 基础设施建设). A line that is a stage of the work (前期工作…) under a bare name,
    # or a question word and its verb (如何申请？), ends the line above.
    groups: list[list[int]] = [[0]]
    call: str | None = None
    for j in range(1, len(texts)):
        above = "".join(texts[g] for g in groups[-1])
        text = texts[j]
        if is_deck_like(text):
            groups.append([j])
        elif SUBJECTLESS.match(text) or COUNT_ONLY.match(text) or QUESTION_ONLY.match(text) or OPEN_END.search(above) or COVERB_OPEN.match(above) \
                or CLAUSE_END.search(above) or OBJECT_WANTED.search(above) and not ACTION_START.match(text) \
                or PRONOUN_END.search(above) \
                or CONJUNCTION_OPEN.match(text) or WORK_DONE_ON.search(above) and WORK_NOUN_OPEN.match(text) \
                or PLACE_WORKED.search(above) and WORK_ONLY.match(text) \
                or len(groups[-1]) == 1 and len(above) >= 5 and WHEN_AFTER.search(above) and not is_deck_like(text) \
                or len(groups[-1]) == 1 and ACTOR_END.search(above) and WORK_STAGE_OPEN.match(text) \
                or len(groups[-1]) == 1 and NOTICE_ABOUT.match(text) and ISSUER.match(above):
            groups[-1].append(j)
            call = call or JOINED
        elif len(groups[-1]) == 1 and (ACTOR_END.search(above) or NUMBERED_PART_END.search(above)) \
                and " " not in above.strip() and "　" not in above and ACTION_START.match(text):
            groups[-1].append(j)
            call = BARE_SUBJECT
        else:
            groups.append([j])
    return groups, call
