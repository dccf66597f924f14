from datetime import date
from decimal import Decimal
from uuid import uuid4

import pytest

from pmo_governance.commands.issues import RaiseIssue, ResolveIssue, ReviseIssue
from pmo_governance.commands.knowledge import RecordLesson, WriteArticle
from pmo_governance.domain.article import Article
from pmo_governance.domain.errors import InvalidInput
from pmo_governance.domain.issue import Issue
from pmo_governance.domain.lesson import Lesson
from pmo_governance.domain.register import RiskRegister, register_id_for
from pmo_governance.domain.scoring import Scoring
from pmo_shared.events.governance import RiskRegisterConfigured
from pmo_shared.kernel.errors import InvalidTransition
from tests.unit.governance.builders import PROJECT


def raised(severity: str = "high") -> Issue:
    return Issue.raise_(uuid4(), RaiseIssue(project_id=PROJECT, title="late delivery",
                                            description="", severity=severity, owner_id=uuid4()))


def test_an_issue_is_open_until_resolved_and_resolved_once():
    issue = raised()
    assert issue.status == "open"
    resolve = ResolveIssue(issue_id=issue.id, resolution="second vendor",
                           resolved_on=date(2027, 3, 9))
    issue.resolve(resolve)
    assert (issue.status, issue.resolution) == ("resolved", "second vendor")
    with pytest.raises(InvalidTransition):
        issue.resolve(resolve)


def test_a_resolved_issue_is_not_revised():
    issue = raised()
    issue.resolve(ResolveIssue(issue_id=issue.id, resolution="x", resolved_on=date(2027, 1, 1)))
    with pytest.raises(InvalidTransition):
        issue.revise(ReviseIssue(issue_id=issue.id, title="t", description="",
                                 severity="low", owner_id=uuid4()))


def test_an_unknown_severity_is_refused_with_a_pointer():
    with pytest.raises(InvalidInput) as refused:
        raised("urgent")
    assert refused.value.extensions["pointer"] == "#/severity"


def test_a_register_id_is_derived_from_its_project():
    assert register_id_for(PROJECT) == register_id_for(PROJECT) != register_id_for(uuid4())


def test_a_configured_register_replays_its_scales():
    register = RiskRegister.of_project(PROJECT)
    scoring = Scoring((Decimal("0.2"), Decimal("0.8")), (Decimal("0.5"), Decimal("1")), 3)
    register.configure(scoring)
    [event] = register.pending_events
    assert isinstance(event, RiskRegisterConfigured)
    replayed = RiskRegister.replay(register.id, [event])
    assert (replayed.scoring, replayed.version) == (scoring, 1)


def lesson_cmd(**overrides) -> RecordLesson:
    values = {"project_id": PROJECT, "phase": "execution", "title": "Book environments",
              "what_happened": "w", "impact": "i", "recommendation": "r",
              "tags": ("Testing", " testing ", "UAT")}
    return RecordLesson(**{**values, **overrides})


def test_tags_are_lower_cased_and_kept_once():
    lesson = Lesson.record(uuid4(), lesson_cmd())
    assert lesson.latest.tags == ["testing", "uat"]


def test_a_blank_tag_is_refused():
    with pytest.raises(InvalidInput):
        Lesson.record(uuid4(), lesson_cmd(tags=("  ",)))


def test_a_lesson_revision_is_a_new_version_on_the_same_project():
    lesson = Lesson.record(uuid4(), lesson_cmd())
    lesson.revise(lesson_cmd(title="Book environments at planning"))
    assert [v.version for v in lesson.versions] == [1, 2]
    with pytest.raises(InvalidInput):
        lesson.revise(lesson_cmd(project_id=uuid4()))


def test_an_article_is_versioned():
    article = Article.publish(uuid4(), WriteArticle(title="Gates", body="b", tags=()))
    article.revise(WriteArticle(title="Gates, revised", body="b2", tags=("gates",)))
    assert [(v.version, v.title) for v in article.versions] == [(1, "Gates"),
                                                               (2, "Gates, revised")]


def test_an_issue_links_only_a_risk_of_its_own_project():
    cmd = RaiseIssue(project_id=PROJECT, title="t", description="", severity="low",
                     owner_id=uuid4(), risk_id=uuid4())
    with pytest.raises(InvalidInput) as refused:
        Issue.raise_(uuid4(), cmd, risk_project_id=uuid4())
    assert refused.value.extensions["pointer"] == "#/risk_id"
    assert Issue.raise_(uuid4(), cmd, risk_project_id=PROJECT).risk_id == cmd.risk_id
