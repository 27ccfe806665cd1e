#include "commands/documentedits.h"
#include "documentfixture.h"
#include "live/liveserver.h"
#include "mainwindow.h"
#include "models/livelogmodel.h"
#include "widgets/corsconfigurationpage.h"
#include "widgets/hardialog.h"
#include "widgets/livetestpanel.h"
#include "widgets/simulatorpanel.h"
#include "widgets/tenanteditor.h"
#include "widgets/tenantlistpanel.h"
#include "widgets/testcasespage.h"

#include <QApplication>
#include <QDir>
#include <QDockWidget>
#include <QImage>
#include <QJsonArray>
#include <QJsonObject>
#include <QLineEdit>
#include <QPalette>
#include <QSpinBox>
#include <QStyle>
#include <QStyleFactory>
#include <QTabWidget>
#include <QTableView>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace cors;
using cors::test::DocumentFixture;

// Renders the main window with the demo workspace, tab by tab, in a light and a dark palette,
// and saves PNGs to <build>/screenshots (and, with CORS_SCREENSHOT_DIR set, there: the README's
// pictures are made this way). Each picture is checked to show something: not blank, the size
// asked for, the widgets it is about visible.
class tst_Screenshots : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void everyTab_data();
    void everyTab();

private:
    void save(QWidget *window, const QString &name);
    QDir m_dir;
};

void tst_Screenshots::initTestCase()
{
    QApplication::setStyle(QStyleFactory::create(u"Fusion"_s));
    const QString dir = qEnvironmentVariableIsSet("CORS_SCREENSHOT_DIR")
        ? qEnvironmentVariable("CORS_SCREENSHOT_DIR")
        : QStringLiteral(CORS_BUILD_DIR "/screenshots");
    QVERIFY(QDir().mkpath(dir));
    m_dir = QDir(dir);
}

void tst_Screenshots::save(QWidget *window, const QString &name)
{
    const QImage image = window->grab().toImage();
    QCOMPARE(image.size(), window->size() * window->devicePixelRatio());
    // Not blank: many distinct colours (text, icons, frames).
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 7) {
        for (int x = 0; x < image.width(); x += 7)
            colours.insert(image.pixel(x, y));
    }
    QVERIFY2(colours.size() > 20, qPrintable(u"%1 looks blank (%2 colours)"_s.arg(name).arg(colours.size())));
    QVERIFY(image.save(m_dir.filePath(name + u".png"_s)));
}

void tst_Screenshots::everyTab_data()
{
    QTest::addColumn<bool>("dark");
    QTest::newRow("light") << false;
    QTest::newRow("dark") << true;
}

