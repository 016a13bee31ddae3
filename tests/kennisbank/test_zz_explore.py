import pytest, json, traceback
from django.urls import reverse
from kennisbank.services import kennisbank_import, kennisbank_export
from kennisbank.models import SignalGuidePage, BestPracticePage
from tests.kennisbank.factories import SignalGuidePageFactory, BestPracticePageFactory

pytestmark = pytest.mark.django_db

def test_explore(admin_client, client, guide_index, practice_index, ladder_page):
    g = SignalGuidePageFactory(parent=guide_index, title="Mijn gids", role_slugs=["docent"])
    p = BestPracticePageFactory(parent=practice_index, role_slugs=["docent"])
    print(g.url, p.url, ladder_page.url)
    data = kennisbank_export()
    print(json.dumps(data, default=str)[:3000])
    try:
        print(kennisbank_import(data=json.loads(json.dumps(data, default=str))))
    except Exception:
        traceback.print_exc()
    print(SignalGuidePage.objects.count(), BestPracticePage.objects.count())
    for name in ("list", "add", "edit"):
        try:
            print(name, reverse(f"wagtailsnippets_kennisbank_role:{name}", args=[1] if name=="edit" else []))
        except Exception as e:
            print(name, e)
    r = admin_client.get(reverse("wagtailsnippets_kennisbank_role:add"))
    print("add", r.status_code, r.get("Location"))
    r = admin_client.get(reverse("wagtailsnippets_kennisbank_role:list"))
    print("list", r.status_code)
    html = r.content.decode()
    print("add url in list", reverse("wagtailsnippets_kennisbank_role:add") in html)
    r = client.get(g.url)
    print(r.status_code)
    print(r.content.decode()[:200])
