"""Included at /staff/ (inside the language prefixes): organisations and members under
/staff/organizations/, invitation links at /staff/invitations/<token>/, a municipality's
policy at /staff/municipalities/<code>/policy/, coordinators at /staff/coordinators/."""

from django.urls import path

from . import views

app_name = "organizations"
urlpatterns = [
    path("organizations/", views.organization_list, name="list"),
    path("organizations/register/", views.organization_register, name="register"),
    path("organizations/<uuid:pk>/", views.organization_detail, name="detail"),
    path("organizations/<uuid:pk>/invite/", views.invite, name="invite"),
    path(
        "organizations/<uuid:pk>/members/<int:membership_id>/role/",
        views.member_role,
        name="member_role",
    ),
    path(
        "organizations/<uuid:pk>/members/<int:membership_id>/remove/",
        views.member_remove,
        name="member_remove",
    ),
    path(
        "organizations/<uuid:pk>/invitations/<int:invitation_id>/withdraw/",
        views.invitation_withdraw,
        name="invitation_withdraw",
    ),
    path("invitations/<str:token>/", views.invitation_accept, name="accept"),
    path("municipalities/<str:code>/policy/", views.policy, name="policy"),
    path("coordinators/", views.coordinators, name="coordinators"),
]
