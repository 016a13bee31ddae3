# Weerbaar production image: gunicorn behind a TLS-terminating proxy, static files by whitenoise.
#   docker build -t weerbaar .
#   docker run -e SECRET_KEY=... -e ALLOWED_HOSTS=weerbaar.example -e DATABASE_URL=postgres://... \
#              -e REDIS_URL=redis://... -p 8000:8000 weerbaar
# The entry point migrates, then execs gunicorn; see scripts/start-production.sh for its settings.

# --- Builder: resolve nothing, install exactly the hashed lock file into /opt/venv.
FROM python:3.11-slim AS builder

ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    UV_NO_CACHE=1

RUN python -m venv /opt/venv \
    && pip install uv==0.13.9

COPY requirements/base.txt /tmp/requirements/base.txt
RUN uv pip install --python /opt/venv/bin/python --require-hashes -r /tmp/requirements/base.txt


# --- Final: the venv, the application, a non-root user.
FROM python:3.11-slim

ENV PATH="/opt/venv/bin:${PATH}" \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=config.settings.production

# WeasyPrint renders the PDF certificates with the system's Pango, HarfBuzz and fonts; search
# splits Dutch compounds with the OpenTaal word list of hunspell-nl.
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
       libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core hunspell-nl \
    && rm -rf /var/lib/apt/lists/*

RUN groupadd --system --gid 10001 weerbaar \
    && useradd --system --uid 10001 --gid weerbaar --home-dir /app --no-create-home \
       --shell /usr/sbin/nologin weerbaar

COPY --from=builder /opt/venv /opt/venv

WORKDIR /app
# Code stays owned by root, so the running process cannot rewrite it.
COPY . /app

# Static files are collected into the image (whitenoise serves them with far-future headers).
# The secret key and host below exist for this one build step only; they are not in the image's
# environment and the production settings refuse to start without real ones.
RUN chmod 0755 /app/scripts/start-production.sh \
    && SECRET_KEY=build-only-collectstatic-not-a-secret \
       ALLOWED_HOSTS=localhost \
       DJANGO_SETTINGS_MODULE=config.settings.production \
       python manage.py collectstatic --noinput \
    && mkdir -p /app/media \
    && chown -R weerbaar:weerbaar /app/media /app/staticfiles

USER weerbaar:weerbaar

EXPOSE 8000
# Inside the container the app listens on every interface so the proxy can reach it; publish the
# port only to the proxy's network, and set TRUSTED_PROXY_IPS to the proxy's address.
ENV BIND=0.0.0.0:8000

# Plain HTTP on the loopback interface (/healthz/ is exempt from the HTTPS redirect). The Host
# header is the first ALLOWED_HOSTS entry, so the check passes host validation.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import os, sys, urllib.request; host = (os.environ.get('ALLOWED_HOSTS', '').split(',')[0].strip().lstrip('.') or '127.0.0.1').replace('*', '127.0.0.1'); request = urllib.request.Request('http://127.0.0.1:8000/healthz/', headers={'Host': host}); sys.exit(0 if urllib.request.urlopen(request, timeout=4).status == 200 else 1)"]

ENTRYPOINT ["/app/scripts/start-production.sh"]
