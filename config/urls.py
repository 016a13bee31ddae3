from django.conf import settings
from django.urls import include, path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from home import views as home_views
from search import views as search_views

urlpatterns = [
    path("healthz/", home_views.healthz, name="healthz"),
    path("readyz/", home_views.readyz, name="readyz"),
    path(".well-known/security.txt", home_views.security_txt, name="security_txt"),
    # Wagtail's sitemap: the live, public pages of the site the request is for.
    path("sitemap.xml", sitemap, name="sitemap"),
    # Wagtail's own login and reset views would bypass allauth's limits, verification and MFA.
    path(
        "beheer/login/",
        RedirectView.as_view(pattern_name="account_login", query_string=True, permanent=False),
    ),
    path(
        "beheer/password_reset/",
        RedirectView.as_view(pattern_name="account_reset_password", permanent=False),
    ),
    path("beheer/", include(wagtailadmin_urls)),
    path("documenten/", include(wagtaildocs_urls)),
    path("account/", include("accounts.urls")),
    path("account/", include("allauth.urls")),
    path("zoeken/", search_views.search_view, name="search"),
    path("api/v1/search/", include("search.urls")),
    path("", include("kennisbank.urls")),
    path("", include("courses.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
