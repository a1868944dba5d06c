# Production image of Hausportal: gunicorn serves the portal, whitenoise its static files.
FROM node:20-bookworm-slim AS assets
WORKDIR /build
COPY package.json ./
RUN npm install --omit=dev --no-audit --no-fund --no-package-lock

FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
RUN apt-get update && apt-get install -y --no-install-recommends gettext \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --create-home --uid 1000 hausportal
WORKDIR /app
COPY requirements.txt ./
RUN pip install -r requirements.txt
COPY --from=assets /build/node_modules/bootstrap ./node_modules/bootstrap
COPY . .
# Build-time values only: compile translations and collect static files.
RUN DEBUG=false SECRET_KEY=build-only ALLOWED_HOSTS=localhost python manage.py compilemessages --ignore=node_modules -v0 \
    && DEBUG=false SECRET_KEY=build-only ALLOWED_HOSTS=localhost python manage.py collectstatic --no-input -v0 \
    && mkdir -p /app/media /app/var /app/static-root && chown -R hausportal /app/media /app/var /app/static-root
USER hausportal
EXPOSE 8000
CMD ["gunicorn", "house.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
