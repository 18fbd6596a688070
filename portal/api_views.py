"""The partners' API documentation: the OpenAPI schema and ReDoc, both served by the project.

ReDoc comes from drf-spectacular's sidecar package (pinned with the dependencies, served by
WhiteNoise), so the page works under the site's CSP with no CDN. ReDoc writes its styles in
`<style>` elements (styled-components) and runs its search in a worker built from a `blob:` URL:
this page alone allows styles carrying the request's nonce and `blob:` workers.
"""

from csp.constants import NONCE, SELF
from csp.decorators import csp_update
from django.utils.decorators import method_decorator
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from drf_spectacular.settings import spectacular_settings
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView


class ApiSchemaView(SpectacularAPIView):
    """The schema, with a `Content-Disposition` any client can parse.

    drf-spectacular names the file after the title ("Mes Droits — API"); Django then encodes the
    non-Latin-1 dash as RFC 2047, which is not valid in this header (RFC 6266). The file name is
    an ASCII slug instead.
    """

    def _get_schema_response(self, request):
        response = super()._get_schema_response(request)
        suffix = self.perform_content_negotiation(request, force=True)[0].format
        filename = f"{slugify(spectacular_settings.TITLE) or 'schema'}.{suffix}"
        response.headers["Content-Disposition"] = content_disposition_header(False, filename)
        return response


@method_decorator(csp_update({"style-src": [NONCE], "worker-src": [SELF, "blob:"]}), name="dispatch")
class ApiDocsView(SpectacularRedocView):
    template_name = "portal/api_docs.html"
