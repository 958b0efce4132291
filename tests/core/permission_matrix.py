# ruff: noqa: E501  (the matrix is a table: one URL a line)
"""The permission matrix: what every URL of the site answers to whom.

Reviewed by hand: a row is a promise. Columns are the roles of
`permission_world.ROLES`: anon (nobody signed in), A (`learner@`, who owns the
objects named in the paths), B (`learner2@`, another learner of the same run),
inst (the instructor of A's course), inst2 (an instructor of other courses
only), staff (center staff with their second factor), admin (a superuser),
prtnr (Hanbit's partner administrator; on /api/ with Hanbit's token), rsrch
(a researcher).

A cell is the class of the answer (`permission_world.outcome`):
  ok     2xx
  login  a redirect to the sign-in page (ours, or an admin's)
  3xx    a redirect elsewhere (no content: a confirmation, a form done, a
         refusal that sends you back)
  4xx    that status: 400 bad input, 401 no credentials (API), 403 refused,
         404 not found (also: "not yours", which says nothing of whether it
         exists), 405 wrong method, 409 conflict

Paths name objects of the world by `{ref}` (`permission_world.world_build`).
Paths that Django serves under the language prefix are asked in Korean (no
prefix) and, for anon and B, in English (/en/) too.

GET asks every row. POST asks the rows of POST_MATRIX (every URL that takes a
POST) with an empty form, or with the form after `|` (a query string). A refused request (login, 4xx), GET or POST, must
write nothing: no INSERT, UPDATE or DELETE outside the session's bookkeeping.

How to add a URL: add its path to GET_MATRIX (and to POST_MATRIX if it takes
a POST) with the answer each role must get, naming objects by `{ref}`; add a
ref to `world_build` if none fits. `test_every_url_pattern_has_a_row` fails
until you do. docs/permissions.md is rendered from here:
`python -m tests.core.permission_matrix > docs/permissions.md`.
"""

# URL prefixes covered by a sample, not row by row: the Wagtail admin and
# Django's admin are Wagtail's and Django's own, with their own permission
# checks; the sample below proves that they are closed to learners.
SAMPLED_PREFIXES = ("admin/", "django-admin/")

