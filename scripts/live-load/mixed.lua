-- Preflights and actual requests in turn (as a page's fetches make them), until LIMIT responses
-- have come back; then wrk exits at once (a timed run would sleep out its whole duration). The
-- memory figure is "after 100,000 requests" (and the few still in flight), not after however many
-- a timed run manages.
local limit = tonumber(os.getenv("LIMIT") or "100000")
local count, errors, sent = 0, 0, 0
local started
local preflight, actual

function init(args)
    -- Here rather than at the top: wrk sets the Host header only after loading the script.
    preflight = wrk.format("OPTIONS", nil, {
        ["Host"] = wrk.headers["Host"],
        ["Origin"] = "http://localhost:3000",
        ["Access-Control-Request-Method"] = "PUT",
        ["Access-Control-Request-Headers"] = "content-type",
        ["Accept"] = "*/*",
    })
    actual = wrk.format("PUT", nil, {
        ["Host"] = wrk.headers["Host"],
        ["Origin"] = "http://localhost:3000",
        ["Content-Type"] = "application/json",
        ["Accept"] = "*/*",
    }, '{"sku":"A-1","qty":2}')
    started = os.time()
end

function request()
    sent = sent + 1
    if sent % 2 == 1 then return preflight end
    return actual
end

function response(status, headers, body)
    count = count + 1
    if status >= 300 then errors = errors + 1 end
    if count >= limit then
        io.write(string.format("%d responses (%d not 2xx) in about %d s\n", count, errors, os.time() - started))
        io.flush()
        os.exit(0)
    end
end
