# The production image (README, "Deploying"): the runtime dependencies from the lock file with
# hashes, production settings, static files collected at build time, gunicorn as a non-root
# user. A second target, `proxy`, is Caddy with the same build's static files.
#
#   docker build -t wo2030-app .                  # the application
#   docker build --target proxy -t wo2030-proxy .  # the reverse proxy
# compose.yaml builds both.

FROM python:3.11-slim-bookworm AS app

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PATH=/opt/venv/bin:$PATH \
    DJANGO_SETTINGS_MODULE=website.settings.production

# Only what the site needs to run, exactly as locked (no test tools, every file hashed).
COPY requirements.lock /tmp/requirements.lock
RUN python -m venv /opt/venv \
    && pip install --no-deps --require-hashes -r /tmp/requirements.lock \
    && rm /tmp/requirements.lock

WORKDIR /app
COPY . /app

# Static files are hashed and compressed once, here; the secret exists only for this step.
RUN SECRET_KEY="$(python -c 'import secrets; print(secrets.token_urlsafe(64))')" \
    python manage.py collectstatic --noinput --verbosity 0

# Code and static files belong to root and are read-only for the app; uploads go to a volume.
RUN useradd --system --uid 10001 --user-group --home-dir /app --no-create-home app \
    && mkdir -p /app/media \
    && chown app:app /app/media
USER app

EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 \
    CMD ["python", "deploy/healthcheck.py"]
# Worker count and timeouts: website/gunicorn.conf.py. The bind here is for the container.
CMD ["gunicorn", "--config", "website/gunicorn.conf.py", "--bind", "0.0.0.0:8000", "website.wsgi"]


FROM caddy:2-alpine AS proxy
COPY deploy/Caddyfile /etc/caddy/Caddyfile
COPY --from=app /app/staticfiles /srv/static