GET_MATRIX = """
# path                                                    anon  A     B     inst  inst2 staff admin prtnr rsrch
# operations
/healthz                                                  ok    ok    ok    ok    ok    ok    ok    ok    ok
/readyz                                                   ok    ok    ok    ok    ok    ok    ok    ok    ok
/metrics                                                   403   403   403   403   403   403   403   403   403
/csp-report                                               405   405   405   405   405   405   405   405   405
/documents/{missing}/file.pdf                             404   404   404   404   404   404   404   404   404
/documents/authenticate_with_password/{missing}/          404   404   404   404   404   404   404   404   404
# API
/api/v1/me/                                               403   ok    ok    ok    ok    ok    ok    ok    ok
/api/v1/catalog/courses/                                  401   401   401   401   401   401   401   ok    401
/api/v1/catalog/facets/                                   401   401   401   401   401   401   401   ok    401
/api/v1/catalog/courses/{course}/                         401   401   401   401   401   401   401   ok    401
/api/v1/catalog/courses/{course}/outline/                 401   401   401   401   401   401   401   ok    401
/api/v1/catalog/courses/{course}/cartridge/               401   401   401   401   401   401   401   ok    401
/api/v1/lessons/{lesson}/                                 401   401   401   401   401   401   401   ok    401
/api/v1/publications/                                     401   401   401   401   401   401   401   ok    401
/api/v1/publications/{publication}/                       401   401   401   401   401   401   401   ok    401
/api/v1/enrolments/                                       401   401   401   401   401   401   401   ok    401
/api/v1/enrolments/{enrollment}/                          401   401   401   401   401   401   401   404   401
/api/v1/certificates/{certificate_code}/                  401   401   401   401   401   401   401   ok    401
/api/v1/partner-courses/                                  401   401   401   401   401   401   401   ok    401
/api/v1/partner-courses/{partner_course}/                 401   401   401   401   401   401   401   405   401
/api/v1/partner-courses/{other_partner_course}/           401   401   401   401   401   401   401   405   401
/api/v1/webhooks/                                         401   401   401   401   401   401   401   ok    401
/api/v1/webhooks/{webhook}/                               401   401   401   401   401   401   401   405   401
/api/v1/webhooks/{webhook}/deliveries/                    401   401   401   401   401   401   401   ok    401
/api/v1/webhooks/deliveries/{delivery}/redeliver/         401   401   401   401   401   401   401   405   401
/api/schema/                                              ok    ok    ok    ok    ok    ok    ok    ok    ok
/api/docs/                                                ok    ok    ok    ok    ok    ok    ok    ok    ok
# public files and feeds
/sitemap.xml                                              ok    ok    ok    ok    ok    ok    ok    ok    ok
/robots.txt                                               ok    ok    ok    ok    ok    ok    ok    ok    ok
/favicon.ico                                              3xx   3xx   3xx   3xx   3xx   3xx   3xx   3xx   3xx
/i18n/setlang/                                            3xx   3xx   3xx   3xx   3xx   3xx   3xx   3xx   3xx
/calendar/town/events.ics                                 ok    ok    ok    ok    ok    ok    ok    ok    ok
/calendar/runs/{run}.ics                                  ok    ok    ok    ok    ok    ok    ok    ok    ok
/calendar/rooms/{room}.ics                                ok    ok    ok    ok    ok    ok    ok    ok    ok
/calendar/sessions/{session}.ics                          ok    ok    ok    ok    ok    ok    ok    ok    ok
/calendar/{feed_token}.ics                                ok    ok    ok    ok    ok    ok    ok    ok    ok
/calendar/sessions/{hidden_session}.ics                   404   404   404   ok    404   ok    ok    404   404
/calendar/runs/{hidden_run}.ics                           404   404   404   404   404   404   404   404   404
/oai?verb=Identify                                        ok    ok    ok    ok    ok    ok    ok    ok    ok
# LTI
/lti/login/                                               400   400   400   400   400   400   400   400   400
/lti/login/{lti_platform}/                                400   400   400   400   400   400   400   400   400
/lti/launch/                                              405   405   405   405   405   405   405   405   405
/lti/jwks/                                                ok    ok    ok    ok    ok    ok    ok    ok    ok
/lti/resource/{missing}/                                  403   403   403   403   403   403   403   403   403
/lti/resource/{missing}/page/{lesson}/                    403   403   403   403   403   403   403   403   403
/lti/resource/{missing}/bind/                             405   405   405   405   405   405   405   405   405
/lti/deep-link/forged/                                    403   403   403   403   403   403   403   403   403
/lti/handoff/forged/                                      403   403   403   403   403   403   403   403   403
/lti/register/forged/                                     403   403   403   403   403   403   403   403   403
/lti/demo/platform/                                       404   404   404   404   404   404   404   404   404
/lti/demo/platform/auth/                                  404   404   404   404   404   404   404   404   404
# accounts (allauth)
/accounts/login/                                          ok    3xx   3xx   3xx   3xx   3xx   3xx   3xx   3xx
/accounts/logout/                                         3xx   ok    ok    ok    ok    ok    ok    ok    ok
/accounts/inactive/                                       ok    ok    ok    ok    ok    ok    ok    ok    ok
/accounts/signup/                                         ok    3xx   3xx   3xx   3xx   3xx   3xx   3xx   3xx
/accounts/reauthenticate/                                 login ok    ok    ok    ok    ok    ok    ok    ok
/accounts/email/                                          login ok    ok    ok    ok    ok    ok    ok    ok
/accounts/confirm-email/                                  ok    ok    ok    ok    ok    ok    ok    ok    ok
/accounts/password/change/                                login ok    ok    ok    ok    ok    ok    ok    ok
/accounts/password/set/                                   login 3xx   3xx   3xx   3xx   3xx   3xx   3xx   3xx
/accounts/password/reset/                                 ok    ok    ok    ok    ok    ok    ok    ok    ok
/accounts/login/code/confirm/                             login 3xx   3xx   3xx   3xx   3xx   3xx   3xx   3xx
/accounts/confirm-email/forged-key/                       ok    ok    ok    ok    ok    ok    ok    ok    ok
/accounts/password/reset/key/done/                        ok    ok    ok    ok    ok    ok    ok    ok    ok
/accounts/password/reset/key/1-forged/                    ok    ok    ok    ok    ok    ok    ok    ok    ok
/accounts/password/reset/done/                            ok    ok    ok    ok    ok    ok    ok    ok    ok
/accounts/2fa/                                            login ok    ok    ok    ok    ok    ok    ok    ok
/accounts/2fa/authenticate/                               login 3xx   3xx   3xx   3xx   3xx   3xx   3xx   3xx
/accounts/2fa/reauthenticate/                             login 3xx   3xx   3xx   3xx   ok    ok    3xx   3xx
/accounts/2fa/totp/activate/                              login 3xx   3xx   3xx   3xx   3xx   3xx   3xx   3xx
/accounts/2fa/totp/deactivate/                            login 404   404   404   404   3xx   3xx   404   404
/accounts/2fa/recovery-codes/                             login 404   404   404   404   3xx   3xx   404   404
/accounts/2fa/recovery-codes/generate/                    login 3xx   3xx   3xx   3xx   3xx   3xx   3xx   3xx
/accounts/2fa/recovery-codes/download/                    login 404   404   404   404   3xx   3xx   404   404
/accounts/2fa/webauthn/                                   login ok    ok    ok    ok    ok    ok    ok    ok
/accounts/2fa/webauthn/add/                               login 3xx   3xx   3xx   3xx   3xx   3xx   3xx   3xx
/accounts/2fa/webauthn/reauthenticate/                    login 3xx   3xx   3xx   3xx   3xx   3xx   3xx   3xx
/accounts/2fa/webauthn/keys/{missing}/remove/             login 3xx   3xx   3xx   3xx   3xx   3xx   3xx   3xx
/accounts/2fa/webauthn/keys/{missing}/edit/               login 3xx   3xx   3xx   3xx   3xx   3xx   3xx   3xx
/accounts/3rdparty/login/cancelled/                       ok    ok    ok    ok    ok    ok    ok    ok    ok
/accounts/3rdparty/login/error/                           401   401   401   401   401   401   401   401   401
/accounts/3rdparty/signup/                                login login login login login login login login login
/accounts/3rdparty/                                       login ok    ok    ok    ok    ok    ok    ok    ok
/accounts/social/login/cancelled/                         3xx   3xx   3xx   3xx   3xx   3xx   3xx   3xx   3xx
/accounts/social/login/error/                             3xx   3xx   3xx   3xx   3xx   3xx   3xx   3xx   3xx
/accounts/social/signup/                                  3xx   3xx   3xx   3xx   3xx   3xx   3xx   3xx   3xx
/accounts/social/connections/                             3xx   3xx   3xx   3xx   3xx   3xx   3xx   3xx   3xx
/accounts/kakao/login/                                    404   404   404   404   404   404   404   404   404
/accounts/kakao/login/callback/                           404   404   404   404   404   404   404   404   404
/accounts/naver/login/                                    404   404   404   404   404   404   404   404   404
/accounts/naver/login/callback/                           404   404   404   404   404   404   404   404   404
/accounts/google/login/                                   404   404   404   404   404   404   404   404   404
/accounts/google/login/callback/                          404   404   404   404   404   404   404   404   404
/accounts/google/login/token/                             404   404   404   404   404   404   404   404   404
/accounts/sessions/                                       login ok    ok    ok    ok    ok    ok    ok    ok
# accounts (ours)
/accounts/profile/                                        login ok    ok    ok    ok    ok    ok    ok    ok
/accounts/profile/export/                                 login ok    ok    ok    ok    ok    ok    ok    ok
/accounts/profile/consent/                                login 405   405   405   405   405   405   405   405
/accounts/consent/                                        login 3xx   3xx   3xx   3xx   3xx   3xx   ok    3xx
/accounts/sessions/end/                                   login 405   405   405   405   405   405   405   405
/accounts/privacy/                                        ok    ok    ok    ok    ok    ok    ok    ok    ok
/accounts/privacy/v1/                                     ok    ok    ok    ok    ok    ok    ok    ok    ok
/accounts/profile/delete/                                 login 405   405   405   405   405   405   405   405
# learning
/learn/                                                   login ok    ok    ok    ok    ok    ok    ok    ok
/learn/runs/{run}/enroll/                                 login 405   405   405   405   405   405   405   405
/learn/runs/{run}/import/                                 login 403   403   403   403   ok    ok    403   403
/learn/runs/{run}/roster.csv                              login 403   403   ok    403   ok    ok    403   403
/learn/enrollments/{enrollment}/withdraw/                 login ok    404   404   404   404   404   404   404
/learn/lessons/{lesson}/complete/                         login 405   405   405   405   405   405   405   405
/learn/courses/{course}/progress/                         login ok    ok    ok    403   ok    ok    403   403
/learn/approvals/                                         login 403   403   ok    ok    ok    ok    403   ok
/learn/teaching/                                          login 403   403   ok    ok    ok    ok    403   403
/learn/bookmarks/                                         login 405   405   405   405   405   405   405   405
/learn/quizzes/{quiz}/start/                              login 405   405   405   405   405   405   405   405
/learn/attempts/{attempt}/                                login 3xx   404   404   404   404   404   404   404
/learn/attempts/{attempt}/result/                         login ok    404   404   404   404   404   404   404
/learn/assignments/{assignment}/submit/                   login 405   405   405   405   405   405   405   405
/learn/assignments/{assignment}/extensions/               login 403   403   ok    403   ok    ok    403   403
/learn/submissions/{submission}/file/                     login ok    404   ok    404   ok    ok    404   404
/learn/submissions/{submission}/grade/                    login 403   403   ok    403   ok    ok    403   403
/learn/grading/                                           login 403   403   ok    ok    ok    ok    403   403
/learn/runs/{run}/gradebook/                              login 403   403   ok    403   ok    ok    403   403
/learn/runs/{run}/gradebook.csv                           login 403   403   ok    403   ok    ok    403   403
/learn/runs/{run}/gradebook/history/                      login 403   403   ok    403   ok    ok    403   403
/learn/runs/{run}/gradebook/{enrollment}/{grade_item}/override/ login 403   403   ok    403   ok    ok    403   403
/learn/enrollments/{enrollment}/grades/                   login ok    403   ok    403   ok    ok    403   403
/learn/runs/{run}/analytics/                              login 403   403   ok    403   ok    ok    403   403
/learn/runs/{run}/analytics/funnel.csv                    login 403   403   ok    403   ok    ok    403   403
/learn/analytics/                                         login 403   403   403   403   ok    ok    403   403
/learn/analytics/months.csv                               login 403   403   403   403   ok    ok    403   403
# lodging
/lodging/                                                 login ok    ok    ok    ok    ok    ok    ok    ok
/lodging/enrollments/{residential_enrollment}/hold/       login 3xx   404   404   404   404   404   404   404
/lodging/stays/{stay}/                                    login ok    404   404   404   404   404   404   404
/lodging/stays/{stay}/confirm/                            login 405   405   405   405   405   405   405   405
/lodging/stays/{stay}/cancel/                             login 405   405   405   405   405   405   405   405
/lodging/staff/                                           login 403   403   403   403   ok    ok    403   403
/lodging/staff/front-desk/                                login 403   403   403   403   ok    ok    403   403
/lodging/staff/housekeeping/                              login 403   403   403   403   ok    ok    403   403
/lodging/staff/reports/                                   login 403   403   403   403   ok    ok    403   403
/lodging/staff/flagged/                                   login 403   403   403   403   ok    ok    403   403
/lodging/staff/runs/                                      login 403   403   403   403   ok    ok    403   403
/lodging/staff/runs/{residential_run}/                    login 403   403   403   403   ok    ok    403   403
/lodging/staff/stays/new/                                 login 403   403   403   403   ok    ok    403   403
/lodging/staff/stays/{stay}/                              login 403   403   403   403   ok    ok    403   403
/lodging/staff/stays/{stay}/bed/                          login 403   403   403   403   405   405   403   403
/lodging/staff/stays/{stay}/nights/                       login 403   403   403   403   405   405   403   403
/lodging/staff/stays/{stay}/check-in/                     login 403   403   403   403   405   405   403   403
/lodging/staff/out-of-service/new/                        login 403   403   403   403   ok    ok    403   403
/lodging/staff/export/stays.csv                           login 403   403   403   403   ok    ok    403   403
/lodging/staff/export/front-desk.csv                      login 403   403   403   403   ok    ok    403   403
/lodging/staff/export/housekeeping.csv                    login 403   403   403   403   ok    ok    403   403
/lodging/staff/export/occupancy.csv                       login 403   403   403   403   ok    ok    403   403
# community
/community/                                               login ok    ok    ok    ok    ok    ok    ok    ok
/community/runs/{run}/forum/                              login 3xx   3xx   3xx   404   3xx   3xx   404   404
/community/cohorts/{cohort}/forum/                        login 404   404   3xx   404   3xx   3xx   404   404
/community/runs/{hidden_run}/forum/                       login 3xx   3xx   3xx   404   3xx   3xx   404   404
/community/forums/{forum}/                                login ok    ok    ok    404   ok    ok    404   404
/community/forums/{forum}/new/                            login ok    ok    ok    404   ok    ok    404   404
/community/forums/{forum}/read/                           login 405   405   405   405   405   405   405   405
/community/threads/{thread}/                              login ok    ok    ok    404   ok    ok    404   404
/community/threads/{thread}/reply/                        login 405   405   405   405   405   405   405   405
/community/threads/{thread}/edit/                         login ok    404   404   404   404   404   404   404
/community/threads/{thread}/follow/                       login 405   405   405   405   405   405   405   405
/community/threads/{thread}/flag/                         login ok    ok    ok    404   ok    ok    404   404
/community/threads/{thread}/delete/                       login 405   405   405   405   405   405   405   405
/community/posts/{post}/edit/                             login ok    404   404   404   404   404   404   404
/community/posts/{post}/vote/                             login 405   405   405   405   405   405   405   405
/community/posts/{post}/accept/                           login 405   405   405   405   405   405   405   405
/community/posts/{post}/endorse/                          login 405   405   405   405   405   405   405   405
/community/moderation/                                    login 403   ok    ok    403   ok    ok    403   403
/community/moderation/log/                                login 403   ok    ok    403   ok    ok    403   403
/community/threads/{thread}/moderate/hide/                login 405   405   405   405   405   405   405   405
/community/forums/{forum}/ban/{learner2_id}/              login 403   403   ok    404   ok    ok    404   404
/community/forums/{forum}/unban/{learner2_id}/            login 405   405   405   405   405   405   405   405
/community/notifications/                                 login ok    ok    ok    ok    ok    ok    ok    ok
/community/notifications/{notification}/                  login 3xx   404   404   404   404   404   404   404
/community/notifications/read/                            login 405   405   405   405   405   405   405   405
/community/notifications/preferences/                     login ok    ok    ok    ok    ok    ok    ok    ok
/community/groups/                                        login ok    ok    ok    ok    ok    ok    ok    ok
/community/groups/new/                                    login ok    ok    ok    ok    ok    ok    ok    ok
/community/groups/{group}/                                login ok    ok    ok    ok    ok    ok    ok    ok
/community/groups/{group}/join/                           login 405   405   405   405   405   405   405   405
/community/groups/{group}/leave/                          login 405   405   405   405   405   405   405   405
/community/groups/{group}/decline/                        login 405   405   405   405   405   405   405   405
/community/groups/{group}/invite/                         login 405   405   405   405   405   405   405   405
/community/groups/{group}/meetings/                       login 405   405   405   405   405   405   405   405
/community/meetings/{meeting}/cancel/                     login 405   405   405   405   405   405   405   405
/community/mentoring/                                     login ok    ok    ok    ok    ok    ok    ok    ok
/community/mentoring/mine/                                login ok    ok    ok    ok    ok    ok    ok    ok
/community/mentoring/new/                                 login 403   403   ok    403   403   403   403   403
/community/mentoring/{slot}/book/                         login 405   405   405   405   405   405   405   405
/community/mentoring/{slot}/cancel/                       login 405   405   405   405   405   405   405   405
/community/bookings/{mentoring_booking}/cancel/           login 405   405   405   405   405   405   405   405
/community/reviews/                                       login ok    ok    ok    ok    ok    ok    ok    ok
/community/reviews/{review}/                              login ok    404   ok    404   ok    ok    404   404
/community/reviews/{review}/file/                         login 404   404   404   404   404   404   404   404
/community/assignments/{assignment}/reviews/              login ok    ok    ok    ok    ok    ok    ok    ok
/community/assignments/{assignment}/peer-review/          login 403   403   ok    403   ok    ok    403   403
/community/assignments/{assignment}/peer-review/start/    login 405   405   405   405   405   405   405   405
/community/runs/{run}/cohorts/                            login 403   403   ok    403   ok    ok    403   403
/community/runs/{run}/cohorts/new/                        login 405   405   405   405   405   405   405   405
/community/runs/{run}/cohorts/fill/                       login 405   405   405   405   405   405   405   405
/community/runs/{run}/cohorts/move/                       login 405   405   405   405   405   405   405   405
# library
/library/                                                 ok    ok    ok    ok    ok    ok    ok    ok    ok
/library/{library}/                                       ok    ok    ok    ok    ok    ok    ok    ok    ok
/library/{library_hidden}/                                404   404   404   404   404   ok    ok    404   404
/library/{library}/download/                              3xx   3xx   3xx   3xx   3xx   3xx   3xx   3xx   3xx
/library/{library_hidden}/download/                       404   404   404   404   404   ok    ok    404   404
# certificates
/verify/                                                  ok    ok    ok    ok    ok    ok    ok    ok    ok
/verify/{certificate_code}.json                           ok    ok    ok    ok    ok    ok    ok    ok    ok
/verify/{certificate_code}                                ok    ok    ok    ok    ok    ok    ok    ok    ok
/badges/issuer.json                                       ok    ok    ok    ok    ok    ok    ok    ok    ok
/badges/jwks.json                                         ok    ok    ok    ok    ok    ok    ok    ok    ok
/badges/status/revocation                                 ok    ok    ok    ok    ok    ok    ok    ok    ok
/badges/achievements/{achievement_key}.json               ok    ok    ok    ok    ok    ok    ok    ok    ok
/certificates/                                            login ok    ok    ok    ok    ok    ok    ok    ok
/certificates/{certificate}/pdf/                          login ok    404   404   404   ok    ok    404   404
/certificates/{certificate}/badge.json                    login ok    404   404   404   ok    ok    404   404
/certificates/{certificate}/badge.jwt                     login ok    404   404   404   ok    ok    404   404
/certificates/manage/                                     login 403   403   403   403   ok    ok    403   403
/certificates/manage/{certificate}/                       login 403   403   403   403   ok    ok    403   403
/certificates/manage/{certificate}/revoke/                login 403   403   403   403   405   405   403   403
/certificates/manage/{certificate}/reissue/               login 403   403   403   403   405   405   403   403
/certificates/manage/runs/                                login 403   403   403   403   ok    ok    403   403
/certificates/manage/runs/{run}/                          login 403   403   403   403   ok    ok    403   403
/certificates/manage/runs/{run}/issue/                    login 403   403   403   403   405   405   403   403
/certificates/manage/runs/{run}/issue/{enrollment}/       login 403   403   403   403   ok    ok    403   403
/certificates/manage/runs/{run}/bulk/                     login 403   403   403   403   405   405   403   403
/certificates/manage/batches/{missing}/progress.json      login 403   403   403   403   404   404   403   403
# timetable
/timetable/                                               login 403   403   403   403   ok    ok    403   403
/timetable/my/                                            login ok    ok    ok    ok    ok    ok    ok    ok
/timetable/my/rotate/                                     login 405   405   405   405   405   405   405   405
/timetable/sessions/new/                                  login 403   403   403   403   ok    ok    403   403
/timetable/sessions/{session}/                            ok    ok    ok    ok    ok    ok    ok    ok    ok
/timetable/sessions/{hidden_session}/                     404   404   404   ok    404   ok    ok    404   404
/timetable/sessions/{session}/edit/                       login 403   403   403   403   ok    ok    403   403
/timetable/sessions/{session}/cancel/                     login 405   405   405   405   405   405   405   405
/timetable/meetings/{occurrence}/cancel/                  login 405   405   405   405   405   405   405   405
/timetable/meetings/{occurrence}/attendance/              login 403   403   ok    403   ok    ok    403   403
/timetable/meetings/{occurrence}/qr/                      login 403   403   ok    403   ok    ok    403   403
/timetable/check-in/{checkin_code}/                       login ok    ok    ok    ok    ok    ok    ok    ok
/timetable/runs/{run}/                                    ok    ok    ok    ok    ok    ok    ok    ok    ok
/timetable/runs/{hidden_run}/                             404   404   404   404   404   404   404   404   404
/timetable/rooms/{room}/                                  ok    ok    ok    ok    ok    ok    ok    ok    ok
/mailbox/                                                 login login login login login ok    ok    login login
# partners
/partners/                                                login 404   404   404   404   404   ok    3xx   404
/partners/demo-webhook/{partner}/                         405   405   405   405   405   405   405   405   405
/partners/{partner}/                                      login 404   404   404   404   404   ok    ok    404
/partners/{other_partner}/                                login 404   404   404   404   404   ok    404   404
/partners/{partner}/tokens/{api_token}/rotate/            login 405   405   405   405   405   405   405   405
/partners/{partner}/tokens/{api_token}/revoke/            login 405   405   405   405   405   405   405   405
/partners/{partner}/deliveries/{delivery}/redeliver/      login 405   405   405   405   405   405   405   405
/partners/{partner}/enrolments.csv                        login 404   404   404   404   404   ok    ok    404
/partners/{other_partner}/enrolments.csv                  login 404   404   404   404   404   ok    404   404
# town
/services/                                                ok    ok    ok    ok    ok    ok    ok    ok    ok
/search/?q=coop                                           ok    ok    ok    ok    ok    ok    ok    ok    ok
/bookings/                                                ok    ok    ok    ok    ok    ok    ok    ok    ok
/bookings/{bookable}/                                     ok    ok    ok    ok    ok    ok    ok    ok    ok
/bookings/{bookable}/book/                                login 405   405   405   405   405   405   405   405
/bookings/mine/                                           login ok    ok    ok    ok    ok    ok    ok    ok
/bookings/mine/{booking}/cancel/                          login 405   405   405   405   405   405   405   405
/bookings/staff/                                          login 403   403   403   403   ok    ok    403   403
/bookings/staff/{booking}/decide/                         login 405   405   405   405   405   405   405   405
/requests/mine/                                           login ok    ok    ok    ok    ok    ok    ok    ok
/requests/r/{request_ref}/                                ok    ok    ok    ok    ok    ok    ok    ok    ok
/requests/staff/                                          login 403   403   403   403   ok    ok    403   403
/requests/staff/{request}/answer/                         login 405   405   405   405   405   405   405   405
/requests/staff/{form_page}/export.csv                    login 403   403   403   403   ok    ok    403   403
/events/                                                  ok    ok    ok    ok    ok    ok    ok    ok    ok
/events/{event_page}/register/                            login 405   405   405   405   405   405   405   405
/organizations/                                           ok    ok    ok    ok    ok    ok    ok    ok    ok
/organizations/staff/                                     login 403   403   403   403   ok    ok    403   403
/organizations/staff/{missing}/decide/                    login 405   405   405   405   405   405   405   405
/organizations/{organization}/                            ok    ok    ok    ok    ok    ok    ok    ok    ok
/organizations/{organization}/edit/                       login 403   ok    403   403   403   403   403   403
# Wagtail pages
/_util/authenticate_with_password/{missing}/{home}/       404   404   404   404   404   404   404   404   404
/_util/login/                                             ok    ok    ok    ok    ok    ok    ok    ok    ok
/                                                         ok    ok    ok    ok    ok    ok    ok    ok    ok
{course_url}                                              ok    ok    ok    ok    ok    ok    ok    ok    ok
{lesson_url}                                              login ok    ok    ok    403   ok    ok    403   403
{assignment_url}                                          login ok    ok    ok    403   ok    ok    403   403
{publication_url}                                         ok    ok    ok    ok    ok    ok    ok    ok    ok
/town/                                                    ok    ok    ok    ok    ok    ok    ok    ok    ok
# staff areas: a sample of the Wagtail admin and Django's admin
/admin/                                                   login login login ok    ok    ok    ok    login ok
/admin/pages/                                             login login login ok    ok    ok    ok    login ok
/admin/pages/{course}/edit/                               login login login ok    3xx   ok    ok    login 3xx
/admin/pages/{other_course}/edit/                         login login login 3xx   ok    ok    ok    login 3xx
/admin/users/                                             login login login 3xx   3xx   3xx   ok    login 3xx
/admin/documents/                                         login login login 3xx   3xx   3xx   ok    login 3xx
/django-admin/                                            login login login login login ok    ok    login login
/django-admin/accounts/user/                              login login login login login 403   ok    login login
/django-admin/accounts/consent/                           login login login login login ok    ok    login login
# the research portal's bulk import (researchers and staff)
/admin/research/import/                                   login 403   403   403   403   ok    ok    403   ok
"""

