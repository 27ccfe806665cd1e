#include "lint/publicsuffixlist.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace cors;

Q_DECLARE_METATYPE(PublicSuffixList::Section)

// The system's Public Suffix List through libpsl (Debian's publicsuffix package).
class tst_PublicSuffixList : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void loadsTheSystemList();
    void sections_data();
    void sections();
    void registrableDomain_data();
    void registrableDomain();
    void topLevelDomains();
};

void tst_PublicSuffixList::loadsTheSystemList()
{
    const PublicSuffixList &list = PublicSuffixList::system();
    QVERIFY(list.isLoaded());
    QVERIFY(list.source().endsWith(u".dafsa"_s));
    QVERIFY(&list == &PublicSuffixList::system());
}

void tst_PublicSuffixList::sections_data()
{
    using S = PublicSuffixList::Section;
    QTest::addColumn<QString>("domain");
    QTest::addColumn<S>("suffix");
    QTest::addColumn<S>("children");
    QTest::newRow("com") << u"com"_s << S::Icann << S::Icann;
    QTest::newRow("co.uk") << u"co.uk"_s << S::Icann << S::Icann;
    QTest::newRow("github.io") << u"github.io"_s << S::Private << S::Private;
    QTest::newRow("s3.amazonaws.com") << u"s3.amazonaws.com"_s << S::Private << S::Private;
    QTest::newRow("herokuapp.com") << u"herokuapp.com"_s << S::Private << S::Private;
    // A wildcard entry ("*.compute.amazonaws.com"): libpsl counts the parent as a suffix too.
    QTest::newRow("compute.amazonaws.com") << u"compute.amazonaws.com"_s << S::Private << S::Private;
    QTest::newRow("example.com") << u"example.com"_s << S::None << S::None;
    QTest::newRow("acme.github.io") << u"acme.github.io"_s << S::None << S::None;
    // libpsl's implicit "*" rule is not applied: unknown names are not registries.
    QTest::newRow("unknown TLD") << u"example"_s << S::None << S::None;
    QTest::newRow("localhost") << u"localhost"_s << S::None << S::None;
}

void tst_PublicSuffixList::sections()
{
    QFETCH(QString, domain);
    QFETCH(PublicSuffixList::Section, suffix);
    QFETCH(PublicSuffixList::Section, children);
    const PublicSuffixList &list = PublicSuffixList::system();
    QCOMPARE(list.suffixSection(domain), suffix);
    QCOMPARE(list.childrenSection(domain), children);
}

void tst_PublicSuffixList::registrableDomain_data()
{
    QTest::addColumn<QString>("host");
    QTest::addColumn<QString>("registrable");
    QTest::newRow("www.example.com") << u"www.example.com"_s << u"example.com"_s;
    QTest::newRow("a.b.example.co.uk") << u"a.b.example.co.uk"_s << u"example.co.uk"_s;
    QTest::newRow("user content") << u"evil.github.io"_s << u"evil.github.io"_s;
    QTest::newRow("attacker placeholder") << u"example.com.evil.invalid"_s << u"evil.invalid"_s;
    QTest::newRow("reserved TLD") << u"shop.acme.example"_s << u"acme.example"_s;
    QTest::newRow("a suffix itself") << u"co.uk"_s << QString();
    QTest::newRow("IPv4") << u"192.168.1.1"_s << QString();
    QTest::newRow("IPv6") << u"[::1]"_s << QString();
}

void tst_PublicSuffixList::registrableDomain()
{
    QFETCH(QString, host);
    QFETCH(QString, registrable);
    QCOMPARE(PublicSuffixList::system().registrableDomain(host), registrable);
}

void tst_PublicSuffixList::topLevelDomains()
{
    const PublicSuffixList &list = PublicSuffixList::system();
    QVERIFY(list.hasKnownTopLevelDomain(u"example.com"_s));
    QVERIFY(list.hasKnownTopLevelDomain(u"example.community"_s));
    QVERIFY(list.hasKnownTopLevelDomain(u"10.0.0.1"_s));
    QVERIFY(!list.hasKnownTopLevelDomain(u"shop.acme.comm"_s));
    QVERIFY(!list.hasKnownTopLevelDomain(u"intranet"_s));
}

QTEST_GUILESS_MAIN(tst_PublicSuffixList)
#include "tst_publicsuffixlist.moc"
