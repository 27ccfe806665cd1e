-- A CORS preflight as Chromium sends it for fetch(url, {method: 'PUT', headers: {'Content-Type':
-- 'application/json'}}) from a front-end dev server, which the demo's acme-storefront allows.
wrk.method = "OPTIONS"
wrk.headers["Origin"] = "http://localhost:3000"
wrk.headers["Access-Control-Request-Method"] = "PUT"
wrk.headers["Access-Control-Request-Headers"] = "content-type"
wrk.headers["Accept"] = "*/*"