POST_MATRIX = """
# path                                                    anon  A     B     inst  inst2 staff admin prtnr rsrch
# operations
/csp-report                                               400   400   400   400   400   400   400   400   400
/documents/{missing}/file.pdf                             404   404   404   404   404   404   404   404   404
/documents/authenticate_with_password/{missing}/          404   404   404   404   404   404   404   404   404
# API
/api/v1/catalog/courses/                                  401   401   401   401   401   401   401   405   401
/api/v1/catalog/facets/                                   401   401   401   401   401   401   401   405   401
/api/v1/catalog/courses/{course}/                         401   401   401   401   401   401   401   405   401
/api/v1/catalog/courses/{course}/outline/                 401   401   401   401   401   401   401   405   401
/api/v1/lessons/{lesson}/                                 401   401   401   401   401   401   401   405   401
/api/v1/publications/                                     401   401   401   401   401   401   401   405   401
/api/v1/publications/{publication}/                       401   401   401   401   401   401   401   405   401
/api/v1/enrolments/                                       401   401   401   401   401   401   401   400   401
/api/v1/enrolments/{enrollment}/                          401   401   401   401   401   401   401   405   401
/api/v1/certificates/{certificate_code}/                  401   401   401   401   401   401   401   405   401
/api/v1/partner-courses/                                  401   401   401   401   401   401   401   405   401
/api/v1/partner-courses/{partner_course}/                 401   401   401   401   401   401   401   405   401
/api/v1/partner-courses/{other_partner_course}/           401   401   401   401   401   401   401   405   401
/api/v1/webhooks/                                         401   401   401   401   401   401   401   400   401
/api/v1/webhooks/{webhook}/                               401   401   401   401   401   401   401   405   401
/api/v1/webhooks/{webhook}/deliveries/                    401   401   401   401   401   401   401   405   401
/api/v1/webhooks/deliveries/{delivery}/redeliver/         401   401   401   401   401   401   401   ok    401
# public files and feeds
/sitemap.xml                                              ok    ok    ok    ok    ok    ok    ok    ok    ok
/i18n/setlang/                                            3xx   3xx   3xx   3xx   3xx   3xx   3xx   3xx   3xx
/oai?verb=Identify                                        ok    ok    ok    ok    ok    ok    ok    ok    ok
# LTI
/lti/login/                                               400   400   400   400   400   400   400   400   400
/lti/login/{lti_platform}/                                400   400   400   400   400   400   400   400   400
/lti/launch/                                              400   400   400   400   400   400   400   400   400
/lti/resource/{missing}/bind/                             403   403   403   403   403   403   403   403   403
/lti/deep-link/forged/                                    403   403   403   403   403   403   403   403   403
/lti/register/forged/                                     403   403   403   403   403   403   403   403   403
/lti/demo/platform/                                       404   404   404   404   404   404   404   404   404
# accounts (allauth)
/accounts/login/                                          ok    3xx   3xx   3xx   3xx   3xx   3xx   3xx   3xx
/accounts/logout/                                         3xx   3xx   3xx   3xx   3xx   3xx   3xx   3xx   3xx
/accounts/signup/                                         ok    3xx   3xx   3xx   3xx   3xx   3xx   3xx   3xx
/accounts/reauthenticate/                                 login ok    ok    ok    ok    ok    ok    ok    ok
/accounts/email/                                          login 3xx   3xx   3xx   3xx   3xx   3xx   3xx   3xx
/accounts/password/change/                                login ok    ok    ok    ok    ok    ok    ok    ok
/accounts/password/set/                                   login 3xx   3xx   3xx   3xx   3xx   3xx   3xx   3xx
/accounts/password/reset/                                 ok    ok    ok    ok    ok    ok    ok    ok    ok
/accounts/login/code/confirm/                             login 3xx   3xx   3xx   3xx   3xx   3xx   3xx   3xx
/accounts/confirm-email/forged-key/                       404   404   404   404   404   404   404   404   404
/accounts/password/reset/key/1-forged/                    ok    ok    ok    ok    ok    ok    ok    ok    ok
/accounts/2fa/authenticate/                               login 3xx   3xx   3xx   3xx   3xx   3xx   3xx   3xx
/accounts/2fa/reauthenticate/                             login 3xx   3xx   3xx   3xx   ok    ok    3xx   3xx
/accounts/2fa/totp/activate/                              login 3xx   3xx   3xx   3xx   3xx   3xx   3xx   3xx
/accounts/2fa/totp/deactivate/                            login 404   404   404   404   3xx   3xx   404   404
/accounts/2fa/recovery-codes/generate/                    login 3xx   3xx   3xx   3xx   3xx   3xx   3xx   3xx
/accounts/2fa/recovery-codes/download/                    login 404   404   404   404   3xx   3xx   404   404
/accounts/2fa/webauthn/add/                               login 3xx   3xx   3xx   3xx   3xx   3xx   3xx   3xx
/accounts/2fa/webauthn/reauthenticate/                    login 3xx   3xx   3xx   3xx   3xx   3xx   3xx   3xx
/accounts/2fa/webauthn/keys/{missing}/remove/             login 3xx   3xx   3xx   3xx   3xx   3xx   3xx   3xx
/accounts/2fa/webauthn/keys/{missing}/edit/               login 3xx   3xx   3xx   3xx   3xx   3xx   3xx   3xx
/accounts/3rdparty/signup/                                login login login login login login login login login
/accounts/3rdparty/                                       login ok    ok    ok    ok    ok    ok    ok    ok
/accounts/social/login/cancelled/                         3xx   3xx   3xx   3xx   3xx   3xx   3xx   3xx   3xx
/accounts/social/login/error/                             3xx   3xx   3xx   3xx   3xx   3xx   3xx   3xx   3xx
/accounts/social/signup/                                  3xx   3xx   3xx   3xx   3xx   3xx   3xx   3xx   3xx
/accounts/social/connections/                             3xx   3xx   3xx   3xx   3xx   3xx   3xx   3xx   3xx
/accounts/kakao/login/                                    404   404   404   404   404   404   404   404   404
/accounts/kakao/login/callback/                           404   404   404   404   404   404   404   404   404
/accounts/naver/login/                                    404   404   404   404   404   404   404   404   404
/accounts/naver/login/callback/                           404   404   404   404   404   404   404   404   404
/accounts/google/login/                                   404   404   404   404   404   404   404   404   404
/accounts/google/login/callback/                          404   404   404   404   404   404   404   404   404
/accounts/google/login/token/                             404   404   404   404   404   404   404   404   404
/accounts/sessions/                                       login 3xx   3xx   3xx   3xx   3xx   3xx   3xx   3xx
# accounts (ours)
/accounts/profile/                                        login 400   400   400   400   400   400   400   400
/accounts/profile/export/                                 login ok    ok    ok    ok    ok    ok    ok    ok
/accounts/profile/consent/                                login 400   400   400   400   400   400   400   400
/accounts/consent/                                        login 3xx   3xx   3xx   3xx   3xx   3xx   400   3xx
/accounts/sessions/end/                                   login 404   404   404   404   404   404   404   404
/accounts/privacy/                                        ok    ok    ok    ok    ok    ok    ok    ok    ok
/accounts/privacy/v1/                                     ok    ok    ok    ok    ok    ok    ok    ok    ok
/accounts/profile/delete/                                 login 3xx   3xx   3xx   3xx   3xx   3xx   3xx   3xx
# learning
/learn/runs/{run}/enroll/                                 login 3xx   3xx   3xx   3xx   3xx   3xx   3xx   3xx
/learn/runs/{run}/import/                                 login 403   403   403   403   400   400   403   403
/learn/enrollments/{enrollment}/withdraw/                 login 3xx   404   404   404   404   404   404   404
/learn/lessons/{lesson}/complete/                         login 3xx   3xx   3xx   3xx   3xx   3xx   3xx   3xx
/learn/approvals/                                         login 404   404   404   404   404   404   404   404
/learn/bookmarks/                                         login 400   400   400   400   400   400   400   400
/learn/quizzes/{quiz}/start/                              login 3xx   3xx   3xx   3xx   3xx   3xx   3xx   3xx
/learn/attempts/{attempt}/                                login 3xx   404   404   404   404   404   404   404
/learn/attempts/{attempt}/result/                         login ok    404   404   404   404   404   404   404
/learn/assignments/{assignment}/submit/                   login 400   400   400   403   400   400   403   403
/learn/assignments/{assignment}/extensions/               login 403   403   400   403   400   400   403   403
/learn/submissions/{submission}/grade/                    login 403   403   400   403   400   400   403   403
/learn/runs/{run}/gradebook/{enrollment}/{grade_item}/override/ login 403   403   400   403   400   400   403   403
# lodging
/lodging/enrollments/{residential_enrollment}/hold/       login 3xx   404   404   404   404   404   404   404
/lodging/stays/{stay}/confirm/                            login 3xx   404   404   404   404   404   404   404
/lodging/stays/{stay}/cancel/                             login 3xx   404   404   404   404   404   404   404
/lodging/staff/                                           login 403   403   403   403   405   405   403   403
/lodging/staff/front-desk/                                login 403   403   403   403   405   405   403   403
/lodging/staff/housekeeping/                              login 403   403   403   403   405   405   403   403
/lodging/staff/reports/                                   login 403   403   403   403   405   405   403   403
/lodging/staff/flagged/                                   login 403   403   403   403   405   405   403   403
/lodging/staff/runs/                                      login 403   403   403   403   405   405   403   403
/lodging/staff/runs/{residential_run}/                    login 403   403   403   403   405   405   403   403
/lodging/staff/stays/new/                                 login 403   403   403   403   400   400   403   403
/lodging/staff/stays/{stay}/                              login 403   403   403   403   405   405   403   403
/lodging/staff/stays/{stay}/bed/                          login 403   403   403   403   400   400   403   403
/lodging/staff/stays/{stay}/nights/                       login 403   403   403   403   400   400   403   403
/lodging/staff/stays/{stay}/check-in/                     login 403   403   403   403   409   409   403   403
/lodging/staff/out-of-service/new/                        login 403   403   403   403   400   400   403   403
/lodging/staff/export/stays.csv                           login 403   403   403   403   405   405   403   403
/lodging/staff/export/front-desk.csv                      login 403   403   403   403   405   405   403   403
/lodging/staff/export/housekeeping.csv                    login 403   403   403   403   405   405   403   403
/lodging/staff/export/occupancy.csv                       login 403   403   403   403   405   405   403   403
# community
/community/forums/{forum}/new/                            login 400   400   400   404   400   400   404   404
/community/forums/{forum}/read/                           login 3xx   3xx   3xx   404   3xx   3xx   404   404
/community/threads/{thread}/reply/                        login 400   400   400   404   400   400   404   404
/community/threads/{thread}/edit/                         login 400   404   404   404   404   404   404   404
/community/threads/{thread}/follow/                       login 3xx   3xx   3xx   404   3xx   3xx   404   404
/community/threads/{thread}/flag/                         login 400   400   400   404   400   400   404   404
/community/threads/{thread}/delete/                       login 3xx   403   3xx   404   3xx   3xx   404   404
/community/posts/{post}/edit/                             login 400   404   404   404   404   404   404   404
/community/posts/{post}/vote/                             login 400   3xx   3xx   404   3xx   3xx   404   404
/community/posts/{post}/accept/                           login 3xx   403   403   404   403   403   404   404
/community/posts/{post}/endorse/                          login 403   403   3xx   404   3xx   3xx   404   404
/community/threads/{thread}/moderate/hide/                login 403   403   3xx   404   3xx   3xx   404   404
/community/forums/{forum}/ban/{learner2_id}/              login 403   403   400   404   400   400   404   404
/community/forums/{forum}/unban/{learner2_id}/            login 403   403   3xx   404   3xx   3xx   404   404
/community/notifications/read/                            login 3xx   3xx   3xx   3xx   3xx   3xx   3xx   3xx
/community/notifications/preferences/                     login 400   400   400   400   400   400   400   400
/community/groups/new/                                    login 400   400   400   400   400   400   400   400
/community/groups/{group}/join/                           login 3xx   3xx   3xx   3xx   3xx   3xx   3xx   3xx
/community/groups/{group}/leave/                          login 3xx   3xx   3xx   3xx   3xx   3xx   3xx   3xx
/community/groups/{group}/decline/                        login 3xx   3xx   3xx   3xx   3xx   3xx   3xx   3xx
/community/groups/{group}/invite/                         login 400   400   400   400   400   400   400   400
/community/groups/{group}/meetings/                       login 400   400   400   400   400   400   400   400
/community/meetings/{meeting}/cancel/                     login 403   3xx   403   403   403   403   403   403
/community/mentoring/new/                                 login 403   403   400   403   403   403   403   403
/community/mentoring/{slot}/book/                         login 400   400   400   400   400   400   400   400
/community/mentoring/{slot}/cancel/                       login 403   403   3xx   403   403   403   403   403
/community/bookings/{mentoring_booking}/cancel/           login 3xx   403   3xx   403   403   403   403   403
/community/reviews/{review}/                              login 400   404   403   404   403   403   404   404
/community/assignments/{assignment}/peer-review/          login 403   403   400   403   400   400   403   403
/community/assignments/{assignment}/peer-review/start/    login 403   403   3xx   403   3xx   3xx   403   403
/community/runs/{run}/cohorts/new/                        login 403   403   400   403   400   400   403   403
/community/runs/{run}/cohorts/fill/                       login 403   403   400   403   400   400   403   403
/community/runs/{run}/cohorts/move/                       login 403   403   404   403   404   404   403   403
# certificates
/verify/                                                  400   400   400   400   400   400   400   400   400
/certificates/manage/                                     login 403   403   403   403   405   405   403   403
/certificates/manage/{certificate}/                       login 403   403   403   403   405   405   403   403
/certificates/manage/{certificate}/revoke/                login 403   403   403   403   400   400   403   403
/certificates/manage/{certificate}/reissue/               login 403   403   403   403   400   400   403   403
/certificates/manage/runs/                                login 403   403   403   403   405   405   403   403
/certificates/manage/runs/{run}/                          login 403   403   403   403   405   405   403   403
/certificates/manage/runs/{run}/issue/                    login 403   403   403   403   400   400   403   403
/certificates/manage/runs/{run}/issue/{enrollment}/       login 403   403   403   403   400   400   403   403
/certificates/manage/runs/{run}/bulk/                     login 403   403   403   403   400   400   403   403
/certificates/manage/batches/{missing}/progress.json      login 403   403   403   403   405   405   403   403
# timetable
/timetable/my/rotate/                                     login 3xx   3xx   3xx   3xx   3xx   3xx   3xx   3xx
/timetable/sessions/new/                                  login 403   403   403   403   400   400   403   403
/timetable/sessions/{session}/edit/                       login 403   403   403   403   400   400   403   403
/timetable/sessions/{session}/cancel/                     login 403   403   403   403   3xx   3xx   403   403
/timetable/meetings/{occurrence}/cancel/                  login 403   403   403   403   3xx   3xx   403   403
/timetable/meetings/{occurrence}/attendance/              login 403   403   400   403   400   400   403   403
/timetable/check-in/{checkin_code}/                       login 400   400   400   400   400   400   400   400
# partners
/partners/                                                login 404   404   404   404   404   ok    3xx   404
/partners/demo-webhook/{partner}/                         401   401   401   401   401   401   401   401   401
/partners/{partner}/                                      login 404   404   404   404   404   400   400   404
/partners/{other_partner}/                                login 404   404   404   404   404   400   404   404
/partners/{partner}/tokens/{api_token}/rotate/            login 404   404   404   404   404   ok    ok    404
/partners/{partner}/tokens/{api_token}/revoke/            login 404   404   404   404   404   3xx   3xx   404
/partners/{partner}/tokens/{other_api_token}/rotate/      login 404   404   404   404   404   404   404   404
/partners/{partner}/tokens/{other_api_token}/revoke/      login 404   404   404   404   404   404   404   404
/partners/{partner}/deliveries/{delivery}/redeliver/      login 404   404   404   404   404   3xx   3xx   404
/partners/{partner}/enrolments.csv                        login 404   404   404   404   404   ok    ok    404
/partners/{other_partner}/enrolments.csv                  login 404   404   404   404   404   ok    404   404
# town
/bookings/{bookable}/book/                                login 3xx   3xx   3xx   3xx   3xx   3xx   3xx   3xx
/bookings/mine/{booking}/cancel/                          login 3xx   403   403   403   3xx   3xx   403   403
/bookings/staff/{booking}/decide/                         login 403   403   403   403   3xx   3xx   403   403
/requests/staff/{request}/answer/                         login 403   403   403   403   3xx   3xx   403   403
/events/{event_page}/register/                            login 3xx   3xx   3xx   3xx   3xx   3xx   3xx   3xx
/organizations/staff/{missing}/decide/                    login 403   403   403   403   404   404   403   403
/organizations/{organization}/edit/                       login 403   400   403   403   403   403   403   403
# Wagtail pages
/_util/authenticate_with_password/{missing}/{home}/       404   404   404   404   404   404   404   404   404
/_util/login/                                             ok    ok    ok    ok    ok    ok    ok    ok    ok
/                                                         ok    ok    ok    ok    ok    ok    ok    ok    ok
{course_url}                                              ok    ok    ok    ok    ok    ok    ok    ok    ok
{lesson_url}                                              login ok    ok    ok    403   ok    ok    403   403
{assignment_url}                                          login ok    ok    ok    403   ok    ok    403   403
{publication_url}                                         ok    ok    ok    ok    ok    ok    ok    ok    ok
/town/                                                    ok    ok    ok    ok    ok    ok    ok    ok    ok
# writes with a form: someone else's object stays refused
/community/forums/{forum}/ban/{learner_id}/|reason=spam   login 403   403   3xx   404   3xx   3xx   404   404
/community/groups/{group}/invite/|email=learner4@campus.example login 403   3xx   403   403   403   403   403   403
/community/groups/{group}/meetings/|title=x&starts_at={next_month}T10:00&ends_at={next_month}T11:00&place=x login 403   3xx   403   403   403   403   403   403
/community/threads/{thread}/edit/|title=changed&body=changed&body_format=markdown login 3xx   404   404   404   404   404   404   404
/community/posts/{post}/edit/|body=changed&body_format=markdown login 3xx   404   404   404   404   404   404   404
/community/reviews/{review}/|score=5&comments=changed     login 400   404   403   404   403   403   404   404
/learn/approvals/|enrollment={enrollment}&decision=approve login 404   404   404   404   404   404   404   404
/organizations/{organization}/edit/|name=changed          login 403   400   403   403   403   403   403   403
# the research portal's bulk import: an empty form is bad input
/admin/research/import/                                   login 403   403   403   403   400   400   403   400
"""

