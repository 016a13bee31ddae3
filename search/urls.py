from django.urls import path

from . import views

app_name = "search_api"

urlpatterns = [
    path("", views.api_search, name="search"),
    path("suggest/", views.api_suggest, name="suggest"),
]
