-- The actual request after it: a cross-origin PUT with a JSON body, answered by the mock backend.
wrk.method = "PUT"
wrk.body = '{"sku":"A-1","qty":2}'
wrk.headers["Origin"] = "http://localhost:3000"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = "*/*"
