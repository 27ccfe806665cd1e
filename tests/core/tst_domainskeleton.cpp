#include "lint/domainskeleton.h"

#include <QTest>
#include <QUrl>

using namespace Qt::StringLiterals;
using namespace cors;

class tst_DomainSkeleton : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void lookalikesShareASkeleton_data();
    void lookalikesShareASkeleton();
    void homographs_data();
    void homographs();
};

void tst_DomainSkeleton::lookalikesShareASkeleton_data()
{
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::addColumn<bool>("same");
    QTest::newRow("rn/m") << u"acrne.example"_s << u"acme.example"_s << true;
    QTest::newRow("1/l") << u"paypa1.com"_s << u"paypal.com"_s << true;
    QTest::newRow("0/o") << u"g00gle.com"_s << u"google.com"_s << true;
    QTest::newRow("vv/w") << u"vvidget.com"_s << u"widget.com"_s << true;
    QTest::newRow("cyrillic a") << QString::fromLatin1(QUrl::toAce(u"\u0430pple.com"_s)) << u"apple.com"_s
                                << true;
    QTest::newRow("different names") << u"shop1.com"_s << u"shop2.com"_s << false;
    QTest::newRow("different names 2") << u"acme.example"_s << u"acne.example"_s << false;
}

void tst_DomainSkeleton::lookalikesShareASkeleton()
{
    QFETCH(QString, a);
    QFETCH(QString, b);
    QFETCH(bool, same);
    QCOMPARE(DomainSkeleton::of(a) == DomainSkeleton::of(b), same);
}

void tst_DomainSkeleton::homographs_data()
{
    QTest::addColumn<QString>("unicode");
    QTest::addColumn<bool>("homograph");
    QTest::newRow("plain ASCII") << u"apple.com"_s << false;
    QTest::newRow("Cyrillic a among Latin") << u"\u0430pple.com"_s << true;
    QTest::newRow("all-Cyrillic look-alike") << u"\u0430\u0440\u0440\u04CF\u0435.com"_s << true;
    QTest::newRow("real Cyrillic word") << u"\u043F\u0440\u0438\u043C\u0435\u0440.com"_s << false;
    QTest::newRow("German umlaut") << u"b\u00FCcher.example"_s << false;
}

void tst_DomainSkeleton::homographs()
{
    QFETCH(QString, unicode);
    QFETCH(bool, homograph);
    const QString ascii = QString::fromLatin1(QUrl::toAce(unicode));
    QCOMPARE(DomainSkeleton::isHomograph(ascii), homograph);
}

QTEST_GUILESS_MAIN(tst_DomainSkeleton)
#include "tst_domainskeleton.moc"
