"""Site chrome and injected spam: recognised, removed, and listed in the import report."""
from __future__ import annotations

import re

from .text_norm import nfkc

# Whole lines that belong to the page, not to the report.
_CHROME_LINE = re.compile(
    r"^(?:分享到|打印本页|关闭窗口|【?打印】?|【?关闭】?|网站地图|返回顶部|上一篇|下一篇|扫一扫|"
    r"当前位置|您的位置|您现在的位置|首页\s*[>›]|【?字体[:：]?|字号[:：]|视力保护色|"
    r"主办单位|承办单位|网站标识码|技术支持|建议使用)"
    r"|Copyright|©|版权所有|ICP备|备案号|公网安备|浏览次数|访问量[:：]|"
    r"^\s*(?:大|中|小)\s*(?:大|中|小)\s*(?:大|中|小)\s*$",
    re.IGNORECASE,
)
# Gambling, pornography and advertising injected into hacked mirrors (§8 SAFE-01).
_SPAM_WORDS = (
    "麻将胡了", "PG电子", "pg电子", "模拟器", "试玩", "博彩", "赌场", "赌博", "百家乐", "老虎机", "棋牌",
    "真人娱乐", "娱乐平台", "电子游戏", "捕鱼", "爆率", "开云", "体育app", "威尼斯人", "葡京", "AG真人", "必威", "乐鱼", "九游", "华体会", "亚博", "米乐",
)
_WORDS = "(?:" + "|".join(re.escape(w) for w in _SPAM_WORDS) + ")"
_SPAM = re.compile(
    _WORDS + r"[^\s、，,。；;：:!！?？|]{0,20}?(?:官方版下载|最新版下载|下载安装|下载|官网|官方网站|平台|入口|app|APP)"
    "|" + _WORDS
)


def is_chrome_line(text: str) -> bool:
    t = nfkc(text).strip()
    return bool(t) and len(t) < 120 and bool(_CHROME_LINE.search(t))


def strip_spam(text: str) -> tuple[str, list[str]]:
    """Remove injected spam phrases from a line; return the clean line and what went."""
    found = [m.group(0) for m in _SPAM.finditer(text)]
    if not found:
        return text, []
    return _SPAM.sub("", text), found


def is_spam_line(text: str) -> bool:
    """A line that is mostly spam (a footer of a hacked mirror)."""
    clean, found = strip_spam(text)
    return bool(found) and len(clean.strip()) < 0.5 * len(text.strip()) + 20 and len(text) < 200
