from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("inloggen/", views.LoginView.as_view(), name="login"),
    path("inloggen/code/", views.VerifyView.as_view(), name="verify"),
    path("inloggen/authenticator-koppelen/", views.EnrolView.as_view(), name="enrol"),
    path("inloggen/rol-kiezen/", views.ChooseRoleView.as_view(), name="choose-role"),
    path("uitloggen/", views.LogoutView.as_view(), name="logout"),
    path("account/", views.AccountView.as_view(), name="account"),
    path("account/reservecodes/", views.BackupCodesView.as_view(), name="backup-codes"),
    path(
        "account/overal-uitloggen/", views.LogoutEverywhereView.as_view(), name="logout-everywhere"
    ),
    path("account/sessie-verlengen/", views.SessionKeepAliveView.as_view(), name="keep-alive"),
]
