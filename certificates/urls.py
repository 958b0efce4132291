"""Certificate URLs. Included in the i18n patterns, so Korean (the default)
is unprefixed: /verify/<code> and /badges/... are stable as printed and signed,
and the English pages live under /en/."""

from django.urls import path, re_path

from .views import badges, staff, verify, wallet

app_name = "certificates"

# any code reaches the view (and its rate limit); the selector checks the format
CODE = r"(?P<code>[^/.]{1,64})"

urlpatterns = [
    # public verification
    path("verify/", verify.verify_lookup, name="verify-lookup"),
    re_path(rf"^verify/{CODE}\.json$", verify.verify_json, name="verify-json"),
    re_path(rf"^verify/{CODE}/?$", verify.verify, name="verify"),
    # Open Badges for verifiers
    path("badges/issuer.json", badges.issuer, name="badge-issuer"),
    path("badges/jwks.json", badges.jwks, name="jwks"),
    path("badges/status/revocation", badges.status_list, name="badge-status-list"),
    path(
        "badges/achievements/<uuid:key>.json",
        badges.achievement_detail,
        name="badge-achievement",
    ),
    # the learner's wallet
    path("certificates/", wallet.wallet, name="wallet"),
    path("certificates/<int:pk>/pdf/", wallet.certificate_pdf, name="pdf"),
    path("certificates/<int:pk>/badge.json", wallet.badge_json, name="badge-json"),
    path("certificates/<int:pk>/badge.jwt", wallet.badge_jwt, name="badge-jwt"),
    # center staff
    path("certificates/manage/", staff.register, name="manage"),
    path(
        "certificates/manage/<int:pk>/",
        staff.certificate_detail,
        name="manage-detail",
    ),
    path(
        "certificates/manage/<int:pk>/revoke/",
        staff.certificate_revoke_view,
        name="manage-revoke",
    ),
    path(
        "certificates/manage/<int:pk>/reissue/",
        staff.certificate_reissue_view,
        name="manage-reissue",
    ),
    path("certificates/manage/runs/", staff.run_index, name="manage-runs"),
    path("certificates/manage/runs/<int:run_id>/", staff.run_detail, name="manage-run"),
    path(
        "certificates/manage/runs/<int:run_id>/issue/",
        staff.run_issue,
        name="manage-run-issue",
    ),
    path(
        "certificates/manage/runs/<int:run_id>/issue/<int:enrollment_id>/",
        staff.run_issue_one,
        name="manage-run-issue-one",
    ),
    path(
        "certificates/manage/runs/<int:run_id>/bulk/",
        staff.run_batch,
        name="manage-run-bulk",
    ),
    path(
        "certificates/manage/batches/<int:pk>/progress.json",
        staff.batch_progress_view,
        name="batch-progress",
    ),
]
