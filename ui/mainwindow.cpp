#include "mainwindow.h"

#include "corsversion.h"

#include <QLabel>
#include <QListWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace cors {

MainWindow::MainWindow(const Bundle &bundle, QWidget *parent)
    : QMainWindow(parent)
{
    setWindowTitle(u"CORS Studio"_s);
    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    auto *intro = new QLabel(
        u"<h2>CORS Studio %1</h2><p>Design per-origin CORS rules, see what Chromium and Firefox will do with "
        "them, test them live, and export them for your servers.</p><p>Tenants in this workspace:</p>"_s.arg(
            QString::fromLatin1(CORS_STUDIO_VERSION)),
        central);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    auto *tenants = new QListWidget(central);
    for (const Tenant &tenant : bundle.tenants) {
        tenants->addItem(u"%1 — %2 profile, %3 rule(s)"_s.arg(tenant.name, profileName(tenant.profile))
                             .arg(tenant.rules.size()));
    }
    layout->addWidget(tenants);
    setCentralWidget(central);
    resize(720, 480);
}

} // namespace cors
