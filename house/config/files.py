"""Static files, uploaded media and their limits, and form rendering."""

from pathlib import Path

from house.config.core import DEBUG
from house.config.env import BASE_DIR, env_int, env_str

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [
    BASE_DIR / "static",
    # Installed by `npm install` from package.json; nothing is copied into the repository.
    ("vendor/bootstrap", BASE_DIR / "node_modules" / "bootstrap" / "dist"),
    ("vendor/htmx", BASE_DIR / "node_modules" / "htmx.org" / "dist"),
]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
# Uploaded images (event images, logos, room photos) are refused above these limits
# and otherwise re-encoded without their metadata (house/images.py). A field may ask
# for a lower size (logos: 2 MB).
UPLOAD_IMAGE_MAX_MB = env_int("UPLOAD_IMAGE_MAX_MB", 10)
UPLOAD_IMAGE_MAX_MEGAPIXELS = env_int("UPLOAD_IMAGE_MAX_MEGAPIXELS", 25)
UPLOAD_IMAGE_MAX_SIDE = env_int("UPLOAD_IMAGE_MAX_SIDE", 8000)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"
