from django.contrib.auth import views as auth_views
from django.urls import path

from .views import home, password, security, signin

app_name = "accounts"
urlpatterns = [
    path("", home.home, name="home"),
    path("login/", signin.SignInView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("two-factor/", signin.two_factor, name="two_factor"),
    path("reauth/", signin.reauth, name="reauth"),
    path("account/", security.security, name="security"),
    path("account/two-factor/setup/", security.two_factor_setup, name="two_factor_setup"),
    path(
        "account/two-factor/disable/",
        security.two_factor_disable_view,
        name="two_factor_disable",
    ),
    path("account/backup-codes/", security.backup_codes, name="backup_codes"),
    path("password/change/", password.password_change, name="password_change"),
    path("password/reset/", password.PasswordResetView.as_view(), name="password_reset"),
    path(
        "password/reset/sent/",
        password.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        password.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/done/",
        password.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]
