"""The Article aggregate: a versioned best-practice article of the knowledge repository."""
from __future__ import annotations

from typing import Self
from uuid import UUID

from pmo_governance.commands.knowledge import WriteArticle
from pmo_governance.domain.lesson import normal_tags
from pmo_shared.events.base import DomainEvent
from pmo_shared.events.governance import ArticlePublished
from pmo_shared.eventstore.aggregate import Aggregate, UnknownEvent


class Article(Aggregate):
    aggregate_type = "article"

    def __init__(self, aggregate_id: UUID) -> None:
        super().__init__(aggregate_id)
        self.versions: list[ArticlePublished] = []

    @property
    def latest(self) -> ArticlePublished:
        return self.versions[-1]

    @classmethod
    def publish(cls, article_id: UUID, cmd: WriteArticle) -> Self:
        article = cls(article_id)
        article.revise(cmd)
        return article

    def revise(self, cmd: WriteArticle) -> None:
        version = self.latest.version + 1 if self.versions else 1
        self._record(ArticlePublished(article_id=self.id, version=version, title=cmd.title,
                                      body=cmd.body, tags=normal_tags(cmd.tags)))

    def _apply(self, event: DomainEvent) -> None:
        match event:
            case ArticlePublished():
                self.versions.append(event)
            case _:
                raise UnknownEvent(event.event_type)
