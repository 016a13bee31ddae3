"""Where each page type may stand, asserted with Wagtail's own page-test assertions, so the tree
editors can build is the tree the templates, breadcrumbs and search expect."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from courses.models import CourseIndexPage, CoursePage, LessonPage
from home.models import HomePage, StatementPage
from kennisbank.models import (
    BestPracticeIndexPage,
    BestPracticePage,
    EvidenceLadderPage,
    SignalGuideIndexPage,
    SignalGuidePage,
)


class PageTreeRulesTest(WagtailPageTestCase):
    def test_the_home_page_stands_at_the_root_and_holds_the_sections(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        # Home names no subpage types (a lower layer does not list the apps above it); each
        # section says it belongs under the home page, and nothing else can be created there.
        for section in (
            StatementPage,
            SignalGuideIndexPage,
            BestPracticeIndexPage,
            EvidenceLadderPage,
            CourseIndexPage,
        ):
            self.assertCanCreateAt(HomePage, section)
        for misplaced in (SignalGuidePage, BestPracticePage, CoursePage, LessonPage, HomePage):
            self.assertCanNotCreateAt(HomePage, misplaced)

    def test_guides_and_practices_live_only_in_their_own_index(self):
        self.assertAllowedSubpageTypes(SignalGuideIndexPage, {SignalGuidePage})
        self.assertAllowedParentPageTypes(SignalGuidePage, {SignalGuideIndexPage})
        self.assertAllowedSubpageTypes(BestPracticeIndexPage, {BestPracticePage})
        self.assertAllowedParentPageTypes(BestPracticePage, {BestPracticeIndexPage})
        for leaf in (SignalGuidePage, BestPracticePage, EvidenceLadderPage, StatementPage):
            self.assertAllowedSubpageTypes(leaf, set())

    def test_lessons_live_only_in_a_course_and_courses_only_in_the_catalogue(self):
        self.assertAllowedSubpageTypes(CourseIndexPage, {CoursePage})
        self.assertAllowedParentPageTypes(CoursePage, {CourseIndexPage})
        self.assertAllowedSubpageTypes(CoursePage, {LessonPage})
        self.assertAllowedParentPageTypes(LessonPage, {CoursePage})
        self.assertAllowedSubpageTypes(LessonPage, set())

    def test_the_section_pages_exist_once(self):
        for model in (
            HomePage,
            SignalGuideIndexPage,
            BestPracticeIndexPage,
            EvidenceLadderPage,
            CourseIndexPage,
        ):
            self.assertEqual(model.max_count, 1, model.__name__)
