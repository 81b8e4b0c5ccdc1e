from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from lantu.core import crud
from lantu.core.health import health
from lantu.core.views import LoginView, audit_log
from lantu.division import pages as _division_pages  # noqa: F401  (registers pages)
from lantu.division import transfer
from lantu.division import views as division_views
from lantu.indicators import views as indicator_views
from lantu.ingest import views as ingest_views
from lantu.organizations import views as organization_views
from lantu.plans import views as plan_views
from lantu.projects import views as _projects  # noqa: F401
from lantu.tasks import views as _tasks  # noqa: F401

urlpatterns = [
    path("", plan_views.home, name="home"),
    path("healthz", health, name="healthz"),
    path("accounts/login/", LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("plans/<int:pk>/home/", plan_views.plan_home, name="plan-home"),
    path("plans/<int:pk>/outline.docx", plan_views.outline_docx, name="plan-outline-docx"),
    path("plans/<int:pk>/division.xlsx", transfer.export_xlsx, name="division-xlsx"),
    path("plans/<int:pk>/division.docx", transfer.export_docx, name="division-docx"),
    path("plans/<int:pk>/division/import/", transfer.upload, name="division-import"),
    path("plans/<int:pk>/division/apply/", transfer.apply, name="division-import-apply"),
    path("division/mine/", division_views.mine, name="division-mine"),
    path("audit/", audit_log, name="audit-log"),
    path("imports/", ingest_views.import_list, name="import-list"),
    path("imports/new/", ingest_views.upload, name="import-upload"),
    path("imports/<int:pk>/", ingest_views.review, name="import-review"),
    path("imports/<int:pk>/decide/", ingest_views.decide, name="import-decide"),
    path("imports/<int:pk>/apply/", ingest_views.apply, name="import-apply"),
    path("imports/<int:pk>/discard/", ingest_views.discard, name="import-discard"),
    path("imports/<int:pk>/findings/<int:finding_id>/", ingest_views.edit, name="import-edit"),
    path("people/<int:pk>/password/", organization_views.set_password_view, name="people-password"),
    path("readings/target/", indicator_views.reading, name="target-reading"),
    path("readings/timenode/", division_views.timenode_reading, name="timenode-reading"),
    path("", include("lantu.reporting.urls")),
    path("", include("lantu.monitoring.urls")),
    path("", include("lantu.monitoring.views_dashboard")),
    path("api/v1/", include("lantu.api.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("django-admin/", admin.site.urls),
    *crud.urlpatterns(),
]
