"""Pages as Markdown or plain text for people; JSON is ``Page.to_json``."""

from __future__ import annotations

from khabar.records import Article, Caption, Page


def _caption(caption: Caption) -> str:
    credit = (
        f" ({caption.credit}" + (f" → {caption.agency})" if caption.agency else ")") if caption.credit else ""
    )
    date = f" [{caption.date}]" if caption.date else ""
    return f"{caption.text}{credit}{date}"


def article_markdown(article: Article) -> str:
    out: list[str] = [f"# {article.headline or '(بلا عنوان)'}"]
    if article.subtitle:
        out.append(f"**{article.subtitle}**")
    facts = []
    if article.published.date:
        facts.append(f"التاريخ: {article.published.date} ({article.published.how})")
    for byline in article.bylines:
        facts.append("بقلم: " + " — ".join(part for part in (byline.author, byline.dateline) if part))
    if article.section:
        facts.append(f"القسم: {article.section}")
    if facts:
        out.append("\n".join(f"- {fact}" for fact in facts))
    for caption in article.captions:
        out.append(f"> 📷 {_caption(caption)}")
    for block in article.blocks:
        out.append(f"## {block.text}" if block.kind == "subheading" else block.text)
    if article.dates:
        out.append("### التواريخ\n" + "\n".join(f"- «{d.text}» → {d.value}" for d in article.dates))
    if article.entities:
        out.append(
            "### الكيانات\n"
            + "\n".join(
                f"- {e.name} ({e.type}{', ' + e.wikidata if e.wikidata else ''})" for e in article.entities
            )
        )
    if article.quotes:
        out.append(
            "### الاقتباسات\n"
            # The span keeps its own guillemets: a mixed quote quotes only part of what was said.
            + "\n".join(
                f"- {q.speaker_text or '?'} ({q.verb or '-'}, {q.kind}): {q.text}" for q in article.quotes
            )
        )
    if article.events:
        out.append(
            "### الأحداث\n"
            + "\n".join(
                f"- {e.type}{'/' + e.mode if e.mode else ''} [{e.factuality}] {e.begin or ''}"
                f"{'..' + e.end_date if e.end_date and e.end_date != e.begin else ''}: {e.text}"
                for e in article.events
            )
        )
    if article.related:
        lines = ["### مقالات ذات صلة"]
        for teaser in article.related:
            byline = teaser.byline
            who = " — ".join(p for p in ((byline.author, byline.dateline) if byline else ()) if p)
            lines.append(f"- [{teaser.section or ''}] **{teaser.title}** {who}".rstrip())
        out.append("\n".join(lines))
    return "\n\n".join(out)


def page_markdown(page: Page) -> str:
    header = f"<!-- {page.source}"
    header += f" · {page.encoding}" if page.encoding else ""
    header += f" · problem: {page.problem}" if page.problem else ""
    header += " -->"
    return "\n\n---\n\n".join([header] + [article_markdown(article) for article in page.articles])


def page_text(page: Page) -> str:
    parts = []
    for article in page.articles:
        head = "\n".join(part for part in (article.headline, article.subtitle) if part)
        parts.append(f"{head}\n\n{article.text}" if head else article.text)
    return "\n\n\n".join(parts)
