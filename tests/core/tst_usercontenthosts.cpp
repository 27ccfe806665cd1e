#include "lint/publicsuffixlist.h"
#include "lint/usercontenthosts.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace cors;

// The small list of user-content hosting domains the Public Suffix List lacks.
class tst_UserContentHosts : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void entriesAreRegistrableDomains();
    void lookup();
};

void tst_UserContentHosts::entriesAreRegistrableDomains()
{
    // Each entry is a lower-case domain that one company registered (never a registry such as
    // "app"), so *.<entry> spans that company's customers and nobody else.
    const PublicSuffixList &psl = PublicSuffixList::system();
    for (const QString &domain : UserContentHosts::domains()) {
        QCOMPARE(domain, domain.toLower());
        QVERIFY2(psl.suffixSection(domain) != PublicSuffixList::Section::Icann, qPrintable(domain));
        QVERIFY2(psl.hasKnownTopLevelDomain(domain), qPrintable(domain));
    }
}

void tst_UserContentHosts::lookup()
{
    QVERIFY(UserContentHosts::contains(u"surge.sh"));
    QVERIFY(UserContentHosts::contains(u"wordpress.com"));
    QVERIFY(!UserContentHosts::contains(u"acme.surge.sh"));
    QVERIFY(!UserContentHosts::contains(u"example.com"));
}

QTEST_GUILESS_MAIN(tst_UserContentHosts)
#include "tst_usercontenthosts.moc"
