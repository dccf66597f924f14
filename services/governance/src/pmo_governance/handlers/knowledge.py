"""Handlers of the knowledge repository; each re-indexes the entry for text and tag search."""
from __future__ import annotations

from datetime import datetime
from uuid import UUID

from sqlalchemy import Connection, delete, insert

from pmo_governance.commands.knowledge import RecordLesson, WriteArticle
from pmo_governance.domain.article import Article
from pmo_governance.domain.lesson import Lesson
from pmo_governance.handlers.rows import replace_row
from pmo_governance.tables import knowledge_entries, knowledge_tags
from pmo_shared.eventstore.uow import UnitOfWork
from pmo_shared.kernel.ids import new_id


async def record_lesson(cmd: RecordLesson, uow: UnitOfWork, now: datetime) -> Lesson:
    return _indexed_lesson(uow, Lesson.record(new_id(), cmd), now)


async def revise_lesson(lesson_id: UUID, cmd: RecordLesson, uow: UnitOfWork,
                        now: datetime) -> Lesson:
    lesson = await uow.get(Lesson, lesson_id)
    lesson.revise(cmd)
    return _indexed_lesson(uow, lesson, now)


async def publish_article(cmd: WriteArticle, uow: UnitOfWork, now: datetime) -> Article:
    return _indexed_article(uow, Article.publish(new_id(), cmd), now)


async def revise_article(article_id: UUID, cmd: WriteArticle, uow: UnitOfWork,
                         now: datetime) -> Article:
    article = await uow.get(Article, article_id)
    article.revise(cmd)
    return _indexed_article(uow, article, now)


def _indexed_lesson(uow: UnitOfWork, lesson: Lesson, now: datetime) -> Lesson:
    uow.save(lesson)
    e = lesson.latest
    text = " ".join((e.title, e.what_happened, e.impact, e.recommendation))
    uow.also(lambda conn: index(conn, {
        "entry_id": str(lesson.id), "kind": "lesson", "project_id": str(e.project_id),
        "phase": e.phase, "title": e.title, "version": e.version, "search_text": text.lower(),
        "updated_at": now}, e.tags))
    return lesson


def _indexed_article(uow: UnitOfWork, article: Article, now: datetime) -> Article:
    uow.save(article)
    e = article.latest
    uow.also(lambda conn: index(conn, {
        "entry_id": str(article.id), "kind": "article", "project_id": None, "phase": None,
        "title": e.title, "version": e.version,
        "search_text": f"{e.title} {e.body}".lower(), "updated_at": now}, e.tags))
    return article


def index(conn: Connection, entry: dict[str, object], tags: list[str]) -> None:
    replace_row(conn, knowledge_entries, "entry_id", entry)
    conn.execute(delete(knowledge_tags).where(knowledge_tags.c.entry_id == entry["entry_id"]))
    if tags:
        conn.execute(insert(knowledge_tags),
                     [{"entry_id": entry["entry_id"], "tag": tag} for tag in tags])
