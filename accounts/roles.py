"""The staff roles as Django groups. Administrators are superusers, not a group.

Editors and Moderators are Wagtail's own groups (created by Wagtail's migrations); Trainers is
ours (created by ``accounts`` migration 0002). Other apps refer to the names through these
constants, never by literal strings.
"""

TRAINERS = "Trainers"
EDITORS = "Editors"
MODERATORS = "Moderators"

STAFF_GROUPS = (TRAINERS, EDITORS, MODERATORS)
