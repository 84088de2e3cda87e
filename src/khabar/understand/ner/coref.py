"""Within-article coreference of names, and the roles that introduce people.

«الرئيس الروسي فلاديمير بوتين» … «بوتين» … «الرئيس الروسي»: the first mention carries the role,
the surname alone joins the full name it ends, and a later bare role joins the person it was
given to. Linked mentions group by QID; the rest by a local key «local:PERS:<normalized name>».
"""

from __future__ import annotations

from khabar.understand.ner.features import load_triggers
from khabar.understand.ner.tokens import Token
from khabar.understand.normalize import normalize

MAX_ROLE_TOKENS = 5


def role_before(tokens: list[Token], text: str, start: int) -> tuple[int, str] | None:
    """The title phrase right before a name: «الرئيس الروسي فلاديمير بوتين» → «الرئيس الروسي».

    Scans back over at most five words with no punctuation between; the phrase starts at the
    nearest title word (الرئيس، وزير، الملك ...). Returns (start offset, phrase).
    """
    triggers = load_triggers()
    index = _index_before(tokens, start)
    words: list[Token] = []
    for i in range(index, max(-1, index - MAX_ROLE_TOKENS), -1):
        token = tokens[i]
        if not token.text[0].isalnum():
            break
        words.insert(0, token)
        norm = normalize(token.text)
        if triggers.get(norm) == "TITLE" or triggers.get(norm[1:]) == "TITLE" and norm[0] in "وفبل":
            offset = 1 if triggers.get(norm) != "TITLE" else 0
            begin = words[0].start + offset
            return begin, text[begin:start].strip()
    return None


def _index_before(tokens: list[Token], start: int) -> int:
    low, high = 0, len(tokens)
    while low < high:
        mid = (low + high) // 2
        if tokens[mid].start < start:
            low = mid + 1
        else:
            high = mid
    return low - 1


def local_key(kind: str, name: str) -> str:
    return f"local:{kind}:{normalize(name)}"


def shorter_forms(full: str) -> list[tuple[str, ...]]:
    """The shorter names that stand for this person: its last word(s).

    «فلاديمير بوتين» → [(«بوتين»,)]; a mention «بوتين» is the same person.
    """
    words = full.split()
    return [tuple(words[-k:]) for k in range(1, len(words))]