void tst_Screenshots::everyTab()
{
    QFETCH(bool, dark);
    if (dark) {
        QPalette palette;
        palette.setColor(QPalette::Window, QColor(0x2b, 0x2d, 0x30));
        palette.setColor(QPalette::WindowText, QColor(0xe6, 0xe6, 0xe6));
        palette.setColor(QPalette::Base, QColor(0x1f, 0x21, 0x23));
        palette.setColor(QPalette::AlternateBase, QColor(0x27, 0x29, 0x2c));
        palette.setColor(QPalette::Text, QColor(0xe6, 0xe6, 0xe6));
        palette.setColor(QPalette::Button, QColor(0x35, 0x37, 0x3a));
        palette.setColor(QPalette::ButtonText, QColor(0xe6, 0xe6, 0xe6));
        palette.setColor(QPalette::Highlight, QColor(0x3b, 0x82, 0xc4));
        palette.setColor(QPalette::HighlightedText, Qt::white);
        palette.setColor(QPalette::PlaceholderText, QColor(0x9a, 0x9d, 0xa1));
        palette.setColor(QPalette::Link, QColor(0x6c, 0xb4, 0xee));
        palette.setColor(QPalette::LinkVisited, QColor(0xb4, 0x9c, 0xee));
        palette.setColor(QPalette::Disabled, QPalette::Text, QColor(0x80, 0x80, 0x80));
        palette.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x80, 0x80, 0x80));
        QApplication::setPalette(palette);
    } else {
        QApplication::setPalette(QApplication::style()->standardPalette());
    }
    const QString suffix = dark ? u"-dark"_s : QString();

    // The status bar shows the workspace's file name: a short one, in a scratch directory.
    QTemporaryDir scratch;
    QVERIFY(scratch.isValid());
    const QString previous = QDir::currentPath();
    QDir::setCurrent(scratch.path());
    const QByteArray home = qgetenv("HOME");
    qputenv("HOME", scratch.path().toLocal8Bit()); // shown as ~/acme.corsworkspace
    auto *fixture = new DocumentFixture(u"acme.corsworkspace"_s);
    DocumentEdits(fixture->document.get())
        .importBundle(DocumentFixture::demoBundle(), ImportMode::Replace, u"demo"_s);
    // Saved test cases, as the Simulator's "Save as Test Case…" keeps them: the Test Cases tab
    // runs them against the rules.
    const auto fetch = [](const char *origin, const char *method, bool credentials) {
        QJsonObject object { { u"pageOrigin"_s, QLatin1StringView(origin) },
                             { u"url"_s, u"https://api.acme.example/v1/orders"_s },
                             { u"method"_s, QLatin1StringView(method) },
                             { u"headers"_s,
                               QJsonArray { QJsonArray { u"Content-Type"_s, u"application/json"_s } } } };
        if (credentials)
            object.insert(u"credentials"_s, u"include"_s);
        return QJsonArray { object };
    };
    DocumentEdits edits(fixture->document.get());
    edits.insertTestCase(0, 0,
                         { u"Shop places an order with its session cookie"_s,
                           {},
                           fetch("https://shop.acme.example", "POST", true),
                           TestCase::Verdict::Allowed,
                           TestCase::Verdict::Allowed });
    edits.insertTestCase(0, 1,
                         { u"Admin console edits an order"_s,
                           {},
                           fetch("https://eu.admin.acme.example", "PATCH", false),
                           TestCase::Verdict::Allowed,
                           TestCase::Verdict::Allowed });
    edits.insertTestCase(0, 2,
                         { u"Another site cannot cancel orders"_s,
                           {},
                           fetch("https://evil.example", "DELETE", false),
                           TestCase::Verdict::Blocked,
                           TestCase::Verdict::Blocked });
    fixture->document->undoStack()->clear();
    auto *window = new MainWindow(std::move(fixture->document));
    window->setAttribute(Qt::WA_DeleteOnClose, false);
    window->resize(1500, 940);
    window->show();
    QVERIFY(QTest::qWaitForWindowExposed(window));

    TenantEditor *editor = window->editor();
    window->tenantList()->setCurrentTenant(0);
    editor->showGeneralTab();
    window->simulator()->run();
    QApplication::processEvents();
    save(window, u"general"_s + suffix);

    editor->showCorsTab();
    editor->corsPage()->selectRule(1);
    window->simulator()->run();
    QApplication::processEvents();
    save(window, u"cors-configuration"_s + suffix);

    // A blocked request: the browser's own console message under the verdict.
    window->simulator()->pageOriginField()->setText(u"https://evil.example"_s);
    window->simulator()->run();
    QApplication::processEvents();
    QVERIFY(!window->simulator()->consoleMessage().isEmpty());
    save(window, u"simulator-blocked"_s + suffix);

    window->tenantList()->setCurrentTenant(2);
    editor->showApplicationsTab();
    QApplication::processEvents();
    save(window, u"applications"_s + suffix);

    window->tenantList()->setCurrentTenant(0);
    editor->showTestCasesTab();
    QCOMPARE(editor->testCasesPage()->runAll(), std::make_pair(3, 0)); // passed, failed
    QApplication::processEvents();
    save(window, u"test-cases"_s + suffix);

    // Live test: the server running, requests logged with their decisions.
    window->tenantList()->setCurrentTenant(0);
    editor->showCorsTab();
    LiveTestPanel *live = window->liveTest();
    live->apiPortField()->setValue(0);
    live->pagePortField()->setValue(0);
    QVERIFY(live->start());
    if (auto *dock = qobject_cast<QDockWidget *>(live->parentWidget())) {
        dock->show();
        dock->raise();
    }
    for (const QByteArray &origin :
         { QByteArray("https://shop.acme.example"), QByteArray("https://evil.example") }) {
        QTcpSocket socket;
        socket.connectToHost(u"127.0.0.1"_s, quint16(live->server()->apiUrl().port()));
        QVERIFY(socket.waitForConnected(5000));
        socket.write("OPTIONS /v1/orders HTTP/1.1\r\nHost: localhost\r\nOrigin: " + origin
                     + "\r\nAccess-Control-Request-Method: PUT\r\n\r\n");
        QTRY_VERIFY(socket.bytesAvailable() > 0 || socket.waitForReadyRead(10));
    }
    QTRY_COMPARE(live->log()->rowCount(), 2);
    live->logView()->setCurrentIndex(live->logView()->model()->index(1, 0));
    QApplication::processEvents();
    save(window, u"live-test"_s + suffix);
    live->stop();

    // A customer's HAR: what failed, the browser's message, and what the rules change.
    window->tenantList()->setCurrentTenant(0);
    if (HarDialog *har = window->openHarFile(
            QStringLiteral(CORS_SOURCE_DIR "/tests/import/data/chromium-failed-preflight.har"))) {
        har->show();
        QVERIFY(QTest::qWaitForWindowExposed(har));
        save(har, u"har"_s + suffix);
        delete har;
    } else {
        QFAIL("the HAR fixture did not open");
    }

    window->close();
    delete window;
    delete fixture;
    QDir::setCurrent(previous);
    qputenv("HOME", home);
}

QTEST_MAIN(tst_Screenshots)
#include "tst_screenshots.moc"