OUTCOMES = {"ok", "login", "3xx", "400", "401", "403", "404", "405", "409"}
# answers that refuse: a refused POST writes nothing
REFUSALS = OUTCOMES - {"ok", "3xx"}
LANGUAGES_TECHNICAL = (
    "/healthz",
    "/readyz",
    "/metrics",
    "/csp-report",
    "/documents/",
    "/api/",
    "/sitemap.xml",
    "/robots.txt",
    "/favicon.ico",
    "/i18n/",
    "/calendar/",
    "/oai",
    "/lti/",
    "/admin/",
    "/django-admin/",
)


def rows(table: str) -> list[tuple[str, dict[str, str]]]:
    """(path, {role: outcome}) for each row of `table`."""
    from .permission_world import ROLES

    parsed = []
    for line in table.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        path, *cells = line.split()
        if len(cells) != len(ROLES) or not set(cells) <= OUTCOMES:
            raise ValueError(f"bad matrix row: {line!r}")
        parsed.append((path, dict(zip(ROLES, cells, strict=True))))
    return parsed


def localized(path: str) -> str | None:
    """The English twin of a Korean path, None where there is none: the
    technical URLs have no language, and a page's English twin has its own
    slug (the home page stands for them)."""
    if path.startswith(LANGUAGES_TECHNICAL) or path.startswith("{"):
        return None
    return "/en" + path


