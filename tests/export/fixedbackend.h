#pragma once

#include <QThread>

#include <atomic>

namespace cors::test {

// The engine's default backend as a real HTTP server on loopback, for servers that proxy (the
// Apache test): every request, whatever its method, gets 200 {"status":"200"} as
// application/json without CORS headers (HttpResponse::defaultBackend()). It runs in its own
// thread, one connection at a time, and stops when destroyed.
class FixedBackend : public QThread
{
public:
    explicit FixedBackend(quint16 port);
    ~FixedBackend() override;
    bool waitUntilListening();

protected:
    void run() override;

private:
    quint16 m_port;
    std::atomic<bool> m_stop = false;
    std::atomic<int> m_listening = 0; // 0 pending, 1 listening, -1 failed
};

} // namespace cors::test
