from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("profiel/", views.profile_view, name="profile"),
    path("mijn-gegevens/", views.my_data_view, name="my_data"),
    path("mijn-gegevens/download/", views.my_data_download_view, name="my_data_download"),
    path("verwijderen/", views.account_delete_view, name="delete"),
]