def markdown() -> str:
    """docs/permissions.md."""
    from .permission_world import ACCOUNTS, ROLES

    heads = ["anon", "A", "B", "inst", "inst2", "staff", "admin", "prtnr", "rsrch"]
    out = [
        "# Who may open what: the permission matrix",
        "",
        "Rendered from `tests/core/permission_matrix.py` by "
        "`python -m tests.core.permission_matrix > docs/permissions.md`; "
        "`tests/core/test_permission_matrix.py` asks every cell of the demo "
        "site and fails when an answer differs, when a URL pattern has no row, "
        "or when this page is out of date.",
        "",
        "## How it works",
        "",
        "- The test builds one world for the module: `seed_demo` plus the few objects "
        "the demo lacks (`tests/core/permission_world.py`), and signs in one "
        "session per role.",
        "- It walks Django's URL resolver: every pattern must be the pattern of "
        "at least one row (the Wagtail admin and Django's admin by a sample of "
        "their pages), and every row must resolve.",
        "- Each row is asked with GET by every role, in Korean; the URLs under "
        "the language prefix also in English (`/en/`) by anon and B.",
        "- Each URL that takes a POST is asked with an empty POST by every role; "
        "some rows add a form (after `|`) so that the refusal of someone else's "
        "object is tested with a write that would otherwise succeed.",
        "- A refused request (sign-in, 4xx), GET or POST, must not INSERT, UPDATE "
        "or DELETE anything but the session's bookkeeping.",
        "- A answers as the owner of the objects in the paths; B is another "
        "learner of the same run, so B's refusal is about the object, not the "
        "course: someone else's stay, certificate, submission, attempt or "
        "enrolment is 404 (or 403), never 200.",
        "",
        "## How to add a URL",
        "",
        "1. Add its path to `GET_MATRIX` in `tests/core/permission_matrix.py`, "
        "with the answer each role must get; name objects by `{ref}`. If it "
        "takes a POST, add it to `POST_MATRIX` too.",
        "2. If no ref fits, add one to `world_build` in "
        "`tests/core/permission_world.py` (a demo object, or one made with a "
        "service).",
        "3. Run `.venv/bin/pytest tests/core/test_permission_matrix.py`: a row "
        "that fails names each role's actual answer (status and redirect); "
        "decide for each whether it is right before you write it down, then "
        "render this page again.",
        "",
        "## Roles",
        "",
        "| column | who |",
        "|---|---|",
    ]
    for head, role in zip(heads, ROLES, strict=True):
        out.append(f"| {head} | {ACCOUNTS[role] or 'nobody signed in'} ({role}) |")
    out += [
        "",
        "Cells: `ok` 2xx · `login` sent to sign in · `3xx` sent elsewhere "
        "without content · `400` bad input · `401` no credentials (API) · "
        "`403` refused · `404` not found or not yours · `405` wrong method · "
        "`409` conflict.",
    ]
    for title, table in (
        ("GET", GET_MATRIX),
        ("POST (an empty form, or the form after `|`)", POST_MATRIX),
    ):
        out += ["", f"## {title}", ""]
        out.append("| path | " + " | ".join(heads) + " |")
        out.append("|---|" + "---|" * len(heads))
        for path, cells in rows(table):
            shown = path.replace("|", "\\|")
            out.append(
                f"| `{shown}` | " + " | ".join(cells[role] for role in ROLES) + " |"
            )
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    print(markdown(), end="")
