"""Staff roles: the Trainers group exists and one selector says who counts as staff."""

import pytest
from django.contrib.auth.models import AnonymousUser, Group, Permission

from accounts.roles import EDITORS, MODERATORS, STAFF_GROUPS, TRAINERS
from accounts.selectors import user_is_staff_role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_migrations_leave_the_three_staff_groups():
    assert set(Group.objects.filter(name__in=STAFF_GROUPS).values_list("name", flat=True)) == {
        TRAINERS,
        EDITORS,
        MODERATORS,
    }


@pytest.mark.parametrize("group", [TRAINERS, EDITORS, MODERATORS])
def test_members_of_a_staff_group_are_staff(group):
    assert user_is_staff_role(user=UserFactory(groups=[group]))


def test_superusers_are_staff():
    assert user_is_staff_role(user=UserFactory(is_superuser=True))


def test_any_group_with_wagtail_admin_access_makes_staff():
    group = Group.objects.create(name="Webredactie gemeente")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    assert user_is_staff_role(user=UserFactory(groups=[group.name]))


def test_learners_anonymous_and_inactive_users_are_not_staff():
    assert not user_is_staff_role(user=UserFactory())
    assert not user_is_staff_role(user=AnonymousUser())
    assert not user_is_staff_role(user=None)
    assert not user_is_staff_role(user=UserFactory(groups=[EDITORS], is_active=False))
