"""
URL configuration.

/api/v1/        the articles app (viewsets behind a router)
/accounts/      sign-up, token sign-in, JWT sign-in (the accounts app)
/api/schema/    the OpenAPI 3 schema, /api/docs/ its Swagger UI page
/admin/         Django's admin, where staff moderate
"""

from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from . import views

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", include("articles.urls")),
    path("accounts/", include("accounts.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="docs"),
]

# With DEBUG off, Django's own refusals answer JSON like the rest of the API.
handler400 = views.bad_request
handler403 = views.permission_denied
handler404 = views.not_found
handler500 = views.server_error
