"""Write stories into the store: recompute them from every stored article, in one transaction.

Recomputing everything (rather than attaching new articles to old stories) keeps the stories a pure
function of the stored articles, so an ingest killed at any moment and run again, or the same files
ingested in two runs instead of one, end with exactly the same ``stories`` rows and
``articles.story_id`` values. ``story_runs`` remembers which articles were clustered, so a rerun that
added nothing does not pay for clustering again.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict

from khabar.dedup.stories import LEAD_CHARS, Story, StoryInput, build_stories


def story_inputs(connection: sqlite3.Connection) -> list[StoryInput]:
    """Every stored article as clustering sees it (headline, lead, date, outlet, entity keys)."""
    entities: dict[int, list[str]] = defaultdict(list)
    for article_id, key in connection.execute(
        "SELECT article_id, key FROM entities ORDER BY article_id, key"
    ):
        entities[article_id].append(key)
    return [
        StoryInput(row[0], row[1], row[2] or "", row[3], row[4], tuple(entities.get(row[0], ())))
        for row in connection.execute(
            "SELECT id, headline, substr(text, 1, ?), published, outlet FROM articles ORDER BY id",
            (LEAD_CHARS,),
        )
    ]


def _state(connection: sqlite3.Connection) -> tuple[int, int]:
    return tuple(connection.execute("SELECT coalesce(max(id), 0), count(*) FROM articles").fetchone())


def update_stories(connection: sqlite3.Connection, *, force: bool = False) -> int | None:
    """Recluster when articles changed since the last run (or ``force``); return the number of
    stories written, or None when nothing had changed."""
    state = _state(connection)
    done = connection.execute("SELECT max_article_id, articles FROM story_runs").fetchone()
    if not force and done is not None and tuple(done) == state:
        return None
    stories = build_stories(story_inputs(connection))
    write_stories(connection, stories, state)
    return len(stories)


def write_stories(connection: sqlite3.Connection, stories: list[Story], state: tuple[int, int]) -> None:
    """Replace the stories and ``articles.story_id`` in one transaction (a kill leaves the old ones)."""
    cursor = connection.cursor()
    cursor.execute("BEGIN IMMEDIATE")
    try:
        cursor.execute("UPDATE articles SET story_id = NULL WHERE story_id IS NOT NULL")
        cursor.execute("DELETE FROM stories")
        cursor.executemany(
            "INSERT INTO stories (id, headline, first_published, last_published, size, outlets)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            [(s.id, s.headline, s.first_published, s.last_published, s.size, s.outlets) for s in stories],
        )
        cursor.executemany(
            "UPDATE articles SET story_id = ? WHERE id = ?",
            [(story.id, article_id) for story in stories for article_id in story.article_ids],
        )
        cursor.execute("DELETE FROM story_runs")
        cursor.execute("INSERT INTO story_runs (max_article_id, articles) VALUES (?, ?)", state)
        cursor.execute("COMMIT")
    except BaseException:
        cursor.execute("ROLLBACK")
        raise
