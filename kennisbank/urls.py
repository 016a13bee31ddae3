from django.urls import path

from . import views

app_name = "kennisbank"
urlpatterns = [
    path("deel-uw-praktijk/", views.practice_share_view, name="share"),
    path("mijn-inzendingen/", views.my_submissions_view, name="my_submissions"),
]
