#pragma once

#include <QObject>

class QSocketNotifier;

namespace cors::cli {

// SIGINT and SIGTERM as a Qt signal, so that `corsctl serve` shuts down from its event loop:
// the handler only writes the signal's number to a socket pair (async-signal-safe), whose other
// end a QSocketNotifier reads (the pattern of Qt's "Calling Qt Functions From Unix Signal
// Handlers"). One instance per process.
class ShutdownSignals : public QObject
{
    Q_OBJECT

public:
    explicit ShutdownSignals(QObject *parent = nullptr);
    ~ShutdownSignals() override;

    bool isValid() const { return m_notifier != nullptr; }

Q_SIGNALS:
    void received(int signal);

private:
    static void handle(int signal);
    void read();

    QSocketNotifier *m_notifier = nullptr;
};

} // namespace cors::cli
