from django.urls import path

from . import views

app_name = "youth"

urlpatterns = [
    path("jongeren/", views.YoungPeopleView.as_view(), name="list"),
    path("jongeren/<uuid:person_uuid>/big5/", views.PlanView.as_view(), name="plan"),
    path("jongeren/<uuid:person_uuid>/big5/afsluiten/", views.CloseView.as_view(), name="close"),
]
